// Value types of the fulfillment-order lifecycle (docs/lifecycle.md): actors,
// fulfillment orders (FOs) with their lines and holds, fulfillments, events,
// and the enums of the contract, each with its lowercase wire name.
//
// These are plain values; allot::Engine (allot/engine.h) owns and changes
// them. Times are int64 microseconds since the Unix epoch, UTC (kMicrosPerSecond
// per second): a time given with a fraction of a second keeps it, so that
// "later than the clock" is exact; output prints whole seconds.
#ifndef ALLOT_FULFILLMENT_H_
#define ALLOT_FULFILLMENT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"
#include "allot/ids.h"

namespace allot {

// Engine times count microseconds.
inline constexpr int64_t kMicrosPerSecond = 1'000'000;

// Who issues a command: the merchant, or the third-party service that owns a
// `fulfillment_service` location ("service:<location id>").
struct Actor {
  enum class Kind { kMerchant, kService };
  Kind kind = Kind::kMerchant;
  std::string location;  // for kService: the location id the service claims

  static Actor Merchant() { return {}; }
  static Actor Service(std::string location) { return {Kind::kService, std::move(location)}; }
  // "merchant" or "service:<id>"; anything else is InvalidArgument. Whether
  // the service exists is a permission question the Engine answers.
  static absl::StatusOr<Actor> Parse(std::string_view text);
  std::string ToString() const;
};

enum class FoStatus { kOpen, kInProgress, kScheduled, kOnHold, kIncomplete, kClosed, kCancelled };
enum class RequestStatus {
  kUnsubmitted,
  kSubmitted,
  kAccepted,
  kRejected,
  kCancellationRequested,
  kCancellationAccepted,
  kCancellationRejected,
  kClosed,
};
enum class FulfillmentStatus { kSuccess, kCancelled };

enum class HoldReason {
  kAwaitingPayment,
  kAwaitingReturnItems,
  kHighRiskOfFraud,
  kIncorrectAddress,
  kInventoryOutOfStock,
  kOnlineStorePostPurchaseCrossSell,
  kOther,
  kUnknownDeliveryDate,
};
enum class RejectionReason {
  kIncorrectAddress,
  kIncorrectProductInfo,
  kIneligibleProduct,
  kInternationalShippingUnavailable,
  kInvalidContactInformation,
  kInvalidSku,
  kInventoryOutOfStock,
  kMerchantBlockedOrSuspended,
  kMissingCustomsInfo,
  kOrderTooLarge,
  kUndeliverableDestination,
  kOther,
};
enum class CancelReason { kCustomer, kDeclined, kFraud, kInventory, kOther, kStaff };
enum class ShipmentStatus {
  kLabelPrinted,
  kLabelPurchased,
  kConfirmed,
  kCarrierPickedUp,
  kInTransit,
  kOutForDelivery,
  kAttemptedDelivery,
  kDelayed,
  kReadyForPickup,
  kPickedUp,
  kDelivered,
  kFailure,
};

// Wire names ("in_progress", "cancellation_requested", ...) and their inverses
// (nullopt for an unknown name).
std::string_view FoStatusName(FoStatus s);
std::string_view RequestStatusName(RequestStatus s);
std::string_view FulfillmentStatusName(FulfillmentStatus s);
std::string_view HoldReasonName(HoldReason r);
std::string_view RejectionReasonName(RejectionReason r);
std::string_view CancelReasonName(CancelReason r);
std::string_view ShipmentStatusName(ShipmentStatus s);
std::optional<HoldReason> ParseHoldReason(std::string_view name);
std::optional<RejectionReason> ParseRejectionReason(std::string_view name);
std::optional<CancelReason> ParseCancelReason(std::string_view name);
std::optional<ShipmentStatus> ParseShipmentStatus(std::string_view name);

// A quantity of one order line, as commands name it ({"line", "quantity"}).
struct LineQuantity {
  int32_t line = 0;      // 0-based order line index
  int32_t quantity = 0;  // >= 1
};

struct FulfillmentOrderLine {
  int32_t line = 0;  // order line index
  std::string sku;
  SkuId sku_id;
  // Units assigned to this FO: shrinks only when units go to another FO
  // (move, split, merge, cancel, or a cancelled fulfillment of a closed FO).
  int32_t total_quantity = 0;
  // Units still to ship; they are what the FO reserves at its location.
  int32_t remaining_quantity = 0;
  // Units shipped by this FO's non-cancelled fulfillments.
  int32_t fulfilled_quantity = 0;
};

struct Hold {
  std::string handle;  // its id on the FO
  HoldReason reason = HoldReason::kOther;
  std::optional<std::string> notes;
};

struct FulfillmentOrder {
  std::string id;     // "<order>-F<n>"
  std::string order;  // order id
  LocationId location;
  FoStatus status = FoStatus::kOpen;
  RequestStatus request_status = RequestStatus::kUnsubmitted;
  std::optional<int64_t> fulfill_at;
  std::vector<FulfillmentOrderLine> lines;  // ascending line index
  std::vector<Hold> holds;                  // in the order placed
  int32_t holds_placed = 0;                 // ever, for default handles H<n>

  int64_t remaining_units() const;
  int64_t fulfilled_units() const;
};

struct Tracking {
  std::optional<std::string> number;
  std::optional<std::string> company;
  std::optional<std::string> url;
};

struct FulfillmentLine {
  std::string fulfillment_order;
  int32_t line = 0;
  std::string sku;
  SkuId sku_id;
  int32_t quantity = 0;
};

struct Fulfillment {
  std::string id;  // "<order>.<n>"
  std::string order;
  LocationId location;
  FulfillmentStatus status = FulfillmentStatus::kSuccess;
  std::optional<ShipmentStatus> shipment_status;
  std::vector<FulfillmentLine> lines;
  std::optional<Tracking> tracking;
};

// One entry of the event log, named after Shopify's webhook topics. `fields`
// carries the ids the event concerns, in a fixed order per topic; a value is
// one id or a list of ids.
struct Event {
  using Value = std::variant<std::string, std::vector<std::string>>;
  int64_t seq = 0;  // 1, 2, ... over the engine's life
  std::string topic;
  std::vector<std::pair<std::string, Value>> fields;

  // The field's value when it is a single id, else nullptr.
  const std::string* Find(std::string_view key) const;
};

}  // namespace allot

#endif  // ALLOT_FULFILLMENT_H_
