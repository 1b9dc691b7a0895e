// The fulfillment engine: routing plus the fulfillment-order lifecycle of
// docs/lifecycle.md (after Shopify's Fulfillment Order API).
//
// An Engine owns a network, an inventory and a router, every order it has
// routed, the fulfillment orders (FOs) routing made and the fulfillments that
// ship them, a clock and an event log. Each lifecycle command is one method.
// Every command is atomic: it validates everything first, in the order the
// contract gives (well-formed -> ids exist -> permission -> status guards ->
// quantities and times against the state -> stock), and changes nothing (not
// even the event sequence) when it fails. Errors:
//   InvalidArgument     malformed argument, quantity outside 1..remaining,
//                       time earlier than the clock, FOs not sharing one
//                       order and location, a move to the FO's own location
//   NotFound            an unknown order, FO, fulfillment, location or hold
//   AlreadyExists       an order id already used; a hold handle already on the FO
//   FailedPrecondition  the state forbids it (status guard, stock, cancelled order)
//   PermissionDenied    the actor may not
//
// Stock invariant, at every moment, for every (location, SKU):
//   reserved = reserved given in the scenario + sum of remaining_quantity of
//              the FOs at that location for that SKU.
//
// Example:
//   ASSIGN_OR_RETURN(std::unique_ptr<allot::Engine> engine,
//                    allot::Engine::Create(std::move(scenario), {.now = t0}));
//   ASSIGN_OR_RETURN(std::vector<std::string> fos,
//                    engine->Route(allot::Actor::Merchant(), order));
//   RETURN_IF_ERROR(engine->Hold(allot::Actor::Merchant(), fos[0],
//                                {.reason = allot::HoldReason::kAwaitingPayment}).status());
#ifndef ALLOT_ENGINE_H_
#define ALLOT_ENGINE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "allot/fulfillment.h"
#include "allot/inventory.h"
#include "allot/network.h"
#include "allot/order.h"
#include "allot/routing.h"
#include "allot/scenario.h"

namespace allot {

struct EngineOptions {
  // The engine clock at creation, seconds since the epoch (UTC).
  int64_t now = 0;
};

// An order as the engine keeps it.
struct OrderRecord {
  Order order;           // as routed first; SKUs resolved
  RoutingPolicy policy;  // the policy it was routed with (reroute reuses it)
  std::optional<int64_t> fulfill_at;
  bool cancelled = false;
  std::vector<int32_t> unallocated;         // per order line, units not placed
  std::vector<int32_t> fulfillment_orders;  // indices into Engine::fulfillment_orders()
  int32_t fulfillments_created = 0;         // for ids "<order>.<n>"
};

// Shopify's display fulfillment status of an order (docs/lifecycle.md).
enum class DisplayStatus {
  kFulfilled,
  kPartiallyFulfilled,
  kRequestDeclined,
  kUnfulfilled,
  kOnHold,
  kScheduled,
  kInProgress,
};
// "FULFILLED", "PARTIALLY_FULFILLED", ...
std::string_view DisplayStatusName(DisplayStatus s);

// Arguments of Hold().
struct HoldArgs {
  HoldReason reason = HoldReason::kOther;
  std::optional<std::string> notes;
  std::optional<std::string> handle;  // default "H<n>"
  std::vector<LineQuantity> lines;    // empty: the whole FO
};

// One FO of a create_fulfillment, with the units to ship (empty: all remaining).
struct FulfillmentOrderSelection {
  std::string id;
  std::vector<LineQuantity> lines;
};

// The engine of the lifecycle. Not thread-safe yet: callers serialize every
// call, reads included (TODO(#4): an internal lock for concurrent readers).
class Engine {
 public:
  using Created = absl::StatusOr<std::vector<std::string>>;  // ids a command created
  using Subscriber = std::function<void(const Event&)>;

  // Builds the network and inventory of `scenario` and routes its orders in
  // order, as route commands by the merchant would (their events are logged).
  // InvalidArgument when the model cannot be built or a scenario order fails.
  static absl::StatusOr<std::unique_ptr<Engine>> Create(Scenario scenario,
                                                        const EngineOptions& options = {});

  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;
  ~Engine();

  // --- Commands. Each returns the ids it created, or an error (see above). ---

  // Routes a new order (SKUs are resolved here) with `policy` or the
  // scenario's. FOs are `scheduled` when `fulfill_at` is later than the clock.
  Created Route(const Actor& actor, Order order, std::optional<int64_t> fulfill_at = {},
                std::optional<RoutingPolicy> policy = {});
  // Routes the order's unallocated units again with its policy: new FOs.
  Created Reroute(const Actor& actor, std::string_view order_id);
  // Ships units of FOs of one order and location as one fulfillment "<order>.<n>".
  Created CreateFulfillment(const Actor& actor,
                            const std::vector<FulfillmentOrderSelection>& fulfillment_orders,
                            std::optional<Tracking> tracking = {}, bool notify_customer = false);
  // Cancels a fulfillment; its units go back to their FOs (or to a new FO
  // where the FO was closed, whose id is returned).
  Created CancelFulfillment(const Actor& actor, std::string_view fulfillment_id);
  absl::Status UpdateTracking(const Actor& actor, std::string_view fulfillment_id,
                              const Tracking& tracking);
  absl::Status AddFulfillmentEvent(const Actor& actor, std::string_view fulfillment_id,
                                   ShipmentStatus status, std::optional<int64_t> happened_at = {},
                                   std::optional<std::string> message = {});
  // Returns the new FO when `lines` split the FO.
  Created Hold(const Actor& actor, std::string_view fo_id, const HoldArgs& args);
  // Releases the named holds, all when `handles` is empty.
  absl::Status ReleaseHold(const Actor& actor, std::string_view fo_id,
                           const std::vector<std::string>& handles = {});
  Created Move(const Actor& actor, std::string_view fo_id, std::string_view location,
               const std::vector<LineQuantity>& lines = {});
  Created Split(const Actor& actor, std::string_view fo_id, const std::vector<LineQuantity>& lines);
  Created Merge(const Actor& actor, const std::vector<std::string>& fo_ids);
  absl::Status Open(const Actor& actor, std::string_view fo_id);
  absl::Status Reschedule(const Actor& actor, std::string_view fo_id, int64_t fulfill_at);
  // Moves the clock forward; opens the scheduled FOs that are due.
  absl::Status AdvanceClock(const Actor& actor, int64_t to);
  Created SubmitFulfillmentRequest(const Actor& actor, std::string_view fo_id,
                                   const std::vector<LineQuantity>& lines = {},
                                   std::optional<std::string> message = {},
                                   bool notify_customer = false);
  absl::Status AcceptFulfillmentRequest(const Actor& actor, std::string_view fo_id,
                                        std::optional<std::string> message = {});
  absl::Status RejectFulfillmentRequest(const Actor& actor, std::string_view fo_id,
                                        std::optional<RejectionReason> reason = {},
                                        std::optional<std::string> message = {});
  absl::Status SubmitCancellationRequest(const Actor& actor, std::string_view fo_id,
                                         std::optional<std::string> message = {});
  absl::Status AcceptCancellationRequest(const Actor& actor, std::string_view fo_id,
                                         std::optional<std::string> message = {});
  absl::Status RejectCancellationRequest(const Actor& actor, std::string_view fo_id,
                                         std::optional<std::string> message = {});
  // Closes an FO at a service whose request is pending; returns its replacement.
  Created Cancel(const Actor& actor, std::string_view fo_id);
  absl::Status Close(const Actor& actor, std::string_view fo_id,
                     std::optional<std::string> message = {});
  absl::Status CancelOrder(const Actor& actor, std::string_view order_id,
                           std::optional<CancelReason> reason = {});
  absl::Status Receive(const Actor& actor, std::string_view location, std::string_view sku,
                       int64_t quantity);
  absl::Status Adjust(const Actor& actor, std::string_view location, std::string_view sku,
                      int64_t delta);
  absl::Status SetSafetyStock(const Actor& actor, std::string_view location, std::string_view sku,
                              int64_t quantity);
  absl::Status SetLocation(const Actor& actor, std::string_view location,
                           std::optional<bool> active, std::optional<bool> ships);

  // --- Reads. Pointers and references stay valid until the next command. ---

  int64_t now() const { return now_; }
  const Network& network() const { return network_; }
  const Inventory& inventory() const { return inventory_; }
  // Orders, FOs and fulfillments in creation order.
  const std::vector<OrderRecord>& orders() const { return orders_; }
  const std::vector<FulfillmentOrder>& fulfillment_orders() const { return fos_; }
  const std::vector<Fulfillment>& fulfillments() const { return fulfillments_; }
  const OrderRecord* FindOrder(std::string_view id) const;
  const FulfillmentOrder* FindFulfillmentOrder(std::string_view id) const;
  const Fulfillment* FindFulfillment(std::string_view id) const;
  DisplayStatus DisplayFulfillmentStatus(const OrderRecord& order) const;
  // What the merchant may do with the FO now (lifecycle.md's table).
  std::vector<std::string> SupportedActions(const FulfillmentOrder& fo) const;

  // The log of every event so far, seq ascending.
  const std::vector<Event>& events() const { return events_; }
  // Calls `subscriber` with every later event, after the command that caused
  // it has been applied. Returns a token for Unsubscribe.
  int Subscribe(Subscriber subscriber);
  void Unsubscribe(int token);

 private:
  class Tx;  // one command's pending events (lifecycle/engine.cc)

  Engine(Network network, Inventory inventory, RoutingPolicy policy, int64_t now);

  // Shared steps of the commands, in lifecycle/*.cc.
  absl::Status CheckActor(const Actor& actor) const;
  absl::StatusOr<const FulfillmentOrder*> GetFo(std::string_view id) const;
  absl::StatusOr<LocationId> GetLocation(std::string_view id) const;
  absl::Status CheckMerchantOnly(const Actor& actor) const;
  absl::Status CheckServiceOf(const Actor& actor, LocationId location) const;
  absl::Status CheckNotCancelled(std::string_view order_id) const;
  // The fulfillment, checked for existence, the actor (merchant or the
  // service of its location), its order not cancelled and status success.
  absl::StatusOr<const Fulfillment*> GetFulfillmentFor(const Actor& actor,
                                                       std::string_view id) const;
  // The FO for a merchant-only command: exists, actor merchant, order not cancelled.
  absl::StatusOr<int32_t> GetFoForMerchant(const Actor& actor, std::string_view id) const;
  // The FO for a service-only command: exists, actor its location's service.
  absl::StatusOr<int32_t> GetFoForService(const Actor& actor, std::string_view id) const;
  bool IsService(LocationId location) const;
  std::string NewFoId(std::string_view order_id) const;
  int32_t AddFo(FulfillmentOrder fo);
  void Emit(Tx& tx, std::string topic, std::vector<std::pair<std::string, Event::Value>> fields);
  void Commit(Tx& tx);
  void EmitLevelUpdates(Tx& tx, std::vector<std::pair<LocationId, SkuId>> levels);
  // Records the FOs of a routing result for orders_[order_index], with events.
  Created AddRouted(int32_t order_index, const RouteResult& result);

  Network network_;
  Inventory inventory_;
  Router router_;
  RoutingPolicy default_policy_;
  int64_t now_;

  std::vector<OrderRecord> orders_;
  std::vector<FulfillmentOrder> fos_;
  std::vector<Fulfillment> fulfillments_;
  absl::flat_hash_map<std::string, int32_t> order_index_;
  absl::flat_hash_map<std::string, int32_t> fo_index_;
  absl::flat_hash_map<std::string, int32_t> fulfillment_index_;

  std::vector<Event> events_;
  std::vector<std::pair<int, Subscriber>> subscribers_;
  int next_subscriber_ = 1;
};

}  // namespace allot

#endif  // ALLOT_ENGINE_H_
