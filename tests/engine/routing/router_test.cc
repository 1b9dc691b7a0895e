#include <algorithm>
#include <cmath>
#include <string_view>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "allot/generator.h"
#include "allot/geo.h"
#include "allot/routing.h"
#include "allot/scenario.h"
#include "gtest/gtest.h"

namespace allot {
namespace {

// Two warehouses on a line east of the destination; B is closer, A ranks first.
Scenario TwoWarehouses() {
  Scenario s;
  Location a{.id = "A", .lat = 40, .lon = -70, .country = "US", .rank = 1};
  a.cost = {.fixed = 5, .per_unit = 1};
  Location b{.id = "B", .lat = 40, .lon = -80, .country = "US", .rank = 2};
  b.cost = {.fixed = 1, .per_unit = 1};
  s.locations = {a, b};
  s.inventory = {
      {"A", "X", {.on_hand = 3}}, {"B", "X", {.on_hand = 3}}, {"B", "Y", {.on_hand = 1}}};
  return s;
}

Order MakeOrder(std::vector<OrderLine> lines) {
  return Order{.id = "O1", .destination = {40, -90, "US"}, .lines = std::move(lines)};
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    scenario_ = TwoWarehouses();
    model_ = std::make_unique<Model>(*BuildModel(scenario_));
    router_ = std::make_unique<Router>(&model_->network, &model_->inventory);
  }
  RouteResult Route(Order order, RoutingPolicy policy) {
    ResolveSkus(model_->inventory, order);
    absl::StatusOr<RouteResult> r = router_->Route(order, policy);
    EXPECT_TRUE(r.ok()) << r.status();
    return *r;
  }
  const StockLevel& Level(std::string_view loc, std::string_view sku) {
    return *model_->inventory.Find(*model_->network.Find(loc), *model_->inventory.FindSku(sku));
  }
  Scenario scenario_;
  std::unique_ptr<Model> model_;
  std::unique_ptr<Router> router_;
};

TEST_F(RouterTest, PriorityFillsFromRankOrderAndReserves) {
  RouteResult r = Route(MakeOrder({{"X", {}, 4}}), {.kind = PolicyKind::kPriority});
  ASSERT_EQ(r.shipments.size(), 2u);
  EXPECT_EQ(model_->network.location(r.shipments[0].location).id, "A");
  EXPECT_EQ(r.shipments[0].units, 3);
  EXPECT_EQ(r.shipments[1].units, 1);
  EXPECT_EQ(Level("A", "X").reserved, 3);
  EXPECT_EQ(Level("B", "X").reserved, 1);
  EXPECT_TRUE(r.unfulfilled.empty());
}

TEST_F(RouterTest, NearestFillsFromClosest) {
  RouteResult r = Route(MakeOrder({{"X", {}, 2}}), {.kind = PolicyKind::kNearest});
  ASSERT_EQ(r.shipments.size(), 1u);
  EXPECT_EQ(model_->network.location(r.shipments[0].location).id, "B");
}

// The nearest location runs short: the line takes what it has, then the
// rest from the next nearest (not the single-location shortcut).
TEST_F(RouterTest, NearestTakesTheRestFromTheNextNearest) {
  RouteResult r = Route(MakeOrder({{"X", {}, 4}}), {.kind = PolicyKind::kNearest});
  ASSERT_EQ(r.shipments.size(), 2u);
  EXPECT_EQ(model_->network.location(r.shipments[0].location).id, "A");
  EXPECT_EQ(r.shipments[0].units, 1);
  EXPECT_EQ(model_->network.location(r.shipments[1].location).id, "B");
  EXPECT_EQ(r.shipments[1].units, 3);
  EXPECT_EQ(Level("A", "X").reserved, 1);
  EXPECT_EQ(Level("B", "X").reserved, 3);
}

TEST_F(RouterTest, MinShipmentsShipsCompleteFromOne) {
  // B has both SKUs: one shipment beats A + B.
  RouteResult r =
      Route(MakeOrder({{"X", {}, 1}, {"Y", {}, 1}}), {.kind = PolicyKind::kMinShipments});
  ASSERT_EQ(r.shipments.size(), 1u);
  EXPECT_EQ(model_->network.location(r.shipments[0].location).id, "B");
  EXPECT_EQ(r.units_allocated, 2);
}

TEST_F(RouterTest, UnknownSkuIsUnfulfilledNotAnError) {
  RouteResult r = Route(MakeOrder({{"NOPE", {}, 2}, {"X", {}, 1}}), {.kind = PolicyKind::kMinCost});
  ASSERT_EQ(r.unfulfilled.size(), 1u);
  EXPECT_EQ(r.unfulfilled[0].line, 0);
  EXPECT_EQ(r.unfulfilled[0].quantity, 2);
  EXPECT_EQ(r.units_allocated, 1);
}

// SKUs known but stocked nowhere (a snapshot may list them): the inventory
// holds no levels at all, and every policy leaves the order unfulfilled.
TEST(RouterEmptyInventoryTest, KnownSkusWithoutAnyStock) {
  absl::StatusOr<Network> network = Network::Create(TwoWarehouses().locations);
  ASSERT_TRUE(network.ok()) << network.status();
  Inventory::Builder builder;
  builder.InternSku("X");
  builder.InternSku("Y");
  Inventory inventory = std::move(builder).Build();
  Router router(&*network, &inventory);
  for (PolicyKind kind : {PolicyKind::kPriority, PolicyKind::kNearest, PolicyKind::kMinShipments,
                          PolicyKind::kMinCost}) {
    Order order = MakeOrder({{"X", {}, 2}, {"Y", {}, 1}});
    ResolveSkus(inventory, order);
    absl::StatusOr<RouteResult> r = router.Route(order, {.kind = kind});
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_TRUE(r->shipments.empty());
    EXPECT_EQ(r->units_requested - r->units_allocated, 3);
  }
}

TEST_F(RouterTest, MaxShipmentsOneTakesTheLocationPlacingMost) {
  RouteResult r =
      Route(MakeOrder({{"X", {}, 5}}), {.kind = PolicyKind::kMinCost, .max_shipments = 1});
  ASSERT_EQ(r.shipments.size(), 1u);
  EXPECT_EQ(r.units_allocated, 3);
  // A and B both place 3; B's fixed cost is lower.
  EXPECT_EQ(model_->network.location(r.shipments[0].location).id, "B");
}

TEST_F(RouterTest, SequentialOrdersSeeEarlierReservations) {
  Route(MakeOrder({{"X", {}, 6}}), {.kind = PolicyKind::kPriority});
  RouteResult r = Route(MakeOrder({{"X", {}, 1}}), {.kind = PolicyKind::kMinCost});
  EXPECT_TRUE(r.shipments.empty());
  EXPECT_EQ(r.units_allocated, 0);
}

TEST_F(RouterTest, SameCountryOnlyExcludesForeignLocations) {
  RouteResult r = Route(Order{.id = "O", .destination = {40, -90, "CA"}, .lines = {{"X", {}, 1}}},
                        {.kind = PolicyKind::kPriority, .same_country_only = true});
  EXPECT_TRUE(r.shipments.empty());
}

TEST_F(RouterTest, InvalidPolicyChangesNothing) {
  Order order = MakeOrder({{"X", {}, 1}});
  ResolveSkus(model_->inventory, order);
  absl::StatusOr<RouteResult> r = router_->Route(order, {.kind = PolicyKind::kRules});
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Level("A", "X").reserved, 0);
}

// A negative quantity anywhere in the order is bad input, named by line,
// and nothing is reserved, not even for the lines before it.
TEST_F(RouterTest, NegativeQuantityChangesNothing) {
  for (PolicyKind kind : {PolicyKind::kPriority, PolicyKind::kNearest, PolicyKind::kMinCost}) {
    Order order = MakeOrder({{"X", {}, 1}, {"Y", {}, -2}});
    ResolveSkus(model_->inventory, order);
    absl::StatusOr<RouteResult> r = router_->Route(order, {.kind = kind});
    EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_NE(r.status().message().find("lines[1].quantity"), std::string_view::npos) << r.status();
    EXPECT_EQ(Level("A", "X").reserved, 0);
    EXPECT_EQ(Level("B", "X").reserved, 0);
  }
}

// A destination that is not a place is bad input, named by field, for a
// library caller (the scenario readers reject it before routing).
TEST_F(RouterTest, DestinationOutOfRangeChangesNothing) {
  const double nan = std::nan("");
  for (const auto& [lat, lon, field] :
       {std::tuple(nan, 0.0, "destination.lat"), std::tuple(91.0, 0.0, "destination.lat"),
        std::tuple(0.0, -180.5, "destination.lon"), std::tuple(0.0, nan, "destination.lon")}) {
    for (PolicyKind kind : {PolicyKind::kPriority, PolicyKind::kNearest, PolicyKind::kMinCost}) {
      Order order = MakeOrder({{"X", {}, 1}});
      order.destination.lat = lat;
      order.destination.lon = lon;
      ResolveSkus(model_->inventory, order);
      absl::StatusOr<RouteResult> r = router_->Route(order, {.kind = kind});
      EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
      EXPECT_NE(r.status().message().find(field), std::string_view::npos) << r.status();
      EXPECT_EQ(Level("A", "X").reserved, 0);
    }
  }
}

// Shipments come out in location order with their lines ascending, with
// location ids past 255, for four lines (the rank sort of up to eight
// picks) and twelve (std::sort). Each line's SKU is at a high-ranked
// location (1 unit) and at one of three low-ranked ones (9 units).
TEST(RouterManyPicksTest, ShipmentsAndLinesInOrder) {
  Scenario s;
  for (int i = 0; i < 300; ++i) {
    s.locations.push_back(
        {.id = absl::StrCat("L", 1000 + i), .lat = 40, .lon = -80, .country = "US", .rank = i});
  }
  Order order{.id = "O", .destination = {40, -90, "US"}, .lines = {}};
  for (int line = 0; line < 12; ++line) {
    const std::string sku = absl::StrCat("S", line);
    // One unit at a location with a high id, the rest at another: two picks.
    s.inventory.push_back({absl::StrCat("L", 1299 - line), sku, {.on_hand = 1}});
    s.inventory.push_back({absl::StrCat("L", 1260 + line % 3), sku, {.on_hand = 9}});
    order.lines.push_back({sku, {}, 3});
  }
  Order small = order;  // four lines: the rank sort
  small.lines.resize(4);
  for (auto [o, kind] : {std::pair{&order, PolicyKind::kPriority},
                         {&order, PolicyKind::kNearest},
                         {&small, PolicyKind::kPriority},
                         {&small, PolicyKind::kNearest}}) {
    Model model = *BuildModel(s);  // fresh stock for each
    ResolveSkus(model.inventory, *o);
    Router router(&model.network, &model.inventory);
    absl::StatusOr<RouteResult> r = router.Route(*o, {.kind = kind});
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_EQ(r->units_allocated, 3 * static_cast<int64_t>(o->lines.size()));
    for (size_t k = 0; k < r->shipments.size(); ++k) {
      const RoutedShipment& sh = r->shipments[k];
      EXPECT_GE(sh.location.value(), 256);
      if (k > 0) EXPECT_GT(sh.location.value(), r->shipments[k - 1].location.value());
      for (size_t j = 1; j < sh.lines.size(); ++j) {
        EXPECT_GT(sh.lines[j].line, sh.lines[j - 1].line);
      }
    }
  }
}

TEST_F(RouterTest, TwoLinesOfOneSkuShareTheStock) {
  RouteResult r =
      Route(MakeOrder({{"X", {}, 4}, {"X", {}, 3}}), {.kind = PolicyKind::kMinShipments});
  EXPECT_EQ(r.units_allocated, 6);
  ASSERT_EQ(r.unfulfilled.size(), 1u);
  EXPECT_EQ(r.unfulfilled[0].quantity, 1);
}

// A near-tie in a long row: A (first in rank) and B lie 10 degrees from the
// destination along different axes, B closer by 1e-10 degrees; their
// squared chords agree to within the 1e-9 band, so the contract's haversine
// decides, and it says B. Six far locations make a row of eight, which
// NearestFill answers from its table of keys (location_keys.h).
TEST(RouterNearTieTest, LongRowsLeaveNearTiesToTheHaversine) {
  Scenario s;
  s.locations = {{.id = "A", .lat = 0, .lon = 10, .country = "US", .rank = 0},
                 {.id = "B", .lat = 9.9999999999, .lon = 0, .country = "US", .rank = 1}};
  for (int i = 0; i < 6; ++i) {
    s.locations.push_back(
        {.id = absl::StrCat("F", i), .lat = 50.0 + i, .lon = 100, .country = "US", .rank = 2});
  }
  for (const Location& l : s.locations) s.inventory.push_back({l.id, "X", {.on_hand = 5}});
  Model model = *BuildModel(s);
  const UnitVector d = ToUnitVector(0, 0);
  const double a = model.network.SquaredChord(*model.network.Find("A"), d);
  const double b = model.network.SquaredChord(*model.network.Find("B"), d);
  ASSERT_LE(std::abs(a - b), 1e-9 * std::min(a, b));  // a near-tie for the keys
  ASSERT_LT(HaversineKm(9.9999999999, 0, 0, 0), HaversineKm(0, 10, 0, 0));
  Router router(&model.network, &model.inventory);
  Order order{.id = "O", .destination = {0, 0, "US"}, .lines = {{"X", {}, 2}}};
  ResolveSkus(model.inventory, order);
  absl::StatusOr<RouteResult> r = router.Route(order, {.kind = PolicyKind::kNearest});
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->shipments.size(), 1u);
  EXPECT_EQ(model.network.location(r->shipments[0].location).id, "B");
}

// Router::Prefetch is a hint: a stream routed with it (the next two orders
// asked for before each one, as the CLI does) gives exactly the plans and
// reservations of the same stream routed without it, under every policy,
// with lines of unknown or out-of-range SKUs and empty orders among them.
TEST(RouterPrefetchTest, NeverChangesAResult) {
  absl::StatusOr<Scenario> generated =
      GenerateScenario({.locations = 30, .skus = 400, .orders = 300, .lines = 4, .seed = 7});
  ASSERT_TRUE(generated.ok()) << generated.status();
  for (PolicyKind kind : {PolicyKind::kPriority, PolicyKind::kNearest, PolicyKind::kMinShipments,
                          PolicyKind::kMinCost, PolicyKind::kRules}) {
    SCOPED_TRACE(PolicyKindName(kind));
    RoutingPolicy policy{.kind = kind};
    if (kind == PolicyKind::kRules) policy.rules = {Rule::kShipments, Rule::kDistance};
    std::vector<std::vector<RouteResult>> runs;
    std::vector<int32_t> reserved[2];
    for (bool prefetch : {false, true}) {
      Model model = *BuildModel(*generated);
      std::vector<Order> orders = generated->orders;
      for (Order& o : orders) ResolveSkus(model.inventory, o);
      orders[5].lines[0].sku_id = SkuId(model.inventory.num_skus() + 3);  // out of range
      orders[6].lines[1].sku_id = SkuId();                                // unknown
      orders[7].lines.clear();
      Router router(&model.network, &model.inventory);
      std::vector<RouteResult> results(orders.size());
      for (size_t i = 0; i < orders.size(); ++i) {
        if (prefetch) {
          router.Prefetch(orders, i, policy);
        }
        ASSERT_TRUE(router.Route(orders[i], policy, &results[i]).ok());
      }
      runs.push_back(std::move(results));
      for (int k = 0; k < model.inventory.num_skus(); ++k) {
        for (const StockLevel& l : model.inventory.RowLevels(SkuId(k))) {
          reserved[prefetch].push_back(l.reserved);
        }
      }
    }
    EXPECT_EQ(reserved[0], reserved[1]);
    int64_t placed = 0;
    for (size_t i = 0; i < runs[0].size(); ++i) {
      const RouteResult& a = runs[0][i];
      const RouteResult& b = runs[1][i];
      ASSERT_EQ(a.shipments.size(), b.shipments.size()) << "order " << i;
      for (size_t k = 0; k < a.shipments.size(); ++k) {
        EXPECT_EQ(a.shipments[k].location, b.shipments[k].location) << "order " << i;
        EXPECT_EQ(a.shipments[k].units, b.shipments[k].units) << "order " << i;
        EXPECT_EQ(a.shipments[k].cost, b.shipments[k].cost) << "order " << i;
      }
      EXPECT_EQ(a.units_allocated, b.units_allocated) << "order " << i;
      placed += a.units_allocated;
    }
    EXPECT_GT(placed, 0);
  }
}

}  // namespace
}  // namespace allot
