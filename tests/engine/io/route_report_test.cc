#include "allot/route_report.h"

#include "allot/scenario.h"
#include "gtest/gtest.h"
#include "simdjson.h"

namespace allot {
namespace {

TEST(RouteReportTest, WritesTheFormatOfFormatsMd) {
  absl::StatusOr<Scenario> s = ParseScenario(R"({
    "locations": [{"id": "WH-NJ", "lat": 40.7357, "lon": -74.1724, "rank": 1,
                   "cost": {"fixed": 6.5, "per_km": 0.0021, "per_unit": 0.35}}],
    "inventory": [{"location": "WH-NJ", "sku": "TEE-BLK-M", "on_hand": 12, "safety_stock": 1}],
    "policy": {"name": "min_cost"},
    "orders": [{"id": "1001", "destination": {"lat": 41.85, "lon": -87.65, "country": "US"},
                "lines": [{"sku": "TEE-BLK-M", "quantity": 2}, {"sku": "MUG-01", "quantity": 1}]}]
  })",
                                             true);
  ASSERT_TRUE(s.ok()) << s.status();
  Model m = *BuildModel(*s);
  Router router(&m.network, &m.inventory);
  std::string out;
  RouteReportWriter w(&out);
  w.AddOrder(m.network, s->orders[0], *router.Route(s->orders[0], s->policy));
  w.Finish();

  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(out);
  simdjson::dom::element order = doc["orders"].at(0);
  EXPECT_EQ(std::string_view(order["id"]), "1001");
  simdjson::dom::element fo = order["fulfillment_orders"].at(0);
  EXPECT_EQ(std::string_view(fo["id"]), "1001-F1");
  // formats.md prints 1131.6097428897524; the last bits depend on the libm.
  EXPECT_NEAR(double(fo["distance_km"]), 1131.6097428897524, 1e-9);
  EXPECT_NEAR(double(fo["cost"]), 9.57638046006848, 1e-12);
  EXPECT_EQ(int64_t(order["unfulfilled"].at(0)["line"]), 1);
  EXPECT_EQ(std::string_view(order["unfulfilled"].at(0)["sku"]), "MUG-01");
  EXPECT_EQ(int64_t(doc["summary"]["units_unfulfilled"]), 1);
  EXPECT_EQ(int64_t(doc["summary"]["split_orders"]), 0);
  EXPECT_EQ(int64_t(doc["summary"]["units_requested"]), 3);
}

TEST(RouteReportTest, EmptyScenario) {
  std::string out;
  RouteReportWriter w(&out);
  w.Finish();
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(out);
  EXPECT_EQ(simdjson::dom::array(doc["orders"]).size(), 0u);
  EXPECT_EQ(int64_t(doc["summary"]["orders"]), 0);
}

}  // namespace
}  // namespace allot
