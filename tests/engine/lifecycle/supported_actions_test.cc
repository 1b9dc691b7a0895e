// Each row of the supported_actions table of docs/lifecycle.md.
#include "allot/engine.h"
#include "engine/lifecycle/lifecycle_fixture.h"
#include "gtest/gtest.h"

namespace allot::testing {
namespace {

using Actions = std::vector<std::string>;

TEST_F(LifecycleTest, MerchantManagedRows) {
  RouteOrder("1001", {{"A", 1}});
  EXPECT_EQ(engine_->SupportedActions(Fo("1001-F1")),
            (Actions{"create_fulfillment", "hold", "move"}));
  RouteOrder("1002", {{"A", 3}});
  ASSERT_TRUE(engine_->Split(kMerchant, "1002-F1", {{0, 1}}).ok());
  // 2+ units remain (split) and another open FO of the order is here (merge).
  EXPECT_EQ(engine_->SupportedActions(Fo("1002-F1")),
            (Actions{"create_fulfillment", "hold", "move", "split", "merge"}));
  ASSERT_TRUE(engine_->CreateFulfillment(kMerchant, {{"1002-F1", {{0, 1}}}}).ok());
  EXPECT_EQ(engine_->SupportedActions(Fo("1002-F1")), (Actions{"create_fulfillment", "move"}));
  EXPECT_EQ(engine_->SupportedActions(Fo("1002-F2")),
            (Actions{"create_fulfillment", "hold", "move"}));
  ASSERT_TRUE(engine_->Hold(kMerchant, "1002-F2", {}).ok());
  EXPECT_EQ(engine_->SupportedActions(Fo("1002-F2")), (Actions{"release_hold", "hold"}));
  ASSERT_TRUE(engine_->CreateFulfillment(kMerchant, {{"1002-F1", {}}}).ok());
  EXPECT_EQ(engine_->SupportedActions(Fo("1002-F1")), Actions{});  // nothing remaining
}

TEST_F(LifecycleTest, ScheduledRow) {
  ASSERT_TRUE(engine_->Route(kMerchant, MakeOrder("5001", {{"A", 2}}), engine_->now() + 1).ok());
  EXPECT_EQ(engine_->SupportedActions(Fo("5001-F1")), (Actions{"mark_as_open", "split"}));
}

TEST_F(LifecycleTest, FulfillmentServiceRows) {
  const std::string fo = RouteTo3pl("3001");
  EXPECT_EQ(engine_->SupportedActions(Fo(fo)),
            (Actions{"request_fulfillment", "hold", "move", "split"}));
  ASSERT_TRUE(engine_->SubmitFulfillmentRequest(kMerchant, fo).ok());
  EXPECT_EQ(engine_->SupportedActions(Fo(fo)), Actions{"cancel_fulfillment_order"});
  ASSERT_TRUE(engine_->RejectFulfillmentRequest(k3pl, fo).ok());
  EXPECT_EQ(engine_->SupportedActions(Fo(fo)),
            (Actions{"request_fulfillment", "hold", "move", "split"}));
  ASSERT_TRUE(engine_->SubmitFulfillmentRequest(kMerchant, fo).ok());
  ASSERT_TRUE(engine_->AcceptFulfillmentRequest(k3pl, fo).ok());
  EXPECT_EQ(engine_->SupportedActions(Fo(fo)), Actions{"request_cancellation"});
  ASSERT_TRUE(engine_->SubmitCancellationRequest(kMerchant, fo).ok());
  EXPECT_EQ(engine_->SupportedActions(Fo(fo)), Actions{"cancel_fulfillment_order"});
  ASSERT_TRUE(engine_->RejectCancellationRequest(k3pl, fo).ok());
  EXPECT_EQ(engine_->SupportedActions(Fo(fo)), Actions{"request_cancellation"});
  ASSERT_TRUE(engine_->Close(k3pl, fo).ok());
  EXPECT_EQ(engine_->SupportedActions(Fo(fo)), (Actions{"request_fulfillment", "move"}));
}

}  // namespace
}  // namespace allot::testing
