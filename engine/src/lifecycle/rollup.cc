// The order status roll-up (docs/lifecycle.md, "Order status roll-up"):
// Shopify's display fulfillment status, decided by the first rule that
// applies. O(FOs of the order x their lines).
#include "allot/engine.h"

namespace allot {

DisplayStatus Engine::DisplayStatusOf(const OrderRecord& order) const {
  int64_t ordered = 0;
  for (const OrderLine& l : order.order.lines) ordered += l.quantity;
  int64_t shipped = 0;
  bool declined = false;
  int with_remaining = 0, on_hold = 0, scheduled = 0, in_progress = 0;
  for (int32_t index : order.fulfillment_orders) {
    const FulfillmentOrder& fo = fos_[index];
    shipped += fo.fulfilled_units();
    if (fo.remaining_units() == 0) continue;
    ++with_remaining;
    declined |= fo.request_status == RequestStatus::kRejected;
    on_hold += fo.status == FoStatus::kOnHold;
    scheduled += fo.status == FoStatus::kScheduled;
    in_progress +=
        fo.status == FoStatus::kInProgress || fo.request_status == RequestStatus::kSubmitted;
  }
  int64_t unallocated = 0;
  for (int32_t q : order.unallocated) unallocated += q;

  if (shipped > 0 && shipped >= ordered) return DisplayStatus::kFulfilled;
  if (shipped > 0) return DisplayStatus::kPartiallyFulfilled;
  if (declined) return DisplayStatus::kRequestDeclined;
  if (unallocated > 0 || with_remaining == 0) return DisplayStatus::kUnfulfilled;
  if (on_hold == with_remaining) return DisplayStatus::kOnHold;
  if (scheduled == with_remaining) return DisplayStatus::kScheduled;
  if (in_progress == with_remaining) return DisplayStatus::kInProgress;
  return DisplayStatus::kUnfulfilled;
}

}  // namespace allot
