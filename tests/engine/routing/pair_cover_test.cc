// The one-or-two-location covers against brute force and the cover search,
// and when they decline.
#include "routing/pair_cover.h"

#include <random>

#include "engine/routing/random_problem.h"
#include "gtest/gtest.h"
#include "routing/cover_search.h"

namespace allot::routing_internal {
namespace {

using testing::BruteForceBest;
using testing::KeyOf;
using testing::RandomProblem;

// `p` with `shipments` as its first criterion, the rest as drawn.
ExactProblem ShipmentsFirst(ExactProblem p) {
  p.base[0].assign(p.num_candidates, 1.0);
  p.per_km[0].assign(p.num_candidates, 0.0);
  p.adds_unit_cost[0] = p.tolerant[0] = false;
  p.shipments_first = true;
  return p;
}

// Whether `count` candidates or fewer, within the limit, hold every SKU
// some candidate holds (none when none holds any: the empty plan is best).
bool CoverOfAtMost(const ExactProblem& p, int count) {
  uint64_t placeable = 0;
  for (uint64_t set : p.sku_sets) placeable |= set;
  if (placeable == 0) return false;
  for (int i = 0; i < p.num_candidates; ++i) {
    if (p.sku_sets[i] == placeable) return true;
    for (int k = i + 1; k < p.num_candidates && count >= 2 && p.max_shipments >= 2; ++k) {
      if ((p.sku_sets[i] | p.sku_sets[k]) == placeable) return true;
    }
  }
  return false;
}

TEST(PairCoverTest, AppliesToDeepStockWithShipmentsFirst) {
  std::mt19937_64 gen(5);
  ExactProblem p = ShipmentsFirst(RandomProblem(gen, 6, 4, /*deep=*/true));
  EXPECT_TRUE(PairCover::Applies(p));
  p.shipments_first = false;
  EXPECT_FALSE(PairCover::Applies(p));
  ExactProblem shallow = ShipmentsFirst(RandomProblem(gen, 6, 4, /*deep=*/false));
  shallow.demand[0] = 2;
  shallow.avail[0] = 1;  // candidate 0 offers part of SKU 0's demand
  shallow.DeriveSkuSets();
  EXPECT_FALSE(PairCover::Applies(shallow));
}

TEST(PairCoverTest, MatchesBruteForceWhenOneOrTwoLocationsCover) {
  std::mt19937_64 gen(21);
  PairCover cover;
  int solved = 0, declined = 0;
  for (int round = 0; round < 4000; ++round) {
    const int n = 1 + round % 14;
    const ExactProblem p = ShipmentsFirst(RandomProblem(gen, n, 1 + round % 10, /*deep=*/true));
    std::vector<int> chosen;
    const bool found = cover.Solve(p, &chosen);
    EXPECT_EQ(found, CoverOfAtMost(p, 2)) << "round " << round;
    if (!found) {
      EXPECT_TRUE(chosen.empty());
      ++declined;
      continue;
    }
    ++solved;
    EXPECT_TRUE(std::is_sorted(chosen.begin(), chosen.end()));
    EXPECT_FALSE(BetterPlan(p, BruteForceBest(p), KeyOf(p, chosen))) << "round " << round;
  }
  // Both outcomes are exercised.
  EXPECT_GT(solved, 1000);
  EXPECT_GT(declined, 100);
}

// At the benchmark's sizes (8 SKUs, up to 200 candidates, 30 % stock), against
// the cover search.
TEST(PairCoverTest, AgreesWithTheCoverSearchUpToTwoHundredCandidates) {
  std::mt19937_64 gen(22);
  PairCover pairs;
  CoverSearch search;
  int solved = 0;
  for (int round = 0; round < 200; ++round) {
    const int n = 10 + round % 191;
    ExactProblem p = ShipmentsFirst(RandomProblem(gen, n, 8, /*deep=*/true));
    std::vector<int> by_pairs, by_search;
    if (!pairs.Solve(p, &by_pairs)) continue;
    ++solved;
    search.Solve(p, &by_search);
    const PlanKey a = KeyOf(p, by_pairs), b = KeyOf(p, by_search);
    EXPECT_FALSE(BetterPlan(p, b, a)) << "round " << round;
    EXPECT_FALSE(BetterPlan(p, a, b)) << "round " << round;
  }
  EXPECT_GT(solved, 100);
}

// Three candidates at one place, two SKUs, criteria shipments then cost:
// candidate 0 holds SKU 0, candidates 1 and 2 hold SKU 1, 2 for less.
ExactProblem ThreeCandidates() {
  ExactProblem p;
  p.num_candidates = 3;
  p.num_skus = 2;
  p.max_shipments = 3;
  p.demand = {1, 2};
  p.avail = {1, 0, 0, 2, 0, 2};
  p.half_chord = {0, 0, 0};
  p.unit_base = {1, 1, 0.5};
  p.unit_per_km = {0, 0, 0};
  p.num_criteria = 2;
  p.shipments_first = true;
  p.base[0] = {1, 1, 1};
  p.per_km[0] = {0, 0, 0};
  p.base[1] = {4, 4, 4};  // package costs
  p.per_km[1] = {0, 0, 0};
  p.adds_unit_cost[1] = p.tolerant[1] = true;
  p.DeriveSkuSets();
  return p;
}

TEST(PairCoverTest, TakesTheCheapestPair) {
  ExactProblem p = ThreeCandidates();
  PairCover cover;
  std::vector<int> chosen;
  ASSERT_TRUE(cover.Solve(p, &chosen));
  EXPECT_EQ(chosen, (std::vector<int>{0, 2}));  // 8 + 1 + 2 * 0.5 = 10 < 11
  // A location holding everything ships alone, however much it costs.
  p.avail[4] = 1;  // candidate 2 now holds SKU 0 too
  p.base[1][2] = 100;
  p.DeriveSkuSets();
  ASSERT_TRUE(cover.Solve(p, &chosen));
  EXPECT_EQ(chosen, (std::vector<int>{2}));
}

TEST(PairCoverTest, DeclinesWhenThreeLocationsAreNeededOrTheLimitIsOne) {
  ExactProblem p = ThreeCandidates();
  PairCover cover;
  std::vector<int> chosen;
  p.max_shipments = 1;
  EXPECT_FALSE(cover.Solve(p, &chosen));
  EXPECT_TRUE(chosen.empty());
  p.max_shipments = 3;
  // A third SKU that only candidate 1 holds, and a fourth only candidate 2
  // holds: 0, 1 and 2 are all needed.
  p.num_skus = 4;
  p.demand = {1, 2, 1, 1};
  p.avail = {1, 0, 0, 0,  //
             0, 2, 1, 0,  //
             0, 2, 0, 1};
  p.DeriveSkuSets();
  EXPECT_FALSE(cover.Solve(p, &chosen));
  EXPECT_TRUE(chosen.empty());
}

}  // namespace
}  // namespace allot::routing_internal
