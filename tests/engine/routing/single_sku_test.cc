// The single-SKU solver against brute force over every plan, and in the
// router against the cover search it stands in for.
#include "routing/single_sku.h"

#include <random>

#include "engine/routing/random_problem.h"
#include "gtest/gtest.h"
#include "routing/cover_search.h"

namespace allot::routing_internal {
namespace {

using testing::BruteForceBest;
using testing::KeyOf;
using testing::RandomProblem;

TEST(SingleSkuTest, AppliesOnlyToOneSkuOfAllOrNoneStock) {
  std::mt19937_64 gen(5);
  EXPECT_TRUE(IsSingleSku(RandomProblem(gen, 6, 1, /*deep=*/true)));
  EXPECT_FALSE(IsSingleSku(RandomProblem(gen, 6, 2, /*deep=*/true)));
  ExactProblem partial = RandomProblem(gen, 6, 1, /*deep=*/true);
  partial.demand[0] = 2;
  partial.avail[0] = 1;
  partial.DeriveSkuSets();
  EXPECT_FALSE(IsSingleSku(partial));
}

TEST(SingleSkuTest, MatchesBruteForceUpToTwelveCandidates) {
  std::mt19937_64 gen(21);
  CandidateCosts costs;
  for (int round = 0; round < 2000; ++round) {
    const ExactProblem p = RandomProblem(gen, 1 + round % 12, 1, /*deep=*/true);
    std::vector<int> chosen;
    SolveSingleSku(p, &costs, &chosen);
    EXPECT_LE(chosen.size(), 1u);
    EXPECT_FALSE(BetterPlan(p, BruteForceBest(p), KeyOf(p, chosen))) << "round " << round;
  }
}

TEST(SingleSkuTest, AgreesWithTheCoverSearchUpToTwoHundredCandidates) {
  std::mt19937_64 gen(22);
  CandidateCosts costs;
  CoverSearch cover;
  for (int round = 0; round < 300; ++round) {
    const ExactProblem p = RandomProblem(gen, 20 + round % 181, 1, /*deep=*/true);
    std::vector<int> single, by_cover;
    SolveSingleSku(p, &costs, &single);
    cover.Solve(p, &by_cover);
    const PlanKey a = KeyOf(p, single), b = KeyOf(p, by_cover);
    EXPECT_FALSE(BetterPlan(p, b, a)) << "round " << round;
    EXPECT_FALSE(BetterPlan(p, a, b)) << "round " << round;
  }
}

TEST(SingleSkuTest, EmptyWhenNoCandidateHoldsTheSku) {
  std::mt19937_64 gen(23);
  ExactProblem p = RandomProblem(gen, 4, 1, /*deep=*/true);
  for (int64_t& a : p.avail) a = 0;
  p.DeriveSkuSets();
  CandidateCosts costs;
  std::vector<int> chosen = {7};
  SolveSingleSku(p, &costs, &chosen);
  EXPECT_TRUE(chosen.empty());
}

// Distances enter only through lower bounds until a candidate may win: the
// nearest of equally priced holders is found, far ones never computed.
TEST(SingleSkuTest, ComputesExactDistancesOnlyForCandidatesThatMayWin) {
  std::mt19937_64 gen(24);
  ExactProblem p = RandomProblem(gen, 50, 1, /*deep=*/true);
  p.num_criteria = 1;
  p.adds_unit_cost[0] = false;
  p.tolerant[0] = true;  // distance
  for (int i = 0; i < 50; ++i) {
    p.avail[i] = p.demand[0];
    p.half_chord[i] = 0.001 * (i + 1);  // candidate 0 is the nearest
    p.base[0][i] = 0;
    p.per_km[0][i] = 1;
  }
  p.DeriveSkuSets();
  CandidateCosts costs;
  std::vector<int> chosen;
  EXPECT_EQ(SolveSingleSku(p, &costs, &chosen), 1);
  EXPECT_EQ(chosen, (std::vector<int>{0}));
}

}  // namespace
}  // namespace allot::routing_internal
