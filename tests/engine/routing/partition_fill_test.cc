// The partition fill (deep stock, at most four SKUs) through the router: the
// plans it picks, when it hands the order to the searches, and how few
// exact distances it computes; and the cost partition fill (min_cost, five
// to eight SKUs): its plans and its tie rule. Optimality on random instances is in
// router_property_test.cc (the deep-stock cases).
#include "absl/strings/str_cat.h"
#include "allot/routing.h"
#include "allot/scenario.h"
#include "gtest/gtest.h"

namespace allot {
namespace {

class PartitionFillTest : public ::testing::Test {
 protected:
  void AddLocation(std::string id, double lon, ShippingCost cost) {
    Location l{.id = std::move(id), .lat = 40, .lon = lon, .country = "US", .rank = 0};
    l.cost = cost;
    scenario_.locations.push_back(l);
  }
  void Stock(std::string location, std::string sku, int32_t on_hand) {
    scenario_.inventory.push_back({std::move(location), std::move(sku), {.on_hand = on_hand}});
  }
  RouteResult Route(std::vector<OrderLine> lines, RoutingPolicy policy) {
    if (!model_) {
      model_ = std::make_unique<Model>(*BuildModel(scenario_));
      router_ = std::make_unique<Router>(&model_->network, &model_->inventory);
    }
    Order order{.id = "O", .destination = {40, -90, "US"}, .lines = std::move(lines)};
    ResolveSkus(model_->inventory, order);
    absl::StatusOr<RouteResult> r = router_->Route(order, policy);
    EXPECT_TRUE(r.ok()) << r.status();
    return *r;
  }
  std::string Shipper(const RouteResult& r, size_t k) {
    return model_->network.location(r.shipments[k].location).id;
  }
  int32_t Reserved(std::string_view location, std::string_view sku) {
    return model_->inventory.Find(*model_->network.Find(location), *model_->inventory.FindSku(sku))
        ->reserved;
  }

  Scenario scenario_;
  std::unique_ptr<Model> model_;
  std::unique_ptr<Router> router_;
};

// Costs within the 1e-6 tolerance tie, and the next rule decides: B costs
// a hair more than A but ships in the destination's country. Pins that the
// quick rejection on the lead criterion keeps holders that tie with the
// block's best.
TEST_F(PartitionFillTest, CostsWithinToleranceFallToTheNextRule) {
  AddLocation("A", -90, {.fixed = 100.0});
  scenario_.locations.back().country = "CA";
  AddLocation("B", -90, {.fixed = 100.00005});
  for (const char* sku : {"X", "Y"}) {
    Stock("A", sku, 10);
    Stock("B", sku, 10);
  }
  const RoutingPolicy policy{.kind = PolicyKind::kRules,
                             .rules = {Rule::kCost, Rule::kOutOfCountry}};
  RouteResult one_line = Route({{"X", {}, 1}}, policy);
  ASSERT_EQ(one_line.shipments.size(), 1u);
  EXPECT_EQ(Shipper(one_line, 0), "B");
  RouteResult two_lines = Route({{"X", {}, 1}, {"Y", {}, 1}}, policy);
  ASSERT_EQ(two_lines.shipments.size(), 1u);
  EXPECT_EQ(Shipper(two_lines, 0), "B");
}

// Within a block the scan in location order keeps its best unless a later
// holder is cheaper beyond the tolerance: of 10, 10 - 1.2e-5 and
// 10 - 1.8e-5 (tolerance 1e-5) it keeps B, which C does not beat. Pins
// that the cost tables (location_costs.h), which weigh these two-SKU
// orders, pick as the scan does rather than the least cost.
TEST_F(PartitionFillTest, NearTiesGoToTheScansPick) {
  AddLocation("A", -90, {.fixed = 10});
  AddLocation("B", -90, {.fixed = 10 - 1.2e-5});
  AddLocation("C", -90, {.fixed = 10 - 1.8e-5});
  for (const char* location : {"A", "B", "C"}) {
    Stock(location, "X", 10);
    Stock(location, "Y", 10);
  }
  for (PolicyKind kind : {PolicyKind::kMinCost, PolicyKind::kMinShipments}) {
    RouteResult r = Route({{"X", {}, 1}, {"Y", {}, 1}}, {.kind = kind});
    ASSERT_EQ(r.shipments.size(), 1u);
    EXPECT_EQ(Shipper(r, 0), "B");
    EXPECT_EQ(r.search_nodes, 3);  // the tables: every location's distance
  }
}

// Shopify's default rules weigh out_of_country before distance: the
// nearest location, A, is in Canada, so the two-SKU order ships from C,
// the nearer of the two in the destination's country; and when only
// Canada holds both SKUs, from the nearer Canadian one.
TEST_F(PartitionFillTest, ShopifyRulesShipFromTheNearestDomesticHolder) {
  AddLocation("A", -90, {});
  scenario_.locations.back().country = "CA";
  AddLocation("B", -80, {});
  AddLocation("C", -85, {});
  AddLocation("D", -70, {});
  scenario_.locations.back().country = "CA";
  for (const char* location : {"A", "B", "C", "D"}) Stock(location, "X", 10);
  for (const char* location : {"A", "B", "C", "D"}) Stock(location, "Y", 10);
  for (const char* location : {"A", "D"}) Stock(location, "Z", 10);
  const RoutingPolicy shopify{.kind = PolicyKind::kRules,
                              .rules = {Rule::kShipments, Rule::kOutOfCountry, Rule::kDistance}};
  RouteResult domestic = Route({{"X", {}, 1}, {"Y", {}, 1}}, shopify);
  ASSERT_EQ(domestic.shipments.size(), 1u);
  EXPECT_EQ(Shipper(domestic, 0), "C");
  EXPECT_EQ(domestic.search_nodes, 4);  // the tables: every location's distance
  RouteResult abroad = Route({{"X", {}, 1}, {"Z", {}, 1}}, shopify);
  ASSERT_EQ(abroad.shipments.size(), 1u);
  EXPECT_EQ(Shipper(abroad, 0), "A");
}

// min_cost breaks a cost tie by shipments even when the partition with more
// shipments comes first: with four SKUs the DP reaches {W, Z} + {X} + {Y}
// (three shipments, 2e-5 cheaper: a tie within 1e-6 of 30) before
// {W, X} + {Y, Z} (two). Pins the second criterion of min_cost's compiled
// criteria list.
TEST_F(PartitionFillTest, MinCostBreaksCostTiesByShipments) {
  AddLocation("A", -90, {.fixed = 10});
  AddLocation("B", -90, {.fixed = 10});
  AddLocation("C", -90, {.fixed = 10 - 2e-5});
  AddLocation("D", -90, {.fixed = 15});
  AddLocation("E", -90, {.fixed = 15});
  for (auto [location, sku] : {std::pair{"A", "W"},
                               {"A", "Z"},
                               {"B", "X"},
                               {"C", "Y"},
                               {"D", "W"},
                               {"D", "X"},
                               {"E", "Y"},
                               {"E", "Z"}}) {
    Stock(location, sku, 10);
  }
  RouteResult r = Route({{"W", {}, 1}, {"X", {}, 1}, {"Y", {}, 1}, {"Z", {}, 1}},
                        {.kind = PolicyKind::kMinCost});
  ASSERT_EQ(r.shipments.size(), 2u);
  EXPECT_EQ(Shipper(r, 0), "D");
  EXPECT_EQ(Shipper(r, 1), "E");
  EXPECT_NEAR(r.cost, 30, 1e-9);
}

// Rows of 40 locations: with shipments first the fill looks for whole-order
// holders first. One location (W0, the cheapest) holds one unit of X where
// two are asked: a shallow holder, which no longer sends the order to the
// general search, since a whole-order holder (W7, the cheapest of those)
// ships it complete in one shipment.
TEST_F(PartitionFillTest, WholeOrderHolderBeatsAShallowOneOnLongRows) {
  for (int i = 0; i < 40; ++i) {
    AddLocation(absl::StrCat("W", i), -90 + i * 0.1, {.fixed = i == 7 ? 1.0 : i == 0 ? 0.5 : 5.0});
    Stock(absl::StrCat("W", i), "X", i == 0 ? 1 : 10);
    Stock(absl::StrCat("W", i), "Y", 10);
  }
  RouteResult r = Route({{"X", {}, 2}, {"Y", {}, 1}}, {.kind = PolicyKind::kMinShipments});
  ASSERT_EQ(r.shipments.size(), 1u);
  EXPECT_EQ(Shipper(r, 0), "W7");
  EXPECT_EQ(r.units_allocated, 3);
  EXPECT_EQ(Reserved("W7", "X"), 2);
  EXPECT_EQ(Reserved("W0", "X"), 0);
}

// A holds X and Y, far away; B holds X and C holds Y, both next door. With
// a high package cost one shipment from A is cheaper; with a low one the
// split is. min_shipments ships from A either way.
TEST_F(PartitionFillTest, WeighsOneFarShipmentAgainstTwoNearOnes) {
  for (double fixed : {50.0, 0.5}) {
    SCOPED_TRACE(fixed);
    scenario_ = {};
    model_.reset();
    AddLocation("A", -70, {.fixed = fixed, .per_unit_km = 0.001});
    AddLocation("B", -89, {.fixed = fixed, .per_unit_km = 0.001});
    AddLocation("C", -91, {.fixed = fixed, .per_unit_km = 0.001});
    Stock("A", "X", 10);
    Stock("A", "Y", 10);
    Stock("B", "X", 10);
    Stock("C", "Y", 10);
    RouteResult r = Route({{"X", {}, 2}, {"Y", {}, 3}}, {.kind = PolicyKind::kMinCost});
    EXPECT_EQ(r.units_allocated, 5);
    if (fixed > 1) {
      ASSERT_EQ(r.shipments.size(), 1u);
      EXPECT_EQ(Shipper(r, 0), "A");
      EXPECT_EQ(Reserved("A", "X"), 2);
      EXPECT_EQ(Reserved("A", "Y"), 3);
    } else {
      ASSERT_EQ(r.shipments.size(), 2u);
      EXPECT_EQ(Shipper(r, 0), "B");
      EXPECT_EQ(Shipper(r, 1), "C");
      EXPECT_EQ(Reserved("B", "X"), 2);
      EXPECT_EQ(Reserved("C", "Y"), 3);
    }
    RouteResult one = Route({{"X", {}, 1}, {"Y", {}, 1}}, {.kind = PolicyKind::kMinShipments});
    ASSERT_EQ(one.shipments.size(), 1u);
    EXPECT_EQ(Shipper(one, 0), "A");
  }
}

// Two lines of one SKU ship together from a location that holds their sum.
// When B holds only part of it (shallow stock) the searches decide: X then
// ships from A, Y from B.
TEST_F(PartitionFillTest, LinesOfOneSkuShipTogether) {
  for (int32_t b_holds : {9, 3}) {
    SCOPED_TRACE(b_holds);
    scenario_ = {};
    model_.reset();
    AddLocation("A", -80, {.fixed = 1});
    AddLocation("B", -89, {.fixed = 1});
    Stock("A", "X", 5);
    Stock("B", "X", b_holds);
    Stock("B", "Y", 9);
    RouteResult r = Route({{"X", {}, 2}, {"Y", {}, 1}, {"X", {}, 3}},
                          {.kind = PolicyKind::kRules, .rules = {Rule::kShipments}});
    EXPECT_EQ(r.units_allocated, 6);
    if (b_holds == 9) {
      ASSERT_EQ(r.shipments.size(), 1u);
      EXPECT_EQ(Shipper(r, 0), "B");
      ASSERT_EQ(r.shipments[0].lines.size(), 3u);
      EXPECT_EQ(Reserved("B", "X"), 5);
    } else {
      ASSERT_EQ(r.shipments.size(), 2u);
      EXPECT_EQ(Shipper(r, 0), "A");
      EXPECT_EQ(r.shipments[0].units, 5);
      EXPECT_EQ(Shipper(r, 1), "B");
      EXPECT_EQ(Reserved("A", "X"), 5);
      EXPECT_EQ(Reserved("B", "X"), 0);
    }
  }
}

// max_shipments below the SKUs that can be placed: the searches decide,
// and the one shipment allowed takes the location placing the most units.
TEST_F(PartitionFillTest, MaxShipmentsBelowTheSkusPlacesTheMost) {
  AddLocation("A", -80, {});
  AddLocation("B", -89, {});
  Stock("A", "X", 9);
  Stock("B", "Y", 9);
  RouteResult r =
      Route({{"X", {}, 1}, {"Y", {}, 2}}, {.kind = PolicyKind::kMinCost, .max_shipments = 1});
  ASSERT_EQ(r.shipments.size(), 1u);
  EXPECT_EQ(Shipper(r, 0), "B");
  ASSERT_EQ(r.unfulfilled.size(), 1u);
  EXPECT_EQ(r.unfulfilled[0].line, 0);
}

// A SKU nobody stocks is unfulfilled; the rest still ship.
TEST_F(PartitionFillTest, UnstockedSkuIsUnfulfilled) {
  AddLocation("A", -80, {});
  Stock("A", "X", 9);
  Stock("A", "Z", 0);
  RouteResult r = Route({{"Z", {}, 1}, {"X", {}, 2}}, {.kind = PolicyKind::kMinShipments});
  ASSERT_EQ(r.shipments.size(), 1u);
  EXPECT_EQ(r.units_allocated, 2);
  ASSERT_EQ(r.unfulfilled.size(), 1u);
  EXPECT_EQ(r.unfulfilled[0].line, 0);
}

// Fifty equally priced holders, the nearest met first: lower bounds from
// chords rule out the other 49 without an asin each.
TEST_F(PartitionFillTest, ComputesExactDistancesOnlyForLocationsThatMayWin) {
  for (int i = 0; i < 50; ++i) {
    AddLocation(absl::StrCat("L", i), -89.5 + i * 0.5, {.fixed = 1, .per_km = 0.01});
    Stock(absl::StrCat("L", i), "X", 10);
  }
  RouteResult r = Route({{"X", {}, 1}}, {.kind = PolicyKind::kMinCost});
  ASSERT_EQ(r.shipments.size(), 1u);
  EXPECT_EQ(Shipper(r, 0), "L0");
  EXPECT_EQ(r.search_nodes, 1);
}

// Orders of five SKUs and more, min_cost: the cost partition fill
// (cost_partition_fill.h). Every location at the destination, so a
// shipment costs its fixed charge.
class CostPartitionFillTest : public PartitionFillTest {
 protected:
  RouteResult RouteFiveSkus(PolicyKind kind = PolicyKind::kMinCost) {
    return Route({{"V", {}, 1}, {"W", {}, 1}, {"X", {}, 1}, {"Y", {}, 1}, {"Z", {}, 1}},
                 {.kind = kind});
  }
  void StockAll(const std::string& location, std::string_view skus) {
    for (char sku : skus) Stock(location, std::string(1, sku), 10);
  }
};

// Cost first: three shipments that cost 9 beat one that costs 20.
TEST_F(CostPartitionFillTest, ThreeCheapShipmentsBeatOneDearOne) {
  AddLocation("A", -90, {.fixed = 20});
  AddLocation("B", -90, {.fixed = 3});
  AddLocation("C", -90, {.fixed = 3});
  AddLocation("D", -90, {.fixed = 3});
  StockAll("A", "VWXYZ");
  StockAll("B", "VWX");
  StockAll("C", "Y");
  StockAll("D", "Z");
  RouteResult r = RouteFiveSkus();
  ASSERT_EQ(r.shipments.size(), 3u);
  EXPECT_EQ(Shipper(r, 0), "B");
  EXPECT_EQ(Shipper(r, 1), "C");
  EXPECT_EQ(Shipper(r, 2), "D");
  EXPECT_NEAR(r.cost, 9, 1e-9);
}

// The cheapest partition (two blocks, 10) ties within the tolerance with
// one location shipping everything (10.000005): fewer shipments win.
TEST_F(CostPartitionFillTest, OneShipmentWinsACostTieWithTwo) {
  AddLocation("A", -90, {.fixed = 10 + 5e-6});
  AddLocation("B", -90, {.fixed = 5});
  AddLocation("C", -90, {.fixed = 5});
  StockAll("A", "VWXYZ");
  StockAll("B", "VWX");
  StockAll("C", "YZ");
  RouteResult r = RouteFiveSkus();
  ASSERT_EQ(r.shipments.size(), 1u);
  EXPECT_EQ(Shipper(r, 0), "A");
}

// The same between three blocks (9.999998) and two (10).
TEST_F(CostPartitionFillTest, TwoShipmentsWinACostTieWithThree) {
  AddLocation("A", -90, {.fixed = 5});
  AddLocation("C", -90, {.fixed = 3});
  AddLocation("D", -90, {.fixed = 2 - 2e-6});
  AddLocation("E", -90, {.fixed = 5});
  StockAll("A", "VWX");
  StockAll("C", "VW");
  StockAll("D", "X");
  StockAll("E", "YZ");
  RouteResult r = RouteFiveSkus();
  ASSERT_EQ(r.shipments.size(), 2u);
  EXPECT_EQ(Shipper(r, 0), "A");
  EXPECT_EQ(Shipper(r, 1), "E");
}

// Rates near the double range are legal; costs that overflow go to the
// cover search, which weighs them as the oracle does. Shipments first: A's
// {V, W} costs 2e308 (infinite) yet A still holds both, so three shipments
// (A, B, C) suffice; taking "infinite" for "no holder" gave four.
TEST_F(CostPartitionFillTest, AnOverflowingCostStillCountsAsAHolder) {
  AddLocation("A", -90, {.per_unit = 1e308});
  AddLocation("B", -90, {});
  AddLocation("C", -90, {});
  AddLocation("D", -90, {});
  AddLocation("E", -90, {});
  StockAll("A", "VW");
  StockAll("B", "X");
  StockAll("C", "YZ");
  StockAll("D", "V");
  StockAll("E", "W");
  RouteResult r = RouteFiveSkus(PolicyKind::kMinShipments);
  ASSERT_EQ(r.shipments.size(), 3u);
  EXPECT_EQ(Shipper(r, 0), "A");
}

// Cost first: an infinite cost ties with every finite one within the
// tolerance (NearlyEqual, as the oracle's costs_close), so shipments
// decide: A alone (5e308) beats B and C (0).
TEST_F(CostPartitionFillTest, AnInfiniteCostTiesAndFewerShipmentsWin) {
  AddLocation("A", -90, {.per_unit = 1e308});
  AddLocation("B", -90, {});
  AddLocation("C", -90, {});
  StockAll("A", "VWXYZ");
  StockAll("B", "VWX");
  StockAll("C", "YZ");
  RouteResult r = RouteFiveSkus();
  ASSERT_EQ(r.shipments.size(), 1u);
  EXPECT_EQ(Shipper(r, 0), "A");
}

// Blocks that each cost less than the double range can still sum past it.
// Shipments first: A, B and C ship the order in three (A and B cost 1e308
// each: infinite together); without A and B it takes four. An infinite sum
// taken for "no partition into three" gave four (the fill declines when a
// block could cost more than DBL_MAX / 16).
TEST_F(CostPartitionFillTest, AnOverflowingSumStillCountsAsAPlan) {
  AddLocation("A", -90, {.fixed = 1e308});
  AddLocation("B", -90, {.fixed = 1e308});
  for (std::string id : {"C", "D", "E", "F", "G"}) AddLocation(id, -90, {});
  StockAll("A", "VW");
  StockAll("B", "XY");
  StockAll("C", "Z");
  StockAll("D", "V");
  StockAll("E", "W");
  StockAll("F", "X");
  StockAll("G", "Y");
  RouteResult r = RouteFiveSkus(PolicyKind::kMinShipments);
  ASSERT_EQ(r.shipments.size(), 3u);
  EXPECT_EQ(Shipper(r, 0), "A");
  EXPECT_EQ(Shipper(r, 1), "B");
  EXPECT_EQ(Shipper(r, 2), "C");
}

// A location that holds part of a demand sends the order elsewhere, and
// what the row read left behind must go with it. A holds W's whole demand
// before B turns out to hold part of it; had A's mark for W (the second
// SKU) stayed, the next order's second SKU, Q, would seem to be at A too,
// and the pair fill would ship it from A, the first of the pair (A, E),
// from stock A does not have (in the row of another SKU).
TEST_F(CostPartitionFillTest, ShallowStockLeavesNoMarksForTheNextOrder) {
  AddLocation("A", -90, {.fixed = 1});
  AddLocation("B", -90, {.fixed = 1});
  AddLocation("C", -90, {.fixed = 1});
  AddLocation("D", -90, {.fixed = 10});
  AddLocation("E", -90, {.fixed = 10});
  StockAll("C", "VXYZ");
  Stock("A", "W", 10);
  Stock("B", "W", 1);
  StockAll("A", "PRST");
  StockAll("E", "Q");
  Route({{"V", {}, 1}, {"W", {}, 5}, {"X", {}, 1}, {"Y", {}, 1}, {"Z", {}, 1}},
        {.kind = PolicyKind::kMinCost});
  RouteResult r = Route({{"P", {}, 1}, {"Q", {}, 1}, {"R", {}, 1}, {"S", {}, 1}, {"T", {}, 1}},
                        {.kind = PolicyKind::kMinShipments});
  ASSERT_EQ(r.shipments.size(), 2u);
  EXPECT_EQ(Shipper(r, 0), "A");
  EXPECT_EQ(r.shipments[0].lines.size(), 4u);
  EXPECT_EQ(Shipper(r, 1), "E");
  EXPECT_EQ(Reserved("E", "Q"), 1);
}

// A row longer than one compare of 32 location ids: the plan's location
// is the 40th of V's row, and its stock is the stock reserved.
TEST_F(CostPartitionFillTest, ReservesPastTheFirstThirtyTwoLocationsOfARow) {
  for (int i = 0; i < 40; ++i) {
    const std::string id = absl::StrCat("L", i);
    AddLocation(id, -90, {.fixed = i == 39 ? 1.0 : 10.0});
    Stock(id, "V", 10);
  }
  StockAll("L39", "WXYZ");
  for (PolicyKind kind : {PolicyKind::kMinCost, PolicyKind::kMinShipments}) {
    RouteResult r = RouteFiveSkus(kind);
    ASSERT_EQ(r.shipments.size(), 1u);
    EXPECT_EQ(Shipper(r, 0), "L39");
  }
  EXPECT_EQ(Reserved("L39", "V"), 2);
  EXPECT_EQ(Reserved("L38", "V"), 0);
}

}  // namespace
}  // namespace allot
