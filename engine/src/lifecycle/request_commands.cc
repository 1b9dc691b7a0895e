// The fulfillment-service protocol: fulfillment and cancellation requests,
// cancel and close; and cancel_order, which ends an order the services no
// longer hold.
#include <utility>

#include "absl/strings/str_cat.h"
#include "allot/engine.h"
#include "common/status_macros.h"
#include "common/strings.h"
#include "lifecycle/engine_internal.h"
#include "lifecycle/fo_lines.h"

namespace allot {

using lifecycle_internal::Fields;

namespace {

absl::Status StatusError(const FulfillmentOrder& fo, std::string_view op, std::string_view need) {
  return absl::FailedPreconditionError(absl::StrCat(
      "fulfillment order ", fo.id, " is ", ToAbsl(FoStatusName(fo.status)), "/",
      ToAbsl(RequestStatusName(fo.request_status)), "; ", ToAbsl(op), " needs ", ToAbsl(need)));
}

bool Is(RequestStatus rs, std::initializer_list<RequestStatus> any) {
  for (RequestStatus r : any) {
    if (rs == r) return true;
  }
  return false;
}

}  // namespace

Engine::Created Engine::SubmitFulfillmentRequest(const Actor& actor, std::string_view fo_id,
                                                 const std::vector<LineQuantity>& lines,
                                                 std::optional<std::string> /*message*/,
                                                 bool /*notify_customer*/) {
  WriterMutexLock lock(&mu_);
  RETURN_IF_ERROR(lifecycle_internal::ValidateLines(lines, "lines", /*allow_empty=*/true));
  ASSIGN_OR_RETURN(const int32_t index, GetFoForMerchant(actor, fo_id));
  const FulfillmentOrder& fo = fos_[index];
  if (!IsService(fo.location)) {
    return absl::FailedPreconditionError(
        absl::StrCat("fulfillment order ", fo.id, " is at ", network_.location(fo.location).id,
                     ", a merchant-managed location: there is no service to request"));
  }
  const bool open = fo.status == FoStatus::kOpen &&
                    Is(fo.request_status, {RequestStatus::kUnsubmitted, RequestStatus::kRejected});
  const bool again = (fo.status == FoStatus::kIncomplete || fo.status == FoStatus::kCancelled) &&
                     fo.remaining_units() > 0;
  if (!open && !again) {
    return StatusError(fo, "submit_fulfillment_request",
                       "open with request unsubmitted or rejected, or incomplete/cancelled "
                       "with units remaining");
  }
  ASSIGN_OR_RETURN(const std::vector<int32_t> take, lifecycle_internal::Take(fo, lines));

  Tx tx;
  std::vector<std::string> created;
  FulfillmentOrder fresh;
  fresh.id = NewFoId(fo.order);
  fresh.order = fo.order;
  fresh.location = fo.location;
  Fields fields;
  if (open) {
    fields.emplace_back("fulfillment_order", fo.id);
    if (!lifecycle_internal::TakesAll(fo, take)) {
      std::vector<int32_t> rest(fo.lines.size());
      for (size_t i = 0; i < rest.size(); ++i) rest[i] = fo.lines[i].remaining_quantity - take[i];
      lifecycle_internal::MoveUnits(fos_[index], rest, fresh);
      fields.emplace_back("unsubmitted_fulfillment_order", fresh.id);
      created.push_back(fresh.id);
      AddFo(std::move(fresh));
    }
    fos_[index].request_status = RequestStatus::kSubmitted;
  } else {
    fresh.request_status = RequestStatus::kSubmitted;
    lifecycle_internal::MoveUnits(fos_[index], take, fresh);
    fields.emplace_back("fulfillment_order", fresh.id);
    fields.emplace_back("original_fulfillment_order", fos_[index].id);
    created.push_back(fresh.id);
    AddFo(std::move(fresh));
  }
  Emit(tx, "fulfillment_orders/fulfillment_request_submitted", std::move(fields));
  Commit(tx);
  return created;
}

absl::Status Engine::AcceptFulfillmentRequest(const Actor& actor, std::string_view fo_id,
                                              std::optional<std::string> /*message*/) {
  WriterMutexLock lock(&mu_);
  ASSIGN_OR_RETURN(const int32_t index, GetFoForService(actor, fo_id));
  FulfillmentOrder& fo = fos_[index];
  if (fo.status != FoStatus::kOpen || fo.request_status != RequestStatus::kSubmitted) {
    return StatusError(fo, "accept_fulfillment_request", "open/submitted");
  }
  fo.status = FoStatus::kInProgress;
  fo.request_status = RequestStatus::kAccepted;
  Tx tx;
  Emit(tx, "fulfillment_orders/fulfillment_request_accepted", {{"fulfillment_order", fo.id}});
  Commit(tx);
  return absl::OkStatus();
}

absl::Status Engine::RejectFulfillmentRequest(const Actor& actor, std::string_view fo_id,
                                              std::optional<RejectionReason> /*reason*/,
                                              std::optional<std::string> /*message*/) {
  WriterMutexLock lock(&mu_);
  ASSIGN_OR_RETURN(const int32_t index, GetFoForService(actor, fo_id));
  FulfillmentOrder& fo = fos_[index];
  if (fo.status != FoStatus::kOpen || fo.request_status != RequestStatus::kSubmitted) {
    return StatusError(fo, "reject_fulfillment_request", "open/submitted");
  }
  fo.request_status = RequestStatus::kRejected;
  Tx tx;
  Emit(tx, "fulfillment_orders/fulfillment_request_rejected", {{"fulfillment_order", fo.id}});
  Commit(tx);
  return absl::OkStatus();
}

absl::Status Engine::SubmitCancellationRequest(const Actor& actor, std::string_view fo_id,
                                               std::optional<std::string> /*message*/) {
  WriterMutexLock lock(&mu_);
  ASSIGN_OR_RETURN(const int32_t index, GetFoForMerchant(actor, fo_id));
  FulfillmentOrder& fo = fos_[index];
  if (fo.status != FoStatus::kInProgress ||
      !Is(fo.request_status, {RequestStatus::kAccepted, RequestStatus::kCancellationRejected})) {
    return StatusError(fo, "submit_cancellation_request",
                       "in_progress with request accepted or cancellation_rejected");
  }
  fo.request_status = RequestStatus::kCancellationRequested;
  Tx tx;
  Emit(tx, "fulfillment_orders/cancellation_request_submitted", {{"fulfillment_order", fo.id}});
  Commit(tx);
  return absl::OkStatus();
}

absl::Status Engine::AcceptCancellationRequest(const Actor& actor, std::string_view fo_id,
                                               std::optional<std::string> /*message*/) {
  WriterMutexLock lock(&mu_);
  ASSIGN_OR_RETURN(const int32_t index, GetFoForService(actor, fo_id));
  FulfillmentOrder& fo = fos_[index];
  if (fo.status != FoStatus::kInProgress ||
      fo.request_status != RequestStatus::kCancellationRequested) {
    return StatusError(fo, "accept_cancellation_request", "in_progress/cancellation_requested");
  }
  // The remaining units stay reserved here until moved or requested again.
  fo.status = FoStatus::kCancelled;
  fo.request_status = RequestStatus::kCancellationAccepted;
  Tx tx;
  Emit(tx, "fulfillment_orders/cancellation_request_accepted", {{"fulfillment_order", fo.id}});
  Commit(tx);
  return absl::OkStatus();
}

absl::Status Engine::RejectCancellationRequest(const Actor& actor, std::string_view fo_id,
                                               std::optional<std::string> /*message*/) {
  WriterMutexLock lock(&mu_);
  ASSIGN_OR_RETURN(const int32_t index, GetFoForService(actor, fo_id));
  FulfillmentOrder& fo = fos_[index];
  if (fo.status != FoStatus::kInProgress ||
      fo.request_status != RequestStatus::kCancellationRequested) {
    return StatusError(fo, "reject_cancellation_request", "in_progress/cancellation_requested");
  }
  fo.request_status = RequestStatus::kCancellationRejected;
  Tx tx;
  Emit(tx, "fulfillment_orders/cancellation_request_rejected", {{"fulfillment_order", fo.id}});
  Commit(tx);
  return absl::OkStatus();
}

Engine::Created Engine::Cancel(const Actor& actor, std::string_view fo_id) {
  WriterMutexLock lock(&mu_);
  ASSIGN_OR_RETURN(const int32_t index, GetFoForMerchant(actor, fo_id));
  const FulfillmentOrder& fo = fos_[index];
  if (!IsService(fo.location) ||
      (fo.status != FoStatus::kOpen && fo.status != FoStatus::kInProgress) ||
      !Is(fo.request_status, {RequestStatus::kSubmitted, RequestStatus::kCancellationRequested}) ||
      fo.remaining_units() == 0) {
    return StatusError(fo, "cancel",
                       "a fulfillment-service location, units remaining, request submitted or "
                       "cancellation_requested");
  }
  Tx tx;
  FulfillmentOrder replacement;
  replacement.id = NewFoId(fo.order);
  replacement.order = fo.order;
  replacement.location = fo.location;
  lifecycle_internal::MoveUnits(fos_[index], lifecycle_internal::Take(fo, {}).value(), replacement);
  const std::string id = replacement.id;
  AddFo(std::move(replacement));
  fos_[index].status = FoStatus::kClosed;
  Emit(tx, "fulfillment_orders/cancelled",
       {{"fulfillment_order", fos_[index].id}, {"replacement_fulfillment_order", id}});
  Commit(tx);
  return std::vector<std::string>{id};
}

absl::Status Engine::Close(const Actor& actor, std::string_view fo_id,
                           std::optional<std::string> /*message*/) {
  WriterMutexLock lock(&mu_);
  ASSIGN_OR_RETURN(const int32_t index, GetFoForService(actor, fo_id));
  FulfillmentOrder& fo = fos_[index];
  if (fo.status != FoStatus::kInProgress ||
      !Is(fo.request_status, {RequestStatus::kAccepted, RequestStatus::kCancellationRejected})) {
    return StatusError(fo, "close", "in_progress with request accepted or cancellation_rejected");
  }
  // The remaining units stay reserved here until moved or requested again.
  fo.status = FoStatus::kIncomplete;
  fo.request_status = RequestStatus::kClosed;
  Tx tx;
  Emit(tx, "fulfillment_orders/fulfillment_service_failed_to_complete",
       {{"fulfillment_order", fo.id}});
  Commit(tx);
  return absl::OkStatus();
}

absl::Status Engine::CancelOrder(const Actor& actor, std::string_view order_id,
                                 std::optional<CancelReason> /*reason*/) {
  WriterMutexLock lock(&mu_);
  const OrderRecord* found = LookupOrder(order_id);
  if (found == nullptr) {
    return absl::NotFoundError(absl::StrCat("order ", ToAbsl(order_id), " does not exist"));
  }
  RETURN_IF_ERROR(CheckMerchantOnly(actor));
  RETURN_IF_ERROR(CheckNotCancelled(order_id));
  for (int32_t i : found->fulfillment_orders) {
    const FulfillmentOrder& fo = fos_[i];
    if (fo.remaining_units() > 0 && IsService(fo.location) &&
        Is(fo.request_status,
           {RequestStatus::kSubmitted, RequestStatus::kAccepted,
            RequestStatus::kCancellationRequested, RequestStatus::kCancellationRejected})) {
      return absl::FailedPreconditionError(
          absl::StrCat("order ", found->order.id, ": fulfillment order ", fo.id,
                       " is held by service:", network_.location(fo.location).id, " (request ",
                       ToAbsl(RequestStatusName(fo.request_status)), ")"));
    }
  }
  Tx tx;
  OrderRecord& order = orders_[order_index_.at(ToAbsl(order_id))];
  std::vector<std::pair<LocationId, SkuId>> levels;
  for (int32_t i : order.fulfillment_orders) {
    FulfillmentOrder& fo = fos_[i];
    if (fo.remaining_units() == 0) continue;
    for (FulfillmentOrderLine& l : fo.lines) {
      if (l.remaining_quantity == 0) continue;
      inventory_.MutableFind(fo.location, l.sku_id)->reserved -= l.remaining_quantity;
      levels.emplace_back(fo.location, l.sku_id);
      l.remaining_quantity = 0;
    }
    fo.status = FoStatus::kCancelled;
    Emit(tx, "fulfillment_orders/cancelled", {{"fulfillment_order", fo.id}});
  }
  for (int32_t& q : order.unallocated) q = 0;
  order.cancelled = true;
  EmitLevelUpdates(tx, std::move(levels));
  Emit(tx, "orders/cancelled", {{"order", order.order.id}});
  Commit(tx);
  return absl::OkStatus();
}

}  // namespace allot
