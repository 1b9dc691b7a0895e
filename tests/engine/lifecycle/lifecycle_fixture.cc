#include "engine/lifecycle/lifecycle_fixture.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>

namespace allot::testing {

Scenario StoryScenario() {
  Scenario s;
  auto loc = [](std::string id, double lat, double lon, std::string country, int rank,
                LocationKind kind) {
    Location l;
    l.id = std::move(id);
    l.lat = lat;
    l.lon = lon;
    l.country = std::move(country);
    l.rank = rank;
    l.kind = kind;
    l.cost = {.fixed = 5, .per_km = 0.002, .per_unit = 0.3};
    return l;
  };
  s.locations = {loc("NJ", 40.7357, -74.1724, "US", 1, LocationKind::kWarehouse),
                 loc("LA", 34.0522, -118.2437, "US", 2, LocationKind::kWarehouse),
                 loc("3PL", 41.8781, -87.6298, "US", 3, LocationKind::kFulfillmentService),
                 loc("TOR", 43.6532, -79.3832, "CA", 4, LocationKind::kStore)};
  auto inv = [](std::string l, std::string sku, int on_hand) {
    return InventoryRecord{std::move(l), std::move(sku), {.on_hand = on_hand}};
  };
  s.inventory = {inv("NJ", "A", 5), inv("NJ", "B", 2),   inv("LA", "A", 10),  inv("LA", "B", 10),
                 inv("LA", "C", 3), inv("3PL", "A", 20), inv("3PL", "C", 10), inv("TOR", "A", 3)};
  return s;
}

Order MakeOrder(std::string id, std::vector<std::pair<std::string, int>> lines) {
  Order o;
  o.id = std::move(id);
  o.destination = {.lat = 42.3601, .lon = -71.0589, .country = "US"};
  for (auto& [sku, q] : lines) o.lines.push_back({.sku = sku, .quantity = q});
  return o;
}

void LifecycleTest::Reset(Scenario scenario, int64_t now) {
  initial_ = scenario.inventory;
  absl::StatusOr<std::unique_ptr<Engine>> e = Engine::Create(std::move(scenario), {.now = now});
  ASSERT_TRUE(e.ok()) << e.status();
  engine_ = *std::move(e);
}

std::vector<std::string> LifecycleTest::RouteOrder(std::string id,
                                                   std::vector<std::pair<std::string, int>> lines,
                                                   std::optional<RoutingPolicy> policy) {
  Engine::Created r =
      engine_->Route(kMerchant, MakeOrder(std::move(id), std::move(lines)), {}, policy);
  EXPECT_TRUE(r.ok()) << r.status();
  return r.ok() ? *r : std::vector<std::string>{};
}

std::string LifecycleTest::RouteTo3pl(std::string id, int quantity) {
  Order o = MakeOrder(id, {{"C", quantity}});
  o.destination = {.lat = 41.85, .lon = -87.65, .country = "US"};
  Engine::Created r = engine_->Route(kMerchant, o, {}, RoutingPolicy{.kind = PolicyKind::kNearest});
  EXPECT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->size(), 1u);
  EXPECT_EQ(engine_->network().location(Fo((*r)[0]).location).id, "3PL");
  return (*r)[0];
}

FulfillmentOrder LifecycleTest::Fo(const std::string& id) const {
  std::optional<FulfillmentOrder> fo = engine_->FindFulfillmentOrder(id);
  if (!fo) {
    ADD_FAILURE() << "no fulfillment order " << id;
    return {};
  }
  return *std::move(fo);
}

StockLevel LifecycleTest::Level(const std::string& location, const std::string& sku) const {
  StockLevel out{.on_hand = -1, .reserved = -1, .safety_stock = -1};
  engine_->Read([&](const EngineView& view) {
    std::optional<LocationId> loc = view.network().Find(location);
    std::optional<SkuId> s = view.inventory().FindSku(sku);
    if (!loc || !s) return;
    if (const StockLevel* level = view.inventory().Find(*loc, *s)) out = *level;
  });
  return out;
}

std::vector<std::string> LifecycleTest::Topics(size_t from) const {
  std::vector<std::string> out;
  for (const Event& e : engine_->events(static_cast<int64_t>(from))) out.push_back(e.topic);
  return out;
}

void LifecycleTest::ExpectReservedInvariant() const {
  std::map<std::pair<std::string, std::string>, int64_t> held;
  for (const InventoryRecord& r : initial_) held[{r.location, r.sku}] += r.level.reserved;
  engine_->Read([&](const EngineView& view) {
    for (const FulfillmentOrder& fo : view.fulfillment_orders()) {
      for (const FulfillmentOrderLine& l : fo.lines) {
        held[{view.network().location(fo.location).id, l.sku}] += l.remaining_quantity;
      }
    }
    view.inventory().ForEach([&](LocationId loc, SkuId sku, const StockLevel& level) {
      const std::string& l = view.network().location(loc).id;
      const std::string& s = view.inventory().sku_name(sku);
      const int64_t want = held[{l, s}];
      EXPECT_EQ(level.reserved, want) << l << "/" << s;
      EXPECT_GE(level.on_hand, 0) << l << "/" << s;
    });
  });
}

std::string TempPath(const std::string& prefix, const std::string& name) {
  const char* dir = std::getenv("TMPDIR");
  return std::string(dir ? dir : "/tmp") + "/" + prefix + "_" + std::to_string(::getpid()) + "_" +
         name;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void WriteAll(const std::string& path, const std::string& data) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << data;
}

}  // namespace allot::testing
