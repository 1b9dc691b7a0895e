// `allot replay JOURNAL [--snapshot SNAP]`: rebuilds the engine state from a
// journal written by `allot apply --journal` (docs/reliability.md), starting
// from the snapshot when one is given and exists, and prints
// {"journal": {"commands", "snapshot_commands", "replayed", "dropped_tail"},
// "state", "events"}, the state and events as `allot apply` prints them. A torn tail is dropped
// with a warning on stderr (the file is not changed); a journal that cannot be replayed is refused
// with exit status 2.
#include <cstdio>
#include <memory>
#include <string>

#include "allot/journal.h"
#include "commands.h"
#include "exit_codes.h"
#include "io/json_writer.h"
#include "lifecycle/state_json.h"

namespace allot::cli {
namespace {

struct ReplayFlags {
  std::string journal;
  std::string snapshot;
};

int RunReplay(const ReplayFlags& flags) {
  absl::StatusOr<RecoveredEngine> recovered = RecoverEngine(flags.journal, flags.snapshot);
  if (!recovered.ok()) return ReportError(recovered.status());
  if (recovered->dropped_tail) {
    std::fprintf(stderr, "warning: %s\n", recovered->dropped_tail->c_str());
  }
  const std::unique_ptr<Engine>& engine = recovered->engine;

  Output output;
  std::string& out = output.buffer();
  out.append("{\"journal\":{\"commands\":");
  io_internal::AppendJsonInt(&out, recovered->commands);
  out.append(",\"snapshot_commands\":");
  if (recovered->snapshot_commands >= 0) {
    io_internal::AppendJsonInt(&out, recovered->snapshot_commands);
  } else {
    out.append("null");
  }
  out.append(",\"replayed\":");
  io_internal::AppendJsonInt(&out, recovered->replayed);
  out.append(",\"dropped_tail\":");
  if (recovered->dropped_tail) {
    io_internal::AppendJsonString(&out, *recovered->dropped_tail);
  } else {
    out.append("null");
  }
  out.append("},\"state\":");
  engine->Read([&](const EngineView& view) {
    lifecycle_internal::AppendStateJson(view, &out);
    out.append(",\"events\":");
    lifecycle_internal::AppendEventsJson(view.events(), &out);
  });
  out.append("}\n");
  if (!output.Flush()) return ReportError(absl::DataLossError("writing stdout failed"));
  return kExitOk;
}

}  // namespace

void RegisterReplayCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<ReplayFlags>();
  CLI::App* cmd = app.add_subcommand(
      "replay",
      "Rebuild the state from a journal of `allot apply --journal` (docs/reliability.md)");
  cmd->add_option("journal", flags->journal, "Journal file")->required();
  cmd->add_option("--snapshot", flags->snapshot,
                  "Start from this snapshot (when it exists) and replay only the journal after it");
  cmd->callback([flags, exit_code] { *exit_code = RunReplay(*flags); });
}

}  // namespace allot::cli
