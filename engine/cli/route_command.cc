// `allot route SCENARIO.json`: routes every order of a scenario in file order
// and prints the JSON of docs/formats.md (or, with --table, a readable table).
#include <array>
#include <cstdio>
#include <string>

#include "absl/strings/str_format.h"
#include "allot/route_report.h"
#include "allot/routing.h"
#include "allot/scenario.h"
#include "commands.h"
#include "exit_codes.h"

namespace allot::cli {
namespace {

struct RouteArgs {
  std::string path;
  bool table = false;
};

void AppendTableRow(const Network& network, const Order& order, const RouteResult& r,
                    std::string* out) {
  if (r.shipments.empty()) {
    absl::StrAppendFormat(out, "%-12s %-10s %-14s %8s %10s %s\n", order.id, "-", "(none)", "", "",
                          "nothing placed");
  }
  for (size_t k = 0; k < r.shipments.size(); ++k) {
    const RoutedShipment& sh = r.shipments[k];
    std::string lines;
    for (const RoutedLine& l : sh.lines) {
      absl::StrAppendFormat(&lines, "%s%s x%d", lines.empty() ? "" : ", ", order.lines[l.line].sku,
                            l.quantity);
    }
    absl::StrAppendFormat(out, "%-12s %-10s %-14s %8.1f %10.2f %s\n", k == 0 ? order.id : "",
                          absl::StrCat(order.id, "-F", k + 1), network.location(sh.location).id,
                          sh.distance_km, sh.cost, lines);
  }
  for (const RoutedLine& u : r.unfulfilled) {
    absl::StrAppendFormat(out, "%-12s %-10s %-14s %8s %10s %s x%d\n", "", "", "UNFULFILLED", "", "",
                          order.lines[u.line].sku, u.quantity);
  }
}

int RunRoute(const RouteArgs& args) {
  // Orders are validated whole up front, then materialized one at a time.
  absl::StatusOr<std::unique_ptr<ScenarioReader>> reader =
      ScenarioReader::FromFile(args.path, /*require_orders=*/true);
  if (!reader.ok()) return ReportError(reader.status());
  Scenario& scenario = (*reader)->header();
  absl::StatusOr<Model> model = BuildModel(scenario);
  if (!model.ok()) return ReportError(model.status());
  scenario.inventory = {};

  Router router(&model->network, &model->inventory);
  RouteResult result;
  Output output;
  RouteReportWriter report(&output.buffer());
  std::string table;
  if (args.table) {
    absl::StrAppendFormat(&table, "policy: %s\n\n%-12s %-10s %-14s %8s %10s %s\n",
                          PolicyKindName(scenario.policy.kind), "ORDER", "FO", "LOCATION", "KM",
                          "COST", "LINES");
  }
  // Orders are read two ahead of the one routed, so that their stock rows
  // are asked for early (Router::Prefetch): a ring of three.
  const size_t num_orders = (*reader)->num_orders();
  std::array<Order, 3> ring;
  auto read = [&](size_t i) -> absl::Status {
    if (i >= num_orders) return absl::OkStatus();
    Order& order = ring[i % 3];
    if (absl::Status s = (*reader)->ReadOrder(i, &order); !s.ok()) return s;
    ResolveSkus(model->inventory, order);
    return absl::OkStatus();
  };
  for (size_t i = 0; i < 2; ++i) {
    if (absl::Status s = read(i); !s.ok()) return ReportError(s);
  }
  for (size_t i = 0; i < num_orders; ++i) {
    if (absl::Status s = read(i + 2); !s.ok()) return ReportError(s);
    router.Prefetch(i + 1 < num_orders ? &ring[(i + 1) % 3] : nullptr,
                    i + 2 < num_orders ? &ring[(i + 2) % 3] : nullptr, scenario.policy);
    const Order& order = ring[i % 3];
    if (absl::Status s = router.Route(order, scenario.policy, &result); !s.ok()) {
      return ReportError(s);
    }
    if (args.table) {
      AppendTableRow(model->network, order, result, &table);
      report.AddOrder(model->network, order, result);
      output.buffer().clear();
    } else {
      report.AddOrder(model->network, order, result);
      if (!output.Flush(1 << 20)) return ReportError(absl::DataLossError("writing stdout failed"));
    }
  }
  if (args.table) {
    const RouteSummary& s = report.summary();
    absl::StrAppendFormat(&table,
                          "\n%d orders, %d fulfillment orders, %d split, %d of %d units placed, "
                          "total cost %.2f\n",
                          s.orders, s.fulfillment_orders, s.split_orders, s.units_allocated,
                          s.units_requested, s.total_cost);
    output.buffer() = std::move(table);
  } else {
    report.Finish();
  }
  if (!output.Flush()) return ReportError(absl::DataLossError("writing stdout failed"));
  return kExitOk;
}

}  // namespace

void RegisterRouteCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<RouteArgs>();
  CLI::App* cmd = app.add_subcommand("route", "Route every order of a scenario file");
  cmd->add_option("scenario", args->path, "Scenario JSON file (docs/formats.md)")->required();
  cmd->add_flag("--table", args->table, "Print a readable table instead of JSON");
  cmd->callback([args, exit_code] { *exit_code = RunRoute(*args); });
}

}  // namespace allot::cli
