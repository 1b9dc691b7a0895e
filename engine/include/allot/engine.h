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

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "allot/fulfillment.h"
#include "allot/inventory.h"
#include "allot/mutex.h"
#include "allot/network.h"
#include "allot/order.h"
#include "allot/routing.h"
#include "allot/scenario.h"

namespace allot {

struct EngineOptions {
  // The engine clock at creation, microseconds since the epoch (UTC).
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

class EngineView;

// The engine of the lifecycle.
//
// An Engine is safe for concurrent use from multiple threads without external
// synchronization. Every command holds one engine-wide lock exclusively for
// its whole run (validation, routing, state change, event log, subscribers),
// so commands are linearizable: each sees the state every earlier command
// left, none can oversell stock another has reserved, and the stock invariant
// above holds whenever no command is running. Reads hold the lock shared and
// return copies; Read() gives a consistent view of everything at once.
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
                std::optional<RoutingPolicy> policy = {}) ABSL_LOCKS_EXCLUDED(mu_);
  // Routes the order's unallocated units again with its policy: new FOs.
  Created Reroute(const Actor& actor, std::string_view order_id) ABSL_LOCKS_EXCLUDED(mu_);
  // Ships units of FOs of one order and location as one fulfillment "<order>.<n>".
  Created CreateFulfillment(const Actor& actor,
                            const std::vector<FulfillmentOrderSelection>& fulfillment_orders,
                            std::optional<Tracking> tracking = {}, bool notify_customer = false)
      ABSL_LOCKS_EXCLUDED(mu_);
  // Cancels a fulfillment; its units go back to their FOs (or to a new FO
  // where the FO was closed, whose id is returned).
  Created CancelFulfillment(const Actor& actor, std::string_view fulfillment_id)
      ABSL_LOCKS_EXCLUDED(mu_);
  absl::Status UpdateTracking(const Actor& actor, std::string_view fulfillment_id,
                              const Tracking& tracking) ABSL_LOCKS_EXCLUDED(mu_);
  absl::Status AddFulfillmentEvent(const Actor& actor, std::string_view fulfillment_id,
                                   ShipmentStatus status, std::optional<int64_t> happened_at = {},
                                   std::optional<std::string> message = {})
      ABSL_LOCKS_EXCLUDED(mu_);
  // Returns the new FO when `lines` split the FO.
  Created Hold(const Actor& actor, std::string_view fo_id, const HoldArgs& args)
      ABSL_LOCKS_EXCLUDED(mu_);
  // Releases the named holds, all when `handles` is empty.
  absl::Status ReleaseHold(const Actor& actor, std::string_view fo_id,
                           const std::vector<std::string>& handles = {}) ABSL_LOCKS_EXCLUDED(mu_);
  Created Move(const Actor& actor, std::string_view fo_id, std::string_view location,
               const std::vector<LineQuantity>& lines = {}) ABSL_LOCKS_EXCLUDED(mu_);
  Created Split(const Actor& actor, std::string_view fo_id, const std::vector<LineQuantity>& lines)
      ABSL_LOCKS_EXCLUDED(mu_);
  Created Merge(const Actor& actor, const std::vector<std::string>& fo_ids)
      ABSL_LOCKS_EXCLUDED(mu_);
  absl::Status Open(const Actor& actor, std::string_view fo_id) ABSL_LOCKS_EXCLUDED(mu_);
  absl::Status Reschedule(const Actor& actor, std::string_view fo_id, int64_t fulfill_at)
      ABSL_LOCKS_EXCLUDED(mu_);
  // Moves the clock forward; opens the scheduled FOs that are due.
  absl::Status AdvanceClock(const Actor& actor, int64_t to) ABSL_LOCKS_EXCLUDED(mu_);
  Created SubmitFulfillmentRequest(const Actor& actor, std::string_view fo_id,
                                   const std::vector<LineQuantity>& lines = {},
                                   std::optional<std::string> message = {},
                                   bool notify_customer = false) ABSL_LOCKS_EXCLUDED(mu_);
  absl::Status AcceptFulfillmentRequest(const Actor& actor, std::string_view fo_id,
                                        std::optional<std::string> message = {})
      ABSL_LOCKS_EXCLUDED(mu_);
  absl::Status RejectFulfillmentRequest(const Actor& actor, std::string_view fo_id,
                                        std::optional<RejectionReason> reason = {},
                                        std::optional<std::string> message = {})
      ABSL_LOCKS_EXCLUDED(mu_);
  absl::Status SubmitCancellationRequest(const Actor& actor, std::string_view fo_id,
                                         std::optional<std::string> message = {})
      ABSL_LOCKS_EXCLUDED(mu_);
  absl::Status AcceptCancellationRequest(const Actor& actor, std::string_view fo_id,
                                         std::optional<std::string> message = {})
      ABSL_LOCKS_EXCLUDED(mu_);
  absl::Status RejectCancellationRequest(const Actor& actor, std::string_view fo_id,
                                         std::optional<std::string> message = {})
      ABSL_LOCKS_EXCLUDED(mu_);
  // Closes an FO at a service whose request is pending; returns its replacement.
  Created Cancel(const Actor& actor, std::string_view fo_id) ABSL_LOCKS_EXCLUDED(mu_);
  absl::Status Close(const Actor& actor, std::string_view fo_id,
                     std::optional<std::string> message = {}) ABSL_LOCKS_EXCLUDED(mu_);
  absl::Status CancelOrder(const Actor& actor, std::string_view order_id,
                           std::optional<CancelReason> reason = {}) ABSL_LOCKS_EXCLUDED(mu_);
  absl::Status Receive(const Actor& actor, std::string_view location, std::string_view sku,
                       int64_t quantity) ABSL_LOCKS_EXCLUDED(mu_);
  absl::Status Adjust(const Actor& actor, std::string_view location, std::string_view sku,
                      int64_t delta) ABSL_LOCKS_EXCLUDED(mu_);
  absl::Status SetSafetyStock(const Actor& actor, std::string_view location, std::string_view sku,
                              int64_t quantity) ABSL_LOCKS_EXCLUDED(mu_);
  absl::Status SetLocation(const Actor& actor, std::string_view location,
                           std::optional<bool> active, std::optional<bool> ships)
      ABSL_LOCKS_EXCLUDED(mu_);

  // --- Reads. Each holds the lock shared and returns a copy. ---

  int64_t now() const ABSL_LOCKS_EXCLUDED(mu_);
  // Copies of the whole network and inventory: for tests and tools; a server
  // reads what it needs inside Read().
  Network network() const ABSL_LOCKS_EXCLUDED(mu_);
  Inventory inventory() const ABSL_LOCKS_EXCLUDED(mu_);
  // Orders, FOs and fulfillments in creation order.
  std::vector<OrderRecord> orders() const ABSL_LOCKS_EXCLUDED(mu_);
  std::vector<FulfillmentOrder> fulfillment_orders() const ABSL_LOCKS_EXCLUDED(mu_);
  std::vector<Fulfillment> fulfillments() const ABSL_LOCKS_EXCLUDED(mu_);
  std::optional<OrderRecord> FindOrder(std::string_view id) const ABSL_LOCKS_EXCLUDED(mu_);
  std::optional<FulfillmentOrder> FindFulfillmentOrder(std::string_view id) const
      ABSL_LOCKS_EXCLUDED(mu_);
  std::optional<Fulfillment> FindFulfillment(std::string_view id) const ABSL_LOCKS_EXCLUDED(mu_);
  DisplayStatus DisplayFulfillmentStatus(const OrderRecord& order) const ABSL_LOCKS_EXCLUDED(mu_);
  // What the merchant may do with the FO now (lifecycle.md's table).
  std::vector<std::string> SupportedActions(const FulfillmentOrder& fo) const
      ABSL_LOCKS_EXCLUDED(mu_);
  // The events with seq > `after_seq`, seq ascending (all of them by default).
  std::vector<Event> events(int64_t after_seq = 0) const ABSL_LOCKS_EXCLUDED(mu_);

  // Calls `fn` with a consistent view of the whole state, under the lock held
  // shared: no command runs meanwhile. The view and every reference it hands
  // out are valid only inside `fn`; `fn` must not call this engine (the lock
  // is not recursive) and should be short, since it delays every command.
  void Read(absl::FunctionRef<void(const EngineView&)> fn) const ABSL_LOCKS_EXCLUDED(mu_);

  // --- Snapshots (allot/snapshot.h has the file format around them). ---

  // The whole state as one JSON object, under the lock held shared: every
  // field FromSnapshotJson needs to rebuild this engine exactly, the event
  // log included. Subscribers are not part of the state.
  std::string SnapshotJson() const ABSL_LOCKS_EXCLUDED(mu_);
  // The engine a SnapshotJson object describes: the same state, the same
  // event log, and the same results for every later command. DataLoss naming
  // the field when the document is malformed or inconsistent (an index out of
  // range, an unknown location or SKU, reserved stock that does not match the
  // FOs).
  static absl::StatusOr<std::unique_ptr<Engine>> FromSnapshotJson(std::string_view json);

  // Calls `subscriber` with every later event, in seq order, from the thread
  // that ran the command, after the command has been applied and while it
  // still holds the engine lock: a subscriber sees events in exactly the
  // order of the log, and must not call this engine's commands or reads
  // (deadlock); it may Subscribe and Unsubscribe. Returns a token for
  // Unsubscribe. A command already delivering may still call a subscriber
  // that another thread unsubscribes meanwhile.
  int Subscribe(Subscriber subscriber) ABSL_LOCKS_EXCLUDED(subscribers_mu_);
  void Unsubscribe(int token) ABSL_LOCKS_EXCLUDED(subscribers_mu_);

 private:
  friend class EngineView;
  class Tx;              // one command's pending events (lifecycle/engine.cc)
  class SnapshotReader;  // FromSnapshotJson's state (lifecycle/snapshot.cc)

  Engine(Network network, Inventory inventory, RoutingPolicy policy, int64_t now);

  // Lookups for the commands and the view: pointers into the state.
  const OrderRecord* LookupOrder(std::string_view id) const ABSL_SHARED_LOCKS_REQUIRED(mu_);
  const FulfillmentOrder* LookupFo(std::string_view id) const ABSL_SHARED_LOCKS_REQUIRED(mu_);
  const Fulfillment* LookupFulfillment(std::string_view id) const ABSL_SHARED_LOCKS_REQUIRED(mu_);
  DisplayStatus DisplayStatusOf(const OrderRecord& order) const ABSL_SHARED_LOCKS_REQUIRED(mu_);
  std::vector<std::string> SupportedActionsOf(const FulfillmentOrder& fo) const
      ABSL_SHARED_LOCKS_REQUIRED(mu_);

  // Shared steps of the commands, in lifecycle/*.cc.
  absl::Status CheckActor(const Actor& actor) const ABSL_SHARED_LOCKS_REQUIRED(mu_);
  absl::StatusOr<const FulfillmentOrder*> GetFo(std::string_view id) const
      ABSL_SHARED_LOCKS_REQUIRED(mu_);
  absl::StatusOr<LocationId> GetLocation(std::string_view id) const ABSL_SHARED_LOCKS_REQUIRED(mu_);
  absl::Status CheckMerchantOnly(const Actor& actor) const;
  absl::Status CheckServiceOf(const Actor& actor, LocationId location) const
      ABSL_SHARED_LOCKS_REQUIRED(mu_);
  absl::Status CheckNotCancelled(std::string_view order_id) const ABSL_SHARED_LOCKS_REQUIRED(mu_);
  // The fulfillment, checked for existence, the actor (merchant or the
  // service of its location), its order not cancelled and status success.
  absl::StatusOr<const Fulfillment*> GetFulfillmentFor(const Actor& actor,
                                                       std::string_view id) const
      ABSL_SHARED_LOCKS_REQUIRED(mu_);
  // The FO for a merchant-only command: exists, actor merchant, order not cancelled.
  absl::StatusOr<int32_t> GetFoForMerchant(const Actor& actor, std::string_view id) const
      ABSL_SHARED_LOCKS_REQUIRED(mu_);
  // The FO for a service-only command: exists, actor its location's service.
  absl::StatusOr<int32_t> GetFoForService(const Actor& actor, std::string_view id) const
      ABSL_SHARED_LOCKS_REQUIRED(mu_);
  bool IsService(LocationId location) const ABSL_SHARED_LOCKS_REQUIRED(mu_);
  std::string NewFoId(std::string_view order_id) const ABSL_SHARED_LOCKS_REQUIRED(mu_);
  int32_t AddFo(FulfillmentOrder fo) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void Emit(Tx& tx, std::string topic, std::vector<std::pair<std::string, Event::Value>> fields);
  void Commit(Tx& tx) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) ABSL_LOCKS_EXCLUDED(subscribers_mu_);
  void EmitLevelUpdates(Tx& tx, std::vector<std::pair<LocationId, SkuId>> levels)
      ABSL_SHARED_LOCKS_REQUIRED(mu_);
  // Records the FOs of a routing result for orders_[order_index], with events.
  Created AddRouted(int32_t order_index, const RouteResult& result)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  // Guards all the state below except the subscribers. Commands hold it
  // exclusively, reads shared.
  mutable SharedMutex mu_;

  Network network_ ABSL_GUARDED_BY(mu_);
  Inventory inventory_ ABSL_GUARDED_BY(mu_);
  Router router_ ABSL_GUARDED_BY(mu_);  // points into network_ and inventory_
  RoutingPolicy default_policy_ ABSL_GUARDED_BY(mu_);
  int64_t now_ ABSL_GUARDED_BY(mu_);

  std::vector<OrderRecord> orders_ ABSL_GUARDED_BY(mu_);
  std::vector<FulfillmentOrder> fos_ ABSL_GUARDED_BY(mu_);
  std::vector<Fulfillment> fulfillments_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, int32_t> order_index_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, int32_t> fo_index_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, int32_t> fulfillment_index_ ABSL_GUARDED_BY(mu_);

  std::vector<Event> events_ ABSL_GUARDED_BY(mu_);

  // Separate from mu_ so that a subscriber, called under mu_, may subscribe
  // and unsubscribe.
  mutable SharedMutex subscribers_mu_;
  std::vector<std::pair<int, Subscriber>> subscribers_ ABSL_GUARDED_BY(subscribers_mu_);
  int next_subscriber_ ABSL_GUARDED_BY(subscribers_mu_) = 1;
};

// A consistent read-only view of an Engine's state, handed out by
// Engine::Read under the engine's lock. Pointers and references it returns
// are valid only during that call.
class EngineView {
 public:
  int64_t now() const;
  const Network& network() const;
  const Inventory& inventory() const;
  // Orders, FOs and fulfillments in creation order.
  const std::vector<OrderRecord>& orders() const;
  const std::vector<FulfillmentOrder>& fulfillment_orders() const;
  const std::vector<Fulfillment>& fulfillments() const;
  // The log of every event so far, seq ascending.
  const std::vector<Event>& events() const;
  // nullptr when unknown.
  const OrderRecord* FindOrder(std::string_view id) const;
  const FulfillmentOrder* FindFulfillmentOrder(std::string_view id) const;
  const Fulfillment* FindFulfillment(std::string_view id) const;
  DisplayStatus DisplayFulfillmentStatus(const OrderRecord& order) const;
  std::vector<std::string> SupportedActions(const FulfillmentOrder& fo) const;

 private:
  friend class Engine;
  explicit EngineView(const Engine& engine) : engine_(engine) {}
  const Engine& engine_;
};

}  // namespace allot

#endif  // ALLOT_ENGINE_H_
