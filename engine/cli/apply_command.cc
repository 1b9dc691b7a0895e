// `allot apply FILE.json`: builds an engine from the scenario part of the
// file, runs its `commands` in order and prints {"results", "state",
// "events"} (docs/formats.md). A command that fails is a result, not an
// error; a file that cannot be read or whose scenario part is malformed is
// refused with exit status 2.
//
// With --journal FILE, every command that succeeds is appended to the journal
// (allot/journal.h) before the next one runs. A missing or empty FILE starts
// a new journal from the file's scenario and "now"; an existing one is
// recovered first (a torn tail is cut off, with a message on stderr) and the
// file's commands apply on top of the recovered state: its scenario part is
// then only validated. `allot replay FILE` prints the journaled state.
//
// With --snapshot SNAP as well, recovery starts from the snapshot (when it
// exists) and replays only the journal commands after it; a snapshot is
// taken, and a new journal segment started after it, every N journaled
// commands with --snapshot-every N, or once after the file's commands
// without it (docs/reliability.md).
#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "allot/engine.h"
#include "allot/journal.h"
#include "allot/scenario.h"
#include "allot/snapshot.h"
#include "commands.h"
#include "exit_codes.h"
#include "io/json_reader.h"
#include "lifecycle/command_json.h"
#include "lifecycle/state_json.h"
#include "lifecycle/time.h"

namespace allot::cli {
namespace {

namespace dom = io_internal::dom;

struct ApplyFlags {
  std::string path;
  std::string journal;
  std::string snapshot;
  int64_t snapshot_every = 0;
  bool no_sync = false;
};

bool NonEmptyFile(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && st.st_size > 0;
}

int RunApply(const ApplyFlags& flags) {
  const std::string& path = flags.path;
  absl::StatusOr<std::string> text = ReadFile(path);
  if (!text.ok()) return ReportError(text.status());
  absl::StatusOr<Scenario> scenario = ParseScenario(*text, /*require_orders=*/false);
  if (!scenario.ok()) return ReportError(scenario.status());

  // The parts of the file that are not the scenario: "now" and "commands".
  const ScenarioLimits limits;
  io_internal::Problems problems(limits.max_problems_reported);
  dom::parser parser;
  std::optional<dom::element> root =
      io_internal::ParseDocument(parser, *text, limits.max_depth, problems);
  if (!root) return ReportError(problems.ToStatus());
  std::optional<dom::object> top = io_internal::AsObject(*root, "(document)", problems);
  if (!top) return ReportError(problems.ToStatus());
  int64_t now = 0;
  if (auto s = io_internal::GetString(*top, "now", "now", io_internal::Need::kOptional, true, 64,
                                      problems)) {
    if (std::optional<int64_t> t = lifecycle_internal::ParseTime(*s)) {
      now = *t;
    } else {
      problems.Add("now", "must be an RFC 3339 time such as \"2026-11-24T09:00:00Z\"");
    }
  }
  std::optional<dom::array> commands =
      io_internal::GetArray(*top, "commands", "commands", io_internal::Need::kOptional, problems);
  // Commands past this are refused whole (docs/reliability.md, input limits).
  constexpr size_t kMaxCommands = 1'000'000;
  if (commands && commands->size() > kMaxCommands) {
    problems.Add("commands",
                 absl::StrCat("at most ", kMaxCommands, " commands, got ", commands->size()));
  }
  if (!problems.empty()) return ReportError(problems.ToStatus());

  if (flags.journal.empty() && (!flags.snapshot.empty() || flags.snapshot_every > 0)) {
    return ReportError(absl::InvalidArgumentError("--snapshot needs --journal"));
  }
  if (flags.snapshot_every < 0 || (flags.snapshot_every > 0 && flags.snapshot.empty())) {
    return ReportError(
        absl::InvalidArgumentError("--snapshot-every: needs --snapshot and a count >= 1"));
  }

  absl::StatusOr<std::unique_ptr<Engine>> engine;
  std::unique_ptr<JournalWriter> journal;
  std::string journal_id;
  int64_t position = 0;        // journal commands the engine's state includes
  int64_t last_snapshot = -1;  // position of the last snapshot
  JournalOptions journal_options;
  journal_options.sync_every_record = !flags.no_sync;
  if (!flags.journal.empty() && NonEmptyFile(flags.journal)) {
    absl::StatusOr<RecoveredEngine> recovered = RecoverEngine(flags.journal, flags.snapshot);
    if (!recovered.ok()) return ReportError(recovered.status());
    if (recovered->dropped_tail) {
      std::fprintf(stderr, "warning: %s\n", recovered->dropped_tail->c_str());
    }
    journal_id = recovered->journal_id;
    position = recovered->commands;
    last_snapshot = recovered->snapshot_commands;
    absl::StatusOr<std::unique_ptr<JournalWriter>> w =
        recovered->needs_new_segment
            ? JournalWriter::CreateSegment(
                  flags.journal, JournalSegmentRecord(journal_id, position), journal_options)
            : JournalWriter::OpenForAppend(flags.journal, recovered->journal_valid_bytes,
                                           journal_options);
    if (!w.ok()) return ReportError(w.status());
    journal = *std::move(w);
    engine = std::move(recovered->engine);
  } else {
    if (!flags.snapshot.empty() && NonEmptyFile(flags.snapshot)) {
      return ReportError(absl::FailedPreconditionError(
          absl::StrCat("snapshot ", flags.snapshot, " exists but journal ", flags.journal,
                       " does not; the snapshot belongs to another journal")));
    }
    std::string base;
    if (!flags.journal.empty()) {
      journal_id = NewJournalId();
      base = JournalBaseRecord(*scenario, now, journal_id);
    }
    engine = Engine::Create(*std::move(scenario), {.now = now});
    if (!engine.ok()) return ReportError(absl::InvalidArgumentError(engine.status().message()));
    if (!flags.journal.empty()) {
      std::remove(flags.journal.c_str());  // an empty file left by an earlier failure
      absl::StatusOr<std::unique_ptr<JournalWriter>> w =
          JournalWriter::Create(flags.journal, base, journal_options);
      if (!w.ok()) return ReportError(w.status());
      journal = *std::move(w);
    }
  }

  Output output;
  std::string& out = output.buffer();
  out.append("{\"results\":[");
  size_t index = 0;
  if (commands) {
    for (dom::element command : *commands) {
      if (index > 0) out.push_back(',');
      lifecycle_internal::CommandOutcome outcome = lifecycle_internal::ApplyCommand(
          **engine, command, io_internal::IndexPath("commands", index));
      if (journal && outcome.status.ok()) {
        // Not durable means not done: stop before anything else depends on it.
        absl::Status s = journal->Append(simdjson::minify(command));
        if (!s.ok()) return ReportError(s);
        ++position;
        if (flags.snapshot_every > 0 &&
            position - std::max<int64_t>(last_snapshot, 0) >= flags.snapshot_every) {
          absl::StatusOr<std::unique_ptr<JournalWriter>> w =
              SnapshotAndStartSegment(**engine, position, journal_id, flags.journal, flags.snapshot,
                                      journal.get(), journal_options);
          if (!w.ok()) return ReportError(w.status());
          journal = *std::move(w);
          last_snapshot = position;
        }
      }
      lifecycle_internal::AppendResultJson(index, outcome, &out);
      ++index;
    }
  }
  if (journal && !flags.snapshot.empty() && flags.snapshot_every == 0 &&
      position != last_snapshot) {
    absl::StatusOr<std::unique_ptr<JournalWriter>> w =
        SnapshotAndStartSegment(**engine, position, journal_id, flags.journal, flags.snapshot,
                                journal.get(), journal_options);
    if (!w.ok()) return ReportError(w.status());
  }
  out.append("],\"state\":");
  lifecycle_internal::AppendStateJson(**engine, &out);
  out.append(",\"events\":");
  lifecycle_internal::AppendEventsJson((*engine)->events(), &out);
  out.append("}\n");
  if (!output.Flush()) return ReportError(absl::DataLossError("writing stdout failed"));
  return kExitOk;
}

}  // namespace

void RegisterApplyCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<ApplyFlags>();
  CLI::App* cmd =
      app.add_subcommand("apply", "Run lifecycle commands against a scenario (docs/lifecycle.md)");
  cmd->add_option("file", flags->path,
                  "Scenario JSON with \"now\" and \"commands\" (docs/formats.md)")
      ->required();
  cmd->add_option("--journal", flags->journal,
                  "Append each applied command to this journal; recover from it when it exists "
                  "(docs/reliability.md)");
  cmd->add_option("--snapshot", flags->snapshot,
                  "With --journal: recover from this snapshot plus the journal after it, and "
                  "write snapshots here (docs/reliability.md)");
  cmd->add_option("--snapshot-every", flags->snapshot_every,
                  "With --snapshot: take a snapshot and start a new journal segment every N "
                  "journaled commands (default: once, after the file's commands)");
  cmd->add_flag("--no-sync", flags->no_sync,
                "With --journal: do not fdatasync per command (survives a killed process, not a "
                "power failure)");
  cmd->callback([flags, exit_code] { *exit_code = RunApply(*flags); });
}

}  // namespace allot::cli
