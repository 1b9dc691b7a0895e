// `allot simulate CONFIG.json`: replays an order stream under several routing
// policies (docs/simulation.md) and prints a table; --csv and --json write the
// CSV and the JSON summary. A progress bar goes to stderr when it is a
// terminal (or with --progress). PNG plots come from the Python package:
// `python3 -m allot.plots SUMMARY.json`.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "allot/scenario.h"
#include "allot/simulation.h"
#include "commands.h"
#include "exit_codes.h"

namespace allot::cli {
namespace {

struct SimulateArgs {
  std::string config;
  std::string csv;
  std::string json;
  bool progress = false;
  bool quiet = false;
};

absl::Status WriteText(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) return absl::DataLossError(absl::StrCat(path, ": cannot write"));
  return absl::OkStatus();
}

// A relative path in the config is relative to the config file.
void ResolvePath(const std::filesystem::path& base, std::string& path) {
  if (!path.empty() && std::filesystem::path(path).is_relative()) path = (base / path).string();
}

int RunSimulate(const SimulateArgs& args) {
  absl::StatusOr<std::string> text = ReadFile(args.config);
  if (!text.ok()) return ReportError(text.status());
  absl::StatusOr<SimulationConfig> config = ParseSimulationConfig(*text);
  if (!config.ok()) return ReportError(config.status());
  const std::filesystem::path base = std::filesystem::path(args.config).parent_path();
  ResolvePath(base, config->order_log);
  ResolvePath(base, config->scenario);

  const bool bar = !args.quiet && (args.progress || isatty(STDERR_FILENO));
  const auto start = std::chrono::steady_clock::now();
  SimulationProgress progress = [&](int64_t done, int64_t total) {
    const double frac = total ? double(done) / total : 1;
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const int width = 30, filled = static_cast<int>(frac * width);
    std::fprintf(stderr, "\rsimulating [%s%s] %5.1f%% %lld/%lld policy-orders, %.1fs   ",
                 std::string(filled, '#').c_str(), std::string(width - filled, '.').c_str(),
                 100 * frac, static_cast<long long>(done), static_cast<long long>(total), secs);
    if (done >= total) std::fputc('\n', stderr);
    std::fflush(stderr);
    return true;
  };
  absl::StatusOr<SimulationResult> result =
      Simulate(*config, bar ? progress : SimulationProgress());
  if (!result.ok()) return ReportError(result.status());
  if (!args.csv.empty()) {
    if (absl::Status s = WriteText(args.csv, SimulationCsv(*result)); !s.ok()) {
      return ReportError(s);
    }
  }
  if (!args.json.empty()) {
    if (absl::Status s = WriteText(args.json, SimulationSummaryJson(*result)); !s.ok()) {
      return ReportError(s);
    }
  }
  Output output;
  output.buffer() = SimulationTable(*result);
  if (!output.Flush()) return ReportError(absl::DataLossError("writing stdout failed"));
  return kExitOk;
}

}  // namespace

void RegisterSimulateCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<SimulateArgs>();
  CLI::App* cmd = app.add_subcommand(
      "simulate", "Replay an order stream under several routing policies (docs/simulation.md)");
  cmd->add_option("config", args->config, "Simulation config JSON")->required();
  cmd->add_option("--csv", args->csv, "Write one CSV row per policy to this file");
  cmd->add_option("--json", args->json,
                  "Write the JSON summary to this file (plots: python3 -m allot.plots FILE)");
  cmd->add_flag("--progress", args->progress, "Show the progress bar even when not a terminal");
  cmd->add_flag("--quiet", args->quiet, "Never show the progress bar");
  cmd->callback([args, exit_code] { *exit_code = RunSimulate(*args); });
}

}  // namespace allot::cli
