#include "engine/routing/random_problem.h"

#include <algorithm>

namespace allot::routing_internal::testing {
namespace {

double UnitCost(const ExactProblem& p, int i) {
  return p.unit_base[i] + p.unit_per_km[i] * p.Distance(i);
}
double Weight(const ExactProblem& p, int c, int i) {
  return p.base[c][i] + p.per_km[c][i] * p.Distance(i);
}

}  // namespace

ExactProblem RandomProblem(std::mt19937_64& gen, int n, int m, bool deep) {
  auto uni = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(gen); };
  ExactProblem p;
  p.num_candidates = n;
  p.num_skus = m;
  p.max_shipments = uni(0, 2) == 0 ? uni(1, 4) : n;
  for (int j = 0; j < m; ++j) p.demand.push_back(uni(1, 6));
  const int holds_one_in = uni(2, 4);  // sparse to dense stock
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < m; ++j) {
      const bool holds = uni(1, holds_one_in) != 1;
      if (deep) {
        p.avail.push_back(holds ? p.demand[j] : 0);
      } else {
        p.avail.push_back(holds ? std::min<int64_t>(uni(0, 6), p.demand[j]) : 0);
      }
    }
    p.half_chord.push_back(uni(0, 1000) / 1000.0);
    p.unit_base.push_back(uni(0, 50) / 10.0);
    p.unit_per_km.push_back(uni(0, 1) ? 0 : uni(0, 30) / 1e5);
  }
  p.num_criteria = uni(1, 3);
  for (int c = 0; c < p.num_criteria; ++c) {
    const int kind = uni(0, 3);  // 0 shipments, 1 integer weights, 2 cost, 3 distance
    p.adds_unit_cost[c] = kind == 2;
    p.tolerant[c] = kind >= 2;
    for (int i = 0; i < n; ++i) {
      double base = 0, per_km = 0;
      if (kind == 0) base = 1;
      if (kind == 1) base = uni(0, 3);
      if (kind == 2) base = uni(0, 100) / 10.0, per_km = uni(0, 1) ? uni(0, 30) / 1e4 : 0;
      if (kind == 3) per_km = 1;
      p.base[c].push_back(base);
      p.per_km[c].push_back(per_km);
    }
  }
  p.DeriveSkuSets();
  return p;
}

ExactProblem ShipmentsProblem(int n, int m, int64_t demand) {
  ExactProblem p;
  p.num_candidates = n;
  p.num_skus = m;
  p.max_shipments = n;
  p.demand.assign(m, demand);
  p.avail.assign(static_cast<size_t>(n) * m, 0);
  p.half_chord.assign(n, 0.1);
  p.unit_base.assign(n, 1.0);
  p.unit_per_km.assign(n, 0.0);
  p.num_criteria = 1;
  p.base[0].assign(n, 1.0);
  p.per_km[0].assign(n, 0.0);
  return p;
}

PlanKey KeyOf(const ExactProblem& p, const std::vector<int>& set) {
  PlanKey key;
  std::vector<int> by_cost = set;
  std::stable_sort(by_cost.begin(), by_cost.end(),
                   [&](int a, int b) { return UnitCost(p, a) < UnitCost(p, b); });
  double unit = 0;
  for (int j = 0; j < p.num_skus; ++j) {
    int64_t want = p.demand[j];
    for (int i : by_cost) {
      const int64_t q = std::min(want, p.a(i, j));
      key.units += q;
      unit += static_cast<double>(q) * UnitCost(p, i);
      want -= q;
    }
  }
  for (int c = 0; c < p.num_criteria; ++c) {
    double v = 0;
    for (int i : set) v += Weight(p, c, i);
    key.value[c] = v + (p.adds_unit_cost[c] ? unit : 0);
  }
  return key;
}

PlanKey BruteForceBest(const ExactProblem& p) {
  PlanKey best = KeyOf(p, {});
  std::vector<int> set;
  for (uint32_t mask = 1; mask < (1u << p.num_candidates); ++mask) {
    if (__builtin_popcount(mask) > p.max_shipments) continue;
    set.clear();
    for (int i = 0; i < p.num_candidates; ++i) {
      if (mask >> i & 1) set.push_back(i);
    }
    const PlanKey key = KeyOf(p, set);
    if (BetterPlan(p, key, best)) best = key;
  }
  return best;
}

}  // namespace allot::routing_internal::testing
