// `allot replay JOURNAL`: rebuilds the engine state from a journal written by
// `allot apply --journal` (docs/reliability.md) and prints
// {"journal": {"commands", "dropped_tail"}, "state", "events"}, the state and
// events as `allot apply` prints them. A torn tail is dropped with a warning
// on stderr (the file is not changed); a journal that cannot be replayed is
// refused with exit status 2.
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

int RunReplay(const std::string& path) {
  absl::StatusOr<JournalContents> contents = ReadJournal(path);
  if (!contents.ok()) return ReportError(contents.status());
  if (contents->dropped_tail)
    std::fprintf(stderr, "warning: %s\n", contents->dropped_tail->c_str());
  absl::StatusOr<std::unique_ptr<Engine>> engine = ReplayJournal(*contents);
  if (!engine.ok()) return ReportError(engine.status());

  Output output;
  std::string& out = output.buffer();
  out.append("{\"journal\":{\"commands\":");
  io_internal::AppendJsonInt(&out, static_cast<int64_t>(contents->commands.size()));
  out.append(",\"dropped_tail\":");
  if (contents->dropped_tail) {
    io_internal::AppendJsonString(&out, *contents->dropped_tail);
  } else {
    out.append("null");
  }
  out.append("},\"state\":");
  (*engine)->Read([&](const EngineView& view) {
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
  auto path = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "replay",
      "Rebuild the state from a journal of `allot apply --journal` (docs/reliability.md)");
  cmd->add_option("journal", *path, "Journal file")->required();
  cmd->callback([path, exit_code] { *exit_code = RunReplay(*path); });
}

}  // namespace allot::cli
