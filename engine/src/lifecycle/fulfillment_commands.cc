// Commands on fulfillments: create_fulfillment, cancel_fulfillment,
// update_tracking, fulfillment_event.
//
// A fulfillment ships units out of FOs of one order and one location:
// on_hand and reserved both fall by what it ships. Cancelling it puts the
// units back on hand and reserves them again for an FO.
#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "allot/engine.h"
#include "common/status_macros.h"
#include "common/strings.h"
#include "lifecycle/engine_internal.h"
#include "lifecycle/fo_lines.h"

namespace allot {

using lifecycle_internal::Fields;

namespace {

absl::Status ValidateTracking(const Tracking& t, std::string_view field) {
  if (t.url && !t.number) {
    return absl::InvalidArgumentError(
        absl::StrCat(ToAbsl(field), ".url: a tracking url needs a tracking number"));
  }
  return absl::OkStatus();
}

}  // namespace

Engine::Created Engine::CreateFulfillment(const Actor& actor,
                                          const std::vector<FulfillmentOrderSelection>& selections,
                                          std::optional<Tracking> tracking,
                                          bool /*notify_customer*/) {
  WriterMutexLock lock(&mu_);
  // Well-formed.
  if (selections.empty()) {
    return absl::InvalidArgumentError(
        "fulfillment_orders: must name at least one fulfillment order");
  }
  absl::flat_hash_set<std::string> seen;
  for (size_t i = 0; i < selections.size(); ++i) {
    const std::string field = absl::StrCat("fulfillment_orders[", i, "]");
    if (!seen.insert(selections[i].id).second) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, ".id: fulfillment order ", selections[i].id, " is named twice"));
    }
    RETURN_IF_ERROR(lifecycle_internal::ValidateLines(selections[i].lines, field + ".lines",
                                                      /*allow_empty=*/true));
  }
  if (tracking) RETURN_IF_ERROR(ValidateTracking(*tracking, "tracking"));
  // Ids exist, and the FOs share one order and one location.
  std::vector<int32_t> indices;
  for (const FulfillmentOrderSelection& s : selections) {
    ASSIGN_OR_RETURN(const FulfillmentOrder* fo, GetFo(s.id));
    indices.push_back(fo_index_.at(fo->id));
  }
  const FulfillmentOrder& first = fos_[indices[0]];
  for (int32_t index : indices) {
    if (fos_[index].order != first.order || fos_[index].location != first.location) {
      return absl::InvalidArgumentError(absl::StrCat("fulfillment_orders: ", first.id, " and ",
                                                     fos_[index].id,
                                                     " do not share one order and one location"));
    }
  }
  const bool service = IsService(first.location);
  // Permission.
  if (service) {
    RETURN_IF_ERROR(CheckServiceOf(actor, first.location));
  } else {
    RETURN_IF_ERROR(CheckActor(actor));
    RETURN_IF_ERROR(CheckMerchantOnly(actor));
  }
  // Status guards.
  RETURN_IF_ERROR(CheckNotCancelled(first.order));
  for (int32_t index : indices) {
    const FulfillmentOrder& fo = fos_[index];
    bool ok;
    if (service) {
      const RequestStatus rs = fo.request_status;
      ok = fo.status == FoStatus::kInProgress &&
           (rs == RequestStatus::kAccepted || rs == RequestStatus::kCancellationRequested ||
            rs == RequestStatus::kCancellationRejected);
    } else {
      ok = fo.status == FoStatus::kOpen || fo.status == FoStatus::kInProgress;
    }
    if (!ok) {
      return absl::FailedPreconditionError(
          absl::StrCat("fulfillment order ", fo.id, " is ", ToAbsl(FoStatusName(fo.status)), "/",
                       ToAbsl(RequestStatusName(fo.request_status)), "; create_fulfillment needs ",
                       service ? "in_progress with request accepted, cancellation_requested or "
                                 "cancellation_rejected"
                               : "open or in_progress"));
    }
  }
  // Quantities against the state.
  std::vector<std::vector<int32_t>> takes;
  for (size_t i = 0; i < indices.size(); ++i) {
    ASSIGN_OR_RETURN(std::vector<int32_t> take,
                     lifecycle_internal::Take(fos_[indices[i]], selections[i].lines));
    if (lifecycle_internal::Sum(take) == 0) {
      return absl::FailedPreconditionError(
          absl::StrCat("fulfillment order ", fos_[indices[i]].id, " has no units remaining"));
    }
    takes.push_back(std::move(take));
  }
  // Stock: on hand must cover what ships (it does while the invariant holds).
  for (size_t i = 0; i < indices.size(); ++i) {
    const FulfillmentOrder& fo = fos_[indices[i]];
    for (size_t k = 0; k < fo.lines.size(); ++k) {
      const StockLevel* level = inventory_.Find(fo.location, fo.lines[k].sku_id);
      if (takes[i][k] > 0 && (level == nullptr || level->on_hand < takes[i][k])) {
        return absl::FailedPreconditionError(absl::StrCat("sku ", fo.lines[k].sku,
                                                          ": not enough on hand at ",
                                                          network_.location(fo.location).id));
      }
    }
  }

  // Apply.
  Tx tx;
  OrderRecord& order = orders_[order_index_.at(first.order)];
  Fulfillment f;
  f.id = absl::StrCat(order.order.id, ".", ++order.fulfillments_created);
  f.order = order.order.id;
  f.location = first.location;
  f.tracking = std::move(tracking);
  std::vector<std::pair<LocationId, SkuId>> levels;
  for (size_t i = 0; i < indices.size(); ++i) {
    FulfillmentOrder& fo = fos_[indices[i]];
    for (size_t k = 0; k < fo.lines.size(); ++k) {
      const int32_t q = takes[i][k];
      if (q == 0) continue;
      FulfillmentOrderLine& line = fo.lines[k];
      line.remaining_quantity -= q;
      line.fulfilled_quantity += q;
      StockLevel* level = inventory_.MutableFind(fo.location, line.sku_id);
      level->on_hand -= q;
      level->reserved -= q;
      levels.emplace_back(fo.location, line.sku_id);
      f.lines.push_back({.fulfillment_order = fo.id,
                         .line = line.line,
                         .sku = line.sku,
                         .sku_id = line.sku_id,
                         .quantity = q});
    }
    fo.status = fo.remaining_units() == 0 ? FoStatus::kClosed : FoStatus::kInProgress;
  }
  const std::string id = f.id;
  fulfillment_index_.emplace(id, static_cast<int32_t>(fulfillments_.size()));
  fulfillments_.push_back(std::move(f));
  Emit(tx, "fulfillments/create", {{"fulfillment", id}, {"order", order.order.id}});
  EmitLevelUpdates(tx, std::move(levels));
  Emit(tx,
       DisplayStatusOf(order) == DisplayStatus::kFulfilled ? "orders/fulfilled"
                                                           : "orders/partially_fulfilled",
       {{"order", order.order.id}});
  Commit(tx);
  return std::vector<std::string>{id};
}

absl::StatusOr<const Fulfillment*> Engine::GetFulfillmentFor(const Actor& actor,
                                                             std::string_view id) const {
  const Fulfillment* f = LookupFulfillment(id);
  if (f == nullptr) {
    return absl::NotFoundError(absl::StrCat("fulfillment ", ToAbsl(id), " does not exist"));
  }
  if (actor.kind == Actor::Kind::kService) RETURN_IF_ERROR(CheckServiceOf(actor, f->location));
  RETURN_IF_ERROR(CheckNotCancelled(f->order));
  if (f->status != FulfillmentStatus::kSuccess) {
    return absl::FailedPreconditionError(absl::StrCat("fulfillment ", f->id, " is cancelled"));
  }
  return f;
}

Engine::Created Engine::CancelFulfillment(const Actor& actor, std::string_view fulfillment_id) {
  WriterMutexLock lock(&mu_);
  ASSIGN_OR_RETURN(const Fulfillment* found, GetFulfillmentFor(actor, fulfillment_id));
  Fulfillment& f = fulfillments_[fulfillment_index_.at(found->id)];
  const bool service = IsService(f.location);
  // The units go back on hand and reserved: refused, as Receive refuses,
  // when a level would pass kMaxQuantity (it could not be snapshotted, and
  // past int32 the sum would overflow).
  absl::flat_hash_map<int32_t, int64_t> returning;  // by SKU, at f.location
  for (const FulfillmentLine& fl : f.lines) returning[fl.sku_id.value()] += fl.quantity;
  for (const auto& [sku, units] : returning) {
    const StockLevel* level = inventory_.Find(f.location, SkuId(sku));
    if (int64_t{level->on_hand} + units > kMaxQuantity ||
        int64_t{level->reserved} + units > kMaxQuantity) {
      return absl::FailedPreconditionError(absl::StrCat(
          "fulfillment ", f.id, ": returning its units of sku ", inventory_.sku_name(SkuId(sku)),
          " at ", network_.location(f.location).id, " would put on hand or reserved above ",
          kMaxQuantity));
    }
  }

  Tx tx;
  std::vector<std::string> created;
  std::vector<std::pair<LocationId, SkuId>> levels;
  // Units of FOs that were closed go to one new FO at the same location.
  FulfillmentOrder fresh;
  fresh.order = f.order;
  fresh.location = f.location;
  fresh.status = service ? FoStatus::kInProgress : FoStatus::kOpen;
  fresh.request_status = service ? RequestStatus::kAccepted : RequestStatus::kUnsubmitted;
  absl::flat_hash_set<int32_t> touched;
  for (const FulfillmentLine& fl : f.lines) {
    const int32_t index = fo_index_.at(fl.fulfillment_order);
    FulfillmentOrder& fo = fos_[index];
    auto line = std::find_if(fo.lines.begin(), fo.lines.end(),
                             [&](const FulfillmentOrderLine& l) { return l.line == fl.line; });
    line->fulfilled_quantity -= fl.quantity;
    if (fo.status == FoStatus::kClosed) {
      line->total_quantity -= fl.quantity;
      lifecycle_internal::AddUnits(fresh, *line, fl.quantity);
    } else {
      line->remaining_quantity += fl.quantity;
      touched.insert(index);
    }
    StockLevel* level = inventory_.MutableFind(f.location, fl.sku_id);
    level->on_hand += fl.quantity;
    level->reserved += fl.quantity;
    levels.emplace_back(f.location, fl.sku_id);
  }
  for (int32_t index : touched) {
    FulfillmentOrder& fo = fos_[index];
    if (service || fo.status == FoStatus::kIncomplete || fo.status == FoStatus::kCancelled) {
      continue;
    }
    fo.status = fo.fulfilled_units() == 0 ? FoStatus::kOpen : FoStatus::kInProgress;
  }
  f.status = FulfillmentStatus::kCancelled;
  if (!fresh.lines.empty()) {
    fresh.id = NewFoId(f.order);
    created.push_back(fresh.id);
    AddFo(std::move(fresh));
  }
  Emit(tx, "fulfillments/update", {{"fulfillment", f.id}, {"order", f.order}});
  EmitLevelUpdates(tx, std::move(levels));
  Commit(tx);
  return created;
}

absl::Status Engine::UpdateTracking(const Actor& actor, std::string_view fulfillment_id,
                                    const Tracking& tracking) {
  WriterMutexLock lock(&mu_);
  RETURN_IF_ERROR(ValidateTracking(tracking, "tracking"));
  ASSIGN_OR_RETURN(const Fulfillment* found, GetFulfillmentFor(actor, fulfillment_id));
  Fulfillment& f = fulfillments_[fulfillment_index_.at(found->id)];
  f.tracking = tracking;
  Tx tx;
  Emit(tx, "fulfillments/update", {{"fulfillment", f.id}, {"order", f.order}});
  Commit(tx);
  return absl::OkStatus();
}

absl::Status Engine::AddFulfillmentEvent(const Actor& actor, std::string_view fulfillment_id,
                                         ShipmentStatus status,
                                         std::optional<int64_t> /*happened_at*/,
                                         std::optional<std::string> /*message*/) {
  WriterMutexLock lock(&mu_);
  ASSIGN_OR_RETURN(const Fulfillment* found, GetFulfillmentFor(actor, fulfillment_id));
  Fulfillment& f = fulfillments_[fulfillment_index_.at(found->id)];
  f.shipment_status = status;
  Tx tx;
  Emit(tx, "fulfillment_events/create",
       {{"fulfillment", f.id}, {"status", std::string(ShipmentStatusName(status))}});
  Commit(tx);
  return absl::OkStatus();
}

}  // namespace allot
