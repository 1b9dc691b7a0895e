// create_fulfillment, cancel_fulfillment, update_tracking, fulfillment_event.
#include "allot/engine.h"
#include "engine/lifecycle/lifecycle_fixture.h"
#include "gtest/gtest.h"

namespace allot::testing {
namespace {

TEST_F(LifecycleTest, PartialThenFullFulfillment) {
  RouteOrder("1001", {{"A", 2}});
  const size_t before = engine_->events().size();
  Engine::Created f = engine_->CreateFulfillment(kMerchant, {{"1001-F1", {{0, 1}}}},
                                                 Tracking{.number = "1Z1", .company = "UPS"});
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(*f, std::vector<std::string>{"1001.1"});
  EXPECT_EQ(Fo("1001-F1").status, FoStatus::kInProgress);
  EXPECT_EQ(Fo("1001-F1").lines[0].remaining_quantity, 1);
  EXPECT_EQ(Level("NJ", "A").on_hand, 4);
  EXPECT_EQ(Level("NJ", "A").reserved, 1);
  EXPECT_EQ(Topics(before),
            (std::vector<std::string>{"fulfillments/create", "inventory_levels/update",
                                      "orders/partially_fulfilled"}));
  std::optional<Fulfillment> ful = engine_->FindFulfillment("1001.1");
  ASSERT_TRUE(ful.has_value());
  EXPECT_EQ(ful->status, FulfillmentStatus::kSuccess);
  EXPECT_FALSE(ful->shipment_status.has_value());

  f = engine_->CreateFulfillment(kMerchant, {{"1001-F1", {}}});
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(*f, std::vector<std::string>{"1001.2"});
  EXPECT_EQ(Fo("1001-F1").status, FoStatus::kClosed);
  EXPECT_EQ(engine_->events().back().topic, "orders/fulfilled");
  EXPECT_EQ(engine_->CreateFulfillment(kMerchant, {{"1001-F1", {}}}).status().code(),
            absl::StatusCode::kFailedPrecondition);
  ExpectReservedInvariant();
}

TEST_F(LifecycleTest, CreateFulfillmentChecks) {
  RouteOrder("1001", {{"A", 2}});
  RouteOrder("1002", {{"A", 1}});
  auto code = [&](std::vector<FulfillmentOrderSelection> sel, Actor a = kMerchant) {
    return engine_->CreateFulfillment(a, sel).status().code();
  };
  EXPECT_EQ(code({}), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(code({{"1001-F1", {{0, 0}}}}), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(code({{"1001-F1", {{0, 3}}}}), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(code({{"1001-F1", {{1, 1}}}}), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(code({{"1001-F1", {}}, {"1001-F1", {}}}), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(code({{"1001-F1", {}}, {"1002-F1", {}}}), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(code({{"1001-F9", {}}}), absl::StatusCode::kNotFound);
  EXPECT_EQ(code({{"1001-F1", {}}}, k3pl), absl::StatusCode::kPermissionDenied);
  // Well-formed comes before ids exist: a bad quantity on an unknown FO.
  EXPECT_EQ(code({{"1001-F9", {{0, 0}}}}), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(engine_->CreateFulfillment(kMerchant, {{"1001-F1", {}}}, Tracking{.url = "https://x"})
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Fo("1001-F1").lines[0].remaining_quantity, 2);
}

TEST_F(LifecycleTest, ServiceFulfillsOnlyAcceptedFos) {
  const std::string fo = RouteTo3pl("3001");
  EXPECT_EQ(engine_->CreateFulfillment(kMerchant, {{fo, {}}}).status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(engine_->CreateFulfillment(k3pl, {{fo, {}}}).status().code(),
            absl::StatusCode::kFailedPrecondition);
  ASSERT_TRUE(engine_->SubmitFulfillmentRequest(kMerchant, fo).ok());
  ASSERT_TRUE(engine_->AcceptFulfillmentRequest(k3pl, fo).ok());
  EXPECT_EQ(engine_->CreateFulfillment(Actor::Service("LA"), {{fo, {}}}).status().code(),
            absl::StatusCode::kPermissionDenied);
  ASSERT_TRUE(engine_->CreateFulfillment(k3pl, {{fo, {{0, 1}}}}).ok());
  EXPECT_EQ(Fo(fo).status, FoStatus::kInProgress);
  EXPECT_EQ(Fo(fo).request_status, RequestStatus::kAccepted);
  ASSERT_TRUE(engine_->CreateFulfillment(k3pl, {{fo, {}}}).ok());
  EXPECT_EQ(Fo(fo).status, FoStatus::kClosed);
  EXPECT_EQ(Fo(fo).request_status, RequestStatus::kAccepted);  // never changed by shipping
  ExpectReservedInvariant();
}

TEST_F(LifecycleTest, CancelFulfillmentReturnsUnits) {
  RouteOrder("1001", {{"A", 3}});
  ASSERT_TRUE(engine_->CreateFulfillment(kMerchant, {{"1001-F1", {{0, 1}}}}).ok());
  ASSERT_TRUE(engine_->CreateFulfillment(kMerchant, {{"1001-F1", {{0, 1}}}}).ok());
  const size_t before = engine_->events().size();
  Engine::Created c = engine_->CancelFulfillment(kMerchant, "1001.2");
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_TRUE(c->empty());
  EXPECT_EQ(Fo("1001-F1").status, FoStatus::kInProgress);  // 1001.1 still ships one
  EXPECT_EQ(Fo("1001-F1").lines[0].remaining_quantity, 2);
  EXPECT_EQ(Level("NJ", "A").on_hand, 4);
  EXPECT_EQ(Topics(before),
            (std::vector<std::string>{"fulfillments/update", "inventory_levels/update"}));
  EXPECT_EQ(engine_->CancelFulfillment(kMerchant, "1001.2").status().code(),
            absl::StatusCode::kFailedPrecondition);
  ASSERT_TRUE(engine_->CancelFulfillment(kMerchant, "1001.1").ok());
  EXPECT_EQ(Fo("1001-F1").status, FoStatus::kOpen);
  EXPECT_EQ(engine_->CancelFulfillment(kMerchant, "1001.9").status().code(),
            absl::StatusCode::kNotFound);
  ExpectReservedInvariant();
}

// Cancelling puts the units back on hand: refused when that would pass
// kMaxQuantity (the level could not be snapshotted and loaded again), with
// nothing changed; allowed once there is room.
TEST_F(LifecycleTest, CancelFulfillmentKeepsLevelsInTheDomain) {
  RouteOrder("1001", {{"A", 3}});
  ASSERT_TRUE(engine_->CreateFulfillment(kMerchant, {{"1001-F1", {{0, 2}}}}).ok());
  const int32_t on_hand = Level("NJ", "A").on_hand;
  ASSERT_TRUE(engine_->Receive(kMerchant, "NJ", "A", kMaxQuantity - on_hand).ok());
  const size_t before = engine_->events().size();
  const Engine::Created refused = engine_->CancelFulfillment(kMerchant, "1001.1");
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition) << refused.status();
  EXPECT_NE(refused.status().message().find("above 2000000000"), std::string::npos)
      << refused.status();
  EXPECT_EQ(Level("NJ", "A").on_hand, kMaxQuantity);
  EXPECT_EQ(engine_->FindFulfillment("1001.1")->status, FulfillmentStatus::kSuccess);
  EXPECT_EQ(engine_->events().size(), before);
  ASSERT_TRUE(Engine::FromSnapshotJson(engine_->SnapshotJson()).ok());
  ASSERT_TRUE(engine_->Adjust(kMerchant, "NJ", "A", -2).ok());
  ASSERT_TRUE(engine_->CancelFulfillment(kMerchant, "1001.1").ok());
  EXPECT_EQ(Level("NJ", "A").on_hand, kMaxQuantity);
  ASSERT_TRUE(Engine::FromSnapshotJson(engine_->SnapshotJson()).ok());
  ExpectReservedInvariant();
}

TEST_F(LifecycleTest, CancelFulfillmentOfClosedFoMakesNewFo) {
  RouteOrder("1001", {{"A", 2}});
  ASSERT_TRUE(engine_->CreateFulfillment(kMerchant, {{"1001-F1", {}}}).ok());
  Engine::Created c = engine_->CancelFulfillment(kMerchant, "1001.1");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(*c, std::vector<std::string>{"1001-F2"});
  EXPECT_EQ(Fo("1001-F1").status, FoStatus::kClosed);
  EXPECT_EQ(Fo("1001-F2").status, FoStatus::kOpen);
  EXPECT_EQ(Fo("1001-F2").lines[0].remaining_quantity, 2);
  EXPECT_EQ(Level("NJ", "A").reserved, 2);
  ExpectReservedInvariant();
}

TEST_F(LifecycleTest, CancelFulfillmentAtServiceMakesAcceptedFo) {
  const std::string fo = RouteTo3pl("3001");
  ASSERT_TRUE(engine_->SubmitFulfillmentRequest(kMerchant, fo).ok());
  ASSERT_TRUE(engine_->AcceptFulfillmentRequest(k3pl, fo).ok());
  ASSERT_TRUE(engine_->CreateFulfillment(k3pl, {{fo, {}}}).ok());
  EXPECT_EQ(engine_->CancelFulfillment(Actor::Service("LA"), "3001.1").status().code(),
            absl::StatusCode::kPermissionDenied);
  Engine::Created c = engine_->CancelFulfillment(k3pl, "3001.1");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(Fo((*c)[0]).status, FoStatus::kInProgress);
  EXPECT_EQ(Fo((*c)[0]).request_status, RequestStatus::kAccepted);
  ExpectReservedInvariant();
}

TEST_F(LifecycleTest, TrackingAndShipmentEvents) {
  RouteOrder("1001", {{"A", 1}});
  ASSERT_TRUE(engine_->CreateFulfillment(kMerchant, {{"1001-F1", {}}}).ok());
  EXPECT_EQ(engine_->UpdateTracking(kMerchant, "1001.1", {.url = "u"}).code(),
            absl::StatusCode::kInvalidArgument);
  ASSERT_TRUE(engine_->UpdateTracking(kMerchant, "1001.1", {.number = "9"}).ok());
  EXPECT_EQ(*engine_->FindFulfillment("1001.1")->tracking->number, "9");
  EXPECT_EQ(engine_->events().back().topic, "fulfillments/update");
  ASSERT_TRUE(engine_->AddFulfillmentEvent(kMerchant, "1001.1", ShipmentStatus::kDelivered).ok());
  EXPECT_EQ(engine_->FindFulfillment("1001.1")->shipment_status, ShipmentStatus::kDelivered);
  EXPECT_EQ(engine_->events().back().topic, "fulfillment_events/create");
  EXPECT_EQ(engine_->AddFulfillmentEvent(k3pl, "1001.1", ShipmentStatus::kDelivered).code(),
            absl::StatusCode::kPermissionDenied);
  ASSERT_TRUE(engine_->CancelFulfillment(kMerchant, "1001.1").ok());
  EXPECT_EQ(engine_->UpdateTracking(kMerchant, "1001.1", {.number = "9"}).code(),
            absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace allot::testing
