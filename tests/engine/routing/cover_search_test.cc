// The bitmask cover search against brute force and against the general
// exact search, on problems where stock is all or none of each demand.
#include "routing/cover_search.h"

#include <random>

#include "engine/routing/random_problem.h"
#include "gtest/gtest.h"
#include "routing/exact_search.h"

namespace allot::routing_internal {
namespace {

using testing::BruteForceBest;
using testing::KeyOf;
using testing::RandomProblem;
using testing::ShipmentsProblem;

TEST(CoverSearchTest, AppliesOnlyToAllOrNoneStockOfAtMost64Skus) {
  std::mt19937_64 gen(3);
  ExactProblem deep = RandomProblem(gen, 6, 5, /*deep=*/true);
  EXPECT_TRUE(CoverSearch::Applies(deep));
  deep.demand[0] = 2;
  deep.avail[0] = 1;  // candidate 0 offers part of SKU 0's demand
  deep.DeriveSkuSets();
  EXPECT_FALSE(CoverSearch::Applies(deep));
  EXPECT_FALSE(CoverSearch::Applies(RandomProblem(gen, 2, 65, /*deep=*/true)));
}

TEST(CoverSearchTest, MatchesBruteForceUpToFourteenCandidates) {
  std::mt19937_64 gen(11);
  CoverSearch search;
  for (int round = 0; round < 3000; ++round) {
    const int n = 1 + round % 14;
    const ExactProblem p = RandomProblem(gen, n, 1 + round % 10, /*deep=*/true);
    std::vector<int> chosen;
    search.Solve(p, &chosen);
    EXPECT_LE(static_cast<int>(chosen.size()), p.max_shipments);
    EXPECT_FALSE(BetterPlan(p, BruteForceBest(p), KeyOf(p, chosen))) << "round " << round;
  }
}

// Beyond brute force: both exact solvers must find plans of equal key.
TEST(CoverSearchTest, AgreesWithTheGeneralSearchUpToSixtyCandidates) {
  std::mt19937_64 gen(12);
  CoverSearch cover;
  ExactSearch general;
  for (int round = 0; round < 300; ++round) {
    const int n = 10 + round % 51;
    const ExactProblem p = RandomProblem(gen, n, 1 + round % 16, /*deep=*/true);
    std::vector<int> by_cover, by_general;
    cover.Solve(p, &by_cover);
    general.Solve(p, &by_general);
    // Node counts are deterministic: a weak bound for cost-only additions
    // once took 2e9 nodes on one of these (a few hundred at most now).
    EXPECT_LE(cover.nodes(), 20'000) << "round " << round;
    const PlanKey a = KeyOf(p, by_cover), b = KeyOf(p, by_general);
    EXPECT_FALSE(BetterPlan(p, b, a)) << "round " << round;
    EXPECT_FALSE(BetterPlan(p, a, b)) << "round " << round;
  }
}

// Past 64 candidates every candidate bit set spans several words.
TEST(CoverSearchTest, AgreesWithTheGeneralSearchPastSixtyFourCandidates) {
  std::mt19937_64 gen(13);
  CoverSearch cover;
  ExactSearch general;
  for (int round = 0; round < 24; ++round) {
    const int n = 65 + round * 3;
    const ExactProblem p = RandomProblem(gen, n, 1 + round % 8, /*deep=*/true);
    ASSERT_TRUE(CoverSearch::Applies(p));
    std::vector<int> by_cover, by_general;
    cover.Solve(p, &by_cover);
    general.Solve(p, &by_general);
    const PlanKey a = KeyOf(p, by_cover), b = KeyOf(p, by_general);
    EXPECT_FALSE(BetterPlan(p, b, a)) << "round " << round;
    EXPECT_FALSE(BetterPlan(p, a, b)) << "round " << round;
  }
}

// A problem whose SKU sets were set by hand, without DeriveSkuSets, lacks
// the SKU holders: the cover search must not take it.
TEST(CoverSearchTest, DoesNotApplyWithoutSkuHolders) {
  std::mt19937_64 gen(4);
  ExactProblem p = RandomProblem(gen, 6, 3, /*deep=*/true);
  ASSERT_TRUE(CoverSearch::Applies(p));
  p.sku_holders.clear();
  EXPECT_FALSE(CoverSearch::Applies(p));
}

// Two candidates and two SKUs at no distance, with criteria `cost` (the
// package costs `package`, the unit costs `unit`) and then an integer one
// charging `then` per candidate.
ExactProblem TwoCandidates(std::vector<int64_t> demand, std::vector<int64_t> avail,
                           std::vector<double> unit, std::vector<double> package,
                           std::vector<double> then) {
  ExactProblem p;
  p.num_candidates = 2;
  p.num_skus = 2;
  p.max_shipments = 2;
  p.demand = std::move(demand);
  p.avail = std::move(avail);
  p.half_chord = {0, 0};
  p.unit_base = std::move(unit);
  p.unit_per_km = {0, 0};
  p.num_criteria = 2;
  p.base[0] = std::move(package);
  p.per_km[0] = {0, 0};
  p.adds_unit_cost[0] = p.tolerant[0] = true;
  p.base[1] = std::move(then);
  p.per_km[1] = {0, 0};
  p.DeriveSkuSets();
  return p;
}

// A location that covers nothing new still belongs in the cheapest plan when
// its unit cost saves more than its package cost.
TEST(CoverSearchTest, AddsALocationOnlyForItsUnitCost) {
  ExactProblem p = TwoCandidates({10, 1},
                                 {10, 1,   // candidate 0 holds both SKUs, at 10 per unit
                                  10, 0},  // candidate 1 holds the first, at 0 per unit
                                 {10, 0}, {5, 1}, /*then shipments*/ {1, 1});
  CoverSearch search;
  std::vector<int> chosen;
  search.Solve(p, &chosen);
  EXPECT_EQ(chosen, (std::vector<int>{0, 1}));  // 5 + 1 + 10 * 0 + 1 * 10 = 16 < 115
  // With shipments first, the second location is never worth it.
  std::swap(p.base[0], p.base[1]);
  std::swap(p.adds_unit_cost[0], p.adds_unit_cost[1]);
  std::swap(p.tolerant[0], p.tolerant[1]);
  search.Solve(p, &chosen);
  EXPECT_EQ(chosen, (std::vector<int>{0}));
}

// Costs within the 1e-6 tolerance tie, and the next criterion decides:
// candidate 1 costs a hair more than candidate 0 but ships in the
// destination's country. Pins the margins that decide bounds without the
// tolerance test (a bound a hair above the incumbent's cost is a tie).
TEST(CoverSearchTest, CostsWithinToleranceFallToTheNextCriterion) {
  // Package costs 9e-5 apart (the tolerance is 1e-4), then out of country.
  const ExactProblem p =
      TwoCandidates({1, 1}, {1, 1, 1, 1}, {0, 0}, {100.0, 100.00009}, /*then*/ {1, 0});
  CoverSearch search;
  std::vector<int> chosen;
  search.Solve(p, &chosen);
  EXPECT_EQ(chosen, (std::vector<int>{1}));
}

// Among 60 candidates, one plan of 6 specific locations (the sole holders
// of five SKUs, the lightest holder of the sixth) is best.
TEST(CoverSearchTest, FindsLargeOptimalPlansAmongManyDecoys) {
  const int n = 60, m = 6;
  ExactProblem p = ShipmentsProblem(n, m, 2);
  for (int i = 0; i < n; ++i) {
    if (i % 10 == 0) p.avail[i * m + i / 10] = 2;  // the sole holder of SKU i / 10
  }
  for (int i = 1; i < n; i += 2) {
    p.avail[i * m + 5] = 2;  // decoys holding the last SKU, each a heavier shipment
    p.base[0][i] = 1.5;
  }
  p.DeriveSkuSets();
  CoverSearch search;
  std::vector<int> chosen;
  search.Solve(p, &chosen);
  EXPECT_EQ(chosen, (std::vector<int>{0, 10, 20, 30, 40, 50}));
}

}  // namespace
}  // namespace allot::routing_internal
