// A small network shared by the lifecycle tests: two warehouses (NJ, LA), a
// fulfillment service (3PL) and a store in Canada (TOR), with stock of SKUs
// A, B and C, and helpers to build orders and read state.
#ifndef ALLOT_TESTS_ENGINE_LIFECYCLE_LIFECYCLE_FIXTURE_H_
#define ALLOT_TESTS_ENGINE_LIFECYCLE_LIFECYCLE_FIXTURE_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "allot/engine.h"
#include "allot/scenario.h"
#include "gtest/gtest.h"

namespace allot::testing {

// NJ rank 1, LA rank 2, 3PL rank 3 (fulfillment_service), TOR rank 4 (store, CA).
// Stock: NJ A5 B2, LA A10 B10 C3, 3PL A20 C10, TOR A3.
Scenario StoryScenario();

// An order to Boston with (sku, quantity) lines.
Order MakeOrder(std::string id, std::vector<std::pair<std::string, int>> lines);

// A path in $TMPDIR (or /tmp) unique to this process: <prefix>_<pid>_<name>.
std::string TempPath(const std::string& prefix, const std::string& name);
// A whole file's bytes, and a file replaced by `data`.
std::string ReadAll(const std::string& path);
void WriteAll(const std::string& path, const std::string& data);

inline const Actor kMerchant = Actor::Merchant();
inline const Actor k3pl = Actor::Service("3PL");

class LifecycleTest : public ::testing::Test {
 protected:
  void SetUp() override { Reset(StoryScenario()); }
  void Reset(Scenario scenario,
             int64_t now = 1'795'510'800 * kMicrosPerSecond /* 2026-11-24T09:00:00Z */);

  // Routes an order and returns its FO ids (the test fails when routing does).
  std::vector<std::string> RouteOrder(std::string id,
                                      std::vector<std::pair<std::string, int>> lines,
                                      std::optional<RoutingPolicy> policy = {});
  // Routes a one-unit-per-line order of SKU C with the nearest policy to
  // Chicago, which places it at 3PL.
  std::string RouteTo3pl(std::string id, int quantity = 2);

  // Copies: the engine hands out no references into its state.
  FulfillmentOrder Fo(const std::string& id) const;
  StockLevel Level(const std::string& location, const std::string& sku) const;
  std::vector<std::string> Topics(size_t from = 0) const;
  // Checks reserved == scenario reserved + sum of FO remaining everywhere.
  void ExpectReservedInvariant() const;

  std::unique_ptr<Engine> engine_;
  std::vector<InventoryRecord> initial_;
};

}  // namespace allot::testing

#endif  // ALLOT_TESTS_ENGINE_LIFECYCLE_LIFECYCLE_FIXTURE_H_
