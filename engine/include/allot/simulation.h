// Batch simulation of routing policies (docs/simulation.md): one stream of
// orders over simulated days, replayed under several policies, each against
// its own copy of the network's stock, with periodic replenishment to target
// levels; per policy the cost, shipment, distance and service metrics.
//
// Workloads:
//   generated     real geography (the built-in city table), locations and the
//                 stocking pattern from GenerateScenario, population-weighted
//                 destinations, Zipf SKU popularity, random order sizes
//   order_log     orders read from a CSV or JSONL log, against the locations
//                 and inventory (the stock targets) of a scenario file
//   jasin_sinha   the network of Jasin & Sinha (2015) as reused by Ma (2023)
//                 and Amil, Makhdoumi & Wei, built into the library from
//                 data/jasin-sinha-ma-network.json, with the papers' instance
//                 generator and cost model
//
// Cost: the stream is built once, O(orders x lines); each policy then costs
// what routing costs (routing.h) plus O(levels) per replenishment. Policies
// run in parallel threads, one Router and one Inventory copy each, so results
// do not depend on the thread count. The same config and seed give the same
// figures on every run (runtimes aside).
//
// Example:
//   ASSIGN_OR_RETURN(allot::SimulationConfig config, allot::ParseSimulationConfig(json));
//   ASSIGN_OR_RETURN(allot::SimulationResult result, allot::Simulate(config));
//   std::cout << allot::SimulationTable(result);
#ifndef ALLOT_SIMULATION_H_
#define ALLOT_SIMULATION_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "allot/routing.h"

namespace allot {

enum class Workload { kGenerated, kOrderLog, kJasinSinha };
// "generated", "order_log", "jasin_sinha".
std::string_view WorkloadName(Workload workload);

// One policy to replay, under the label the results use.
struct SimulationPolicy {
  std::string label;  // unique within a config, e.g. "min_cost" or "min_cost/2"
  RoutingPolicy policy;
};

// The whole description of a simulation; every field has the default shown.
// As JSON (ParseSimulationConfig) the field names are the same, grouped as
// docs/simulation.md shows.
struct SimulationConfig {
  Workload workload = Workload::kGenerated;
  uint64_t seed = 1;
  // Orders over the whole run (generated), or arrivals (jasin_sinha, where
  // empty orders are drawn and dropped; 0, its default there, is the papers'
  // horizon T). Ignored for order_log.
  int64_t orders = 100'000;
  // Simulated days (10 for jasin_sinha); orders are spread evenly over them
  // unless the log gives each order its day (0-based).
  int32_t days = 30;

  // generated: the network (GenerateScenario's locations and stocking pattern).
  int32_t locations = 20;
  int32_t skus = 2'000;
  double stock_density = 0.3;
  // generated: the demand.
  double zipf_exponent = 1.0;  // SKU of popularity rank r has weight 1 / (r + 1)^s
  double mean_lines = 2.0;     // order lines: 1 + Poisson(mean_lines - 1), capped
  int32_t max_lines = 10;
  double multi_unit_share = 0.3;  // share of lines with 2..max_quantity units
  int32_t max_quantity = 4;

  // Replenishment: every `replenish_every_days` days (0: never) each level's
  // on_hand goes back up to its target. Generated targets cover `cover_days`
  // days of expected demand, split evenly over the locations stocking the
  // SKU; order_log targets are the scenario's on_hand; jasin_sinha targets are
  // the papers' initial inventory (and the default is never to replenish).
  int32_t replenish_every_days = 7;
  double cover_days = 10;

  // order_log: the log (.csv or .jsonl) and the scenario with the network.
  std::string order_log;
  std::string scenario;

  // jasin_sinha: "large" (10 FCs, 99 regions) or "warmup" (5 FCs, 10 regions),
  // and the probability that an FC carries an item.
  std::string network = "large";
  double p_carry = 0.5;

  // Penalty per unit not placed, for the penalized cost (generated and
  // order_log). jasin_sinha uses the papers' per-region penalty.
  double unfulfilled_penalty = 0;

  // Default: nearest, min_cost, min_shipments, rules [shipments, distance].
  std::vector<SimulationPolicy> policies;
  // Worker threads (0: one per core, at most one per policy).
  int32_t threads = 0;

  // InvalidArgument naming the field when out of range.
  absl::Status Validate() const;
};

// Reads a config document (docs/simulation.md). InvalidArgument lists every
// problem, one per line, naming the field. Relative paths stay as given.
absl::StatusOr<SimulationConfig> ParseSimulationConfig(std::string_view json);
// The config as JSON, every field written (what a summary records).
std::string SimulationConfigJson(const SimulationConfig& config);

// The figures of one policy over the whole run.
struct PolicyMetrics {
  std::string label;
  RoutingPolicy policy;
  int64_t orders = 0;
  int64_t units_requested = 0;
  int64_t units_shipped = 0;
  int64_t units_backordered = 0;  // not placed when the order arrived
  int64_t shipments = 0;          // fulfillment orders (packages)
  int64_t split_orders = 0;       // orders shipped in 2+ packages
  double cost = 0;                // by the locations' cost models
  double penalty = 0;             // unfulfilled_penalty x units not placed
  double distance_km_sum = 0;     // over shipments
  double mean_distance_km = 0;    // per shipment
  double p95_distance_km = 0;     // per shipment, to 0.1 km
  int64_t search_nodes = 0;
  double runtime_seconds = 0;              // routing and replenishment of this policy
  std::vector<int64_t> units_by_location;  // indexed like SimulationResult::locations
  // Per simulated day.
  std::vector<int64_t> daily_orders;
  std::vector<double> daily_cost;
  std::vector<int64_t> daily_units_requested;
  std::vector<int64_t> daily_units_shipped;

  double cost_per_order() const { return orders ? cost / orders : 0; }
  // The papers' objective: cost plus the penalty for units not placed.
  double penalized_cost_per_order() const { return orders ? (cost + penalty) / orders : 0; }
  double shipments_per_order() const { return orders ? double(shipments) / orders : 0; }
  double split_rate() const { return orders ? double(split_orders) / orders : 0; }
  double fill_rate() const { return units_requested ? double(units_shipped) / units_requested : 1; }
  double orders_per_second() const { return runtime_seconds > 0 ? orders / runtime_seconds : 0; }
};

struct SimulationResult {
  SimulationConfig config;
  std::vector<std::string> locations;   // location ids, network order
  int64_t orders = 0;                   // orders in the stream
  int64_t units = 0;                    // units they request
  double stream_seconds = 0;            // building the network and the stream
  double wall_seconds = 0;              // the whole Simulate call
  std::vector<PolicyMetrics> policies;  // in config order
};

// Called with (orders routed so far, total) summed over the policies, from
// the thread that called Simulate: once before any work, a few times a
// second, and once at the end.
// Returning false cancels the run (Simulate then returns Cancelled).
using SimulationProgress = std::function<bool(int64_t done, int64_t total)>;

// Runs the simulation. InvalidArgument for a bad config or order log,
// NotFound / PermissionDenied when a file cannot be read, Cancelled when the
// progress callback asks.
absl::StatusOr<SimulationResult> Simulate(const SimulationConfig& config,
                                          const SimulationProgress& progress = {});

// The summary document: config, stream size, per policy every metric, units
// by location and the daily series (docs/simulation.md).
std::string SimulationSummaryJson(const SimulationResult& result);
// One row per policy: the metrics, then units_<location> columns.
std::string SimulationCsv(const SimulationResult& result);
// A fixed-width console table, one row per policy.
std::string SimulationTable(const SimulationResult& result);

}  // namespace allot

#endif  // ALLOT_SIMULATION_H_
