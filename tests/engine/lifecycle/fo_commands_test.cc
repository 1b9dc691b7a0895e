// hold, release_hold, move, split, merge, open, reschedule, advance_clock.
#include "allot/engine.h"
#include "engine/lifecycle/lifecycle_fixture.h"
#include "gtest/gtest.h"

namespace allot::testing {
namespace {

constexpr int64_t kDay = 86400 * kMicrosPerSecond;

TEST_F(LifecycleTest, HoldAndRelease) {
  RouteOrder("2001", {{"A", 1}, {"B", 2}});
  size_t before = engine_->events().size();
  ASSERT_TRUE(
      engine_->Hold(kMerchant, "2001-F1", {.reason = HoldReason::kAwaitingPayment, .handle = "pay"})
          .ok());
  EXPECT_EQ(Topics(before), (std::vector<std::string>{"fulfillment_holds/added",
                                                      "fulfillment_orders/placed_on_hold"}));
  EXPECT_EQ(Fo("2001-F1").status, FoStatus::kOnHold);
  before = engine_->events().size();
  ASSERT_TRUE(engine_->Hold(kMerchant, "2001-F1", {.reason = HoldReason::kOther}).ok());
  EXPECT_EQ(Topics(before), std::vector<std::string>{"fulfillment_holds/added"});
  EXPECT_EQ(Fo("2001-F1").holds[1].handle, "H2");  // the second hold ever placed
  EXPECT_EQ(engine_->Hold(kMerchant, "2001-F1", {.handle = "pay"}).status().code(),
            absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(engine_->Hold(kMerchant, "2001-F1", {.lines = {{0, 1}}}).status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(engine_->ReleaseHold(kMerchant, "2001-F1", {"nope"}).code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(engine_->ReleaseHold(k3pl, "2001-F1").code(), absl::StatusCode::kPermissionDenied);
  ASSERT_TRUE(engine_->ReleaseHold(kMerchant, "2001-F1", {"pay"}).ok());
  EXPECT_EQ(Fo("2001-F1").status, FoStatus::kOnHold);
  before = engine_->events().size();
  ASSERT_TRUE(engine_->ReleaseHold(kMerchant, "2001-F1").ok());
  EXPECT_EQ(Topics(before), (std::vector<std::string>{"fulfillment_holds/released",
                                                      "fulfillment_orders/hold_released"}));
  EXPECT_EQ(Fo("2001-F1").status, FoStatus::kOpen);
  EXPECT_EQ(engine_->ReleaseHold(kMerchant, "2001-F1").code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_F(LifecycleTest, DefaultHoldHandleSkipsTakenIds) {
  RouteOrder("2001", {{"A", 1}});
  ASSERT_TRUE(engine_->Hold(kMerchant, "2001-F1", {.handle = "H2"}).ok());
  ASSERT_TRUE(engine_->Hold(kMerchant, "2001-F1", {}).ok());  // n = 2, taken -> H3
  EXPECT_EQ(Fo("2001-F1").holds[1].handle, "H3");
}

TEST_F(LifecycleTest, AtMostTenHolds) {
  RouteOrder("2001", {{"A", 1}});
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(engine_->Hold(kMerchant, "2001-F1", {}).ok());
  EXPECT_EQ(engine_->SupportedActions(Fo("2001-F1")), std::vector<std::string>{"release_hold"});
  EXPECT_EQ(engine_->Hold(kMerchant, "2001-F1", {}).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_F(LifecycleTest, HoldWithLinesSplits) {
  RouteOrder("2001", {{"A", 1}, {"B", 2}});
  const size_t before = engine_->events().size();
  Engine::Created c = engine_->Hold(kMerchant, "2001-F1", {.lines = {{1, 2}}});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(*c, std::vector<std::string>{"2001-F2"});
  EXPECT_EQ(Topics(before), (std::vector<std::string>{"fulfillment_holds/added",
                                                      "fulfillment_orders/placed_on_hold",
                                                      "fulfillment_orders/split"}));
  EXPECT_EQ(Fo("2001-F1").remaining_units(), 2);
  EXPECT_EQ(Fo("2001-F2").remaining_units(), 1);
  EXPECT_EQ(Fo("2001-F2").status, FoStatus::kOpen);
  // Lines that cover everything hold the whole FO: no empty FO.
  c = engine_->Hold(kMerchant, "2001-F2", {.lines = {{0, 1}}});
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->empty());
  ExpectReservedInvariant();
}

TEST_F(LifecycleTest, MoveWholeOpenFoKeepsItsId) {
  RouteOrder("1001", {{"A", 2}});
  EXPECT_EQ(engine_->Move(kMerchant, "1001-F1", "NJ").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(engine_->Move(kMerchant, "1001-F1", "MARS").status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(engine_->Move(k3pl, "1001-F1", "LA").status().code(),
            absl::StatusCode::kPermissionDenied);
  const size_t before = engine_->events().size();
  Engine::Created c = engine_->Move(kMerchant, "1001-F1", "LA");
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->empty());
  EXPECT_EQ(engine_->network().location(Fo("1001-F1").location).id, "LA");
  EXPECT_EQ(Level("NJ", "A").reserved, 0);
  EXPECT_EQ(Level("LA", "A").reserved, 2);
  EXPECT_EQ(Topics(before),
            (std::vector<std::string>{"fulfillment_orders/moved", "inventory_levels/update",
                                      "inventory_levels/update"}));
  ExpectReservedInvariant();
}

TEST_F(LifecycleTest, MoveChecksTargetAndStock) {
  RouteOrder("1001", {{"A", 2}});
  ASSERT_TRUE(engine_->SetLocation(kMerchant, "LA", false, {}).ok());
  EXPECT_EQ(engine_->Move(kMerchant, "1001-F1", "LA").status().code(),
            absl::StatusCode::kFailedPrecondition);
  ASSERT_TRUE(engine_->SetLocation(kMerchant, "LA", true, {}).ok());
  EXPECT_EQ(engine_->Move(kMerchant, "1001-F1", "LA", {{0, 3}}).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(engine_->Move(kMerchant, "1001-F1", "TOR", {{0, 1}}).ok(), true);
  EXPECT_EQ(engine_->Move(kMerchant, "1001-F1", "TOR", {{0, 1}}).status().code(),
            absl::StatusCode::kOk);  // joins 1001-F2 at TOR
  EXPECT_EQ(Fo("1001-F1").status, FoStatus::kClosed);
  EXPECT_EQ(Fo("1001-F2").remaining_units(), 2);
  ASSERT_TRUE(engine_->SetSafetyStock(kMerchant, "LA", "A", 9).ok());
  const absl::Status s = engine_->Move(kMerchant, "1001-F2", "LA").status();
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("sku A"), std::string::npos) << s;
  ExpectReservedInvariant();
}

TEST_F(LifecycleTest, MovePartOfInProgressFoMakesNewFo) {
  RouteOrder("1001", {{"A", 3}});
  ASSERT_TRUE(engine_->CreateFulfillment(kMerchant, {{"1001-F1", {{0, 1}}}}).ok());
  Engine::Created c = engine_->Move(kMerchant, "1001-F1", "LA");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(*c, std::vector<std::string>{"1001-F2"});
  EXPECT_EQ(Fo("1001-F1").status, FoStatus::kClosed);
  EXPECT_EQ(Fo("1001-F2").status, FoStatus::kOpen);
  EXPECT_EQ(Fo("1001-F2").remaining_units(), 2);
  ExpectReservedInvariant();
}

TEST_F(LifecycleTest, SplitAndMerge) {
  RouteOrder("1001", {{"A", 3}, {"B", 1}});
  EXPECT_EQ(engine_->Split(kMerchant, "1001-F1", {{0, 3}, {1, 1}}).status().code(),
            absl::StatusCode::kInvalidArgument);  // would leave nothing
  EXPECT_EQ(engine_->Split(kMerchant, "1001-F1", {}).status().code(),
            absl::StatusCode::kInvalidArgument);
  Engine::Created c = engine_->Split(kMerchant, "1001-F1", {{0, 1}});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(*c, std::vector<std::string>{"1001-F2"});
  EXPECT_EQ(engine_->events().back().topic, "fulfillment_orders/split");
  EXPECT_EQ(Fo("1001-F2").remaining_units(), 1);
  EXPECT_EQ(Fo("1001-F1").remaining_units(), 3);
  EXPECT_EQ(engine_->Merge(kMerchant, {"1001-F1"}).status().code(),
            absl::StatusCode::kInvalidArgument);
  c = engine_->Merge(kMerchant, {"1001-F1", "1001-F2"});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(*c, std::vector<std::string>{"1001-F3"});
  EXPECT_EQ(engine_->events().back().topic, "fulfillment_orders/merged");
  EXPECT_EQ(Fo("1001-F1").status, FoStatus::kClosed);
  EXPECT_EQ(Fo("1001-F2").remaining_units(), 0);
  EXPECT_EQ(Fo("1001-F3").remaining_units(), 4);
  ExpectReservedInvariant();
}

TEST_F(LifecycleTest, MergeNeedsOneOrderAndLocation) {
  RouteOrder("1001", {{"A", 7}});  // NJ 5, LA 2
  EXPECT_EQ(engine_->Merge(kMerchant, {"1001-F1", "1001-F2"}).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(engine_->Merge(kMerchant, {"1001-F1", "1001-F1"}).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(LifecycleTest, ScheduledFos) {
  const int64_t now = engine_->now();
  Engine::Created r = engine_->Route(kMerchant, MakeOrder("5001", {{"A", 2}}), now + 7 * kDay);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Fo("5001-F1").status, FoStatus::kScheduled);
  EXPECT_EQ(engine_->CreateFulfillment(kMerchant, {{"5001-F1", {}}}).status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(engine_->Reschedule(kMerchant, "5001-F1", now).code(),
            absl::StatusCode::kInvalidArgument);
  ASSERT_TRUE(engine_->Reschedule(kMerchant, "5001-F1", now + 9 * kDay).ok());
  ASSERT_TRUE(engine_->Split(kMerchant, "5001-F1", {{0, 1}}).ok());
  EXPECT_EQ(Fo("5001-F2").status, FoStatus::kScheduled);
  EXPECT_EQ(Fo("5001-F2").fulfill_at, now + 9 * kDay);
  ASSERT_TRUE(engine_->AdvanceClock(kMerchant, now + 8 * kDay).ok());
  EXPECT_EQ(Fo("5001-F1").status, FoStatus::kScheduled);
  const size_t before = engine_->events().size();
  ASSERT_TRUE(engine_->AdvanceClock(kMerchant, now + 9 * kDay).ok());
  EXPECT_EQ(Topics(before),
            (std::vector<std::string>{"fulfillment_orders/scheduled_fulfillment_order_ready",
                                      "fulfillment_orders/scheduled_fulfillment_order_ready"}));
  EXPECT_EQ(Fo("5001-F1").status, FoStatus::kOpen);
  EXPECT_EQ(engine_->AdvanceClock(kMerchant, now).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(engine_->Open(kMerchant, "5001-F1").code(), absl::StatusCode::kFailedPrecondition);
  // A past fulfill_at just gives open FOs.
  ASSERT_TRUE(engine_->Route(kMerchant, MakeOrder("5002", {{"A", 1}}), now).ok());
  EXPECT_EQ(Fo("5002-F1").status, FoStatus::kOpen);
}

// Regression: times within one second of the clock. lifecycle.md: scheduled
// when fulfill_at is later than the clock; reschedule strictly later;
// advance_clock not earlier.
TEST_F(LifecycleTest, SubSecondTimesCompareExactly) {
  const int64_t now = engine_->now();
  const int64_t half = kMicrosPerSecond / 2;
  ASSERT_TRUE(engine_->Route(kMerchant, MakeOrder("5001", {{"A", 1}}), now + half).ok());
  EXPECT_EQ(Fo("5001-F1").status, FoStatus::kScheduled);
  EXPECT_EQ(Fo("5001-F1").fulfill_at, now + half);
  ASSERT_TRUE(engine_->Route(kMerchant, MakeOrder("5002", {{"A", 1}}), now).ok());
  EXPECT_EQ(Fo("5002-F1").status, FoStatus::kOpen);
  ASSERT_TRUE(engine_->Reschedule(kMerchant, "5001-F1", now + 1).ok());  // 1 us later
  EXPECT_EQ(engine_->Reschedule(kMerchant, "5001-F1", now).code(),
            absl::StatusCode::kInvalidArgument);
  ASSERT_TRUE(engine_->Reschedule(kMerchant, "5001-F1", now + 3 * half).ok());
  ASSERT_TRUE(engine_->AdvanceClock(kMerchant, now + half).ok());
  EXPECT_EQ(Fo("5001-F1").status, FoStatus::kScheduled);  // due at +1.5 s
  EXPECT_EQ(engine_->AdvanceClock(kMerchant, now + half - 1).code(),
            absl::StatusCode::kInvalidArgument);
  ASSERT_TRUE(engine_->AdvanceClock(kMerchant, now + half).ok());  // not earlier: fine
  ASSERT_TRUE(engine_->AdvanceClock(kMerchant, now + 3 * half - 1).ok());
  EXPECT_EQ(Fo("5001-F1").status, FoStatus::kScheduled);
  ASSERT_TRUE(engine_->AdvanceClock(kMerchant, now + 3 * half).ok());
  EXPECT_EQ(Fo("5001-F1").status, FoStatus::kOpen);
}

TEST_F(LifecycleTest, OpenScheduledFo) {
  ASSERT_TRUE(engine_->Route(kMerchant, MakeOrder("5001", {{"A", 1}}), engine_->now() + kDay).ok());
  EXPECT_EQ(engine_->Open(k3pl, "5001-F1").code(), absl::StatusCode::kPermissionDenied);
  ASSERT_TRUE(engine_->Open(kMerchant, "5001-F1").ok());
  EXPECT_EQ(Fo("5001-F1").status, FoStatus::kOpen);
  EXPECT_EQ(engine_->events().back().topic, "fulfillment_orders/scheduled_fulfillment_order_ready");
}

}  // namespace
}  // namespace allot::testing
