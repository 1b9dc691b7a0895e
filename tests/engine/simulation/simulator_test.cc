// The simulator's contract: reproducible by seed, every unit accounted for,
// the papers' workload built in, and bad configs refused naming the field.
#include "allot/simulation.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace allot {
namespace {

using ::testing::HasSubstr;

SimulationConfig SmallConfig() {
  SimulationConfig c;
  c.orders = 3'000;
  c.days = 6;
  c.locations = 8;
  c.skus = 200;
  c.replenish_every_days = 2;
  c.threads = 1;
  return c;
}

TEST(SimulatorTest, SameSeedSameFigures) {
  absl::StatusOr<SimulationResult> a = Simulate(SmallConfig());
  absl::StatusOr<SimulationResult> b = Simulate(SmallConfig());
  ASSERT_TRUE(a.ok()) << a.status();
  ASSERT_TRUE(b.ok());
  ASSERT_EQ(a->policies.size(), 4u);  // the default policies
  for (size_t k = 0; k < a->policies.size(); ++k) {
    EXPECT_EQ(a->policies[k].units_shipped, b->policies[k].units_shipped);
    EXPECT_EQ(a->policies[k].shipments, b->policies[k].shipments);
    EXPECT_DOUBLE_EQ(a->policies[k].cost, b->policies[k].cost);
  }
  SimulationConfig other = SmallConfig();
  other.seed = 2;
  absl::StatusOr<SimulationResult> c = Simulate(other);
  ASSERT_TRUE(c.ok());
  EXPECT_NE(a->policies[0].cost, c->policies[0].cost);
}

TEST(SimulatorTest, EveryUnitIsShippedOrBackordered) {
  absl::StatusOr<SimulationResult> r = Simulate(SmallConfig());
  ASSERT_TRUE(r.ok()) << r.status();
  for (const PolicyMetrics& m : r->policies) {
    SCOPED_TRACE(m.label);
    EXPECT_EQ(m.orders, r->orders);
    EXPECT_EQ(m.units_requested, r->units);
    EXPECT_EQ(m.units_shipped + m.units_backordered, m.units_requested);
    int64_t by_location = 0;
    for (int64_t u : m.units_by_location) by_location += u;
    EXPECT_EQ(by_location, m.units_shipped);
    EXPECT_GE(m.fill_rate(), 0);
    EXPECT_LE(m.fill_rate(), 1);
    EXPECT_LE(m.split_orders, m.orders);
    EXPECT_GE(m.p95_distance_km + 0.1, m.mean_distance_km * 0);  // defined, non-negative
  }
}

TEST(SimulatorTest, ExactPoliciesNeverCostMoreThanNearestPerOrderPlaced) {
  // min_cost minimizes each order's cost given the stock it sees; over a
  // stream the totals may differ, but its mean cost per shipment-placed order
  // should not exceed the greedy nearest fill by much on the same stream.
  absl::StatusOr<SimulationResult> r = Simulate(SmallConfig());
  ASSERT_TRUE(r.ok());
  const PolicyMetrics* nearest = nullptr;
  const PolicyMetrics* min_cost = nullptr;
  for (const PolicyMetrics& m : r->policies) {
    if (m.label == "nearest") nearest = &m;
    if (m.label == "min_cost") min_cost = &m;
  }
  ASSERT_NE(nearest, nullptr);
  ASSERT_NE(min_cost, nullptr);
  EXPECT_LT(min_cost->cost / min_cost->units_shipped, nearest->cost / nearest->units_shipped);
}

TEST(SimulatorTest, JasinSinhaWorkloadIsBuiltIn) {
  SimulationConfig c;
  c.workload = Workload::kJasinSinha;
  c.network = "warmup";
  c.orders = 2'000;
  c.threads = 1;
  absl::StatusOr<SimulationResult> r = Simulate(c);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->locations.size(), 5u);
  for (const PolicyMetrics& m : r->policies) {
    EXPECT_GE(m.penalized_cost_per_order(), m.cost_per_order());
  }
}

TEST(SimulatorTest, BadConfigsNameTheField) {
  absl::StatusOr<SimulationConfig> c = ParseSimulationConfig(R"({"orders": -5})");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(c.status().message()), HasSubstr("orders"));
  EXPECT_FALSE(ParseSimulationConfig("not json").ok());
  SimulationConfig bad = SmallConfig();
  bad.locations = 0;
  EXPECT_EQ(bad.Validate().code(), absl::StatusCode::kInvalidArgument);
}

TEST(SimulatorTest, ProgressCanCancel) {
  SimulationConfig c = SmallConfig();
  absl::StatusOr<SimulationResult> r = Simulate(c, [](int64_t, int64_t) { return false; });
  EXPECT_EQ(r.status().code(), absl::StatusCode::kCancelled);
}

}  // namespace
}  // namespace allot
