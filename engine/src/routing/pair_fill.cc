#include "routing/pair_fill.h"

#include <algorithm>
#include <array>
#include <bit>
#include <utility>

#include "routing/chord_distance.h"
#include "routing/exact_problem.h"
#include "routing/greedy_fill.h"

#if defined(__AVX512F__)
#define ALLOT_PAIR_FILL_AVX512 1
#include <immintrin.h>
#endif

namespace allot::routing_internal {
namespace {

// Into `covers`, ascending, the candidates whose SKU sets (`sets`) hold all
// of `skus` as (i, -1); when there are none and `pairs` is true, the pairs
// (i, k), i < k, whose sets together hold them.
void ListCovers(const std::vector<uint64_t>& sets, uint64_t skus, bool pairs,
                std::vector<std::pair<int, int>>& covers) {
  const int n = static_cast<int>(sets.size());
  for (int i = 0; i < n; ++i) {
    if (sets[i] == skus) covers.push_back({i, -1});
  }
  if (!covers.empty() || !pairs) return;
  for (int i = 0; i + 1 < n; ++i) {
    // The SKUs a partner of i must hold.
    const uint64_t need = skus & ~sets[i];
    int k = i + 1;
#ifdef ALLOT_PAIR_FILL_AVX512
    // Eight candidates' sets per compare: at 8 lines x 200 locations the
    // scalar loop tests some 18,000 pairs per order.
    const __m512i need8 = _mm512_set1_epi64(static_cast<long long>(need));
    for (; k + 8 <= n; k += 8) {
      const __m512i held = _mm512_and_si512(_mm512_loadu_si512(sets.data() + k), need8);
      for (unsigned hits = _mm512_cmpeq_epi64_mask(held, need8); hits != 0; hits &= hits - 1) {
        covers.push_back({i, k + std::countr_zero(hits)});
      }
    }
#endif
    for (; k < n; ++k) {
      if ((sets[k] & need) == need) covers.push_back({i, k});
    }
  }
}

// The units of the SKUs of `skus`.
double Units(uint64_t skus, const std::vector<int64_t>& demand) {
  int64_t sum = 0;
  for (; skus != 0; skus &= skus - 1) sum += demand[std::countr_zero(skus)];
  return static_cast<double>(sum);
}

// Clears what the row pass set: each listed location's SKU set and bit.
void ClearLocations(RouterScratch& s) {
  for (size_t w = 0; w < s.location_bits.size(); ++w) {
    for (uint64_t bits = s.location_bits[w]; bits != 0; bits &= bits - 1) {
      s.pair_location_skus[w * 64 + std::countr_zero(bits)] = 0;
    }
    s.location_bits[w] = 0;
  }
}

}  // namespace

bool TryPairFill(const Network& network, Inventory& inventory, const Order& order,
                 const RoutingPolicy& policy, RouterScratch& s) {
  std::array<Rule, kMaxCriteria> rule;
  const int count = PolicyCriteria(policy, rule);
  const std::vector<int32_t>& sku = s.problem_sku;  // ExactFill collected them
  const std::vector<int64_t>& demand = s.problem.demand;
  const int m = static_cast<int>(sku.size());
  if (count == 0 || rule[0] != Rule::kShipments || m == 0 || m > 64) return false;

  // Each eligible location's set of SKUs whose whole demand it holds (bit j:
  // SKU j), and the locations with any in location_bits; shallow stock
  // declines.
  const Eligibility eligible(network, policy, order.destination);
  for (int j = 0; j < m; ++j) {
    absl::Span<const uint16_t> locations = inventory.RowLocations(SkuId(sku[j]));
    absl::Span<const StockLevel> levels = inventory.RowLevels(SkuId(sku[j]));
    for (size_t k = 0; k < locations.size(); ++k) {
      const int64_t available = levels[k].available();
      if (available <= 0) continue;
      const int32_t location = locations[k];
      if (!eligible(location)) continue;
      if (available < demand[j]) {
        ClearLocations(s);
        return false;
      }
      s.pair_location_skus[location] |= uint64_t{1} << j;
      s.location_bits[location >> 6] |= uint64_t{1} << (location & 63);
    }
  }
  // Candidates in location order, so that covers come out ascending.
  std::vector<int32_t>& candidate = s.pair_candidates;
  std::vector<uint64_t>& sets = s.pair_candidate_skus;
  candidate.clear();
  sets.clear();
  uint64_t placeable = 0;
  for (size_t w = 0; w < s.location_bits.size(); ++w) {
    for (uint64_t bits = s.location_bits[w]; bits != 0; bits &= bits - 1) {
      const int32_t location = static_cast<int32_t>(w * 64 + std::countr_zero(bits));
      candidate.push_back(location);
      sets.push_back(s.pair_location_skus[location]);
      placeable |= sets.back();
    }
  }
  ClearLocations(s);
  std::vector<std::pair<int, int>>& covers = s.pair_covers;
  covers.clear();
  if (placeable == 0) return false;
  ListCovers(sets, placeable, !policy.max_shipments || *policy.max_shipments >= 2, covers);
  if (covers.empty()) return false;

  // The weights of the candidates in some cover: exact distances from the
  // tables when those are a quarter of the network or more (one vectorized
  // pass), else one at a time.
  std::vector<CoverMember>& member = s.pair_members;
  member.assign(candidate.size(), CoverMember{});
  size_t needed = 0;
  for (const auto& [a, b] : covers) {
    needed += member[a].needed ? 0 : 1;
    member[a].needed = true;
    if (b >= 0) {
      needed += member[b].needed ? 0 : 1;
      member[b].needed = true;
    }
  }
  const bool tables = 4 * needed >= static_cast<size_t>(network.size());
  if (tables) {
    s.location_keys.Compute(network, s.destination);
    s.location_costs.Compute(network, s.location_keys.keys());
  }
  const UnitVector destination = s.destination;  // a copy: stores of doubles would alias it
  for (size_t i = 0; i < candidate.size(); ++i) {
    if (!member[i].needed) continue;
    const LocationId id(candidate[i]);
    const Location& location = network.location(id);
    CoverMember& c = member[i];
    if (tables) {
      c.distance_km = s.location_costs.distance_km()[id.value()];
      c.package_cost = s.location_costs.package_cost()[id.value()];
      c.unit_cost = s.location_costs.unit_cost()[id.value()];
    } else {
      c.distance_km = HalfChordToKm(network.HalfChord(id, destination));
      c.package_cost = location.cost.PackageCost(c.distance_km);
      c.unit_cost = location.cost.UnitCost(c.distance_km);
    }
    c.out_of_country = location.country != order.destination.country ? 1 : 0;
    c.rank = location.rank;
  }

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
        if (!y) return x.package_cost + Units(sets[a], demand) * x.unit_cost;
        // Each SKU at the cheaper unit cost of the pair's holders.
        return x.package_cost + y->package_cost + Units(sets[a] & ~sets[b], demand) * x.unit_cost +
               Units(sets[b] & ~sets[a], demand) * y->unit_cost +
               Units(sets[a] & sets[b], demand) * std::min(x.unit_cost, y->unit_cost);
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
  for (int i : {first, second}) {
    if (i >= 0) s.KnowDistance(candidate[i], member[i].distance_km);
  }
  for (int j = 0; j < m; ++j) {
    int holder = -1;
    if (sets[first] >> j & 1) {
      holder = first;
    } else if (second >= 0 && (sets[second] >> j & 1)) {
      holder = second;
    }
    if (holder < 0) continue;  // not placeable
    const int32_t location = candidate[holder];
    absl::Span<const uint16_t> locations = inventory.RowLocations(SkuId(sku[j]));
    const size_t k = std::find(locations.begin(), locations.end(), location) - locations.begin();
    inventory.MutableRowLevels(SkuId(sku[j]))[k].reserved += static_cast<int32_t>(demand[j]);
    for (size_t l = 0; l < order.lines.size(); ++l) {
      if (s.line_sku[l] != j) continue;
      s.picks.push_back({static_cast<int32_t>(l), location, order.lines[l].quantity});
    }
  }
  return true;
}

}  // namespace allot::routing_internal
