// `allot generate`: writes a synthetic scenario on real geography, so anyone
// can make a large test input (see allot/generator.h for the model).
#include <cstdio>
#include <memory>
#include <string>

#include "allot/generator.h"
#include "allot/scenario.h"
#include "commands.h"
#include "exit_codes.h"

namespace allot::cli {
namespace {

struct GenerateArgs {
  GeneratorOptions options;
  std::string policy = "priority";
  std::string out;
};

int RunGenerate(GenerateArgs& args) {
  std::optional<PolicyKind> kind = ParsePolicyKind(args.policy);
  if (!kind) {
    return ReportError(absl::InvalidArgumentError("--policy: unknown policy " + args.policy));
  }
  args.options.policy.kind = *kind;
  if (*kind == PolicyKind::kRules) {
    args.options.policy.rules = {Rule::kShipments, Rule::kOutOfCountry, Rule::kDistance};
  }
  absl::StatusOr<Scenario> scenario = GenerateScenario(args.options);
  if (!scenario.ok()) return ReportError(scenario.status());
  const std::string json = ScenarioToJson(*scenario);
  std::FILE* f = args.out.empty() ? stdout : std::fopen(args.out.c_str(), "wb");
  if (f == nullptr) {
    return ReportError(absl::InvalidArgumentError(args.out + ": cannot open for writing"));
  }
  const bool ok = std::fwrite(json.data(), 1, json.size(), f) == json.size() &&
                  (f == stdout ? std::fflush(f) : std::fclose(f)) == 0;
  if (!ok) return ReportError(absl::DataLossError("writing the scenario failed"));
  return kExitOk;
}

}  // namespace

void RegisterGenerateCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<GenerateArgs>();
  CLI::App* cmd = app.add_subcommand("generate", "Write a synthetic scenario on real geography");
  GeneratorOptions& o = args->options;
  cmd->add_option("--locations", o.locations, "Number of locations")->capture_default_str();
  cmd->add_option("--skus", o.skus, "Number of SKUs")->capture_default_str();
  cmd->add_option("--orders", o.orders, "Number of orders")->capture_default_str();
  cmd->add_option("--lines", o.lines, "Lines per order")->capture_default_str();
  cmd->add_option("--seed", o.seed, "Random seed")->capture_default_str();
  cmd->add_option("--density", o.stock_density, "Share of (location, SKU) pairs stocked")
      ->capture_default_str();
  cmd->add_option("--policy", args->policy, "Policy written into the scenario")
      ->capture_default_str();
  cmd->add_option("-o,--out", args->out, "Output file (default: stdout)");
  cmd->callback([args, exit_code] { *exit_code = RunGenerate(*args); });
}

}  // namespace allot::cli
