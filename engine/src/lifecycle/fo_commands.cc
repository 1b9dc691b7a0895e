// Commands that reshape fulfillment orders at the merchant's side: hold,
// release_hold, move, split, merge, open, reschedule, advance_clock.
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
using lifecycle_internal::MoveUnits;
using lifecycle_internal::Take;
using lifecycle_internal::TakesAll;
using lifecycle_internal::ValidateLines;

namespace {

constexpr size_t kMaxHolds = 10;

bool HasHold(const FulfillmentOrder& fo, std::string_view handle) {
  return std::any_of(fo.holds.begin(), fo.holds.end(),
                     [&](const allot::Hold& h) { return h.handle == handle; });
}

absl::Status StatusError(const FulfillmentOrder& fo, std::string_view op, std::string_view need) {
  return absl::FailedPreconditionError(absl::StrCat(
      "fulfillment order ", fo.id, " is ", ToAbsl(FoStatusName(fo.status)), "/",
      ToAbsl(RequestStatusName(fo.request_status)), "; ", ToAbsl(op), " needs ", ToAbsl(need)));
}

// The complement of `take`: every remaining unit it leaves.
std::vector<int32_t> Rest(const FulfillmentOrder& fo, const std::vector<int32_t>& take) {
  std::vector<int32_t> rest(fo.lines.size());
  for (size_t i = 0; i < fo.lines.size(); ++i) rest[i] = fo.lines[i].remaining_quantity - take[i];
  return rest;
}

}  // namespace

absl::StatusOr<int32_t> Engine::GetFoForMerchant(const Actor& actor, std::string_view id) const {
  ASSIGN_OR_RETURN(const FulfillmentOrder* fo, GetFo(id));
  RETURN_IF_ERROR(CheckMerchantOnly(actor));
  RETURN_IF_ERROR(CheckNotCancelled(fo->order));
  return fo_index_.at(fo->id);
}

absl::StatusOr<int32_t> Engine::GetFoForService(const Actor& actor, std::string_view id) const {
  ASSIGN_OR_RETURN(const FulfillmentOrder* fo, GetFo(id));
  RETURN_IF_ERROR(CheckServiceOf(actor, fo->location));
  RETURN_IF_ERROR(CheckNotCancelled(fo->order));
  return fo_index_.at(fo->id);
}

Engine::Created Engine::Hold(const Actor& actor, std::string_view fo_id, const HoldArgs& args) {
  WriterMutexLock lock(&mu_);
  if (args.handle && args.handle->empty()) {
    return absl::InvalidArgumentError("handle: must be a non-empty string");
  }
  RETURN_IF_ERROR(ValidateLines(args.lines, "lines", /*allow_empty=*/true));
  ASSIGN_OR_RETURN(const FulfillmentOrder* found, GetFo(fo_id));
  if (args.handle && HasHold(*found, *args.handle)) {
    return absl::AlreadyExistsError(
        absl::StrCat("hold ", *args.handle, " is already on fulfillment order ", found->id));
  }
  ASSIGN_OR_RETURN(const int32_t index, GetFoForMerchant(actor, fo_id));
  const FulfillmentOrder& fo = fos_[index];
  const bool was_on_hold = fo.status == FoStatus::kOnHold;
  if (was_on_hold) {
    if (!args.lines.empty()) {
      return absl::FailedPreconditionError(absl::StrCat(
          "fulfillment order ", fo.id, " is on hold; a hold with lines needs an open FO"));
    }
  } else if (fo.status != FoStatus::kOpen || (fo.request_status != RequestStatus::kUnsubmitted &&
                                              fo.request_status != RequestStatus::kRejected)) {
    return StatusError(fo, "hold", "open (request unsubmitted or rejected) or on_hold");
  }
  if (fo.holds.size() >= kMaxHolds) {
    return absl::FailedPreconditionError(
        absl::StrCat("fulfillment order ", fo.id, " already has ", kMaxHolds, " holds"));
  }
  ASSIGN_OR_RETURN(const std::vector<int32_t> take, Take(fo, args.lines));
  const bool split = !args.lines.empty() && !TakesAll(fo, take);

  Tx tx;
  std::vector<std::string> created;
  allot::Hold hold{.handle = "", .reason = args.reason, .notes = args.notes};
  const int32_t placed = fo.holds_placed + 1;
  if (args.handle) {
    hold.handle = *args.handle;
  } else {
    for (int n = placed;; ++n) {
      hold.handle = absl::StrCat("H", n);
      if (!HasHold(fo, hold.handle)) break;
    }
  }
  if (split) {
    FulfillmentOrder rest_fo;
    rest_fo.id = NewFoId(fo.order);
    rest_fo.order = fo.order;
    rest_fo.location = fo.location;
    MoveUnits(fos_[index], Rest(fos_[index], take), rest_fo);
    created.push_back(rest_fo.id);
    AddFo(std::move(rest_fo));
  }
  FulfillmentOrder& held = fos_[index];
  held.status = FoStatus::kOnHold;
  held.holds_placed = placed;
  held.holds.push_back(hold);
  Emit(tx, "fulfillment_holds/added", {{"fulfillment_order", held.id}, {"hold", hold.handle}});
  if (!was_on_hold) Emit(tx, "fulfillment_orders/placed_on_hold", {{"fulfillment_order", held.id}});
  if (split) {
    Emit(tx, "fulfillment_orders/split",
         {{"fulfillment_order", held.id}, {"remaining_fulfillment_order", created[0]}});
  }
  Commit(tx);
  return created;
}

absl::Status Engine::ReleaseHold(const Actor& actor, std::string_view fo_id,
                                 const std::vector<std::string>& handles) {
  WriterMutexLock lock(&mu_);
  for (size_t i = 0; i < handles.size(); ++i) {
    if (handles[i].empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("handles[", i, "]: must be a non-empty string"));
    }
  }
  ASSIGN_OR_RETURN(const FulfillmentOrder* found, GetFo(fo_id));
  for (const std::string& h : handles) {
    if (!HasHold(*found, h)) {
      return absl::NotFoundError(
          absl::StrCat("hold ", h, " is not on fulfillment order ", found->id));
    }
  }
  ASSIGN_OR_RETURN(const int32_t index, GetFoForMerchant(actor, fo_id));
  FulfillmentOrder& fo = fos_[index];
  if (fo.status != FoStatus::kOnHold) return StatusError(fo, "release_hold", "on_hold");

  Tx tx;
  const absl::flat_hash_set<std::string> named(handles.begin(), handles.end());
  std::vector<allot::Hold> kept;
  for (allot::Hold& h : fo.holds) {
    if (handles.empty() || named.contains(h.handle)) {
      Emit(tx, "fulfillment_holds/released", {{"fulfillment_order", fo.id}, {"hold", h.handle}});
    } else {
      kept.push_back(std::move(h));
    }
  }
  fo.holds = std::move(kept);
  if (fo.holds.empty()) {
    fo.status = FoStatus::kOpen;
    Emit(tx, "fulfillment_orders/hold_released", {{"fulfillment_order", fo.id}});
  }
  Commit(tx);
  return absl::OkStatus();
}

Engine::Created Engine::Move(const Actor& actor, std::string_view fo_id, std::string_view location,
                             const std::vector<LineQuantity>& lines) {
  WriterMutexLock lock(&mu_);
  RETURN_IF_ERROR(ValidateLines(lines, "lines", /*allow_empty=*/true));
  ASSIGN_OR_RETURN(const FulfillmentOrder* found, GetFo(fo_id));
  ASSIGN_OR_RETURN(const LocationId target, GetLocation(location));
  ASSIGN_OR_RETURN(const int32_t index, GetFoForMerchant(actor, fo_id));
  const FulfillmentOrder& fo = *found;
  if (target == fo.location) {
    return absl::InvalidArgumentError(
        absl::StrCat("location: fulfillment order ", fo.id, " is already at ", ToAbsl(location)));
  }
  const FoStatus st = fo.status;
  const RequestStatus rs = fo.request_status;
  const bool status_ok =
      st == FoStatus::kOpen || (st == FoStatus::kInProgress && !IsService(fo.location)) ||
      ((st == FoStatus::kIncomplete || st == FoStatus::kCancelled) && fo.remaining_units() > 0);
  const bool request_ok = rs == RequestStatus::kUnsubmitted || rs == RequestStatus::kRejected ||
                          rs == RequestStatus::kCancellationAccepted ||
                          rs == RequestStatus::kClosed;
  if (!status_ok || !request_ok) {
    return StatusError(fo, "move",
                       "open, in_progress at a merchant-managed location, or incomplete/cancelled "
                       "with units remaining; request unsubmitted, rejected, "
                       "cancellation_accepted or closed");
  }
  const Location& to = network_.location(target);
  if (!to.active || !to.ships) {
    return absl::FailedPreconditionError(
        absl::StrCat("location ", to.id, " is ", to.active ? "not shipping" : "inactive"));
  }
  ASSIGN_OR_RETURN(const std::vector<int32_t> take, Take(fo, lines));
  if (lifecycle_internal::Sum(take) == 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("fulfillment order ", fo.id, " has no units remaining"));
  }
  // Stock: the target must have the moved units of each SKU available.
  absl::flat_hash_map<int32_t, int64_t> need;  // by SkuId
  for (size_t i = 0; i < fo.lines.size(); ++i) {
    if (take[i] > 0) need[fo.lines[i].sku_id.value()] += take[i];
  }
  for (size_t i = 0; i < fo.lines.size(); ++i) {
    if (take[i] == 0) continue;
    const StockLevel* level = inventory_.Find(target, fo.lines[i].sku_id);
    const int64_t available = level == nullptr ? 0 : level->available();
    const int64_t wanted = need[fo.lines[i].sku_id.value()];
    if (available < wanted) {
      return absl::FailedPreconditionError(absl::StrCat("sku ", fo.lines[i].sku, ": ", available,
                                                        " available at ", to.id, ", moving ",
                                                        wanted, " needs more"));
    }
  }

  // The destination: an open, unsubmitted FO of the order at the target with
  // nothing fulfilled (the lowest-numbered), else the FO itself when it moves
  // whole and untouched, else a new FO.
  const bool whole = TakesAll(fo, take);
  int32_t dest = -1;
  for (int32_t i : orders_[order_index_.at(fo.order)].fulfillment_orders) {
    const FulfillmentOrder& other = fos_[i];
    if (i != index && other.location == target && other.status == FoStatus::kOpen &&
        other.request_status == RequestStatus::kUnsubmitted && other.fulfilled_units() == 0) {
      dest = i;
      break;
    }
  }
  Tx tx;
  std::vector<std::string> created;
  std::vector<std::pair<LocationId, SkuId>> levels;
  const LocationId source = fo.location;
  for (size_t i = 0; i < fo.lines.size(); ++i) {
    if (take[i] == 0) continue;
    const SkuId sku = fo.lines[i].sku_id;
    inventory_.MutableFind(source, sku)->reserved -= take[i];
    inventory_.FindOrCreate(target, sku).reserved += take[i];
    levels.emplace_back(source, sku);
    levels.emplace_back(target, sku);
  }
  std::string moved_to;
  if (dest >= 0) {
    MoveUnits(fos_[index], take, fos_[dest]);
    moved_to = fos_[dest].id;
  } else if (whole && st == FoStatus::kOpen && fo.fulfilled_units() == 0) {
    fos_[index].location = target;
    fos_[index].request_status = RequestStatus::kUnsubmitted;
    moved_to = fo.id;
  } else {
    FulfillmentOrder fresh;
    fresh.id = NewFoId(fo.order);
    fresh.order = fo.order;
    fresh.location = target;
    MoveUnits(fos_[index], take, fresh);
    moved_to = fresh.id;
    created.push_back(fresh.id);
    AddFo(std::move(fresh));
  }
  FulfillmentOrder& original = fos_[index];
  if (moved_to != original.id && original.remaining_units() == 0 &&
      original.status != FoStatus::kIncomplete && original.status != FoStatus::kCancelled) {
    original.status = FoStatus::kClosed;
  }
  Emit(tx, "fulfillment_orders/moved",
       {{"fulfillment_order", original.id},
        {"moved_fulfillment_order", moved_to},
        {"location", to.id}});
  EmitLevelUpdates(tx, std::move(levels));
  Commit(tx);
  return created;
}

Engine::Created Engine::Split(const Actor& actor, std::string_view fo_id,
                              const std::vector<LineQuantity>& lines) {
  WriterMutexLock lock(&mu_);
  RETURN_IF_ERROR(ValidateLines(lines, "lines", /*allow_empty=*/false));
  ASSIGN_OR_RETURN(const int32_t index, GetFoForMerchant(actor, fo_id));
  const FulfillmentOrder& fo = fos_[index];
  if ((fo.status != FoStatus::kOpen && fo.status != FoStatus::kScheduled) ||
      (fo.request_status != RequestStatus::kUnsubmitted &&
       fo.request_status != RequestStatus::kRejected)) {
    return StatusError(fo, "split", "open or scheduled, request unsubmitted or rejected");
  }
  ASSIGN_OR_RETURN(const std::vector<int32_t> take, Take(fo, lines));
  if (TakesAll(fo, take)) {
    return absl::InvalidArgumentError(
        absl::StrCat("lines: a split must leave at least one unit in fulfillment order ", fo.id));
  }
  Tx tx;
  FulfillmentOrder fresh;
  fresh.id = NewFoId(fo.order);
  fresh.order = fo.order;
  fresh.location = fo.location;
  fresh.status = fo.status;
  fresh.fulfill_at = fo.fulfill_at;
  MoveUnits(fos_[index], take, fresh);
  const std::string id = fresh.id;
  AddFo(std::move(fresh));
  Emit(tx, "fulfillment_orders/split",
       {{"fulfillment_order", fos_[index].id}, {"remaining_fulfillment_order", id}});
  Commit(tx);
  return std::vector<std::string>{id};
}

Engine::Created Engine::Merge(const Actor& actor, const std::vector<std::string>& fo_ids) {
  WriterMutexLock lock(&mu_);
  if (fo_ids.size() < 2) {
    return absl::InvalidArgumentError(
        "fulfillment_orders: must name at least two fulfillment orders");
  }
  const absl::flat_hash_set<std::string> distinct(fo_ids.begin(), fo_ids.end());
  if (distinct.size() != fo_ids.size()) {
    return absl::InvalidArgumentError("fulfillment_orders: a fulfillment order is named twice");
  }
  std::vector<int32_t> indices;
  for (const std::string& id : fo_ids) {
    ASSIGN_OR_RETURN(const FulfillmentOrder* fo, GetFo(id));
    indices.push_back(fo_index_.at(fo->id));
  }
  const FulfillmentOrder& first = fos_[indices[0]];
  for (int32_t i : indices) {
    if (fos_[i].order != first.order || fos_[i].location != first.location) {
      return absl::InvalidArgumentError(absl::StrCat("fulfillment_orders: ", first.id, " and ",
                                                     fos_[i].id,
                                                     " do not share one order and one location"));
    }
  }
  RETURN_IF_ERROR(CheckMerchantOnly(actor));
  RETURN_IF_ERROR(CheckNotCancelled(first.order));
  for (int32_t i : indices) {
    const FulfillmentOrder& fo = fos_[i];
    if (fo.status != FoStatus::kOpen || fo.request_status != RequestStatus::kUnsubmitted) {
      return StatusError(fo, "merge", "open/unsubmitted");
    }
    if (fo.fulfilled_units() > 0) {
      return absl::FailedPreconditionError(
          absl::StrCat("fulfillment order ", fo.id, " is partly fulfilled"));
    }
  }
  Tx tx;
  FulfillmentOrder fresh;
  fresh.id = NewFoId(first.order);
  fresh.order = first.order;
  fresh.location = first.location;
  for (int32_t i : indices) {
    MoveUnits(fos_[i], Take(fos_[i], {}).value(), fresh);
    fos_[i].status = FoStatus::kClosed;
  }
  const std::string id = fresh.id;
  AddFo(std::move(fresh));
  Emit(tx, "fulfillment_orders/merged",
       {{"fulfillment_orders", fo_ids}, {"fulfillment_order", id}});
  Commit(tx);
  return std::vector<std::string>{id};
}

absl::Status Engine::Open(const Actor& actor, std::string_view fo_id) {
  WriterMutexLock lock(&mu_);
  ASSIGN_OR_RETURN(const int32_t index, GetFoForMerchant(actor, fo_id));
  FulfillmentOrder& fo = fos_[index];
  if (fo.status != FoStatus::kScheduled) return StatusError(fo, "open", "scheduled");
  fo.status = FoStatus::kOpen;
  Tx tx;
  Emit(tx, "fulfillment_orders/scheduled_fulfillment_order_ready", {{"fulfillment_order", fo.id}});
  Commit(tx);
  return absl::OkStatus();
}

absl::Status Engine::Reschedule(const Actor& actor, std::string_view fo_id, int64_t fulfill_at) {
  WriterMutexLock lock(&mu_);
  ASSIGN_OR_RETURN(const int32_t index, GetFoForMerchant(actor, fo_id));
  FulfillmentOrder& fo = fos_[index];
  if (fo.status != FoStatus::kScheduled) return StatusError(fo, "reschedule", "scheduled");
  if (fulfill_at <= now_) {
    return absl::InvalidArgumentError("fulfill_at: must be later than the clock");
  }
  fo.fulfill_at = fulfill_at;
  Tx tx;
  Emit(tx, "fulfillment_orders/rescheduled", {{"fulfillment_order", fo.id}});
  Commit(tx);
  return absl::OkStatus();
}

absl::Status Engine::AdvanceClock(const Actor& actor, int64_t to) {
  WriterMutexLock lock(&mu_);
  RETURN_IF_ERROR(CheckMerchantOnly(actor));
  if (to < now_) return absl::InvalidArgumentError("to: must not be earlier than the clock");
  now_ = to;
  Tx tx;
  for (FulfillmentOrder& fo : fos_) {
    if (fo.status == FoStatus::kScheduled && (!fo.fulfill_at || *fo.fulfill_at <= to)) {
      fo.status = FoStatus::kOpen;
      Emit(tx, "fulfillment_orders/scheduled_fulfillment_order_ready",
           {{"fulfillment_order", fo.id}});
    }
  }
  Commit(tx);
  return absl::OkStatus();
}

}  // namespace allot
