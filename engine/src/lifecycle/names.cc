// Wire names of the lifecycle enums, actors, and small accessors of the
// value types in allot/fulfillment.h.
#include <array>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "allot/engine.h"
#include "allot/fulfillment.h"
#include "common/strings.h"

namespace allot {
namespace {

constexpr std::array<std::string_view, 7> kFoStatus = {
    "open", "in_progress", "scheduled", "on_hold", "incomplete", "closed", "cancelled"};
constexpr std::array<std::string_view, 8> kRequestStatus = {"unsubmitted",
                                                            "submitted",
                                                            "accepted",
                                                            "rejected",
                                                            "cancellation_requested",
                                                            "cancellation_accepted",
                                                            "cancellation_rejected",
                                                            "closed"};
constexpr std::array<std::string_view, 2> kFulfillmentStatus = {"success", "cancelled"};
constexpr std::array<std::string_view, 8> kHoldReason = {"awaiting_payment",
                                                         "awaiting_return_items",
                                                         "high_risk_of_fraud",
                                                         "incorrect_address",
                                                         "inventory_out_of_stock",
                                                         "online_store_post_purchase_cross_sell",
                                                         "other",
                                                         "unknown_delivery_date"};
constexpr std::array<std::string_view, 12> kRejectionReason = {
    "incorrect_address",           "incorrect_product_info",
    "ineligible_product",          "international_shipping_unavailable",
    "invalid_contact_information", "invalid_sku",
    "inventory_out_of_stock",      "merchant_blocked_or_suspended",
    "missing_customs_info",        "order_too_large",
    "undeliverable_destination",   "other"};
constexpr std::array<std::string_view, 6> kCancelReason = {"customer",  "declined", "fraud",
                                                           "inventory", "other",    "staff"};
constexpr std::array<std::string_view, 12> kShipmentStatus = {
    "label_printed",    "label_purchased",  "confirmed",          "carrier_picked_up",
    "in_transit",       "out_for_delivery", "attempted_delivery", "delayed",
    "ready_for_pickup", "picked_up",        "delivered",          "failure"};
constexpr std::array<std::string_view, 7> kDisplayStatus = {
    "FULFILLED", "PARTIALLY_FULFILLED", "REQUEST_DECLINED", "UNFULFILLED",
    "ON_HOLD",   "SCHEDULED",           "IN_PROGRESS"};

template <typename E, size_t N>
std::optional<E> ParseName(const std::array<std::string_view, N>& names, std::string_view name) {
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == name) return static_cast<E>(i);
  }
  return std::nullopt;
}

}  // namespace

std::string_view FoStatusName(FoStatus s) { return kFoStatus[static_cast<int>(s)]; }
std::string_view RequestStatusName(RequestStatus s) { return kRequestStatus[static_cast<int>(s)]; }
std::string_view FulfillmentStatusName(FulfillmentStatus s) {
  return kFulfillmentStatus[static_cast<int>(s)];
}
std::string_view HoldReasonName(HoldReason r) { return kHoldReason[static_cast<int>(r)]; }
std::string_view RejectionReasonName(RejectionReason r) {
  return kRejectionReason[static_cast<int>(r)];
}
std::string_view CancelReasonName(CancelReason r) { return kCancelReason[static_cast<int>(r)]; }
std::string_view ShipmentStatusName(ShipmentStatus s) {
  return kShipmentStatus[static_cast<int>(s)];
}
std::string_view DisplayStatusName(DisplayStatus s) { return kDisplayStatus[static_cast<int>(s)]; }

std::optional<HoldReason> ParseHoldReason(std::string_view name) {
  return ParseName<HoldReason>(kHoldReason, name);
}
std::optional<RejectionReason> ParseRejectionReason(std::string_view name) {
  return ParseName<RejectionReason>(kRejectionReason, name);
}
std::optional<CancelReason> ParseCancelReason(std::string_view name) {
  return ParseName<CancelReason>(kCancelReason, name);
}
std::optional<ShipmentStatus> ParseShipmentStatus(std::string_view name) {
  return ParseName<ShipmentStatus>(kShipmentStatus, name);
}

absl::StatusOr<Actor> Actor::Parse(std::string_view text) {
  if (text == "merchant") return Merchant();
  constexpr std::string_view kService = "service:";
  if (text.substr(0, kService.size()) == kService) {
    return Service(std::string(text.substr(kService.size())));
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "actor: must be \"merchant\" or \"service:<location id>\", got \"", ToAbsl(text), "\""));
}

std::string Actor::ToString() const {
  return kind == Kind::kMerchant ? std::string("merchant") : absl::StrCat("service:", location);
}

int64_t FulfillmentOrder::remaining_units() const {
  int64_t n = 0;
  for (const FulfillmentOrderLine& l : lines) n += l.remaining_quantity;
  return n;
}

int64_t FulfillmentOrder::fulfilled_units() const {
  int64_t n = 0;
  for (const FulfillmentOrderLine& l : lines) n += l.fulfilled_quantity;
  return n;
}

const std::string* Event::Find(std::string_view key) const {
  for (const auto& [k, v] : fields) {
    if (k == key) return std::get_if<std::string>(&v);
  }
  return nullptr;
}

}  // namespace allot
