// The exact search against brute force on its own problem form, including
// sizes the scenario-level property test does not reach.
#include "routing/exact_search.h"

#include <random>

#include "gtest/gtest.h"

namespace allot::routing_internal {
namespace {

double UnitCost(const ExactProblem& p, int i) {
  return p.unit_base[i] + p.unit_per_km[i] * p.Distance(i);
}
double Weight(const ExactProblem& p, int c, int i) {
  return p.base[c][i] + p.per_km[c][i] * p.Distance(i);
}

// The key of candidate set `mask`, computed the obvious way.
PlanKey KeyOf(const ExactProblem& p, uint32_t mask) {
  PlanKey key;
  std::vector<int> set;
  for (int i = 0; i < p.num_candidates; ++i) {
    if (mask >> i & 1) set.push_back(i);
  }
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

ExactProblem RandomProblem(std::mt19937_64& gen, int n, int m) {
  auto uni = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(gen); };
  ExactProblem p;
  p.num_candidates = n;
  p.num_skus = m;
  p.max_shipments = uni(0, 2) == 0 ? uni(1, 4) : n;
  for (int j = 0; j < m; ++j) p.demand.push_back(uni(1, 6));
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < m; ++j) {
      p.avail.push_back(uni(0, 2) == 0 ? 0 : std::min<int64_t>(uni(0, 6), p.demand[j]));
    }
    p.half_chord.push_back(uni(0, 1000) / 1000.0);
    p.unit_base.push_back(uni(0, 50) / 10.0);
    p.unit_per_km.push_back(uni(0, 1) ? 0 : uni(0, 30) / 1e5);
  }
  p.num_criteria = uni(1, 3);
  for (int c = 0; c < p.num_criteria; ++c) {
    const int kind = uni(0, 2);  // 0 shipments, 1 integer weights, 2 cost
    p.adds_unit_cost[c] = kind == 2;
    p.tolerant[c] = kind == 2;
    for (int i = 0; i < n; ++i) {
      p.base[c].push_back(kind == 0 ? 1 : kind == 1 ? uni(0, 3) : uni(0, 100) / 10.0);
      p.per_km[c].push_back(kind == 2 && uni(0, 1) ? uni(0, 30) / 1e4 : 0);
    }
  }
  return p;
}

TEST(ExactSearchTest, MatchesBruteForceUpToSixteenCandidates) {
  std::mt19937_64 gen(7);
  ExactSearch search;
  for (int round = 0; round < 300; ++round) {
    const int n = 1 + round % 16;
    ExactProblem p = RandomProblem(gen, n, 1 + round % 6);
    std::vector<int> chosen;
    search.Solve(p, &chosen);
    uint32_t mask = 0;
    for (int i : chosen) mask |= 1u << i;
    EXPECT_LE(static_cast<int>(chosen.size()), p.max_shipments);
    PlanKey best = KeyOf(p, 0);
    for (uint32_t m = 1; m < (1u << n); ++m) {
      if (__builtin_popcount(m) > p.max_shipments) continue;
      PlanKey k = KeyOf(p, m);
      if (BetterPlan(p, k, best)) best = k;
    }
    EXPECT_FALSE(BetterPlan(p, best, KeyOf(p, mask))) << "round " << round;
  }
}

// No size cut-off: among 60 candidates, only a plan of 6 specific locations
// (each the sole holder of one SKU) places everything.
TEST(ExactSearchTest, FindsLargeOptimalPlansAmongManyDecoys) {
  const int n = 60, m = 6;
  ExactProblem p;
  p.num_candidates = n;
  p.num_skus = m;
  p.max_shipments = n;
  p.demand.assign(m, 2);
  p.avail.assign(n * m, 0);
  p.half_chord.assign(n, 0.1);
  p.unit_base.assign(n, 1.0);
  p.unit_per_km.assign(n, 0.0);
  p.num_criteria = 1;
  p.base[0].assign(n, 1.0);
  p.per_km[0].assign(n, 0.0);
  for (int i = 0; i < n; ++i) {
    if (i % 10 == 0) {
      p.avail[i * m + i / 10] = 2;  // the sole full holder of SKU i/10
    } else {
      p.avail[i * m + i % m] = 1;  // decoys hold one unit of something
    }
  }
  ExactSearch search;
  std::vector<int> chosen;
  search.Solve(p, &chosen);
  EXPECT_EQ(chosen, (std::vector<int>{0, 10, 20, 30, 40, 50}));
}

}  // namespace
}  // namespace allot::routing_internal
