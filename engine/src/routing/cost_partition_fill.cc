#include "routing/cost_partition_fill.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <limits>
#include <optional>

#include "routing/deep_holders.h"
#include "routing/exact_problem.h"

namespace allot::routing_internal {
namespace {

constexpr int kMaxSkus = 8;
constexpr int kSets = 1 << kMaxSkus;
constexpr double kInfinity = std::numeric_limits<double>::infinity();

// Whether the policy's criteria are cost alone or cost then shipments.
bool CostFirst(const RoutingPolicy& policy, bool* then_shipments) {
  std::array<Rule, kMaxCriteria> rule;
  const int count = PolicyCriteria(policy, rule);
  *then_shipments = count == 2 && rule[1] == Rule::kShipments;
  return rule[0] == Rule::kCost && (count == 1 || *then_shipments);
}

// The cheapest partition of the SKU set `skus` into blocks and each subset
// of `skus` without its lowest SKU: cost[s] and first[s], the block of the
// lowest SKU of s in it.
struct Partitions {
  std::array<double, kSets> cost;
  std::array<uint8_t, kSets> first;
};

// The cheapest partition of `set` given those of its subsets that
// Partitions holds: over the blocks b holding set's lowest SKU.
void Cheapest(const std::array<double, kSets>& block_cost, uint32_t set, Partitions& p) {
  const uint32_t low = set & -set;
  const uint32_t rest = set ^ low;
  double best = kInfinity;
  uint32_t best_block = low;
  for (uint32_t t = rest;; t = (t - 1) & rest) {
    const uint32_t block = t | low;
    const double cost = block_cost[block] + p.cost[set ^ block];
    // Selects, not branches: which block wins is data, not a pattern.
    const bool better = cost < best;
    best_block = better ? block : best_block;
    best = better ? cost : best;
    if (t == 0) break;
  }
  p.cost[set] = best;
  p.first[set] = static_cast<uint8_t>(best_block);
}

}  // namespace

bool TryCostPartitionFill(const Network& network, Inventory& inventory, const Order& order,
                          const RoutingPolicy& policy, RouterScratch& s) {
  const int m = static_cast<int>(s.problem_sku.size());
  bool then_shipments = false;
  if (m == 0 || m > kMaxSkus || !CostFirst(policy, &then_shipments)) return false;
  const std::optional<uint64_t> read = ReadDeepHolders(network, inventory, order, policy, s);
  if (!read) return false;  // shallow stock
  const uint32_t placeable = static_cast<uint32_t>(*read);
  if (placeable == 0) {
    ClearDeepHolders(s);
    return false;
  }

  // Every location's exact distance and costs (one vectorized pass; at five
  // SKUs or more most locations hold one of them).
  s.location_keys.Compute(network, s.destination);
  LocationCosts& costs = s.location_costs;
  costs.Compute(network, s.location_keys.keys());
  const double* package = costs.package_cost().data();
  const double* unit = costs.unit_cost().data();

  // units[b]: the units of block b; block_cost[b] and at[b]: f(b) above and
  // its first cheapest holder, in location order.
  std::array<double, kSets> units;
  units[0] = 0;
  for (int k = 0; k < m; ++k) {
    const double demand = static_cast<double>(s.problem.demand[k]);
    for (uint32_t v = 0; v < (1u << k); ++v) units[(1u << k) + v] = units[v] + demand;
  }
  std::array<double, kSets> block_cost;
  std::array<int32_t, kSets> at;
  std::fill(block_cost.begin(), block_cost.begin() + (1 << m), kInfinity);
  int64_t weighed = 0;
  for (size_t w = 0; w < s.location_bits.size(); ++w) {
    for (uint64_t bits = s.location_bits[w]; bits != 0; bits &= bits - 1) {
      const int32_t l = static_cast<int32_t>(w * 64 + std::countr_zero(bits));
      const uint32_t held = static_cast<uint32_t>(s.deep_skus_at[l]);
      for (uint32_t block = held; block != 0; block = (block - 1) & held) {
        const double cost = package[l] + units[block] * unit[l];
        const bool better = cost < block_cost[block];  // selects, as below
        block_cost[block] = better ? cost : block_cost[block];
        at[block] = better ? l : at[block];
      }
      ++weighed;
    }
  }

  // The cheapest partition: the subsets without the lowest placeable SKU,
  // ascending (so each one's subsets come first), then the whole order.
  Partitions p;
  p.cost[0] = 0;
  const uint32_t low = placeable & -placeable;
  const uint32_t rest = placeable ^ low;
  for (uint32_t set = (0 - rest) & rest; set != 0; set = (set - rest) & rest) {
    Cheapest(block_cost, set, p);
  }
  Cheapest(block_cost, placeable, p);
  int blocks = 0;
  for (uint32_t set = placeable; set != 0; set ^= p.first[set]) ++blocks;

  // Costs that overflow to infinity tie with everything (NearlyEqual), which
  // the comparisons below do not model: the cover search takes those.
  const double cheapest = p.cost[placeable];
  if (!std::isfinite(cheapest)) {
    ClearDeepHolders(s);
    return false;
  }
  // Shipments after cost: a plan of fewer blocks whose cost ties wins. The
  // cheapest of one block is f(whole order), of two the best split; either
  // is infinite when there is no such plan.
  auto ties = [&](double cost) {
    return std::isfinite(cost) && CompareValues(/*tolerant=*/true, cost, cheapest) == 0;
  };
  uint32_t split = placeable;  // the plan's first block; placeable: one block
  bool tie_with_fewer = false;
  if (then_shipments && blocks >= 2) {
    if (ties(block_cost[placeable])) {
      tie_with_fewer = true;
    } else if (blocks >= 3) {
      double best = kInfinity;
      for (uint32_t t = rest; t != 0; t = (t - 1) & rest) {
        const uint32_t block = low | (rest ^ t);  // the other block is t
        const double cost = block_cost[block] + block_cost[t];
        if (cost < best) best = cost, split = block;
      }
      tie_with_fewer = ties(best);
      if (!tie_with_fewer && blocks >= 4) {  // a tie of three blocks is not ruled out
        ClearDeepHolders(s);
        return false;
      }
    }
  }
  // The plan's blocks, and their locations (two blocks at one location
  // ship together).
  std::array<uint32_t, kMaxSkus> plan;
  int plan_blocks = 0;
  if (tie_with_fewer) {
    plan[plan_blocks++] = split;
    if (split != placeable) plan[plan_blocks++] = placeable ^ split;
  } else {
    for (uint32_t set = placeable; set != 0; set ^= p.first[set])
      plan[plan_blocks++] = p.first[set];
  }
  std::array<int32_t, kMaxSkus> locations_used;
  int shipments = 0;
  for (int i = 0; i < plan_blocks; ++i) {
    const int32_t l = at[plan[i]];
    if (std::find(locations_used.begin(), locations_used.begin() + shipments, l) ==
        locations_used.begin() + shipments) {
      locations_used[shipments++] = l;
    }
  }
  if (policy.max_shipments && shipments > *policy.max_shipments) {
    ClearDeepHolders(s);
    return false;
  }
  for (int i = 0; i < plan_blocks; ++i) {
    const int32_t l = at[plan[i]];
    s.KnowDistance(l, costs.distance_km()[l]);
    for (uint32_t skus = plan[i]; skus != 0; skus &= skus - 1) {
      ShipWholeSku(inventory, order, s, std::countr_zero(skus), l);
    }
  }
  s.search_nodes = weighed;
  ClearDeepHolders(s);
  return true;
}

}  // namespace allot::routing_internal
