// Property tests: on thousands of small random scenarios (fixed seeds), every
// policy's plan is feasible, and equals (priority, nearest) or ties in
// objective (min_shipments, min_cost, rules) the brute-force answer, order
// after order as stock is reserved.
#include <random>
#include <set>

#include "absl/strings/str_cat.h"
#include "allot/geo.h"
#include "allot/routing.h"
#include "allot/scenario.h"
#include "engine/routing/brute_force.h"
#include "gtest/gtest.h"

namespace allot {
namespace {

using testing::BestKey;
using testing::GreedyPlan;
using testing::InitialStock;
using testing::KeyBetter;
using testing::Plan;
using testing::PlanKeyOf;
using testing::Stock;

struct Rng {
  std::mt19937_64 gen;
  int Int(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(gen); }
  double Real(double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(gen); }
  bool Chance(double p) { return Real(0, 1) < p; }
};

RoutingPolicy RandomPolicy(PolicyKind kind, Rng& rng) {
  RoutingPolicy p;
  p.kind = kind;
  if (kind == PolicyKind::kRules) {
    std::vector<Rule> all = {Rule::kShipments, Rule::kOutOfCountry, Rule::kRank, Rule::kDistance,
                             Rule::kCost};
    std::shuffle(all.begin(), all.end(), rng.gen);
    all.resize(rng.Int(1, 5));
    p.rules = all;
    // Shopify's default list has its own compiled path in the partition fill.
    if (rng.Chance(0.25)) p.rules = {Rule::kShipments, Rule::kOutOfCountry, Rule::kDistance};
  }
  if (rng.Chance(0.4)) p.max_shipments = rng.Int(1, 3);
  p.same_country_only = rng.Chance(0.2);
  return p;
}

// With `deep`, a location holds a SKU's whole demand or none of it (as long
// as earlier orders leave it enough): the partition fill and cover search.
// `stocked`: the chance that a location stocks a SKU at all.
Scenario RandomScenario(PolicyKind kind, Rng& rng, int max_locations, int max_skus, bool deep,
                        int min_locations = 1, bool all_ship = false, double stocked = 0.65) {
  Scenario s;
  const int locations = rng.Int(min_locations, max_locations);
  const int skus = rng.Int(1, max_skus);
  for (int i = 0; i < locations; ++i) {
    Location l;
    l.id = absl::StrCat("L", i);
    // Some locations share a position, so distance ties happen; twenty
    // spots at most, so that positions stay valid.
    const int spot = rng.Int(0, locations) % 20;
    l.lat = 25 + spot * 3.1;
    l.lon = -120 + spot * 7.3;
    l.country = rng.Chance(0.7) ? "US" : "CA";
    l.rank = rng.Int(0, 3);
    l.active = rng.Chance(0.9) || all_ship;
    l.ships = rng.Chance(0.9) || all_ship;
    l.cost.fixed = rng.Chance(0.2) ? 0 : rng.Int(0, 1000) / 100.0;
    l.cost.per_km = rng.Chance(0.5) ? 0 : rng.Int(0, 300) / 1e5;
    l.cost.per_unit = rng.Int(0, 100) / 100.0;
    l.cost.per_unit_km = rng.Chance(0.5) ? 0 : rng.Int(0, 30) / 1e5;
    s.locations.push_back(l);
  }
  for (int i = 0; i < locations; ++i) {
    for (int k = 0; k < skus; ++k) {
      if (rng.Chance(1 - stocked)) continue;
      InventoryRecord r{absl::StrCat("L", i), absl::StrCat("S", k), {}};
      r.level.on_hand = deep ? (rng.Chance(0.2) ? 0 : rng.Int(30, 50)) : rng.Int(0, 6);
      r.level.reserved = rng.Chance(0.2) ? rng.Int(0, 3) : 0;
      r.level.safety_stock = rng.Chance(0.2) ? rng.Int(0, 2) : 0;
      s.inventory.push_back(r);
    }
  }
  s.policy = RandomPolicy(kind, rng);
  if (all_ship) s.policy.same_country_only = false;
  const int orders = rng.Int(1, 3);
  for (int o = 0; o < orders; ++o) {
    Order order;
    order.id = absl::StrCat("O", o);
    const int spot = rng.Int(0, locations + 2) % 20;
    order.destination = {25 + spot * 2.9, -121 + spot * 6.7, rng.Chance(0.7) ? "US" : "CA"};
    const int lines = rng.Int(1, max_skus);
    for (int l = 0; l < lines; ++l) {
      // SKU index skus is stocked nowhere.
      order.lines.push_back({absl::StrCat("S", rng.Int(0, skus)), SkuId(), rng.Int(1, 5)});
    }
    s.orders.push_back(order);
  }
  return s;
}

// Checks one routed order against the state before it; returns its plan.
Plan CheckOrder(const Scenario& s, const Network& network, const Stock& stock, const Order& order,
                const RouteResult& r) {
  Plan plan;
  std::set<std::string> locations;
  std::vector<int64_t> placed(order.lines.size(), 0);
  std::map<std::pair<std::string, std::string>, int64_t> taken;
  int prev = -1;
  for (const RoutedShipment& sh : r.shipments) {
    const Location& l = network.location(sh.location);
    EXPECT_GT(sh.location.value(), prev) << "shipments not in (rank, id) order";
    prev = sh.location.value();
    EXPECT_TRUE(l.active && l.ships) << l.id;
    if (s.policy.same_country_only) EXPECT_EQ(l.country, order.destination.country);
    EXPECT_TRUE(locations.insert(l.id).second);
    EXPECT_FALSE(sh.lines.empty());
    int64_t units = 0;
    int previous_line = -1;
    for (const RoutedLine& line : sh.lines) {
      EXPECT_GT(line.line, previous_line) << "lines not ascending, or one line twice";
      previous_line = line.line;
      EXPECT_GT(line.quantity, 0);
      plan[{line.line, l.id}] += line.quantity;
      placed[line.line] += line.quantity;
      taken[{l.id, order.lines[line.line].sku}] += line.quantity;
      units += line.quantity;
    }
    EXPECT_EQ(units, sh.units);
    // Reported from the chord, not the haversine: the same distance to
    // rounding (1e-11 km, 1.5e-8 relative near the antipode; routing.md's
    // tolerance is 1e-6 relative).
    const double haversine =
        HaversineKm(l.lat, l.lon, order.destination.lat, order.destination.lon);
    EXPECT_NEAR(sh.distance_km, haversine, 1e-9 + 1e-7 * haversine) << l.id;
    EXPECT_TRUE(NearlyEqual(sh.cost, l.cost.ShipmentCost(sh.distance_km, units)));
  }
  for (const auto& [key, q] : taken) {
    auto it = stock.find(key);
    EXPECT_LE(q, it == stock.end() ? 0 : it->second) << key.first << "/" << key.second;
  }
  std::vector<int64_t> unfulfilled(order.lines.size(), 0);
  for (const RoutedLine& u : r.unfulfilled) unfulfilled[u.line] += u.quantity;
  for (size_t i = 0; i < order.lines.size(); ++i) {
    EXPECT_EQ(placed[i] + unfulfilled[i], order.lines[i].quantity) << "line " << i;
  }
  return plan;
}

// Routes the scenario's orders in turn with its policy, checks each result
// (CheckOrder), and calls check(order, result, plan, stock before the
// order); stops at the first failure.
template <typename Check>
void RouteEachOrder(const Scenario& s, const std::string& label, Check check) {
  Scenario copy = s;
  absl::StatusOr<Model> model = BuildModel(copy);
  ASSERT_TRUE(model.ok()) << model.status();
  Router router(&model->network, &model->inventory);
  Stock stock = InitialStock(s);
  for (size_t o = 0; o < copy.orders.size(); ++o) {
    SCOPED_TRACE(
        absl::StrCat(label, " order ", o, " policy ", std::string(PolicyKindName(s.policy.kind))));
    const Order& order = copy.orders[o];
    absl::StatusOr<RouteResult> r = router.Route(order, s.policy);
    ASSERT_TRUE(r.ok()) << r.status();
    const Plan plan = CheckOrder(s, model->network, stock, order, *r);
    check(order, *r, plan, stock);
    for (const auto& [where, q] : plan) {
      stock[{where.second, order.lines[where.first].sku}] -= q;
    }
    if (::testing::Test::HasFailure()) return;
  }
}

void RunProperty(PolicyKind kind, uint64_t seed, int instances, int max_locations = 8,
                 int max_skus = 4, bool deep = false, bool all_ship = false,
                 double stocked = 0.65) {
  Rng rng{std::mt19937_64(seed)};
  for (int n = 0; n < instances; ++n) {
    const Scenario s =
        RandomScenario(kind, rng, max_locations, max_skus, deep, 1, all_ship, stocked);
    RouteEachOrder(
        s, absl::StrCat("seed ", seed, " instance ", n),
        [&](const Order& order, const RouteResult& r, const Plan& plan, const Stock& stock) {
          if (kind == PolicyKind::kPriority || kind == PolicyKind::kNearest) {
            EXPECT_EQ(plan, GreedyPlan(s, stock, order, s.policy));
            return;
          }
          if (s.policy.max_shipments) {
            EXPECT_LE(r.shipments.size(), *s.policy.max_shipments);
          }
          const testing::Key mine = PlanKeyOf(s, order, s.policy, plan);
          const testing::Key best = BestKey(s, stock, order, s.policy);
          EXPECT_FALSE(KeyBetter(best, mine))
              << "not optimal: units " << mine.units << " vs " << best.units;
        });
    if (::testing::Test::HasFailure()) return;
  }
}

constexpr int kInstances = 3000;

TEST(RouterPropertyTest, PriorityMatchesBruteForce) {
  RunProperty(PolicyKind::kPriority, 1, kInstances);
}
TEST(RouterPropertyTest, NearestMatchesBruteForce) {
  RunProperty(PolicyKind::kNearest, 2, kInstances);
}
// Rows of 8 locations and more, with every location eligible, take the
// table of keys (location_keys.h); twenty positions for up to 40 locations
// make exact distance ties common.
TEST(RouterPropertyTest, NearestMatchesBruteForceOnLongRows) {
  RunProperty(PolicyKind::kNearest, 12, 600, /*max_locations=*/40, /*max_skus=*/4,
              /*deep=*/false, /*all_ship=*/true);
}
// The same rows with some locations inactive or not shipping, and
// same_country_only a fifth of the time: the scalar pass.
TEST(RouterPropertyTest, NearestMatchesBruteForceOnLongRowsWithIneligibleLocations) {
  RunProperty(PolicyKind::kNearest, 13, 300, /*max_locations=*/40);
}
TEST(RouterPropertyTest, MinShipmentsIsOptimal) {
  RunProperty(PolicyKind::kMinShipments, 3, kInstances);
}
TEST(RouterPropertyTest, MinCostIsOptimal) { RunProperty(PolicyKind::kMinCost, 4, kInstances); }
TEST(RouterPropertyTest, RulesAreOptimal) { RunProperty(PolicyKind::kRules, 5, kInstances); }

}  // namespace
}  // namespace allot

namespace allot {
namespace {

// Fewer, larger instances: up to 14 locations and 8 SKUs, where the branch
// and bound prunes for real.
constexpr int kLargeInstances = 300;

TEST(RouterPropertyTest, MinShipmentsIsOptimalOnLargerInstances) {
  RunProperty(PolicyKind::kMinShipments, 13, kLargeInstances, 14, 8);
}
TEST(RouterPropertyTest, MinCostIsOptimalOnLargerInstances) {
  RunProperty(PolicyKind::kMinCost, 14, kLargeInstances, 14, 8);
}
TEST(RouterPropertyTest, RulesAreOptimalOnLargerInstances) {
  RunProperty(PolicyKind::kRules, 15, kLargeInstances, 14, 8);
}

}  // namespace
}  // namespace allot

namespace allot {
namespace {

// Deep stock: orders of up to four SKUs take the partition fill, five or
// more the pair fill when shipments come first and one or two locations
// cover them, else (and with too small a max_shipments) the cover search.
constexpr int kDeepInstances = 1500;

TEST(RouterPropertyTest, MinShipmentsIsOptimalOnDeepStock) {
  RunProperty(PolicyKind::kMinShipments, 23, kDeepInstances, 10, 6, /*deep=*/true);
}
TEST(RouterPropertyTest, MinCostIsOptimalOnDeepStock) {
  RunProperty(PolicyKind::kMinCost, 24, kDeepInstances, 10, 6, /*deep=*/true);
}
TEST(RouterPropertyTest, RulesAreOptimalOnDeepStock) {
  RunProperty(PolicyKind::kRules, 25, kDeepInstances, 10, 6, /*deep=*/true);
}
// Up to ten SKUs over twelve locations: with shipments first, most orders
// that the partition fill leaves take the pair fill (one or two locations
// cover them), the rest the cover search.
TEST(RouterPropertyTest, MinShipmentsIsOptimalOnDeepStockOfManySkus) {
  RunProperty(PolicyKind::kMinShipments, 26, kDeepInstances, 12, 10, /*deep=*/true);
}
TEST(RouterPropertyTest, RulesAreOptimalOnDeepStockOfManySkus) {
  RunProperty(PolicyKind::kRules, 27, kDeepInstances, 12, 10, /*deep=*/true);
}
// min_cost on the same: orders of five to eight SKUs take the cost
// partition fill, more the cover search.
TEST(RouterPropertyTest, MinCostIsOptimalOnDeepStockOfManySkus) {
  RunProperty(PolicyKind::kMinCost, 28, kDeepInstances, 12, 10, /*deep=*/true);
}
// Sparse stock (a quarter of the pairs): most orders of six SKUs and more
// need three locations or more, so min_shipments takes the layered dynamic
// program (cost_partition_fill.h) after the pair fill declines.
TEST(RouterPropertyTest, MinShipmentsIsOptimalOnSparseDeepStockOfManySkus) {
  RunProperty(PolicyKind::kMinShipments, 29, kDeepInstances, 12, 10, /*deep=*/true,
              /*all_ship=*/false, /*stocked=*/0.25);
}
TEST(RouterPropertyTest, MinCostIsOptimalOnSparseDeepStockOfManySkus) {
  RunProperty(PolicyKind::kMinCost, 30, kDeepInstances, 12, 10, /*deep=*/true,
              /*all_ship=*/false, /*stocked=*/0.25);
}

}  // namespace
}  // namespace allot

namespace allot {
namespace {

// Long rows (100-140 locations, so bitsets of two and three words, each
// stocking a SKU with probability 0.65):
// min_shipments and Shopify's rules first look for locations holding the
// whole order (partition_fill.cc, FindWholeOrderHolders). Every subset is
// too many to enumerate, but when some eligible location holds the whole
// order, one shipment from the best such location is the optimum, so the
// best single-location plan is the answer to beat.
TEST(RouterPropertyTest, ShipsWholeOrdersFromTheBestHolderOnLongRows) {
  for (PolicyKind kind : {PolicyKind::kMinShipments, PolicyKind::kRules}) {
    Rng rng{std::mt19937_64(41)};
    int checked = 0;
    for (int n = 0; n < 150; ++n) {
      Scenario s = RandomScenario(kind, rng, 140, 4, /*deep=*/true, /*min_locations=*/100);
      if (kind == PolicyKind::kRules) {
        s.policy.rules = {Rule::kShipments, Rule::kOutOfCountry, Rule::kDistance};
      }
      RouteEachOrder(
          s, absl::StrCat("instance ", n),
          [&](const Order& order, const RouteResult& r, const Plan& plan, const Stock& stock) {
            std::map<std::string, int64_t> demand;  // of the SKUs some location lists
            for (const OrderLine& l : order.lines) {
              if (l.sku_id.valid()) demand[l.sku] += l.quantity;
            }
            std::optional<testing::Key> best;
            for (const Location& l : s.locations) {
              if (!l.active || !l.ships || demand.empty()) continue;
              if (s.policy.same_country_only && l.country != order.destination.country) continue;
              bool whole = true;
              for (const auto& [sku, want] : demand) {
                auto it = stock.find({l.id, sku});
                whole = whole && it != stock.end() && it->second >= want;
              }
              if (!whole) continue;
              Plan single;
              for (size_t i = 0; i < order.lines.size(); ++i) {
                if (order.lines[i].sku_id.valid()) {
                  single[{static_cast<int>(i), l.id}] += order.lines[i].quantity;
                }
              }
              const testing::Key key = PlanKeyOf(s, order, s.policy, single);
              if (!best || KeyBetter(key, *best)) best = key;
            }
            if (best) {
              EXPECT_EQ(r.shipments.size(), 1u);
              EXPECT_FALSE(KeyBetter(*best, PlanKeyOf(s, order, s.policy, plan)));
              ++checked;
            }
          });
      if (::testing::Test::HasFailure()) return;
    }
    EXPECT_GT(checked, 100) << PolicyKindName(kind);
  }
}

}  // namespace
}  // namespace allot
