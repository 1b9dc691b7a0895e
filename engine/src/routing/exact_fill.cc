#include "routing/exact_fill.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <numeric>
#include <optional>

#include "routing/cost_partition_fill.h"
#include "routing/cover_search.h"
#include "routing/deep_holders.h"
#include "routing/exact_search.h"
#include "routing/greedy_fill.h"
#include "routing/pair_fill.h"
#include "routing/partition_fill.h"

namespace allot::routing_internal {
namespace {

// The order's distinct SKUs (scratch.problem_sku), their demand
// (scratch.problem.demand) and each SKU's lines (sku_first_line,
// next_line_of_sku), for the fills, from each line's SKU index
// (scratch.line_sku, -1 for lines that ask nothing or for an unknown SKU).
void CollectSkus(const Inventory& inventory, const Order& order, RouterScratch& s) {
  s.line_sku.assign(order.lines.size(), -1);
  std::vector<int32_t>& sku_of = s.problem_sku;
  std::vector<int64_t>& demand = s.problem.demand;
  sku_of.clear();
  demand.clear();
  for (size_t l = 0; l < order.lines.size(); ++l) {
    const OrderLine& ol = order.lines[l];
    if (ol.quantity <= 0 || !ol.sku_id.valid() || ol.sku_id.value() >= inventory.num_skus()) {
      continue;
    }
    auto it = std::find(sku_of.begin(), sku_of.end(), ol.sku_id.value());
    const int j = static_cast<int>(it - sku_of.begin());
    if (it == sku_of.end()) {
      sku_of.push_back(ol.sku_id.value());
      demand.push_back(0);
    }
    demand[j] += ol.quantity;
    s.line_sku[l] = j;
  }
  // The chains, built from the last line back so each comes out in line order.
  s.sku_first_line.assign(sku_of.size(), -1);
  s.next_line_of_sku.resize(order.lines.size());
  for (size_t l = order.lines.size(); l-- > 0;) {
    const int32_t j = s.line_sku[l];
    if (j < 0) continue;
    s.next_line_of_sku[l] = s.sku_first_line[j];
    s.sku_first_line[j] = static_cast<int32_t>(l);
  }
}

// Fills scratch.problem and its side tables from the SKUs CollectSkus
// gathered and the stock.
void BuildProblem(const Network& network, Inventory& inventory, const Order& order,
                  const RoutingPolicy& policy, RouterScratch& s) {
  ExactProblem& p = s.problem;
  const std::vector<int32_t>& sku_of = s.problem_sku;  // CollectSkus
  const int m = static_cast<int>(sku_of.size());
  p.num_skus = m;

  // Candidates: eligible locations with available stock of some SKU, in
  // location order (a bitmap over locations, so no sort), so that candidate
  // indices follow (rank, id).
  const Eligibility eligible(network, policy, order.destination);
  std::vector<uint64_t>& bits = s.location_bits;
  for (int j = 0; j < m; ++j) {
    absl::Span<const uint16_t> locations = inventory.RowLocations(SkuId(sku_of[j]));
    absl::Span<const StockLevel> levels = inventory.RowLevels(SkuId(sku_of[j]));
    for (size_t k = 0; k < locations.size(); ++k) {
      const int32_t location = locations[k];
      if (levels[k].available() <= 0) continue;
      if (bits[location >> 6] >> (location & 63) & 1) continue;
      if (!eligible(location)) continue;
      bits[location >> 6] |= uint64_t{1} << (location & 63);
    }
  }
  s.problem_location.clear();
  for (size_t w = 0; w < bits.size(); ++w) {
    for (uint64_t word = bits[w]; word != 0; word &= word - 1) {
      const int32_t location = static_cast<int32_t>(w * 64 + std::countr_zero(word));
      s.SetSlot(location, static_cast<int32_t>(s.problem_location.size()));
      s.problem_location.push_back(location);
    }
    bits[w] = 0;
  }
  const int n = static_cast<int>(s.problem_location.size());
  p.num_candidates = n;
  p.avail.assign(static_cast<size_t>(n) * m, 0);
  s.problem_entries.assign(static_cast<size_t>(n) * m, nullptr);
  p.all_or_none = m <= ExactProblem::kMaxSetSkus;
  p.sku_sets.assign(n, 0);
  p.sku_holders.assign(static_cast<size_t>(m) * p.HolderWords(), 0);
  for (int j = 0; j < m; ++j) {
    absl::Span<const uint16_t> locations = inventory.RowLocations(SkuId(sku_of[j]));
    absl::Span<StockLevel> levels = inventory.MutableRowLevels(SkuId(sku_of[j]));
    for (size_t k = 0; k < locations.size(); ++k) {
      if (!s.HasSlot(locations[k])) continue;
      const size_t at = static_cast<size_t>(s.slot[locations[k]]) * m + j;
      const int64_t a = std::min<int64_t>(levels[k].available(), p.demand[j]);
      p.avail[at] = a;
      s.problem_entries[at] = &levels[k];
      if (p.all_or_none) {
        p.MarkHolder(s.slot[locations[k]], j, a == p.demand[j]);
        p.all_or_none = a == 0 || a == p.demand[j];
      }
    }
  }

  std::array<Rule, kMaxCriteria> criteria;
  p.num_criteria = PolicyCriteria(policy, criteria);
  p.max_shipments = policy.max_shipments ? *policy.max_shipments : n;
  p.half_chord.resize(n);
  p.unit_base.resize(n);
  p.unit_per_km.resize(n);
  for (int c = 0; c < p.num_criteria; ++c) {
    p.base[c].resize(n);
    p.per_km[c].resize(n);
    p.adds_unit_cost[c] = AddsUnitCost(criteria[c]);
    p.tolerant[c] = ComparesWithTolerance(criteria[c]);
  }
  // Half chords only: the search takes an asin for the candidates it evaluates.
  const UnitVector destination = s.destination;  // a copy: stores of doubles would alias it
  for (int i = 0; i < n; ++i) {
    const LocationId id(s.problem_location[i]);
    const Location& loc = network.location(id);
    p.half_chord[i] = network.HalfChord(id, destination);
    p.unit_base[i] = loc.cost.per_unit;
    p.unit_per_km[i] = loc.cost.per_unit_km;
    for (int c = 0; c < p.num_criteria; ++c) {
      const CriterionWeight w = WeightOf(criteria[c], loc, order.destination);
      p.base[c][i] = w.base;
      p.per_km[c][i] = w.per_km;
    }
  }
}

}  // namespace

void ExactFill(const Network& network, Inventory& inventory, const Order& order,
               const RoutingPolicy& policy, RouterScratch& s) {
  CollectSkus(inventory, order, s);
  if (TryPartitionFill(network, inventory, order, policy, s)) return;
  // Larger deep-stock orders: one read of the rows serves both fills.
  const int m_read = static_cast<int>(s.problem_sku.size());
  if (PairFillApplies(policy, m_read) || CostPartitionFillApplies(policy, m_read)) {
    if (const std::optional<uint64_t> placeable =
            ReadDeepHolders(network, inventory, order, policy, s)) {
      const bool done = (PairFillApplies(policy, m_read) &&
                         TryPairFill(network, inventory, order, policy, *placeable, s)) ||
                        (CostPartitionFillApplies(policy, m_read) &&
                         TryCostPartitionFill(network, inventory, order, policy, *placeable, s));
      ClearDeepHolders(s);
      if (done) return;
    }
  }
  BuildProblem(network, inventory, order, policy, s);
  const ExactProblem& p = s.problem;
  const int m = p.num_skus;
  std::vector<int>& chosen = s.chosen;
  // Deep stock (every location offers all or none of each SKU's demand) is
  // a set-cover problem on bitmasks; anything else takes the general search.
  CandidateCosts* solved_costs;
  if (CoverSearch::Applies(p)) {
    s.cover.Solve(p, &chosen);
    s.search_nodes = s.cover.nodes();
    solved_costs = &s.cover.costs();
  } else {
    s.search.Solve(p, &chosen);
    s.search_nodes = s.search.nodes();
    solved_costs = &s.search.costs();
  }
  // Chosen candidates by (unit cost, location): the cheapest allocation.
  CandidateCosts& costs = *solved_costs;
  for (int i : chosen) {
    costs.Ensure(i);
    s.KnowDistance(s.problem_location[i], costs.distance(i));
  }
  std::sort(chosen.begin(), chosen.end(), [&](int x, int y) {
    if (costs.unit_cost(x) != costs.unit_cost(y)) return costs.unit_cost(x) < costs.unit_cost(y);
    return x < y;
  });
  // Lines of one SKU fill in line order, along its chain (CollectSkus),
  // whose quantities add up to the demand: no take runs past its end.
  for (int j = 0; j < m; ++j) {
    int64_t want = p.demand[j];
    int32_t line = s.sku_first_line[j];
    int32_t line_left = line >= 0 ? order.lines[line].quantity : 0;  // units still to place
    for (int i : chosen) {
      if (want == 0) break;
      StockLevel* level = s.problem_entries[static_cast<size_t>(i) * m + j];
      if (level == nullptr) continue;
      int64_t take = std::min<int64_t>(want, p.a(i, j));
      want -= take;
      level->reserved += static_cast<int32_t>(take);
      while (take > 0) {
        const int32_t q = static_cast<int32_t>(std::min<int64_t>(take, line_left));
        s.picks.push_back({line, s.problem_location[i], q});
        take -= q;
        line_left -= q;
        if (line_left == 0) {
          line = s.next_line_of_sku[line];
          line_left = line >= 0 ? order.lines[line].quantity : 0;
        }
      }
    }
  }
}

}  // namespace allot::routing_internal
