// The exact search against brute force on its own problem form, including
// sizes the scenario-level property test does not reach.
#include "routing/exact_search.h"

#include <random>

#include "engine/routing/random_problem.h"
#include "gtest/gtest.h"

namespace allot::routing_internal {
namespace {

using testing::BruteForceBest;
using testing::KeyOf;
using testing::RandomProblem;
using testing::ShipmentsProblem;

TEST(ExactSearchTest, MatchesBruteForceUpToSixteenCandidates) {
  std::mt19937_64 gen(7);
  ExactSearch search;
  for (int round = 0; round < 300; ++round) {
    const int n = 1 + round % 16;
    ExactProblem p = RandomProblem(gen, n, 1 + round % 6, /*deep=*/round % 4 == 0);
    std::vector<int> chosen;
    search.Solve(p, &chosen);
    EXPECT_LE(static_cast<int>(chosen.size()), p.max_shipments);
    EXPECT_FALSE(BetterPlan(p, BruteForceBest(p), KeyOf(p, chosen))) << "round " << round;
  }
}

// No size cut-off: among 60 candidates, only a plan of 6 specific locations
// (each the sole holder of one SKU) places everything.
TEST(ExactSearchTest, FindsLargeOptimalPlansAmongManyDecoys) {
  const int n = 60, m = 6;
  ExactProblem p = ShipmentsProblem(n, m, 2);
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
