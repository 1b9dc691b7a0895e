// supported_actions: what the merchant may do with an FO now, per the table
// of docs/lifecycle.md. The table is the contract; this file restates it row
// by row, so a change to one is a change to the other.
#include <string>
#include <vector>

#include "allot/engine.h"

namespace allot {
namespace {

constexpr int kMaxHolds = 10;

bool OpenUnsubmittedUnfulfilled(const FulfillmentOrder& fo) {
  return fo.status == FoStatus::kOpen && fo.request_status == RequestStatus::kUnsubmitted &&
         fo.fulfilled_units() == 0;
}

}  // namespace

std::vector<std::string> Engine::SupportedActionsOf(const FulfillmentOrder& fo) const {
  std::vector<std::string> out;
  const int64_t remaining = fo.remaining_units();
  if (remaining == 0) return out;
  const bool service = IsService(fo.location);
  const bool split = remaining >= 2;                        // †
  auto can_merge = [&]() ABSL_SHARED_LOCKS_REQUIRED(mu_) {  // ‡
    if (!OpenUnsubmittedUnfulfilled(fo)) return false;
    for (int32_t index : orders_[order_index_.at(fo.order)].fulfillment_orders) {
      const FulfillmentOrder& other = fos_[index];
      if (other.id != fo.id && other.location == fo.location && OpenUnsubmittedUnfulfilled(other)) {
        return true;
      }
    }
    return false;
  };
  const RequestStatus rs = fo.request_status;
  switch (fo.status) {
    case FoStatus::kOpen:
      if (rs == RequestStatus::kUnsubmitted) {
        out.push_back(service ? "request_fulfillment" : "create_fulfillment");
        out.push_back("hold");
        out.push_back("move");
        if (split) out.push_back("split");
        if (can_merge()) out.push_back("merge");
      } else if (service && rs == RequestStatus::kSubmitted) {
        out.push_back("cancel_fulfillment_order");
      } else if (service && rs == RequestStatus::kRejected) {
        out.push_back("request_fulfillment");
        out.push_back("hold");
        out.push_back("move");
        if (split) out.push_back("split");
      }
      break;
    case FoStatus::kInProgress:
      if (!service && rs == RequestStatus::kUnsubmitted) {
        out.push_back("create_fulfillment");
        out.push_back("move");
      } else if (service &&
                 (rs == RequestStatus::kAccepted || rs == RequestStatus::kCancellationRejected)) {
        out.push_back("request_cancellation");
      } else if (service && rs == RequestStatus::kCancellationRequested) {
        out.push_back("cancel_fulfillment_order");
      }
      break;
    case FoStatus::kOnHold:
      out.push_back("release_hold");
      if (static_cast<int>(fo.holds.size()) < kMaxHolds) out.push_back("hold");
      break;
    case FoStatus::kScheduled:
      out.push_back("mark_as_open");
      if (split) out.push_back("split");
      break;
    case FoStatus::kIncomplete:
    case FoStatus::kCancelled:
      if (service) {
        out.push_back("request_fulfillment");
        out.push_back("move");
      }
      break;
    case FoStatus::kClosed:
      break;
  }
  return out;
}

}  // namespace allot
