// `allot apply FILE.json`: builds an engine from the scenario part of the
// file, runs its `commands` in order and prints {"results", "state",
// "events"} (docs/formats.md). A command that fails is a result, not an
// error; a file that cannot be read or whose scenario part is malformed is
// refused with exit status 2.
#include <cstdio>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "allot/engine.h"
#include "allot/scenario.h"
#include "commands.h"
#include "exit_codes.h"
#include "io/json_reader.h"
#include "lifecycle/command_json.h"
#include "lifecycle/state_json.h"
#include "lifecycle/time.h"

namespace allot::cli {
namespace {

namespace dom = io_internal::dom;

int RunApply(const std::string& path) {
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
  if (!problems.empty()) return ReportError(problems.ToStatus());

  absl::StatusOr<std::unique_ptr<Engine>> engine =
      Engine::Create(*std::move(scenario), {.now = now});
  if (!engine.ok()) return ReportError(absl::InvalidArgumentError(engine.status().message()));

  Output output;
  std::string& out = output.buffer();
  out.append("{\"results\":[");
  size_t index = 0;
  if (commands) {
    for (dom::element command : *commands) {
      if (index > 0) out.push_back(',');
      lifecycle_internal::CommandOutcome outcome = lifecycle_internal::ApplyCommand(
          **engine, command, io_internal::IndexPath("commands", index));
      lifecycle_internal::AppendResultJson(index, outcome, &out);
      ++index;
    }
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
  auto path = std::make_shared<std::string>();
  CLI::App* cmd =
      app.add_subcommand("apply", "Run lifecycle commands against a scenario (docs/lifecycle.md)");
  cmd->add_option("file", *path, "Scenario JSON with \"now\" and \"commands\" (docs/formats.md)")
      ->required();
  cmd->callback([path, exit_code] { *exit_code = RunApply(*path); });
}

}  // namespace allot::cli
