#include "routing/partition_fill.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>

#include "allot/geo.h"
#include "routing/chord_distance.h"
#include "routing/exact_problem.h"
#include "routing/greedy_fill.h"
#include "routing/location_costs.h"
#include "routing/location_keys.h"

namespace allot::routing_internal {
namespace {

constexpr int kBlocks = 1 << kMaxPartitionSkus;

using Values = std::array<double, kMaxCriteria>;

// One criterion of one shipment of `units` units at `distance` km: the
// charges of WeightOf (exact_problem.h) written out, since through WeightOf
// the block loop measured 5-9 % slower for `rules`.
inline double Weight(Rule rule, const Location& location, const Destination& destination,
                     double distance, int64_t units) {
  switch (rule) {
    case Rule::kShipments:
      return 1;
    case Rule::kOutOfCountry:
      return location.country != destination.country ? 1 : 0;
    case Rule::kRank:
      return location.rank;
    case Rule::kDistance:
      return distance;
    case Rule::kCost:
      return location.cost.ShipmentCost(distance, units);
  }
  return 0;
}

inline int CompareValue(Rule rule, double a, double b) {
  return CompareValues(ComparesWithTolerance(rule), a, b);
}

// A policy's criteria, in order: for min_shipments and min_cost known at
// compile time (FixedCriteria), so that the block loop's Weight and
// CompareValue switches fold away; for rules, the policy's list.
template <Rule... kRules>
struct FixedCriteria {
  static constexpr int count = sizeof...(kRules);
  static constexpr Rule rule[kMaxCriteria] = {kRules...};
};
struct CriteriaList {
  int count;
  std::array<Rule, kMaxCriteria> rule;
};

// The same for whole value vectors, lexicographically.
template <typename Criteria>
int Compare(const Criteria& criteria, const Values& a, const Values& b) {
  for (int c = 0; c < criteria.count; ++c) {
    if (const int order = CompareValue(criteria.rule[c], a[c], b[c]); order != 0) return order;
  }
  return 0;
}

// Every criterion of one shipment of `units` units at `distance` km.
template <typename Criteria>
Values ShipmentValues(const Criteria& criteria, const Location& location,
                      const Destination& destination, double distance, int64_t units) {
  Values value{};
  for (int k = 0; k < criteria.count; ++k) {
    value[k] = Weight(criteria.rule[k], location, destination, distance, units);
  }
  return value;
}

// A value above which a criterion compares strictly worse than `best`
// (with CompareValues).
inline double WorseAbove(Rule rule, double best) {
  return ComparesWithTolerance(rule) ? best + ToleranceMargin(best) : best;
}

// How a block's best location can be found from the tables of
// location_costs.h: within a block (shipped once from one location) every
// holder ties on `shipments`, and the criteria left are cost alone
// (min_cost, min_shipments), distance alone, or out_of_country and then
// distance (Shopify's default rules); any other list takes the scan.
enum class BlockWeighing { kScan, kCost, kDistance, kCountryThenDistance };

template <typename Criteria>
BlockWeighing WeighingOf(const Criteria& criteria) {
  std::array<Rule, kMaxCriteria> rest;
  int count = 0;
  for (int c = 0; c < criteria.count; ++c) {
    if (criteria.rule[c] != Rule::kShipments) rest[count++] = criteria.rule[c];
  }
  if (count == 0) return BlockWeighing::kScan;
  if (std::all_of(rest.begin(), rest.begin() + count, [](Rule r) { return r == Rule::kCost; })) {
    return BlockWeighing::kCost;
  }
  if (count == 1 && rest[0] == Rule::kDistance) return BlockWeighing::kDistance;
  if (count == 2 && rest[0] == Rule::kOutOfCountry && rest[1] == Rule::kDistance) {
    return BlockWeighing::kCountryThenDistance;
  }
  return BlockWeighing::kScan;
}

// Into `out`, the locations holding every SKU of `block` (bit j: SKU j),
// from each SKU's holder bits (`words` per SKU); whether there is one.
bool BlockHolders(const std::vector<uint64_t>& holders, size_t words, uint32_t block,
                  std::vector<uint64_t>& out) {
  uint64_t found = 0;
  for (size_t w = 0; w < words; ++w) {
    uint64_t bits = ~uint64_t{0};
    for (uint32_t skus = block; skus != 0; skus &= skus - 1) {
      bits &= holders[std::countr_zero(skus) * words + w];
    }
    out[w] = bits;
    found |= bits;
  }
  return found != 0;
}

// The best of `block_holders` (not empty) for a shipment of `units` units,
// as the scan would pick it. By out_of_country first, only the holders in
// `domestic` (the destination's country) when there are any: the scan's
// first of those replaces any foreign best, and no foreign holder replaces
// it. Narrows block_holders to them then.
int32_t BestByTables(const LocationCosts& costs, BlockWeighing weighing,
                     absl::Span<const uint64_t> domestic, std::vector<uint64_t>& block_holders,
                     int64_t units) {
  if (weighing == BlockWeighing::kCost) return costs.Cheapest(block_holders, units);
  if (weighing == BlockWeighing::kCountryThenDistance) {
    uint64_t found = 0;
    for (size_t w = 0; w < domestic.size(); ++w) found |= block_holders[w] & domestic[w];
    if (found != 0) {
      for (size_t w = 0; w < domestic.size(); ++w) block_holders[w] &= domestic[w];
    }
  }
  return costs.Nearest(block_holders);
}

// A block's best location so far and its values.
struct BlockBest {
  int32_t location = -1;
  Values value;        // the criteria's (the first `count`), once location >= 0
  double worse_above;  // WorseAbove of value[lead]: a bound beyond loses at once
  double distance_km;  // exact

  // Field by field, and only the first `count` values (the criteria's): a
  // copy of the whole struct loaded the values, just stored one by one, as
  // one wide vector, which waits for the stores to drain (a failed store
  // forwarding, 12 % of min_cost's partition fill).
  void Set(int count, int32_t id, const Values& values, double worse, double distance) {
    location = id;
    for (int k = 0; k < count; ++k) value[k] = values[k];
    worse_above = worse;
    distance_km = distance;
  }
};

// Whether the SKUs' rows average 32 locations or more. FindWholeOrderHolders
// first pays off with long rows: at 200 locations (rows of ~60) min_shipments
// and Shopify's rules are 19-26 % faster at 3 lines; at 50 (rows of ~15) it
// measured 0-3 % faster, at 10 (rows of ~3, and a whole-order holder for
// one order in four) 4-11 % slower.
bool LongRows(const Inventory& inventory, const std::vector<int32_t>& skus) {
  size_t entries = 0;
  for (int32_t sku : skus) entries += inventory.RowLocations(SkuId(sku)).size();
  return entries >= 32 * skus.size();
}

// Whether some eligible location holds every SKU of the order with its
// whole demand. Such a location ships the order complete in one shipment,
// which beats every other plan on (units, shipments) whatever the rest of
// the stock, so the rest is not read: the rows' location ids say which
// locations stock every SKU, and only those locations' levels are read
// (most holders' levels are never touched).
// When it returns true, every SKU's holder bits in
// scratch.partition_holders are exactly those locations, with their levels
// in scratch.partition_level; when false, the bits are cleared.
bool FindWholeOrderHolders(const Network& network, Inventory& inventory,
                           const Eligibility& eligible, RouterScratch& s, int m,
                           const std::array<int64_t, kBlocks>& block_units) {
  const size_t words = s.location_bits.size();
  const size_t num_locations = network.size();
  std::vector<uint64_t>& holders = s.partition_holders;
  for (int j = 0; j < m; ++j) {
    absl::Span<const uint16_t> locations = inventory.RowLocations(SkuId(s.problem_sku[j]));
    absl::Span<StockLevel> levels = inventory.MutableRowLevels(SkuId(s.problem_sku[j]));
    uint64_t* bits = &holders[j * words];
    StockLevel** level_of = &s.partition_level[j * num_locations];
    for (size_t k = 0; k < locations.size(); ++k) {
      const int32_t location = locations[k];
      bits[location >> 6] |= uint64_t{1} << (location & 63);
      level_of[location] = &levels[k];
    }
  }
  bool found = false;
  for (size_t w = 0; w < words; ++w) {
    uint64_t all = holders[w];
    for (int j = 1; j < m; ++j) all &= holders[j * words + w];
    for (uint64_t bits = all; bits != 0; bits &= bits - 1) {
      const int bit = std::countr_zero(bits);
      const int32_t location = static_cast<int32_t>(w * 64 + bit);
      bool whole = eligible(location);
      for (int j = 0; j < m && whole; ++j) {
        whole = s.partition_level[j * num_locations + location]->available() >= block_units[1 << j];
      }
      if (!whole) all &= ~(uint64_t{1} << bit);
    }
    for (int j = 0; j < m; ++j) holders[j * words + w] = all;
    found |= all != 0;
  }
  return found;
}

template <typename Criteria>
bool PartitionFill(const Criteria& criteria, const Network& network, Inventory& inventory,
                   const Order& order, const RoutingPolicy& policy, RouterScratch& s) {
  // The order's distinct SKUs (ExactFill collected them); block_units[b] is the units
  // of the SKUs of block (bit set) b, first each SKU's demand, b = 1 << j.
  const std::vector<int32_t>& sku = s.problem_sku;
  const int m = static_cast<int>(sku.size());
  if (m > kMaxPartitionSkus) return false;
  std::array<int64_t, kBlocks> block_units{};
  for (int j = 0; j < m; ++j) block_units[1 << j] = s.problem.demand[j];

  // holders[j]: the eligible locations holding SKU j's whole demand, a
  // bitset over locations. Bits, not a table of candidates: a holder costs
  // a level read and a bit, and the candidates come out in location order.
  const Eligibility eligible(network, policy, order.destination);
  const size_t words = s.location_bits.size();
  std::vector<uint64_t>& holders = s.partition_holders;
  std::fill(holders.begin(), holders.begin() + m * words, 0);
  uint32_t placeable = 0;
  const size_t num_locations = network.size();
  const int count = criteria.count;
  // Shipments first (min_shipments, Shopify's default rules): when some
  // location holds every placeable SKU, one shipment beats any split, so
  // only those locations, for the whole block, can be optimal. Usually
  // one or two of some thirty candidates at 3 lines × 50 locations.
  bool whole_only = false;
  if (count > 0 && criteria.rule[0] == Rule::kShipments && m >= 2 && LongRows(inventory, sku)) {
    whole_only = FindWholeOrderHolders(network, inventory, eligible, s, m, block_units);
    if (whole_only) placeable = (1u << m) - 1;
  }
  for (int j = 0; j < m && !whole_only; ++j) {
    const int64_t demand = block_units[1 << j];
    absl::Span<const uint16_t> locations = inventory.RowLocations(SkuId(sku[j]));
    absl::Span<StockLevel> levels = inventory.MutableRowLevels(SkuId(sku[j]));
    uint64_t* bits = &holders[j * words];
    StockLevel** level_of = &s.partition_level[j * num_locations];
    for (size_t k = 0; k < locations.size(); ++k) {
      const int64_t available = levels[k].available();
      if (available <= 0) continue;
      const int32_t location = locations[k];
      if (!eligible(location)) continue;
      if (available < demand) return false;  // shallow stock: not a partition problem
      bits[location >> 6] |= uint64_t{1} << (location & 63);
      level_of[location] = &levels[k];
      placeable |= 1u << j;
    }
  }
  // (One shipment is within any limit.)
  if (!whole_only && policy.max_shipments && *policy.max_shipments < std::popcount(placeable)) {
    return false;
  }
  for (uint32_t block = 1; block < kBlocks; ++block) {
    const uint32_t low = block & -block;
    if (block != low) block_units[block] = block_units[low] + block_units[block ^ low];
  }

  // The holders of some SKU (any) or of every placeable one (all), per
  // word of locations: SKUs that cannot be placed have no holders.
  auto any_and_all = [&](size_t w) {
    uint64_t any = 0, all = placeable != 0 ? ~uint64_t{0} : 0;
    for (int j = 0; j < m; ++j) {
      if (!(placeable >> j & 1)) continue;
      any |= holders[j * words + w];
      all &= holders[j * words + w];
    }
    return std::pair(any, all);
  };
  // The same from the holders just read: FindWholeOrderHolders did not run
  // (short rows), or found none because some SKU cannot be placed at all.
  if (!whole_only && count > 0 && criteria.rule[0] == Rule::kShipments) {
    for (size_t w = 0; w < words && !whole_only; ++w) whole_only = any_and_all(w).second != 0;
  }
  // Every location of a block ships it once, so `shipments` ties there: the
  // first other criterion leads the comparisons within a block. When it is
  // cost or distance (tolerant, so slow to compare), a holder whose bound
  // on it is clearly worse than the block's best is dropped at once
  // (min_cost 3-8 % faster; for an integer lead such as out_of_country
  // the extra test measured 5-10 % slower).
  int lead = 0;
  while (lead < count && criteria.rule[lead] == Rule::kShipments) ++lead;
  const bool quick_reject = lead < count && ComparesWithTolerance(criteria.rule[lead]);
  const UnitVector destination = s.destination;  // a copy: stores of doubles would alias it
  // When a quarter of the network or more is to be weighed, the half chords
  // come from one vectorized pass over every location (location_keys.h,
  // the same bits as Network::HalfChord): min_cost 3-6 % faster, rules up
  // to 8 %. Weighing only the whole-order holders, one or two, the table
  // measured 4 % slower.
  size_t weighed = 0;
  for (size_t w = 0; w < words; ++w) {
    const auto [any, all] = any_and_all(w);
    weighed += std::popcount(whole_only ? all : any);
  }
  const double* keys = nullptr;
  if (4 * weighed >= num_locations) {
    s.location_keys.Compute(network, destination);
    keys = s.location_keys.keys().data();
  }
  std::array<BlockBest, kBlocks> best;
  int64_t evaluated = 0;
  const BlockWeighing weighing =
      m >= 2 && keys != nullptr ? WeighingOf(criteria) : BlockWeighing::kScan;
  if (weighing != BlockWeighing::kScan) {
    // Each block's best holder from the tables of location_costs.h, which
    // the scan below would pick too.
    LocationCosts& costs = s.location_costs;
    costs.Compute(network, s.location_keys.keys());
    evaluated = static_cast<int64_t>(num_locations);
    const absl::Span<const uint64_t> domestic = weighing == BlockWeighing::kCountryThenDistance
                                                    ? costs.LocationsIn(order.destination.country)
                                                    : absl::Span<const uint64_t>();
    std::vector<uint64_t>& block_holders = s.location_bits;  // all zero between uses
    // With whole_only, the first block, every placeable SKU, is the only one.
    for (uint32_t block = placeable; block != 0; block = whole_only ? 0 : (block - 1) & placeable) {
      if (!BlockHolders(holders, words, block, block_holders)) continue;
      const int32_t id = BestByTables(costs, weighing, domestic, block_holders, block_units[block]);
      const double distance = costs.distance_km()[id];
      best[block].Set(count, id,
                      ShipmentValues(criteria, network.location(LocationId(id)), order.destination,
                                     distance, block_units[block]),
                      0, distance);
    }
    std::fill(block_holders.begin(), block_holders.end(), 0);
  }
  // Each block's best location: location `id`, holding the SKUs `skus`,
  // against the best so far of each block it can ship. Its exact distance
  // (an asin) is computed only when lower bounds on its values, from the
  // chord, are strictly better than a block's best so far.
  auto consider = [&](int32_t id, uint32_t skus) {
    const Location& location = network.location(LocationId(id));
    const double half_chord =
        keys != nullptr ? std::sqrt(keys[id]) / 2 : network.HalfChord(LocationId(id), destination);
    const double lower = HalfChordLowerBoundKm(half_chord);
    double distance = -1;  // not computed yet
    // With whole_only, `skus` is every placeable SKU, the only block.
    for (uint32_t block = skus; block != 0; block = whole_only ? 0 : (block - 1) & skus) {
      BlockBest& b = best[block];
      if (b.location >= 0) {
        if (quick_reject && Weight(criteria.rule[lead], location, order.destination, lower,
                                   block_units[block]) > b.worse_above) {
          continue;
        }
        int order_of_bounds = 0;
        for (int k = 0; k < count && order_of_bounds == 0; ++k) {
          order_of_bounds = CompareValue(
              criteria.rule[k],
              Weight(criteria.rule[k], location, order.destination, lower, block_units[block]),
              b.value[k]);
        }
        if (order_of_bounds >= 0) continue;
      }
      if (distance < 0) {
        distance = HalfChordToKm(half_chord);
        ++evaluated;
      }
      const Values value =
          ShipmentValues(criteria, location, order.destination, distance, block_units[block]);
      if (b.location < 0 || Compare(criteria, value, b.value) < 0) {
        b.Set(count, id, value, quick_reject ? WorseAbove(criteria.rule[lead], value[lead]) : 0,
              distance);
      }
    }
  };
  // Locations in (rank, id) order, so that ties go to the first.
  for (size_t w = 0; w < words && weighing == BlockWeighing::kScan; ++w) {
    const auto [any, all] = any_and_all(w);
    for (uint64_t bits = whole_only ? all : any; bits != 0; bits &= bits - 1) {
      const int bit = std::countr_zero(bits);
      uint32_t skus = 0;
      for (int j = 0; j < m; ++j) {
        skus |= static_cast<uint32_t>(holders[j * words + w] >> bit & 1) << j;
      }
      consider(static_cast<int32_t>(w * 64 + bit), skus);
    }
  }

  // The best partition of every set of placeable SKUs, smallest sets first:
  // the block holding the set's lowest SKU, plus the best of the rest. With
  // whole_only, one block was weighed, and it is the plan.
  std::array<Values, kBlocks> plan;  // filled in set order; only the empty set starts at 0
  plan[0].fill(0);
  std::array<uint32_t, kBlocks> first_block;
  if (whole_only) {
    first_block[placeable] = placeable;
  } else {
    for (uint32_t set = 1; set < kBlocks; ++set) {
      if ((set & ~placeable) != 0) continue;
      const uint32_t low = set & -set;
      bool found = false;
      for (uint32_t block = set; block != 0; block = (block - 1) & set) {
        if ((block & low) == 0 || best[block].location < 0) continue;
        // Only the criteria's values are set, in the plans as in the blocks.
        Values value;
        for (int k = 0; k < count; ++k) value[k] = best[block].value[k] + plan[set ^ block][k];
        if (!found || Compare(criteria, value, plan[set]) < 0) {
          for (int k = 0; k < count; ++k) plan[set][k] = value[k];
          first_block[set] = block;
          found = true;
        }
      }
    }
  }

  // Reserve and pick: each block's SKUs wholly from its location.
  for (uint32_t set = placeable; set != 0;) {
    const uint32_t block = first_block[set];
    const int32_t location = best[block].location;
    s.KnowDistance(location, best[block].distance_km);
    for (uint32_t skus = block; skus != 0; skus &= skus - 1) {
      const int j = std::countr_zero(skus);
      s.partition_level[j * num_locations + location]->reserved +=
          static_cast<int32_t>(block_units[1u << j]);
      s.PickWholeLines(order, j, location);
    }
    set ^= block;
  }
  s.search_nodes = evaluated;
  return true;
}

}  // namespace

bool TryPartitionFill(const Network& network, Inventory& inventory, const Order& order,
                      const RoutingPolicy& policy, RouterScratch& s) {
  switch (policy.kind) {
    case PolicyKind::kMinShipments:
      return PartitionFill(FixedCriteria<Rule::kShipments, Rule::kCost>{}, network, inventory,
                           order, policy, s);
    case PolicyKind::kMinCost:
      return PartitionFill(FixedCriteria<Rule::kCost, Rule::kShipments>{}, network, inventory,
                           order, policy, s);
    default: {
      // Shopify's default strategy (routing.md), the commonest rules list.
      constexpr Rule kShopifyDefault[] = {Rule::kShipments, Rule::kOutOfCountry, Rule::kDistance};
      if (std::ranges::equal(policy.rules, kShopifyDefault)) {
        return PartitionFill(
            FixedCriteria<Rule::kShipments, Rule::kOutOfCountry, Rule::kDistance>{}, network,
            inventory, order, policy, s);
      }
      CriteriaList criteria;
      criteria.count = PolicyCriteria(policy, criteria.rule);
      return PartitionFill(criteria, network, inventory, order, policy, s);
    }
  }
}

}  // namespace allot::routing_internal
