#include "routing/cost_partition_fill.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>

#include "absl/base/attributes.h"
#include "routing/deep_holders.h"
#include "routing/exact_problem.h"

namespace allot::routing_internal {
namespace {

constexpr int kMaxSkus = 8;
constexpr int kSets = 1 << kMaxSkus;
constexpr double kInfinity = std::numeric_limits<double>::infinity();
// The most a block may cost for the fill to decide: sums of up to kMaxSkus
// such blocks stay finite, so an infinite entry in the DP always means "no
// holder", never an overflow, and no comparison meets NearlyEqual's
// infinities (which tie with every finite value).
constexpr double kMostBlockCost = std::numeric_limits<double>::max() / (2 * kMaxSkus);

using SetCosts = std::array<double, kSets>;  // by SKU set

// The nonempty subsets of every SKU set of up to four SKUs, each list in
// sixteen slots (the block loop copies them whole), built once.
struct SmallSubsets {
  static constexpr int kMostSkus = 4;
  static constexpr int kSlots = 16;
  std::array<std::array<uint8_t, kSlots>, kSets> of{};
  SmallSubsets() {
    for (uint32_t set = 1; set < kSets; ++set) {
      if (std::popcount(set) > kMostSkus) continue;
      int k = 0;
      for (uint32_t block = set; block != 0; block = (block - 1) & set) {
        of[set][k++] = static_cast<uint8_t>(block);
      }
    }
  }
};
const SmallSubsets& Subsets() {
  static const SmallSubsets* const subsets = new SmallSubsets;
  return *subsets;
}

// Which criteria the fill decides: cost first (cost, or cost then
// shipments), shipments first (shipments, or shipments then cost), or
// neither.
enum class Lead { kNone, kCost, kShipments };
Lead LeadOf(const RoutingPolicy& policy, bool* then_shipments) {
  std::array<Rule, kMaxCriteria> rule;
  const int count = PolicyCriteria(policy, rule);
  *then_shipments = count == 2 && rule[1] == Rule::kShipments;
  if (count == 0) return Lead::kNone;
  if (rule[0] == Rule::kCost && (count == 1 || *then_shipments)) return Lead::kCost;
  if (rule[0] == Rule::kShipments && (count == 1 || (count == 2 && rule[1] == Rule::kCost))) {
    return Lead::kShipments;
  }
  return Lead::kNone;
}

// The cheapest of block b + a partition of set \ b over the blocks b
// holding set's lowest SKU, where `rest_cost` prices the partitions of the
// smaller sets. Values only: the DP keeps no argmin (FirstCheapestBlock
// recovers it for the few sets a plan passes through), so the loop is an
// add and a min per block with no select hanging on the comparison.
ABSL_ATTRIBUTE_ALWAYS_INLINE inline double Cheapest(const SetCosts& block_cost,
                                                    const SetCosts& rest_cost, uint32_t set) {
  const uint32_t low = set & -set;
  const uint32_t rest = set ^ low;
  if (std::popcount(rest) < 2) {
    double best = block_cost[set] + rest_cost[0];
    if (rest != 0) best = std::min(best, block_cost[low] + rest_cost[rest]);
    return best;
  }
  // Four sums per step, over the subsets of rest without its two highest
  // SKUs (h and g) joined with none, g, h or both: four running minima and a
  // quarter of the (t - 1) & inner steps, which chain one on the next.
  const uint32_t h = uint32_t{1} << (31 - std::countl_zero(rest));
  const uint32_t g = uint32_t{1} << (31 - std::countl_zero(rest ^ h));
  const uint32_t inner = rest ^ h ^ g;
  double best[4] = {kInfinity, kInfinity, kInfinity, kInfinity};
  for (uint32_t t = inner;; t = (t - 1) & inner) {
    const uint32_t block = t | low;
    const uint32_t left = inner ^ t;  // the rest of inner
    best[0] = std::min(best[0], block_cost[block] + rest_cost[left | h | g]);
    best[1] = std::min(best[1], block_cost[block | g] + rest_cost[left | h]);
    best[2] = std::min(best[2], block_cost[block | h] + rest_cost[left | g]);
    best[3] = std::min(best[3], block_cost[block | h | g] + rest_cost[left]);
    if (t == 0) break;
  }
  return std::min(std::min(best[0], best[1]), std::min(best[2], best[3]));
}

// The first block, t | low for t from rest down, whose sum is `cheapest`
// (the value Cheapest returned for `set`: the same sums find it exactly).
uint32_t FirstCheapestBlock(const SetCosts& block_cost, const SetCosts& rest_cost, uint32_t set,
                            double cheapest) {
  const uint32_t low = set & -set;
  const uint32_t rest = set ^ low;
  for (uint32_t t = rest;; t = (t - 1) & rest) {
    const uint32_t block = t | low;
    if (block_cost[block] + rest_cost[set ^ block] == cheapest) return block;
    if (t == 0) break;
  }
  return set;  // not reached: `cheapest` is one of the sums
}

// Calls fn(set) for the subsets of `placeable` without its lowest SKU,
// ascending (so that each one's subsets come first), then for placeable.
template <typename Fn>
void ForEachSetToPrice(uint32_t placeable, Fn fn) {
  const uint32_t rest = placeable ^ (placeable & -placeable);
  for (uint32_t set = (0 - rest) & rest; set != 0; set = (set - rest) & rest) fn(set);
  fn(placeable);
}

// A plan: its blocks (SKU sets), each shipped from one location.
struct Plan {
  std::array<uint32_t, kMaxSkus> block;
  int blocks = 0;
  void Add(uint32_t b) { block[blocks++] = b; }
};

// Cost first: the cheapest partition of `placeable`; then, when shipments
// break ties, the fewest blocks whose cost ties with it (the cheapest one-
// and two-block plans are compared). False when a three-block plan might
// tie and was not compared (the cheapest has four blocks or more), or the
// cost is infinite (NearlyEqual ties infinity with everything, which these
// comparisons do not model).
bool CheapestPlan(const SetCosts& block_cost, uint32_t placeable, bool then_shipments, Plan& plan) {
  SetCosts cost;
  cost[0] = 0;
  ForEachSetToPrice(placeable, [&](uint32_t set) { cost[set] = Cheapest(block_cost, cost, set); });
  const double cheapest = cost[placeable];
  if (!std::isfinite(cheapest)) return false;
  Plan cheapest_plan;
  for (uint32_t set = placeable; set != 0;) {
    const uint32_t block = FirstCheapestBlock(block_cost, cost, set, cost[set]);
    cheapest_plan.Add(block);
    set ^= block;
  }
  const int blocks = cheapest_plan.blocks;
  auto ties = [&](double c) {
    return std::isfinite(c) && CompareValues(/*tolerant=*/true, c, cheapest) == 0;
  };
  if (then_shipments && blocks >= 2 && ties(block_cost[placeable])) {
    plan.Add(placeable);
    return true;
  }
  if (then_shipments && blocks >= 3) {
    // The cheapest split in two: the DP's step with one block for the rest
    // (block_cost[0] is infinite, so the whole set alone does not count).
    const double best = Cheapest(block_cost, block_cost, placeable);
    if (ties(best)) {
      // The first such split in ascending order of the block with the
      // lowest SKU (the order the scan here took before the DP's minima).
      const uint32_t low = placeable & -placeable;
      const uint32_t rest = placeable ^ low;
      uint32_t split = placeable;
      for (uint32_t t = rest; t != 0; t = (t - 1) & rest) {
        if (block_cost[low | (rest ^ t)] + block_cost[t] == best) {
          split = low | (rest ^ t);
          break;
        }
      }
      plan.Add(split);
      plan.Add(placeable ^ split);
      return true;
    }
    if (blocks >= 4) return false;  // a tie of three blocks is not ruled out
  }
  plan = cheapest_plan;
  return true;
}

// Shipments first: the fewest blocks k* that partition `placeable`, and
// the cheapest partition into k* blocks (cost is the last criterion, so
// exact minima suffice). Layer k prices, for every set ForEachSetToPrice
// visits, its cheapest partition into exactly k blocks from layer k - 1.
// In a k*-block plan no two blocks share a location (their union there
// would make k* - 1). False when k* exceeds `max_blocks`.
bool FewestBlocksPlan(const SetCosts& block_cost, uint32_t placeable, int max_blocks, Plan& plan) {
  if (std::isfinite(block_cost[placeable])) {
    plan.Add(placeable);
    return true;
  }
  // layer[k][set]: set's cheapest partition into exactly k blocks. Layer 1
  // is block_cost, whose entry for the empty set is infinite: no set is
  // k >= 2 blocks with the empty set as all but one of them.
  std::array<SetCosts, kMaxSkus + 1> layer;
  const auto priced = [&](int k) -> const SetCosts& { return k == 1 ? block_cost : layer[k]; };
  const int most = std::min(std::popcount(placeable), max_blocks);
  for (int k = 2; k <= most; ++k) {
    SetCosts& current = layer[k];
    current[0] = kInfinity;
    ForEachSetToPrice(placeable, [&](uint32_t set) {
      // Fewer SKUs than blocks: no such partition.
      current[set] = std::popcount(set) < k ? kInfinity : Cheapest(block_cost, priced(k - 1), set);
    });
    if (std::isfinite(current[placeable])) {
      uint32_t set = placeable;
      for (int j = k; j >= 2; --j) {
        const uint32_t block = FirstCheapestBlock(block_cost, priced(j - 1), set, layer[j][set]);
        plan.Add(block);
        set ^= block;
      }
      plan.Add(set);  // one block
      return true;
    }
  }
  return false;
}

// A block's cost at a location: package + units · unit cost. One
// expression for the block loop and FirstCheapestHolder, whose exact
// match depends on both computing it alike.
struct BlockCosts {
  const double* package;  // per location
  const double* unit;     // per location
  const SetCosts& units;  // per block
  double at(int32_t l, uint32_t block) const { return package[l] + units[block] * unit[l]; }
};

// The first location, in location order, that holds `block` at `cost`
// (its f, from the same sums as the block loop, so the match is exact).
int32_t FirstCheapestHolder(const RouterScratch& s, const BlockCosts& costs, uint32_t block,
                            double cost) {
  const size_t words = s.location_bits.size();
  for (size_t w = 0; w < words; ++w) {
    uint64_t holders = ~uint64_t{0};
    for (uint32_t skus = block; skus != 0; skus &= skus - 1) {
      holders &= s.deep_holders[std::countr_zero(skus) * words + w];
    }
    for (; holders != 0; holders &= holders - 1) {
      const int32_t l = static_cast<int32_t>(w * 64 + std::countr_zero(holders));
      if (costs.at(l, block) == cost) return l;
    }
  }
  return -1;  // not reached: some holder costs f(block)
}

}  // namespace

bool CostPartitionFillApplies(const RoutingPolicy& policy, int num_skus) {
  bool then_shipments = false;
  return num_skus > 0 && num_skus <= kMaxSkus && LeadOf(policy, &then_shipments) != Lead::kNone;
}

bool TryCostPartitionFill(const Network& network, Inventory& inventory, const Order& order,
                          const RoutingPolicy& policy, uint64_t placeable_skus, RouterScratch& s) {
  const int m = static_cast<int>(s.problem_sku.size());
  bool then_shipments = false;
  const Lead lead = LeadOf(policy, &then_shipments);
  const uint32_t placeable = static_cast<uint32_t>(placeable_skus);

  // Every location's exact distance and costs (one vectorized pass; at five
  // SKUs or more most locations hold one of them).
  s.location_keys.Compute(network, s.destination);
  LocationCosts& costs = s.location_costs;
  costs.Compute(network, s.location_keys.keys());

  // units[b]: the units of block b; block_cost[b]: f(b) above. Values
  // only, as in Cheapest: a load, a min and a store per block, and the
  // plan's blocks find their holders afterwards (FirstCheapestHolder).
  SetCosts units;
  units[0] = 0;
  for (int k = 0; k < m; ++k) {
    const double demand = static_cast<double>(s.problem.demand[k]);
    for (uint32_t v = 0; v < (1u << k); ++v) units[(1u << k) + v] = units[v] + demand;
  }
  const BlockCosts cost_of{costs.package_cost().data(), costs.unit_cost().data(), units};
  SetCosts block_cost;
  std::fill(block_cost.begin(), block_cost.begin() + (1 << m), kInfinity);
  int64_t weighed = 0;
  // Costs grow with the block (rates are non-negative), so a location's
  // whole SKU set is its dearest block.
  double dearest = 0;
  // A location's blocks are the nonempty subsets of its SKU set: listed as
  // (block, location) pairs, sixteen slots copied whole for sets of up to
  // four SKUs, then weighed in one flat loop. A loop per location, whose
  // trip count (1, 3, 7, 15) changes from one location to the next,
  // mispredicted its exit about once per location.
  const SmallSubsets& subsets = Subsets();
  uint8_t* blocks = s.cost_blocks.data();
  uint16_t* holders = s.cost_block_holders.data();
  size_t pairs = 0;
  for (size_t w = 0; w < s.location_bits.size(); ++w) {
    for (uint64_t bits = s.location_bits[w]; bits != 0; bits &= bits - 1) {
      const int32_t l = static_cast<int32_t>(w * 64 + std::countr_zero(bits));
      const uint32_t held = static_cast<uint32_t>(s.deep_skus_at[l]);
      dearest = std::max(dearest, cost_of.at(l, held));
      const int skus = std::popcount(held);
      if (skus <= SmallSubsets::kMostSkus) {
        std::memcpy(blocks + pairs, subsets.of[held].data(), SmallSubsets::kSlots);
        for (int k = 0; k < SmallSubsets::kSlots; ++k) {
          holders[pairs + k] = static_cast<uint16_t>(l);
        }
        pairs += (size_t{1} << skus) - 1;
      } else {
        for (uint32_t block = held; block != 0; block = (block - 1) & held) {
          block_cost[block] = std::min(block_cost[block], cost_of.at(l, block));
        }
      }
      ++weighed;
    }
  }
  for (size_t k = 0; k < pairs; ++k) {
    const uint32_t block = blocks[k];
    const int32_t l = holders[k];
    block_cost[block] = std::min(block_cost[block], cost_of.at(l, block));
  }

  // Rates near the double range (legal input) go to the cover search.
  if (!(dearest <= kMostBlockCost)) return false;
  Plan plan;
  const int limit = policy.max_shipments ? *policy.max_shipments : kMaxSkus;
  const bool found =
      placeable != 0 &&
      (lead == Lead::kCost ? CheapestPlan(block_cost, placeable, then_shipments, plan)
                           : FewestBlocksPlan(block_cost, placeable, limit, plan));
  // The plan's locations (two blocks at one location ship together): a
  // plan within max_shipments that is best without the limit is best with it.
  std::array<int32_t, kMaxSkus> at;  // by plan block
  std::array<int32_t, kMaxSkus> used;
  int shipments = 0;
  for (int i = 0; i < plan.blocks && found; ++i) {
    const int32_t l = at[i] =
        FirstCheapestHolder(s, cost_of, plan.block[i], block_cost[plan.block[i]]);
    if (l < 0) return false;  // not reached; nothing is reserved yet
    if (std::find(used.begin(), used.begin() + shipments, l) == used.begin() + shipments) {
      used[shipments++] = l;
    }
  }
  if (!found || shipments > limit) return false;
  for (int i = 0; i < plan.blocks; ++i) {
    const int32_t l = at[i];
    s.KnowDistance(l, costs.distance_km()[l]);
    for (uint32_t skus = plan.block[i]; skus != 0; skus &= skus - 1) {
      ShipWholeSku(inventory, order, s, std::countr_zero(skus), l);
    }
  }
  s.search_nodes = weighed;
  return true;
}

}  // namespace allot::routing_internal
