#include "allot/scenario.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace allot {
namespace {

using ::testing::HasSubstr;

constexpr char kValid[] = R"({
  "locations": [
    {"id": "WH-NJ", "name": "Newark DC", "lat": 40.7357, "lon": -74.1724, "country": "US",
     "rank": 1, "kind": "warehouse", "cost": {"fixed": 6.5, "per_km": 0.0021, "per_unit": 0.35}},
    {"id": "FS", "lat": 41.0, "lon": -80.0, "kind": "fulfillment_service", "active": false}
  ],
  "inventory": [{"location": "WH-NJ", "sku": "TEE", "on_hand": 12, "reserved": 1, "safety_stock": 1}],
  "policy": {"name": "rules", "rules": ["shipments", "cost"], "max_shipments": 2},
  "orders": [{"id": "1001", "destination": {"lat": 41.85, "lon": -87.65, "country": "US"},
              "lines": [{"sku": "TEE", "quantity": 2}, {"sku": "MUG", "quantity": 1}]}],
  "unknown_field": {"ignored": true}
})";

std::string Error(std::string_view json) {
  absl::StatusOr<Scenario> s = ParseScenario(json, true);
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(s.status().message());
}

// kValid with one substring replaced.
std::string With(std::string_view from, std::string_view to) {
  std::string s = kValid;
  const size_t at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  s.replace(at, from.size(), to);
  return s;
}

TEST(ScenarioTest, ParsesEveryField) {
  absl::StatusOr<Scenario> s = ParseScenario(kValid, true);
  ASSERT_TRUE(s.ok()) << s.status();
  ASSERT_EQ(s->locations.size(), 2u);
  EXPECT_EQ(s->locations[0].cost.per_unit, 0.35);
  EXPECT_EQ(s->locations[1].kind, LocationKind::kFulfillmentService);
  EXPECT_FALSE(s->locations[1].active);
  EXPECT_EQ(s->inventory[0].level.reserved, 1);
  EXPECT_EQ(s->policy.kind, PolicyKind::kRules);
  EXPECT_EQ(s->policy.max_shipments, 2);
  EXPECT_EQ(s->orders[0].lines[1].sku, "MUG");
  absl::StatusOr<Model> m = BuildModel(*s);
  ASSERT_TRUE(m.ok());
  EXPECT_TRUE(s->orders[0].lines[0].sku_id.valid());
  EXPECT_FALSE(s->orders[0].lines[1].sku_id.valid());
}

// Duplicate stock records are found by SKU and location, wherever they
// are in the list: the reader's last-SKU shortcut must not tell a SKU that
// comes back after another one from a new one, or one location from another.
TEST(ScenarioTest, DuplicateInventoryAnywhereInTheList) {
  const std::string tee_nj = R"({"location": "WH-NJ", "sku": "TEE", "on_hand": 12})";
  const std::string mug_fs = R"({"location": "FS", "sku": "MUG", "on_hand": 3})";
  const std::string mug_nj = R"({"location": "WH-NJ", "sku": "MUG", "on_hand": 3})";
  const std::string tee_fs = R"({"location": "FS", "sku": "TEE", "on_hand": 5})";
  auto inventory = [](std::string records) {
    return With(
        R"([{"location": "WH-NJ", "sku": "TEE", "on_hand": 12, "reserved": 1, "safety_stock": 1}])",
        "[" + records + "]");
  };
  EXPECT_THAT(
      Error(inventory(tee_nj + ", " + mug_fs + ", " + tee_nj)),
      HasSubstr("inventory[2]: duplicate inventory for location \"WH-NJ\" and sku \"TEE\""));
  absl::StatusOr<Scenario> s =
      ParseScenario(inventory(tee_nj + ", " + mug_nj + ", " + tee_fs), true);
  ASSERT_TRUE(s.ok()) << s.status();
  absl::StatusOr<Model> m = BuildModel(*s);
  ASSERT_TRUE(m.ok()) << m.status();
  const SkuId tee = *m->inventory.FindSku("TEE");
  const SkuId mug = *m->inventory.FindSku("MUG");
  EXPECT_EQ(m->inventory.Find(*m->network.Find("FS"), tee)->on_hand, 5);
  EXPECT_EQ(m->inventory.Find(*m->network.Find("WH-NJ"), tee)->on_hand, 12);
  EXPECT_EQ(m->inventory.Find(*m->network.Find("WH-NJ"), mug)->on_hand, 3);
  EXPECT_EQ(m->inventory.Find(*m->network.Find("FS"), mug), nullptr);
}

TEST(ScenarioTest, ProblemsNameTheField) {
  EXPECT_THAT(Error(With(R"("quantity": 2)", R"("quantity": -2)")),
              HasSubstr("orders[0].lines[0].quantity: must be an integer >= 1"));
  EXPECT_THAT(Error(With(R"("quantity": 2)", R"("quantity": 2.0)")),
              HasSubstr("orders[0].lines[0].quantity"));
  EXPECT_THAT(Error(With(R"("quantity": 2)", R"("quantity": 1e3)")),
              HasSubstr("orders[0].lines[0].quantity"));
  EXPECT_THAT(Error(With(R"("quantity": 2)", R"("quantity": 1000000001)")),
              HasSubstr("orders[0].lines[0].quantity"));
  EXPECT_THAT(Error(With(R"("quantity": 2)", R"("quantity": 18446744073709551615)")),
              HasSubstr("orders[0].lines[0].quantity"));
  EXPECT_THAT(Error(With(R"("lat": 40.7357)", R"("lat": 95)")), HasSubstr("locations[0].lat"));
  EXPECT_THAT(Error(With(R"("kind": "warehouse")", R"("kind": "depot")")),
              HasSubstr("locations[0].kind"));
  EXPECT_THAT(Error(With(R"("location": "WH-NJ")", R"("location": "NOPE")")),
              HasSubstr("inventory[0].location: unknown location \"NOPE\""));
  EXPECT_THAT(Error(With(R"("name": "rules")", R"("name": "fastest")")), HasSubstr("policy.name"));
  EXPECT_THAT(Error(With(R"("rules": ["shipments", "cost"])", R"("rules": [])")),
              HasSubstr("policy.rules"));
  EXPECT_THAT(Error(With(R"("rules": ["shipments", "cost"])", R"("rules": ["speed"])")),
              HasSubstr("policy.rules[0]"));
  EXPECT_THAT(Error(With(R"("id": "WH-NJ")", R"("id": "FS")")), HasSubstr("duplicate location id"));
  EXPECT_THAT(Error(With(R"("per_km": 0.0021)", R"("per_km": -1)")),
              HasSubstr("locations[0].cost.per_km"));
  EXPECT_THAT(Error(With(R"("lines": [)", R"("lines": [], "x": [)")), HasSubstr("orders[0].lines"));
}

TEST(ScenarioTest, ReportsEveryProblemAtOnce) {
  std::string json = With(R"("quantity": 2)", R"("quantity": 0)");
  json.replace(json.find(R"("lat": 95)") == std::string::npos ? json.find(R"("lat": 40.7357)") : 0,
               std::string(R"("lat": 40.7357)").size(), R"("lat": -91)");
  const std::string e = Error(json);
  EXPECT_THAT(e, HasSubstr("locations[0].lat"));
  EXPECT_THAT(e, HasSubstr("orders[0].lines[0].quantity"));
}

TEST(ScenarioTest, HostileDocuments) {
  EXPECT_THAT(Error(""), HasSubstr("(document)"));
  EXPECT_THAT(Error("[1, 2]"), HasSubstr("must be an object"));
  EXPECT_THAT(Error("{\"locations\": [{\"id\": \"\xff\"}]}"), HasSubstr("UTF-8"));
  EXPECT_THAT(Error(std::string(100000, '[') + std::string(100000, ']')), HasSubstr("deeper"));
  EXPECT_THAT(Error(R"({"locations": [{"id": "A", "lat": 1e999, "lon": 0}]})"),
              HasSubstr("(document)"));
  EXPECT_THAT(Error(With(R"("id": "1001")", "\"id\": \"" + std::string(5000, 'x') + "\"")),
              HasSubstr("orders[0].id: must be at most"));
  EXPECT_THAT(Error(R"({"locations": []})"), HasSubstr("locations: must not be empty"));
  EXPECT_THAT(Error(R"({"locations": [{"id": "A", "lat": 1, "lon": 2}]})"),
              HasSubstr("orders: is required"));
}

TEST(ScenarioTest, CountLimitsAreExplicit) {
  ScenarioLimits limits;
  limits.max_orders = 0;
  absl::StatusOr<Scenario> s = ParseScenario(kValid, true, limits);
  EXPECT_THAT(std::string(s.status().message()), HasSubstr("orders: must have at most 0 orders"));
  limits = {};
  limits.max_inventory_records = 0;
  s = ParseScenario(kValid, true, limits);
  EXPECT_THAT(std::string(s.status().message()), HasSubstr("inventory: must have at most 0"));
  limits = {};
  limits.max_locations = 1;
  s = ParseScenario(kValid, true, limits);
  EXPECT_THAT(std::string(s.status().message()), HasSubstr("locations: must have at most 1"));
  limits = {};
  limits.max_lines_per_order = 1;
  s = ParseScenario(kValid, true, limits);
  EXPECT_THAT(std::string(s.status().message()), HasSubstr("orders[0].lines: must have at most 1"));
  limits = {};
  limits.max_file_bytes = 10;
  EXPECT_EQ(ParseScenario(kValid, true, limits).status().code(),
            absl::StatusCode::kInvalidArgument);
  limits = {};
  limits.max_depth = 2;
  EXPECT_THAT(std::string(ParseScenario(kValid, true, limits).status().message()),
              HasSubstr("deeper than 2"));
}

TEST(ScenarioTest, OrdersAreOptionalWhenNotRequired) {
  EXPECT_TRUE(ParseScenario(R"({"locations": [{"id": "A", "lat": 1, "lon": 2}]})").ok());
}

TEST(ScenarioTest, MissingFileIsNotFound) {
  EXPECT_EQ(ReadFile("/nonexistent/scenario.json").status().code(), absl::StatusCode::kNotFound);
}

TEST(ScenarioTest, WriterRoundTrips) {
  absl::StatusOr<Scenario> s = ParseScenario(kValid, true);
  ASSERT_TRUE(s.ok());
  absl::StatusOr<Scenario> again = ParseScenario(ScenarioToJson(*s), true);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(ScenarioToJson(*again), ScenarioToJson(*s));
}

}  // namespace
}  // namespace allot

namespace allot {
namespace {

TEST(ScenarioReaderTest, ReadsOrdersOneAtATime) {
  absl::StatusOr<std::unique_ptr<ScenarioReader>> reader = ScenarioReader::FromText(kValid, true);
  ASSERT_TRUE(reader.ok()) << reader.status();
  EXPECT_TRUE((*reader)->header().orders.empty());
  EXPECT_EQ((*reader)->header().locations.size(), 2u);
  ASSERT_EQ((*reader)->num_orders(), 1u);
  Order order;
  order.lines.resize(5);  // reused memory is overwritten, not appended to
  ASSERT_TRUE((*reader)->ReadOrder(0, &order).ok());
  EXPECT_EQ(order.id, "1001");
  ASSERT_EQ(order.lines.size(), 2u);
  EXPECT_EQ(order.lines[1].sku, "MUG");
  EXPECT_EQ(order.destination.country, "US");
}

TEST(ScenarioReaderTest, FromFileMatchesFromText) {
  const std::string path = ::testing::TempDir() + "/reader_test.json";
  FILE* f = std::fopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  std::fputs(kValid, f);
  std::fclose(f);
  absl::StatusOr<std::unique_ptr<ScenarioReader>> reader = ScenarioReader::FromFile(path, true);
  ASSERT_TRUE(reader.ok()) << reader.status();
  EXPECT_EQ((*reader)->num_orders(), 1u);
  EXPECT_EQ(ReadFile(path).value(), kValid);
  EXPECT_EQ(ScenarioReader::FromFile("/nonexistent.json", true).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(ScenarioReader::FromFile("/", true).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace allot
