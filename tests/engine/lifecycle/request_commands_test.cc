// The fulfillment-service protocol, cancel, close and cancel_order.
#include "allot/engine.h"
#include "engine/lifecycle/lifecycle_fixture.h"
#include "gtest/gtest.h"

namespace allot::testing {
namespace {

TEST_F(LifecycleTest, RequestAcceptClose) {
  const std::string fo = RouteTo3pl("3001");
  EXPECT_EQ(engine_->AcceptFulfillmentRequest(k3pl, fo).code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(engine_->SubmitFulfillmentRequest(k3pl, fo).status().code(),
            absl::StatusCode::kPermissionDenied);
  ASSERT_TRUE(engine_->SubmitFulfillmentRequest(kMerchant, fo).ok());
  EXPECT_EQ(Fo(fo).request_status, RequestStatus::kSubmitted);
  EXPECT_EQ(engine_->events().back().topic, "fulfillment_orders/fulfillment_request_submitted");
  EXPECT_EQ(engine_->DisplayFulfillmentStatus(*engine_->FindOrder("3001")),
            DisplayStatus::kInProgress);
  EXPECT_EQ(engine_->AcceptFulfillmentRequest(kMerchant, fo).code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(engine_->AcceptFulfillmentRequest(Actor::Service("LA"), fo).code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(engine_->AcceptFulfillmentRequest(Actor::Service(""), fo).code(),
            absl::StatusCode::kPermissionDenied);
  ASSERT_TRUE(engine_->AcceptFulfillmentRequest(k3pl, fo).ok());
  EXPECT_EQ(Fo(fo).status, FoStatus::kInProgress);
  EXPECT_EQ(Fo(fo).request_status, RequestStatus::kAccepted);
  ASSERT_TRUE(engine_->CreateFulfillment(k3pl, {{fo, {{0, 1}}}}).ok());
  EXPECT_EQ(engine_->Close(kMerchant, fo).code(), absl::StatusCode::kPermissionDenied);
  ASSERT_TRUE(engine_->Close(k3pl, fo).ok());
  EXPECT_EQ(engine_->events().back().topic,
            "fulfillment_orders/fulfillment_service_failed_to_complete");
  EXPECT_EQ(Fo(fo).status, FoStatus::kIncomplete);
  EXPECT_EQ(Fo(fo).request_status, RequestStatus::kClosed);
  EXPECT_EQ(Level("3PL", "C").reserved, 1);  // stays reserved until moved or re-requested
  // Requesting again moves the units to a new, submitted FO.
  Engine::Created c = engine_->SubmitFulfillmentRequest(kMerchant, fo);
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(*c, std::vector<std::string>{"3001-F2"});
  EXPECT_EQ(Fo("3001-F2").status, FoStatus::kOpen);
  EXPECT_EQ(Fo("3001-F2").request_status, RequestStatus::kSubmitted);
  EXPECT_EQ(Fo(fo).status, FoStatus::kIncomplete);
  EXPECT_EQ(Fo(fo).remaining_units(), 0);
  ExpectReservedInvariant();
}

TEST_F(LifecycleTest, PartialRequestSplitsTheRest) {
  const std::string fo = RouteTo3pl("3001", 3);
  Engine::Created c = engine_->SubmitFulfillmentRequest(kMerchant, fo, {{0, 1}});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(*c, std::vector<std::string>{"3001-F2"});
  EXPECT_EQ(Fo(fo).remaining_units(), 1);
  EXPECT_EQ(Fo(fo).request_status, RequestStatus::kSubmitted);
  EXPECT_EQ(Fo("3001-F2").remaining_units(), 2);
  EXPECT_EQ(Fo("3001-F2").request_status, RequestStatus::kUnsubmitted);
}

TEST_F(LifecycleTest, RequestAtMerchantLocationFails) {
  RouteOrder("1001", {{"A", 1}});
  EXPECT_EQ(engine_->SubmitFulfillmentRequest(kMerchant, "1001-F1").status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_F(LifecycleTest, RejectThenCancelOrder) {
  const std::string fo = RouteTo3pl("4001", 1);
  ASSERT_TRUE(engine_->SubmitFulfillmentRequest(kMerchant, fo).ok());
  EXPECT_EQ(engine_->CancelOrder(kMerchant, "4001").code(), absl::StatusCode::kFailedPrecondition);
  ASSERT_TRUE(engine_->RejectFulfillmentRequest(k3pl, fo, RejectionReason::kOther).ok());
  EXPECT_EQ(Fo(fo).status, FoStatus::kOpen);
  EXPECT_EQ(Fo(fo).request_status, RequestStatus::kRejected);
  EXPECT_EQ(engine_->DisplayFulfillmentStatus(*engine_->FindOrder("4001")),
            DisplayStatus::kRequestDeclined);
  const size_t before = engine_->events().size();
  ASSERT_TRUE(engine_->CancelOrder(kMerchant, "4001", CancelReason::kCustomer).ok());
  EXPECT_EQ(Topics(before),
            (std::vector<std::string>{"fulfillment_orders/cancelled", "inventory_levels/update",
                                      "orders/cancelled"}));
  EXPECT_EQ(Fo(fo).status, FoStatus::kCancelled);
  EXPECT_EQ(Level("3PL", "C").reserved, 0);
  EXPECT_EQ(engine_->CancelOrder(kMerchant, "4001").code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(engine_->Route(kMerchant, MakeOrder("4001", {{"A", 1}})).status().code(),
            absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(engine_->CancelOrder(kMerchant, "nope").code(), absl::StatusCode::kNotFound);
  ExpectReservedInvariant();
}

TEST_F(LifecycleTest, CancellationRequestAcceptedThenMoved) {
  const std::string fo = RouteTo3pl("3001");
  ASSERT_TRUE(engine_->SubmitFulfillmentRequest(kMerchant, fo).ok());
  ASSERT_TRUE(engine_->AcceptFulfillmentRequest(k3pl, fo).ok());
  ASSERT_TRUE(engine_->SubmitCancellationRequest(kMerchant, fo).ok());
  EXPECT_EQ(Fo(fo).request_status, RequestStatus::kCancellationRequested);
  ASSERT_TRUE(engine_->RejectCancellationRequest(k3pl, fo).ok());
  EXPECT_EQ(Fo(fo).request_status, RequestStatus::kCancellationRejected);
  ASSERT_TRUE(engine_->SubmitCancellationRequest(kMerchant, fo).ok());
  ASSERT_TRUE(engine_->AcceptCancellationRequest(k3pl, fo).ok());
  EXPECT_EQ(Fo(fo).status, FoStatus::kCancelled);
  EXPECT_EQ(Fo(fo).request_status, RequestStatus::kCancellationAccepted);
  EXPECT_EQ(Level("3PL", "C").reserved, 2);
  Engine::Created c = engine_->Move(kMerchant, fo, "LA");
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(Fo(fo).status, FoStatus::kCancelled);
  EXPECT_EQ(Level("3PL", "C").reserved, 0);
  EXPECT_EQ(Level("LA", "C").reserved, 2);
  ExpectReservedInvariant();
}

TEST_F(LifecycleTest, CancelSubmittedRequestMakesReplacement) {
  const std::string fo = RouteTo3pl("3001");
  EXPECT_EQ(engine_->Cancel(kMerchant, fo).status().code(), absl::StatusCode::kFailedPrecondition);
  ASSERT_TRUE(engine_->SubmitFulfillmentRequest(kMerchant, fo).ok());
  Engine::Created c = engine_->Cancel(kMerchant, fo);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(*c, std::vector<std::string>{"3001-F2"});
  EXPECT_EQ(Fo(fo).status, FoStatus::kClosed);
  EXPECT_EQ(Fo(fo).request_status, RequestStatus::kSubmitted);  // keeps its request status
  EXPECT_EQ(Fo("3001-F2").status, FoStatus::kOpen);
  EXPECT_EQ(Fo("3001-F2").request_status, RequestStatus::kUnsubmitted);
  EXPECT_EQ(Fo("3001-F2").remaining_units(), 2);
  EXPECT_EQ(engine_->events().back().topic, "fulfillment_orders/cancelled");
  ExpectReservedInvariant();
}

}  // namespace
}  // namespace allot::testing
