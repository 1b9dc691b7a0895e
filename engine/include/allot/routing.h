// Routing: splitting one order into fulfillment orders, one per location.
//
// Every policy first places as many units as the eligible stock allows
// (subject to max_shipments), then decides by its own criteria:
//   priority       per line, fill from locations in (rank, id) order
//   nearest        per line, fill from locations in (distance, rank, id) order
//   min_shipments  exact optimum of (most units, fewest FOs, least cost)
//   min_cost       exact optimum of (most units, least cost, fewest FOs)
//   rules          exact optimum of (most units, then each rule in order)
// The greedy fills cost O(lines x stocked locations of the line's SKU). The
// exact policies run a branch and bound over location subsets with sound
// bounds and dominance pruning (see docs/policies.md); they are exact at any
// size, their worst case is exponential in the number of candidate locations.
//
// Example:
//   allot::Router router(&network, &inventory);
//   absl::StatusOr<allot::RouteResult> r =
//       router.Route(order, {.kind = allot::PolicyKind::kMinCost, .max_shipments = 2});
#ifndef ALLOT_ROUTING_H_
#define ALLOT_ROUTING_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "allot/ids.h"
#include "allot/inventory.h"
#include "allot/network.h"
#include "allot/order.h"

namespace allot {

enum class PolicyKind { kPriority, kNearest, kMinShipments, kMinCost, kRules };

// One criterion of the `rules` policy; each scores a whole plan, lower is better.
enum class Rule {
  kShipments,     // number of FOs
  kOutOfCountry,  // FOs shipped from outside the destination's country
  kRank,          // sum of the FOs' location ranks
  kDistance,      // sum of the FOs' distances to the destination
  kCost,          // total cost by the cost model
};

// "priority", "nearest", "min_shipments", "min_cost", "rules".
std::string_view PolicyKindName(PolicyKind kind);
std::optional<PolicyKind> ParsePolicyKind(std::string_view name);
// "shipments", "out_of_country", "rank", "distance", "cost".
std::string_view RuleName(Rule rule);
std::optional<Rule> ParseRule(std::string_view name);

struct RoutingPolicy {
  PolicyKind kind = PolicyKind::kPriority;
  // The rules of PolicyKind::kRules, most important first. Ignored otherwise.
  std::vector<Rule> rules;
  // At most this many FOs (>= 1). Only the exact policies honour it.
  std::optional<int32_t> max_shipments;
  // Only locations in the destination's country are eligible.
  bool same_country_only = false;

  // InvalidArgument naming the field when the policy is malformed.
  absl::Status Validate() const;
  // True for min_shipments, min_cost and rules.
  bool is_exact() const { return kind >= PolicyKind::kMinShipments; }
  // The criteria after "most units" of an exact policy, in order.
  std::vector<Rule> Criteria() const;
};

struct RoutedLine {
  int32_t line = 0;  // index of the order line
  int32_t quantity = 0;
};

// One fulfillment order of a routing result.
struct RoutedShipment {
  LocationId location;
  double distance_km = 0;
  double cost = 0;
  int64_t units = 0;
  std::vector<RoutedLine> lines;  // ascending line index
};

// The outcome of routing one order. Placing only part of it is an outcome,
// not an error: what could not be placed is in `unfulfilled`.
struct RouteResult {
  std::vector<RoutedShipment> shipments;  // ascending (rank, location id)
  std::vector<RoutedLine> unfulfilled;    // ascending line index, quantity > 0
  double cost = 0;
  int64_t units_requested = 0;
  int64_t units_allocated = 0;
  // Nodes the exact search explored (0 for priority and nearest): how hard
  // the order was, for benchmarks and tuning.
  int64_t search_nodes = 0;
};

namespace routing_internal {
class RouterScratch;
}

// Routes orders against a network and an inventory, reserving the stock each
// order takes, so that orders routed one after another see what the earlier
// ones left. Deterministic: the same inputs give the same plan on every run.
//
// A Router is not thread-safe (it owns scratch buffers and writes the
// inventory); use one Router per thread over distinct inventories, or
// serialize calls (the lifecycle Engine does).
class Router {
 public:
  // Both must outlive the router.
  Router(const Network* network, Inventory* inventory);
  ~Router();
  Router(Router&&) noexcept;
  Router& operator=(Router&&) noexcept;

  // Routes `order` and reserves what it places. Lines may have quantity 0
  // (nothing to place; used when rerouting a backorder). Fails with
  // InvalidArgument for a malformed policy, a destination outside
  // [-90, 90] x [-180, 180] (or NaN) or a negative quantity; the inventory
  // is then unchanged.
  absl::StatusOr<RouteResult> Route(const Order& order, const RoutingPolicy& policy);
  // The same, writing into `result` and reusing its memory: no allocation in
  // steady state, for high-throughput callers.
  absl::Status Route(const Order& order, const RoutingPolicy& policy, RouteResult* result);

  // For callers that route a stream of orders: called before routing one
  // of them with the next two (null past the stream's end), asks the memory
  // system now for what routing those will read, so that their cache misses
  // overlap this order's routing instead of following it: the index
  // entries of `after_next`'s SKUs, and the stock rows of `next`'s (found
  // through the entries asked for one order earlier; orders of up to four
  // lines, which gain from it). Never changes a result. A stream of 3-line
  // orders routes 9-36 % faster by policy (docs/benchmarks.md).
  void Prefetch(const Order* next, const Order* after_next, const RoutingPolicy& policy) const;
  // The same before routing orders[i] of a stream held whole.
  void Prefetch(absl::Span<const Order> orders, size_t i, const RoutingPolicy& policy) const {
    Prefetch(i + 1 < orders.size() ? &orders[i + 1] : nullptr,
             i + 2 < orders.size() ? &orders[i + 2] : nullptr, policy);
  }

 private:
  const Network* network_;
  Inventory* inventory_;
  std::unique_ptr<routing_internal::RouterScratch> scratch_;
};

}  // namespace allot

#endif  // ALLOT_ROUTING_H_
