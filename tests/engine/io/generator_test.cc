#include "allot/generator.h"

#include "gtest/gtest.h"

namespace allot {
namespace {

TEST(GeneratorTest, SameSeedSameScenario) {
  GeneratorOptions o{.locations = 20, .skus = 100, .orders = 50, .lines = 3, .seed = 9};
  absl::StatusOr<Scenario> a = GenerateScenario(o), b = GenerateScenario(o);
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(ScenarioToJson(*a), ScenarioToJson(*b));
  o.seed = 10;
  EXPECT_NE(ScenarioToJson(*GenerateScenario(o)), ScenarioToJson(*a));
}

TEST(GeneratorTest, ProducesAValidScenarioOnRealGeography) {
  absl::StatusOr<Scenario> s =
      GenerateScenario({.locations = 30, .skus = 200, .orders = 100, .lines = 4, .seed = 1});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->locations.size(), 30u);
  EXPECT_EQ(s->orders.size(), 100u);
  for (const Location& l : s->locations) {
    EXPECT_TRUE(l.country == "US" || l.country == "CA") << l.country;
    EXPECT_FALSE(l.name.empty());
  }
  // Density 0.3 of 30 x 200 pairs, give or take.
  EXPECT_GT(s->inventory.size(), 1200u);
  EXPECT_LT(s->inventory.size(), 2400u);
  absl::StatusOr<Scenario> parsed = ParseScenario(ScenarioToJson(*s), true);
  EXPECT_TRUE(parsed.ok()) << parsed.status();
}

TEST(GeneratorTest, RefusesBadOptions) {
  EXPECT_EQ(GenerateScenario({.locations = 0}).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(GenerateScenario({.lines = 0}).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(GenerateScenario({.stock_density = 0}).status().code(),
            absl::StatusCode::kInvalidArgument);
  // Too large to write or read back: refused before any work.
  EXPECT_EQ(GenerateScenario({.orders = 100'000'000, .lines = 1000}).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(GenerateScenario({.locations = 10'000, .skus = 10'000'000}).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace allot
