// allot::Engine: construction, the checks every command shares, the event
// log, and the routing commands (route, reroute). The other commands live in
// fulfillment_commands.cc, fo_commands.cc, request_commands.cc and
// inventory_commands.cc.
#include "allot/engine.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "common/strings.h"
#include "lifecycle/engine_internal.h"

namespace allot {

using lifecycle_internal::Fields;

namespace {}  // namespace

Engine::Engine(Network network, Inventory inventory, RoutingPolicy policy, int64_t now)
    : network_(std::move(network)),
      inventory_(std::move(inventory)),
      router_(&network_, &inventory_),
      default_policy_(std::move(policy)),
      now_(now) {}

Engine::~Engine() = default;

absl::StatusOr<std::unique_ptr<Engine>> Engine::Create(Scenario scenario,
                                                       const EngineOptions& options) {
  RETURN_IF_ERROR(scenario.policy.Validate());
  ASSIGN_OR_RETURN(Model model, BuildModel(scenario));
  std::unique_ptr<Engine> engine(new Engine(std::move(model.network), std::move(model.inventory),
                                            scenario.policy, options.now));
  for (size_t i = 0; i < scenario.orders.size(); ++i) {
    Created r = engine->Route(Actor::Merchant(), std::move(scenario.orders[i]));
    if (!r.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("orders[", i, "]: ", r.status().message()));
    }
  }
  return engine;
}

// --- Lookups and shared checks. ---

const OrderRecord* Engine::LookupOrder(std::string_view id) const {
  auto it = order_index_.find(ToAbsl(id));
  return it == order_index_.end() ? nullptr : &orders_[it->second];
}

const FulfillmentOrder* Engine::LookupFo(std::string_view id) const {
  auto it = fo_index_.find(ToAbsl(id));
  return it == fo_index_.end() ? nullptr : &fos_[it->second];
}

const Fulfillment* Engine::LookupFulfillment(std::string_view id) const {
  auto it = fulfillment_index_.find(ToAbsl(id));
  return it == fulfillment_index_.end() ? nullptr : &fulfillments_[it->second];
}

absl::StatusOr<const FulfillmentOrder*> Engine::GetFo(std::string_view id) const {
  if (const FulfillmentOrder* fo = LookupFo(id)) return fo;
  return absl::NotFoundError(absl::StrCat("fulfillment order ", ToAbsl(id), " does not exist"));
}

absl::StatusOr<LocationId> Engine::GetLocation(std::string_view id) const {
  if (std::optional<LocationId> loc = network_.Find(id)) return *loc;
  return absl::NotFoundError(absl::StrCat("location ", ToAbsl(id), " does not exist"));
}

bool Engine::IsService(LocationId location) const {
  return network_.location(location).kind == LocationKind::kFulfillmentService;
}

absl::Status Engine::CheckActor(const Actor& actor) const {
  if (actor.kind == Actor::Kind::kMerchant) return absl::OkStatus();
  std::optional<LocationId> loc = network_.Find(actor.location);
  if (!loc || !IsService(*loc)) {
    return absl::PermissionDeniedError(absl::StrCat(
        "actor ", actor.ToString(), ": ", actor.location.empty() ? "names no location" : "",
        actor.location.empty()
            ? ""
            : absl::StrCat(actor.location, " is not a fulfillment service location")));
  }
  return absl::OkStatus();
}

absl::Status Engine::CheckMerchantOnly(const Actor& actor) const {
  if (actor.kind == Actor::Kind::kMerchant) return absl::OkStatus();
  return absl::PermissionDeniedError(absl::StrCat(
      "actor ", actor.ToString(), " may not issue this command; only the merchant may"));
}

absl::Status Engine::CheckServiceOf(const Actor& actor, LocationId location) const {
  const Location& loc = network_.location(location);
  if (actor.kind == Actor::Kind::kService && actor.location == loc.id && IsService(location)) {
    return absl::OkStatus();
  }
  return absl::PermissionDeniedError(absl::StrCat(
      "actor ", actor.ToString(), " may not issue this command; only service:", loc.id, " may"));
}

absl::Status Engine::CheckNotCancelled(std::string_view order_id) const {
  const OrderRecord* order = LookupOrder(order_id);
  if (order != nullptr && order->cancelled) {
    return absl::FailedPreconditionError(absl::StrCat("order ", ToAbsl(order_id), " is cancelled"));
  }
  return absl::OkStatus();
}

std::string Engine::NewFoId(std::string_view order_id) const {
  const OrderRecord* order = LookupOrder(order_id);
  return absl::StrCat(ToAbsl(order_id), "-F", order->fulfillment_orders.size() + 1);
}

int32_t Engine::AddFo(FulfillmentOrder fo) {
  const int32_t index = static_cast<int32_t>(fos_.size());
  orders_[order_index_.at(fo.order)].fulfillment_orders.push_back(index);
  fo_index_.emplace(fo.id, index);
  fos_.push_back(std::move(fo));
  return index;
}

// --- Events. ---

void Engine::Emit(Tx& tx, std::string topic, Fields fields) {
  Event e;
  e.topic = std::move(topic);
  e.fields = std::move(fields);
  tx.events.push_back(std::move(e));
}

void Engine::EmitLevelUpdates(Tx& tx, std::vector<std::pair<LocationId, SkuId>> levels) {
  // The analysis does not see that the lambda runs under mu_: capture a pointer.
  const Inventory* inventory = &inventory_;
  std::sort(levels.begin(), levels.end(), [inventory](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    return inventory->sku_name(a.second) < inventory->sku_name(b.second);
  });
  levels.erase(std::unique(levels.begin(), levels.end()), levels.end());
  for (const auto& [loc, sku] : levels) {
    Emit(tx, "inventory_levels/update",
         {{"location", network_.location(loc).id}, {"sku", inventory_.sku_name(sku)}});
  }
}

void Engine::Commit(Tx& tx) {
  const size_t first = events_.size();
  for (Event& e : tx.events) {
    e.seq = static_cast<int64_t>(events_.size()) + 1;
    events_.push_back(std::move(e));
  }
  tx.events.clear();
  if (first == events_.size()) return;
  // Subscribers may subscribe or unsubscribe while called: iterate a copy.
  std::vector<std::pair<int, Subscriber>> subscribers;
  {
    WriterMutexLock lock(&subscribers_mu_);
    subscribers = subscribers_;
  }
  for (size_t i = first; i < events_.size(); ++i) {
    for (const auto& [token, fn] : subscribers) fn(events_[i]);
  }
}

int Engine::Subscribe(Subscriber subscriber) {
  WriterMutexLock lock(&subscribers_mu_);
  subscribers_.emplace_back(next_subscriber_, std::move(subscriber));
  return next_subscriber_++;
}

void Engine::Unsubscribe(int token) {
  WriterMutexLock lock(&subscribers_mu_);
  std::erase_if(subscribers_, [token](const auto& s) { return s.first == token; });
}

// --- Reads: copies under the shared lock, or a view inside Read(). ---

int64_t Engine::now() const {
  ReaderMutexLock lock(&mu_);
  return now_;
}

Network Engine::network() const {
  ReaderMutexLock lock(&mu_);
  return network_;
}

Inventory Engine::inventory() const {
  ReaderMutexLock lock(&mu_);
  return inventory_;
}

std::vector<OrderRecord> Engine::orders() const {
  ReaderMutexLock lock(&mu_);
  return orders_;
}

std::vector<FulfillmentOrder> Engine::fulfillment_orders() const {
  ReaderMutexLock lock(&mu_);
  return fos_;
}

std::vector<Fulfillment> Engine::fulfillments() const {
  ReaderMutexLock lock(&mu_);
  return fulfillments_;
}

std::optional<OrderRecord> Engine::FindOrder(std::string_view id) const {
  ReaderMutexLock lock(&mu_);
  const OrderRecord* found = LookupOrder(id);
  return found == nullptr ? std::nullopt : std::optional<OrderRecord>(*found);
}

std::optional<FulfillmentOrder> Engine::FindFulfillmentOrder(std::string_view id) const {
  ReaderMutexLock lock(&mu_);
  const FulfillmentOrder* found = LookupFo(id);
  return found == nullptr ? std::nullopt : std::optional<FulfillmentOrder>(*found);
}

std::optional<Fulfillment> Engine::FindFulfillment(std::string_view id) const {
  ReaderMutexLock lock(&mu_);
  const Fulfillment* found = LookupFulfillment(id);
  return found == nullptr ? std::nullopt : std::optional<Fulfillment>(*found);
}

DisplayStatus Engine::DisplayFulfillmentStatus(const OrderRecord& order) const {
  ReaderMutexLock lock(&mu_);
  return DisplayStatusOf(order);
}

std::vector<std::string> Engine::SupportedActions(const FulfillmentOrder& fo) const {
  ReaderMutexLock lock(&mu_);
  return SupportedActionsOf(fo);
}

std::vector<Event> Engine::events(int64_t after_seq) const {
  ReaderMutexLock lock(&mu_);
  // seq is the 1-based position in the log.
  const size_t from = static_cast<size_t>(std::clamp<int64_t>(after_seq, 0, events_.size()));
  return std::vector<Event>(events_.begin() + from, events_.end());
}

void Engine::Read(absl::FunctionRef<void(const EngineView&)> fn) const {
  ReaderMutexLock lock(&mu_);
  fn(EngineView(*this));
}

// The view is only handed out by Read(), which holds mu_ shared for its
// whole life; the analysis cannot follow that, hence the opt-outs.
int64_t EngineView::now() const ABSL_NO_THREAD_SAFETY_ANALYSIS { return engine_.now_; }
const Network& EngineView::network() const ABSL_NO_THREAD_SAFETY_ANALYSIS {
  return engine_.network_;
}
const Inventory& EngineView::inventory() const ABSL_NO_THREAD_SAFETY_ANALYSIS {
  return engine_.inventory_;
}
const std::vector<OrderRecord>& EngineView::orders() const ABSL_NO_THREAD_SAFETY_ANALYSIS {
  return engine_.orders_;
}
const std::vector<FulfillmentOrder>& EngineView::fulfillment_orders() const
    ABSL_NO_THREAD_SAFETY_ANALYSIS {
  return engine_.fos_;
}
const std::vector<Fulfillment>& EngineView::fulfillments() const ABSL_NO_THREAD_SAFETY_ANALYSIS {
  return engine_.fulfillments_;
}
const std::vector<Event>& EngineView::events() const ABSL_NO_THREAD_SAFETY_ANALYSIS {
  return engine_.events_;
}
const OrderRecord* EngineView::FindOrder(std::string_view id) const ABSL_NO_THREAD_SAFETY_ANALYSIS {
  return engine_.LookupOrder(id);
}
const FulfillmentOrder* EngineView::FindFulfillmentOrder(std::string_view id) const
    ABSL_NO_THREAD_SAFETY_ANALYSIS {
  return engine_.LookupFo(id);
}
const Fulfillment* EngineView::FindFulfillment(std::string_view id) const
    ABSL_NO_THREAD_SAFETY_ANALYSIS {
  return engine_.LookupFulfillment(id);
}
DisplayStatus EngineView::DisplayFulfillmentStatus(const OrderRecord& order) const
    ABSL_NO_THREAD_SAFETY_ANALYSIS {
  return engine_.DisplayStatusOf(order);
}
std::vector<std::string> EngineView::SupportedActions(const FulfillmentOrder& fo) const
    ABSL_NO_THREAD_SAFETY_ANALYSIS {
  return engine_.SupportedActionsOf(fo);
}

// --- route, reroute. ---

Engine::Created Engine::Route(const Actor& actor, Order order, std::optional<int64_t> fulfill_at,
                              std::optional<RoutingPolicy> policy) {
  WriterMutexLock lock(&mu_);
  if (order.id.empty()) return absl::InvalidArgumentError("order.id: must be a non-empty string");
  if (order.lines.empty()) {
    return absl::InvalidArgumentError("order.lines: must have at least one line");
  }
  for (size_t i = 0; i < order.lines.size(); ++i) {
    if (order.lines[i].quantity < 1) {
      return absl::InvalidArgumentError(absl::StrCat(
          "order.lines[", i, "].quantity: must be an integer >= 1, got ", order.lines[i].quantity));
    }
  }
  if (policy) RETURN_IF_ERROR(policy->Validate());
  if (order_index_.contains(order.id)) {
    return absl::AlreadyExistsError(
        absl::StrCat("order ", order.id, " already exists (order ids are never reused)"));
  }
  RETURN_IF_ERROR(CheckMerchantOnly(actor));

  OrderRecord record;
  ResolveSkus(inventory_, order);
  record.policy = policy ? *std::move(policy) : default_policy_;
  record.fulfill_at = fulfill_at;
  for (const OrderLine& l : order.lines) record.unallocated.push_back(l.quantity);
  record.order = std::move(order);
  ASSIGN_OR_RETURN(RouteResult result, router_.Route(record.order, record.policy));

  const int32_t index = static_cast<int32_t>(orders_.size());
  order_index_.emplace(record.order.id, index);
  orders_.push_back(std::move(record));
  return AddRouted(index, result);
}

Engine::Created Engine::Reroute(const Actor& actor, std::string_view order_id) {
  WriterMutexLock lock(&mu_);
  const OrderRecord* record = LookupOrder(order_id);
  if (record == nullptr) {
    return absl::NotFoundError(absl::StrCat("order ", ToAbsl(order_id), " does not exist"));
  }
  RETURN_IF_ERROR(CheckMerchantOnly(actor));
  RETURN_IF_ERROR(CheckNotCancelled(order_id));
  Order units = record->order;
  int64_t unallocated = 0;
  for (size_t i = 0; i < units.lines.size(); ++i) {
    units.lines[i].quantity = record->unallocated[i];
    unallocated += record->unallocated[i];
  }
  if (unallocated == 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("order ", ToAbsl(order_id), " has no unallocated units"));
  }
  // SKUs stocked since the order was routed resolve now.
  ResolveSkus(inventory_, units);
  ASSIGN_OR_RETURN(RouteResult result, router_.Route(units, record->policy));
  const int32_t index = order_index_.at(ToAbsl(order_id));
  for (size_t i = 0; i < units.lines.size(); ++i) {
    orders_[index].order.lines[i].sku_id = units.lines[i].sku_id;
  }
  return AddRouted(index, result);
}

Engine::Created Engine::AddRouted(int32_t order_index, const RouteResult& result) {
  Tx tx;
  std::vector<std::string> created;
  std::vector<std::pair<LocationId, SkuId>> levels;
  const bool scheduled = orders_[order_index].fulfill_at && *orders_[order_index].fulfill_at > now_;
  for (const RoutedShipment& shipment : result.shipments) {
    OrderRecord& record = orders_[order_index];
    FulfillmentOrder fo;
    fo.id = NewFoId(record.order.id);
    fo.order = record.order.id;
    fo.location = shipment.location;
    fo.status = scheduled ? FoStatus::kScheduled : FoStatus::kOpen;
    fo.fulfill_at = record.fulfill_at;
    for (const RoutedLine& l : shipment.lines) {
      const OrderLine& ol = record.order.lines[l.line];
      fo.lines.push_back({.line = l.line,
                          .sku = ol.sku,
                          .sku_id = ol.sku_id,
                          .total_quantity = l.quantity,
                          .remaining_quantity = l.quantity});
      record.unallocated[l.line] -= l.quantity;
      levels.emplace_back(shipment.location, ol.sku_id);
    }
    created.push_back(fo.id);
    AddFo(std::move(fo));
  }
  Emit(tx, "fulfillment_orders/order_routing_complete",
       {{"order", orders_[order_index].order.id}, {"fulfillment_orders", created}});
  EmitLevelUpdates(tx, std::move(levels));
  Commit(tx);
  return created;
}

}  // namespace allot
