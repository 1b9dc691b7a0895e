#include "routing/pair_fill.h"

#include <algorithm>
#include <array>
#include <bit>
#include <utility>

#include "routing/chord_distance.h"
#include "routing/deep_holders.h"
#include "routing/exact_problem.h"

namespace allot::routing_internal {
namespace {

// The units of the SKUs of `skus`.
double Units(uint64_t skus, const std::vector<int64_t>& demand) {
  int64_t sum = 0;
  for (; skus != 0; skus &= skus - 1) sum += demand[std::countr_zero(skus)];
  return static_cast<double>(sum);
}

// Into `covers`, the locations holding every SKU of `skus` as (a, -1),
// ascending; when there are none and `pairs` is true, each pair {a, b} of
// locations that together hold them once, as (min, max). `holders` has per
// SKU `words` words of location bits, `skus_at` per location its SKU set.
//
// Every pair holds the SKU with the fewest holders, so only its holders a
// are tried, each against the locations holding every SKU a lacks (an AND
// of those SKUs' bitsets): at 8 lines x 200 locations some sixty locations
// instead of every pair of about 190 (eight pairs per AVX-512 compare measured 11 %
// slower there, 4-5 % at 8 x 50). Each of those SKUs' bits is ANDed in
// even once no partner is left in the word: stopping there mispredicted,
// and without the test 8 x 200 measured 6 % faster (8 x 50 the same).
void ListCovers(const std::vector<uint64_t>& holders, size_t words,
                const std::vector<uint64_t>& skus_at, uint64_t skus, bool pairs,
                std::vector<std::pair<int, int>>& covers) {
  auto holders_of = [&](int j, size_t w) { return holders[static_cast<size_t>(j) * words + w]; };
  for (size_t w = 0; w < words; ++w) {
    uint64_t all = ~uint64_t{0};
    for (uint64_t rest = skus; rest != 0; rest &= rest - 1) {
      all &= holders_of(std::countr_zero(rest), w);
    }
    for (; all != 0; all &= all - 1) {
      covers.push_back({static_cast<int>(w * 64 + std::countr_zero(all)), -1});
    }
  }
  if (!covers.empty() || !pairs) return;
  int rarest = -1, fewest = 0;
  for (uint64_t rest = skus; rest != 0; rest &= rest - 1) {
    const int j = std::countr_zero(rest);
    int count = 0;
    for (size_t w = 0; w < words; ++w) count += std::popcount(holders_of(j, w));
    if (rarest < 0 || count < fewest) rarest = j, fewest = count;
  }
  for (size_t wa = 0; wa < words; ++wa) {
    for (uint64_t as = holders_of(rarest, wa); as != 0; as &= as - 1) {
      const int a = static_cast<int>(wa * 64 + std::countr_zero(as));
      const uint64_t need = skus & ~skus_at[a];  // not empty: no location holds every SKU
      for (size_t w = 0; w < words; ++w) {
        uint64_t partners = ~uint64_t{0};
        for (uint64_t rest = need; rest != 0; rest &= rest - 1) {
          partners &= holders_of(std::countr_zero(rest), w);
        }
        for (; partners != 0; partners &= partners - 1) {
          const int b = static_cast<int>(w * 64 + std::countr_zero(partners));
          // A partner holding the rarest SKU too listed the pair as its own a.
          if (b < a && (skus_at[b] >> rarest & 1)) continue;
          covers.push_back({std::min(a, b), std::max(a, b)});
        }
      }
    }
  }
}

}  // namespace

bool PairFillApplies(const RoutingPolicy& policy, int num_skus) {
  std::array<Rule, kMaxCriteria> rule;
  const int count = PolicyCriteria(policy, rule);
  return count > 0 && rule[0] == Rule::kShipments && num_skus > 0 && num_skus <= kMaxDeepSkus;
}

bool TryPairFill(const Network& network, Inventory& inventory, const Order& order,
                 const RoutingPolicy& policy, uint64_t placeable, RouterScratch& s) {
  std::array<Rule, kMaxCriteria> rule;
  const int count = PolicyCriteria(policy, rule);
  const std::vector<int32_t>& sku = s.problem_sku;  // ExactFill collected them
  const std::vector<int64_t>& demand = s.problem.demand;
  const int m = static_cast<int>(sku.size());
  const size_t words = s.location_bits.size();
  const std::vector<uint64_t>& holders = s.deep_holders;
  const std::vector<uint64_t>& skus_at = s.deep_skus_at;
  std::vector<std::pair<int, int>>& covers = s.pair_covers;
  covers.clear();
  if (placeable != 0) {
    ListCovers(holders, words, skus_at, placeable,
               !policy.max_shipments || *policy.max_shipments >= 2, covers);
  }
  if (covers.empty()) return false;

  // The weights of the locations in some cover: exact distances from the
  // tables when those are a quarter of the network or more (one vectorized
  // pass), else one at a time.
  std::vector<CoverMember>& member = s.pair_members;  // per location, none needed between uses
  std::vector<int32_t>& needed = s.pair_needed;
  needed.clear();
  for (const auto& [a, b] : covers) {
    for (int l : {a, b}) {
      if (l < 0 || member[l].needed) continue;
      member[l].needed = true;
      needed.push_back(l);
    }
  }
  const bool tables = 4 * needed.size() >= static_cast<size_t>(network.size());
  if (tables) {
    s.location_keys.Compute(network, s.destination);
    s.location_costs.Compute(network, s.location_keys.keys());
  }
  const UnitVector destination = s.destination;  // a copy: stores of doubles would alias it
  for (int32_t l : needed) {
    const LocationId id(l);
    const Location& location = network.location(id);
    CoverMember& c = member[l];
    if (tables) {
      c.distance_km = s.location_costs.distance_km()[l];
      c.package_cost = s.location_costs.package_cost()[l];
      c.unit_cost = s.location_costs.unit_cost()[l];
    } else {
      c.distance_km = HalfChordToKm(network.HalfChord(id, destination));
      c.package_cost = location.cost.PackageCost(c.distance_km);
      c.unit_cost = location.cost.UnitCost(c.distance_km);
    }
    c.units = Units(skus_at[l], demand);
    c.out_of_country = location.country != order.destination.country ? 1 : 0;
    c.rank = location.rank;
  }

  const double placeable_units = Units(placeable, demand);
  // Every cover ties on `shipments` (criterion 0); the rest, lexicographically,
  // with the cost tolerance where it applies. Ties keep the first cover.
  auto value = [&](Rule r, int a, int b) {
    const CoverMember& x = member[a];
    const CoverMember* y = b >= 0 ? &member[b] : nullptr;
    switch (r) {
      case Rule::kShipments:
        return y ? 2.0 : 1.0;
      case Rule::kOutOfCountry:
        return x.out_of_country + (y ? y->out_of_country : 0);
      case Rule::kRank:
        return x.rank + (y ? y->rank : 0);
      case Rule::kDistance:
        return x.distance_km + (y ? y->distance_km : 0);
      case Rule::kCost: {
        if (!y) return x.package_cost + x.units * x.unit_cost;
        // Each SKU at the cheaper unit cost of the pair's holders. Together
        // they hold every placeable SKU, so the units they share are their
        // sum less the placeable units (integers: exact as doubles).
        const double both = x.units + y->units - placeable_units;
        return x.package_cost + y->package_cost + (x.units - both) * x.unit_cost +
               (y->units - both) * y->unit_cost + both * std::min(x.unit_cost, y->unit_cost);
      }
    }
    return 0.0;
  };
  size_t best = 0;
  std::array<double, kMaxCriteria> best_value{};
  for (int c = 1; c < count; ++c) best_value[c] = value(rule[c], covers[0].first, covers[0].second);
  for (size_t at = 1; at < covers.size(); ++at) {
    const auto [a, b] = covers[at];
    std::array<double, kMaxCriteria> v{};
    int order_of = 0;
    int c = 1;
    for (; c < count && order_of == 0; ++c) {
      v[c] = value(rule[c], a, b);
      order_of = CompareValues(ComparesWithTolerance(rule[c]), v[c], best_value[c]);
    }
    if (order_of < 0) {
      for (; c < count; ++c) v[c] = value(rule[c], a, b);
      best = at;
      best_value = v;
    }
  }
  s.search_nodes = static_cast<int64_t>(covers.size());

  // Reserve and pick: each SKU wholly from the cheaper (by unit cost, then
  // location) of the cover's holders, as ExactFill allocates.
  auto [first, second] = covers[best];
  if (second >= 0 && member[second].unit_cost < member[first].unit_cost) {
    std::swap(first, second);
  }
  for (int l : {first, second}) {
    if (l >= 0) s.KnowDistance(l, member[l].distance_km);
  }
  for (int j = 0; j < m; ++j) {
    if (skus_at[first] >> j & 1) {
      ShipWholeSku(inventory, order, s, j, first);
    } else if (second >= 0 && (skus_at[second] >> j & 1)) {
      ShipWholeSku(inventory, order, s, j, second);
    }  // else not placeable
  }
  for (int32_t l : needed) member[l].needed = false;
  return true;
}

}  // namespace allot::routing_internal
