// receive, adjust, set_safety_stock, set_location; reroute of a backorder.
#include "allot/engine.h"
#include "engine/lifecycle/lifecycle_fixture.h"
#include "gtest/gtest.h"

namespace allot::testing {
namespace {

TEST_F(LifecycleTest, ReceiveAndRerouteBackorder) {
  RouteOrder("7001", {{"B", 15}});
  EXPECT_EQ(engine_->Receive(kMerchant, "LA", "B", 0).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(engine_->Receive(kMerchant, "MARS", "B", 1).code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(engine_->Receive(k3pl, "LA", "B", 1).code(), absl::StatusCode::kPermissionDenied);
  ASSERT_TRUE(engine_->Receive(kMerchant, "LA", "B", 5).ok());
  EXPECT_EQ(engine_->events().back().topic, "inventory_levels/update");
  Engine::Created c = engine_->Reroute(kMerchant, "7001");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(*c, std::vector<std::string>{"7001-F3"});
  EXPECT_EQ(engine_->FindOrder("7001")->unallocated[0], 0);
  EXPECT_EQ(Level("LA", "B").reserved, 13);
  EXPECT_EQ(engine_->Reroute(kMerchant, "7001").status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(engine_->Adjust(kMerchant, "LA", "B", -5).code(),
            absl::StatusCode::kFailedPrecondition);
  ASSERT_TRUE(engine_->Adjust(kMerchant, "LA", "B", -2).ok());
  EXPECT_EQ(Level("LA", "B").on_hand, 13);
  ExpectReservedInvariant();
}

TEST_F(LifecycleTest, RerouteResolvesNewSkusAndMayPlaceNothing) {
  RouteOrder("7001", {{"NEW", 2}});
  EXPECT_EQ(engine_->FindOrder("7001")->unallocated[0], 2);
  Engine::Created c = engine_->Reroute(kMerchant, "7001");
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->empty());
  ASSERT_TRUE(engine_->Receive(kMerchant, "TOR", "NEW", 3).ok());
  c = engine_->Reroute(kMerchant, "7001");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(*c, std::vector<std::string>{"7001-F1"});
  EXPECT_EQ(Level("TOR", "NEW").reserved, 2);
}

TEST_F(LifecycleTest, AdjustAndSafetyStockCreateLevels) {
  EXPECT_EQ(engine_->Adjust(kMerchant, "NJ", "Z", -1).code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_FALSE(engine_->inventory().FindSku("Z").has_value());  // a failure interns nothing
  ASSERT_TRUE(engine_->SetSafetyStock(kMerchant, "NJ", "Z", 2).ok());
  EXPECT_EQ(Level("NJ", "Z").on_hand, 0);
  EXPECT_EQ(Level("NJ", "Z").safety_stock, 2);
  EXPECT_EQ(engine_->SetSafetyStock(kMerchant, "NJ", "Z", -1).code(),
            absl::StatusCode::kInvalidArgument);
  ASSERT_TRUE(engine_->Adjust(kMerchant, "NJ", "Z", 4).ok());
  EXPECT_EQ(Level("NJ", "Z").on_hand, 4);
}

TEST_F(LifecycleTest, SetLocationChangesRouting) {
  ASSERT_TRUE(engine_->SetLocation(kMerchant, "NJ", false, {}).ok());
  RouteOrder("1001", {{"A", 1}});
  EXPECT_EQ(engine_->network().location(Fo("1001-F1").location).id, "LA");
  EXPECT_EQ(engine_->SetLocation(k3pl, "NJ", true, {}).code(), absl::StatusCode::kPermissionDenied);
}

}  // namespace
}  // namespace allot::testing
