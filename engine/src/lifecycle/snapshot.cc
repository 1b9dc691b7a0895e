// Snapshots of allot/snapshot.h: Engine::SnapshotJson writes the whole state
// as JSON, Engine::FromSnapshotJson reads it back and checks it, and the
// file functions frame it with a length and a CRC and write it atomically.
// Both directions are linear in the size of the state.
#include "allot/snapshot.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "common/strings.h"
#include "io/json_reader.h"
#include "io/json_writer.h"
#include "io/scenario_fields.h"
#include "lifecycle/durable_file.h"
#include "lifecycle/engine_internal.h"
#include "lifecycle/state_json.h"

namespace allot {
namespace {

namespace dom = io_internal::dom;
using io_internal::AppendJsonDouble;
using io_internal::AppendJsonInt;
using io_internal::AppendJsonString;

constexpr std::string_view kSnapshotMagic = "ALLOTS1\n";
constexpr size_t kSnapshotHeaderBytes = 8 + 8 + 4;  // magic, length, CRC

// --- Writing. ---

void Key(std::string* out, std::string_view key) {
  out->push_back(',');
  AppendJsonString(out, key);
  out->push_back(':');
}

void OptTime(std::string* out, const std::optional<int64_t>& t) {
  if (t) {
    AppendJsonInt(out, *t);
  } else {
    out->append("null");
  }
}

// As the scenario format has it (io_internal::ReadPolicy reads it back).
void AppendPolicy(std::string* out, const RoutingPolicy& p) {
  out->append("{\"name\":");
  AppendJsonString(out, PolicyKindName(p.kind));
  if (p.max_shipments) {
    Key(out, "max_shipments");
    AppendJsonInt(out, *p.max_shipments);
  }
  if (p.kind == PolicyKind::kRules) {
    out->append(",\"rules\":[");
    for (size_t i = 0; i < p.rules.size(); ++i) {
      if (i > 0) out->push_back(',');
      AppendJsonString(out, RuleName(p.rules[i]));
    }
    out->push_back(']');
  }
  out->append(p.same_country_only ? ",\"same_country_only\":true}"
                                  : ",\"same_country_only\":false}");
}

// As the scenario format has it (io_internal::ReadOrder reads it back).
void AppendOrder(std::string* out, const Order& o) {
  out->append("{\"id\":");
  AppendJsonString(out, o.id);
  out->append(",\"destination\":{\"lat\":");
  AppendJsonDouble(out, o.destination.lat);
  Key(out, "lon");
  AppendJsonDouble(out, o.destination.lon);
  Key(out, "country");
  AppendJsonString(out, o.destination.country);
  out->append("},\"lines\":[");
  for (size_t i = 0; i < o.lines.size(); ++i) {
    if (i > 0) out->push_back(',');
    out->append("{\"sku\":");
    AppendJsonString(out, o.lines[i].sku);
    Key(out, "quantity");
    AppendJsonInt(out, o.lines[i].quantity);
    out->push_back('}');
  }
  out->append("]}");
}

template <typename T, typename F>
void AppendList(std::string* out, const std::vector<T>& list, F&& append_one) {
  out->push_back('[');
  for (size_t i = 0; i < list.size(); ++i) {
    if (i > 0) out->push_back(',');
    append_one(list[i]);
  }
  out->push_back(']');
}

// --- Reading. ---

// Enum names back to values, through the Name functions of the contract.
template <typename E>
std::optional<E> ParseByName(std::string_view name, std::string_view (*name_of)(E), int count) {
  for (int i = 0; i < count; ++i) {
    if (name_of(static_cast<E>(i)) == name) return static_cast<E>(i);
  }
  return std::nullopt;
}

// Reads typed fields and keeps the first problem, with its path.
class In {
 public:
  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }

  bool Fail(std::string_view path, std::string_view what) {
    if (error_.empty()) error_ = absl::StrCat(ToAbsl(path), ": ", ToAbsl(what));
    return false;
  }
  template <typename T>
  bool Get(dom::element e, const std::string& path, T* out) {
    if (e.get(*out) != simdjson::SUCCESS) return Fail(path, "missing or of the wrong type");
    return true;
  }
  template <typename T>
  bool Get(dom::object o, std::string_view key, const std::string& path, T* out) {
    dom::element e;
    if (o[key].get(e) != simdjson::SUCCESS) return Fail(Path(path, key), "is missing");
    return Get(e, Path(path, key), out);
  }
  bool Int32(dom::object o, std::string_view key, const std::string& path, int32_t* out,
             int64_t min = 0, int64_t max = INT32_MAX) {
    int64_t v = 0;
    if (!Get(o, key, path, &v)) return false;
    if (v < min || v > max) return Fail(Path(path, key), "out of range");
    *out = static_cast<int32_t>(v);
    return true;
  }
  bool String(dom::object o, std::string_view key, const std::string& path, std::string* out) {
    std::string_view v;
    if (!Get(o, key, path, &v)) return false;
    *out = std::string(v);
    return true;
  }
  // A string or null.
  bool OptString(dom::object o, std::string_view key, const std::string& path,
                 std::optional<std::string>* out) {
    dom::element e;
    if (o[key].get(e) != simdjson::SUCCESS) return Fail(Path(path, key), "is missing");
    if (e.is_null()) {
      out->reset();
      return true;
    }
    std::string_view v;
    if (!Get(e, Path(path, key), &v)) return false;
    *out = std::string(v);
    return true;
  }
  bool OptTime(dom::object o, std::string_view key, const std::string& path,
               std::optional<int64_t>* out) {
    dom::element e;
    if (o[key].get(e) != simdjson::SUCCESS) return Fail(Path(path, key), "is missing");
    if (e.is_null()) {
      out->reset();
      return true;
    }
    int64_t v = 0;
    if (!Get(e, Path(path, key), &v)) return false;
    *out = v;
    return true;
  }
  template <typename E>
  bool Enum(dom::object o, std::string_view key, const std::string& path,
            std::string_view (*name_of)(E), int count, E* out) {
    std::string_view v;
    if (!Get(o, key, path, &v)) return false;
    std::optional<E> e = ParseByName(v, name_of, count);
    if (!e) return Fail(Path(path, key), absl::StrCat("unknown value \"", ToAbsl(v), "\""));
    *out = *e;
    return true;
  }
  // Calls f(element, path) for each element of the array at `key`.
  template <typename F>
  bool Each(dom::object o, std::string_view key, const std::string& path, F&& f) {
    dom::array list;
    if (!Get(o, key, path, &list)) return false;
    size_t i = 0;
    for (dom::element e : list) {
      if (!f(e, absl::StrCat(Path(path, key), "[", i++, "]"))) return false;
    }
    return true;
  }
  // The same for arrays of objects.
  template <typename F>
  bool EachObject(dom::object o, std::string_view key, const std::string& path, F&& f) {
    return Each(o, key, path, [&](dom::element e, const std::string& p) {
      dom::object item;
      return Get(e, p, &item) && f(item, p);
    });
  }

  static std::string Path(std::string_view parent, std::string_view key) {
    return parent.empty() ? std::string(key) : absl::StrCat(ToAbsl(parent), ".", ToAbsl(key));
  }

 private:
  std::string error_;
};

// Limits wide enough for anything an engine can hold: the snapshot's CRC,
// not these, is what guards it.
ScenarioLimits SnapshotLimits() {
  ScenarioLimits limits;
  limits.max_string_bytes = size_t{1} << 26;
  limits.max_lines_per_order = size_t{1} << 30;
  return limits;
}

}  // namespace

// --- Engine::SnapshotJson. ---

std::string Engine::SnapshotJson() const {
  ReaderMutexLock lock(&mu_);
  std::string out;
  out.append("{\"now_us\":");
  AppendJsonInt(&out, now_);
  Key(&out, "policy");
  AppendPolicy(&out, default_policy_);
  Key(&out, "locations");
  AppendList(&out, network_.locations(),
             [&](const Location& l) { io_internal::AppendLocationJson(&out, l); });
  out.append(",\"skus\":[");
  for (int s = 0; s < inventory_.num_skus(); ++s) {
    if (s > 0) out.push_back(',');
    AppendJsonString(&out, inventory_.sku_name(SkuId(s)));
  }
  // Units each level's FOs hold, to write the base of the stock invariant.
  absl::flat_hash_map<std::pair<int32_t, int32_t>, int64_t> held;
  for (const FulfillmentOrder& fo : fos_) {
    for (const FulfillmentOrderLine& l : fo.lines) {
      held[{fo.location.value(), l.sku_id.value()}] += l.remaining_quantity;
    }
  }
  out.append("],\"inventory\":[");
  bool first = true;
  inventory_.ForEach([&](LocationId loc, SkuId sku, const StockLevel& level) {
    if (!first) out.push_back(',');
    first = false;
    out.append("{\"location\":");
    AppendJsonInt(&out, loc.value());
    Key(&out, "sku");
    AppendJsonInt(&out, sku.value());
    Key(&out, "on_hand");
    AppendJsonInt(&out, level.on_hand);
    Key(&out, "reserved");
    AppendJsonInt(&out, level.reserved);
    Key(&out, "safety_stock");
    AppendJsonInt(&out, level.safety_stock);
    Key(&out, "base_reserved");
    auto it = held.find(std::pair{loc.value(), sku.value()});
    AppendJsonInt(&out, level.reserved - (it == held.end() ? 0 : it->second));
    out.push_back('}');
  });
  out.push_back(']');
  Key(&out, "orders");
  AppendList(&out, orders_, [&](const OrderRecord& o) {
    out.append("{\"order\":");
    AppendOrder(&out, o.order);
    Key(&out, "sku_ids");
    AppendList(&out, o.order.lines,
               [&](const OrderLine& l) { AppendJsonInt(&out, l.sku_id.value()); });
    Key(&out, "policy");
    AppendPolicy(&out, o.policy);
    Key(&out, "fulfill_at_us");
    OptTime(&out, o.fulfill_at);
    out.append(o.cancelled ? ",\"cancelled\":true" : ",\"cancelled\":false");
    Key(&out, "unallocated");
    AppendList(&out, o.unallocated, [&](int32_t q) { AppendJsonInt(&out, q); });
    Key(&out, "fulfillment_orders");
    AppendList(&out, o.fulfillment_orders, [&](int32_t i) { AppendJsonInt(&out, i); });
    Key(&out, "fulfillments_created");
    AppendJsonInt(&out, o.fulfillments_created);
    out.push_back('}');
  });
  Key(&out, "fulfillment_orders");
  AppendList(&out, fos_, [&](const FulfillmentOrder& fo) {
    out.append("{\"id\":");
    AppendJsonString(&out, fo.id);
    Key(&out, "order");
    AppendJsonString(&out, fo.order);
    Key(&out, "location");
    AppendJsonInt(&out, fo.location.value());
    Key(&out, "status");
    AppendJsonString(&out, FoStatusName(fo.status));
    Key(&out, "request_status");
    AppendJsonString(&out, RequestStatusName(fo.request_status));
    Key(&out, "fulfill_at_us");
    OptTime(&out, fo.fulfill_at);
    Key(&out, "lines");
    AppendList(&out, fo.lines, [&](const FulfillmentOrderLine& l) {
      out.append("{\"line\":");
      AppendJsonInt(&out, l.line);
      Key(&out, "sku");
      AppendJsonInt(&out, l.sku_id.value());
      Key(&out, "total_quantity");
      AppendJsonInt(&out, l.total_quantity);
      Key(&out, "remaining_quantity");
      AppendJsonInt(&out, l.remaining_quantity);
      Key(&out, "fulfilled_quantity");
      AppendJsonInt(&out, l.fulfilled_quantity);
      out.push_back('}');
    });
    Key(&out, "holds");
    AppendList(&out, fo.holds, [&](const allot::Hold& h) {
      out.append("{\"handle\":");
      AppendJsonString(&out, h.handle);
      Key(&out, "reason");
      AppendJsonString(&out, HoldReasonName(h.reason));
      Key(&out, "notes");
      io_internal::AppendJsonOptionalString(&out, h.notes);
      out.push_back('}');
    });
    Key(&out, "holds_placed");
    AppendJsonInt(&out, fo.holds_placed);
    out.push_back('}');
  });
  Key(&out, "fulfillments");
  AppendList(&out, fulfillments_, [&](const Fulfillment& f) {
    out.append("{\"id\":");
    AppendJsonString(&out, f.id);
    Key(&out, "order");
    AppendJsonString(&out, f.order);
    Key(&out, "location");
    AppendJsonInt(&out, f.location.value());
    Key(&out, "status");
    AppendJsonString(&out, FulfillmentStatusName(f.status));
    Key(&out, "shipment_status");
    if (f.shipment_status) {
      AppendJsonString(&out, ShipmentStatusName(*f.shipment_status));
    } else {
      out.append("null");
    }
    Key(&out, "lines");
    AppendList(&out, f.lines, [&](const FulfillmentLine& l) {
      out.append("{\"fulfillment_order\":");
      AppendJsonString(&out, l.fulfillment_order);
      Key(&out, "line");
      AppendJsonInt(&out, l.line);
      Key(&out, "sku");
      AppendJsonInt(&out, l.sku_id.value());
      Key(&out, "quantity");
      AppendJsonInt(&out, l.quantity);
      out.push_back('}');
    });
    Key(&out, "tracking");
    if (f.tracking) {
      out.append("{\"number\":");
      io_internal::AppendJsonOptionalString(&out, f.tracking->number);
      Key(&out, "company");
      io_internal::AppendJsonOptionalString(&out, f.tracking->company);
      Key(&out, "url");
      io_internal::AppendJsonOptionalString(&out, f.tracking->url);
      out.push_back('}');
    } else {
      out.append("null");
    }
    out.push_back('}');
  });
  Key(&out, "events");
  lifecycle_internal::AppendEventsJson(events_, &out);
  out.push_back('}');
  return out;
}

// --- Engine::FromSnapshotJson. ---

// Reads a snapshot's "engine" object into a new Engine, checking every index
// and name against what was read before it.
class Engine::SnapshotReader {
 public:
  absl::StatusOr<std::unique_ptr<Engine>> Read(dom::object root) {
    int64_t now = 0;
    in_.Get(root, "now_us", "", &now);
    std::optional<RoutingPolicy> policy = ReadPolicyAt(root, "policy", "policy");
    std::vector<Location> locations;
    in_.Each(root, "locations", "", [&](dom::element e, const std::string& path) {
      io_internal::Problems problems(1);
      std::optional<Location> l =
          io_internal::ReadLocation(e, io_internal::LazyPath(path), limits_, problems);
      if (!l) return in_.Fail(path, std::string(problems.FirstToStatus().message()));
      locations.push_back(*std::move(l));
      return true;
    });
    if (!in_.ok()) return Error();
    absl::StatusOr<Network> network = Network::Create(std::move(locations));
    if (!network.ok()) return DataLoss(absl::StrCat("locations: ", network.status().message()));

    Inventory::Builder builder;
    in_.Each(root, "skus", "", [&](dom::element e, const std::string& path) {
      std::string_view name;
      if (!in_.Get(e, path, &name)) return false;
      if (builder.InternSku(name).value() != num_skus_) return in_.Fail(path, "duplicate SKU");
      ++num_skus_;
      return true;
    });
    num_locations_ = network->size();
    in_.EachObject(root, "inventory", "", [&](dom::object o, const std::string& path) {
      int32_t loc = 0, sku = 0, base = 0;
      StockLevel level;
      if (!LocationIndex(o, "location", path, &loc) || !Sku(o, "sku", path, &sku, false) ||
          !in_.Int32(o, "on_hand", path, &level.on_hand, 0, kMaxQuantity) ||
          !in_.Int32(o, "reserved", path, &level.reserved, 0, kMaxQuantity) ||
          !in_.Int32(o, "safety_stock", path, &level.safety_stock, 0, kMaxQuantity) ||
          !in_.Int32(o, "base_reserved", path, &base)) {
        return false;
      }
      // Add checks again what the reads above did (fields, location, SKU); its
      // refusal, should one slip through, still names the record.
      if (absl::Status s = builder.Add(LocationId(loc), SkuId(sku), level); !s.ok()) {
        return in_.Fail(path, std::string(s.message()));
      }
      base_reserved_[{loc, sku}] = base;
      return true;
    });
    if (!in_.ok()) return Error();

    std::unique_ptr<Engine> engine(
        new Engine(*std::move(network), std::move(builder).Build(), *std::move(policy), now));
    // Nothing else refers to the engine yet; the lock keeps the analysis exact.
    WriterMutexLock lock(&engine->mu_);
    ReadOrders(root, *engine);
    ReadFos(root, *engine);
    ReadFulfillments(root, *engine);
    ReadEvents(root, *engine);
    if (!in_.ok()) return Error();
    RETURN_IF_ERROR(CheckConsistent(*engine));
    return engine;
  }

 private:
  absl::Status DataLoss(std::string_view what) const {
    return absl::DataLossError(absl::StrCat("snapshot: ", ToAbsl(what)));
  }
  absl::Status Error() const { return DataLoss(in_.error()); }

  std::optional<RoutingPolicy> ReadPolicyAt(dom::object o, std::string_view key,
                                            const std::string& path) {
    dom::element e;
    if (o[key].get(e) != simdjson::SUCCESS) {
      in_.Fail(path, "is missing");
      return std::nullopt;
    }
    io_internal::Problems problems(1);
    std::optional<RoutingPolicy> policy = io_internal::ReadPolicy(e, path, problems);
    if (!policy) in_.Fail(path, std::string(problems.FirstToStatus().message()));
    return policy;
  }

  bool LocationIndex(dom::object o, std::string_view key, const std::string& path, int32_t* out) {
    if (!in_.Int32(o, key, path, out)) return false;
    if (*out >= num_locations_) return in_.Fail(In::Path(path, key), "unknown location");
    return true;
  }
  // A SKU id; -1 (a SKU no location stocked) only where `allow_none`.
  bool Sku(dom::object o, std::string_view key, const std::string& path, int32_t* out,
           bool allow_none) {
    if (!in_.Int32(o, key, path, out, allow_none ? -1 : 0)) return false;
    if (*out >= num_skus_) return in_.Fail(In::Path(path, key), "unknown SKU");
    return true;
  }

  // The Read* functions hold e.mu_; the lambdas they pass to In::Each run
  // inside them, but clang analyzes a lambda's body on its own, hence
  // ABSL_NO_THREAD_SAFETY_ANALYSIS on each.
  void ReadOrders(dom::object root, Engine& e) ABSL_EXCLUSIVE_LOCKS_REQUIRED(e.mu_) {
    in_.EachObject(
        root, "orders", "",
        [&](dom::object o, const std::string& path) ABSL_NO_THREAD_SAFETY_ANALYSIS {
          OrderRecord r;
          dom::element order;
          if (o["order"].get(order) != simdjson::SUCCESS) return in_.Fail(path, "order is missing");
          io_internal::Problems problems(1);
          std::optional<Order> read =
              io_internal::ReadOrder(order, In::Path(path, "order"), limits_, problems);
          if (!read) return in_.Fail(path, std::string(problems.FirstToStatus().message()));
          r.order = *std::move(read);
          size_t line = 0;
          bool ok =
              in_.Each(o, "sku_ids", path,
                       [&](dom::element id, const std::string& p) ABSL_NO_THREAD_SAFETY_ANALYSIS {
                         int64_t v = 0;
                         if (!in_.Get(id, p, &v)) return false;
                         if (line >= r.order.lines.size() || v < -1 || v >= num_skus_) {
                           return in_.Fail(p, "out of range");
                         }
                         if (v >= 0 && e.inventory_.sku_name(SkuId(static_cast<int32_t>(v))) !=
                                           r.order.lines[line].sku) {
                           return in_.Fail(p, "names another SKU than the line");
                         }
                         r.order.lines[line++].sku_id = SkuId(static_cast<int32_t>(v));
                         return true;
                       });
          if (!ok) return false;
          std::optional<RoutingPolicy> policy = ReadPolicyAt(o, "policy", In::Path(path, "policy"));
          if (!policy) return false;
          r.policy = *std::move(policy);
          if (!in_.OptTime(o, "fulfill_at_us", path, &r.fulfill_at) ||
              !in_.Get(o, "cancelled", path, &r.cancelled) ||
              !in_.Int32(o, "fulfillments_created", path, &r.fulfillments_created)) {
            return false;
          }
          ok = in_.Each(o, "unallocated", path,
                        [&](dom::element q, const std::string& p) ABSL_NO_THREAD_SAFETY_ANALYSIS {
                          int64_t v = 0;
                          if (!in_.Get(q, p, &v)) return false;
                          if (v < 0 || v > INT32_MAX) return in_.Fail(p, "out of range");
                          r.unallocated.push_back(static_cast<int32_t>(v));
                          return true;
                        });
          ok = ok &&
               in_.Each(o, "fulfillment_orders", path,
                        [&](dom::element i, const std::string& p) ABSL_NO_THREAD_SAFETY_ANALYSIS {
                          int64_t v = 0;
                          if (!in_.Get(i, p, &v)) return false;
                          if (v < 0 || v > INT32_MAX) return in_.Fail(p, "out of range");
                          r.fulfillment_orders.push_back(static_cast<int32_t>(v));
                          return true;
                        });
          if (!ok) return false;
          if (r.unallocated.size() != r.order.lines.size() || line != r.order.lines.size()) {
            return in_.Fail(path, "needs one unallocated quantity and SKU id per line");
          }
          if (!e.order_index_.emplace(r.order.id, static_cast<int32_t>(e.orders_.size())).second) {
            return in_.Fail(path, "duplicate order id");
          }
          e.orders_.push_back(std::move(r));
          return true;
        });
  }

  void ReadFos(dom::object root, Engine& e) ABSL_EXCLUSIVE_LOCKS_REQUIRED(e.mu_) {
    in_.EachObject(
        root, "fulfillment_orders", "",
        [&](dom::object o, const std::string& path) ABSL_NO_THREAD_SAFETY_ANALYSIS {
          FulfillmentOrder fo;
          int32_t loc = 0;
          if (!in_.String(o, "id", path, &fo.id) || !in_.String(o, "order", path, &fo.order) ||
              !LocationIndex(o, "location", path, &loc) ||
              !in_.Enum(o, "status", path, &FoStatusName, 7, &fo.status) ||
              !in_.Enum(o, "request_status", path, &RequestStatusName, 8, &fo.request_status) ||
              !in_.OptTime(o, "fulfill_at_us", path, &fo.fulfill_at) ||
              !in_.Int32(o, "holds_placed", path, &fo.holds_placed)) {
            return false;
          }
          fo.location = LocationId(loc);
          const OrderRecord* order = e.LookupOrder(fo.order);
          if (order == nullptr) return in_.Fail(path, "names an unknown order");
          bool ok = in_.EachObject(
              o, "lines", path,
              [&](dom::object lo, const std::string& p) ABSL_NO_THREAD_SAFETY_ANALYSIS {
                FulfillmentOrderLine l;
                int32_t sku = 0;
                if (!in_.Int32(lo, "line", p, &l.line) || !Sku(lo, "sku", p, &sku, false) ||
                    !in_.Int32(lo, "total_quantity", p, &l.total_quantity) ||
                    !in_.Int32(lo, "remaining_quantity", p, &l.remaining_quantity) ||
                    !in_.Int32(lo, "fulfilled_quantity", p, &l.fulfilled_quantity)) {
                  return false;
                }
                if (static_cast<size_t>(l.line) >= order->order.lines.size()) {
                  return in_.Fail(p, "line out of range");
                }
                l.sku_id = SkuId(sku);
                l.sku = e.inventory_.sku_name(l.sku_id);
                fo.lines.push_back(std::move(l));
                return true;
              });
          ok = ok && in_.EachObject(
                         o, "holds", path,
                         [&](dom::object ho, const std::string& p) ABSL_NO_THREAD_SAFETY_ANALYSIS {
                           allot::Hold h;
                           if (!in_.String(ho, "handle", p, &h.handle) ||
                               !in_.Enum(ho, "reason", p, &HoldReasonName, 8, &h.reason) ||
                               !in_.OptString(ho, "notes", p, &h.notes)) {
                             return false;
                           }
                           fo.holds.push_back(std::move(h));
                           return true;
                         });
          if (!ok) return false;
          if (!e.fo_index_.emplace(fo.id, static_cast<int32_t>(e.fos_.size())).second) {
            return in_.Fail(path, "duplicate fulfillment order id");
          }
          e.fos_.push_back(std::move(fo));
          return true;
        });
  }

  void ReadFulfillments(dom::object root, Engine& e) ABSL_EXCLUSIVE_LOCKS_REQUIRED(e.mu_) {
    in_.EachObject(
        root, "fulfillments", "",
        [&](dom::object o, const std::string& path) ABSL_NO_THREAD_SAFETY_ANALYSIS {
          Fulfillment f;
          int32_t loc = 0;
          std::optional<std::string> shipment;
          if (!in_.String(o, "id", path, &f.id) || !in_.String(o, "order", path, &f.order) ||
              !LocationIndex(o, "location", path, &loc) ||
              !in_.Enum(o, "status", path, &FulfillmentStatusName, 2, &f.status) ||
              !in_.OptString(o, "shipment_status", path, &shipment)) {
            return false;
          }
          f.location = LocationId(loc);
          if (e.LookupOrder(f.order) == nullptr) return in_.Fail(path, "names an unknown order");
          if (shipment) {
            f.shipment_status = ParseShipmentStatus(*shipment);
            if (!f.shipment_status) return in_.Fail(path, "unknown shipment_status");
          }
          bool ok = in_.EachObject(
              o, "lines", path,
              [&](dom::object lo, const std::string& p) ABSL_NO_THREAD_SAFETY_ANALYSIS {
                FulfillmentLine l;
                int32_t sku = 0;
                if (!in_.String(lo, "fulfillment_order", p, &l.fulfillment_order) ||
                    !in_.Int32(lo, "line", p, &l.line) || !Sku(lo, "sku", p, &sku, false) ||
                    !in_.Int32(lo, "quantity", p, &l.quantity)) {
                  return false;
                }
                if (e.LookupFo(l.fulfillment_order) == nullptr) {
                  return in_.Fail(p, "names an unknown fulfillment order");
                }
                l.sku_id = SkuId(sku);
                l.sku = e.inventory_.sku_name(l.sku_id);
                f.lines.push_back(std::move(l));
                return true;
              });
          if (!ok) return false;
          dom::element tracking;
          if (o["tracking"].get(tracking) != simdjson::SUCCESS) {
            return in_.Fail(path, "tracking is missing");
          }
          if (!tracking.is_null()) {
            dom::object t;
            const std::string tp = In::Path(path, "tracking");
            Tracking value;
            if (!in_.Get(tracking, tp, &t) || !in_.OptString(t, "number", tp, &value.number) ||
                !in_.OptString(t, "company", tp, &value.company) ||
                !in_.OptString(t, "url", tp, &value.url)) {
              return false;
            }
            f.tracking = std::move(value);
          }
          if (!e.fulfillment_index_.emplace(f.id, static_cast<int32_t>(e.fulfillments_.size()))
                   .second) {
            return in_.Fail(path, "duplicate fulfillment id");
          }
          e.fulfillments_.push_back(std::move(f));
          return true;
        });
  }

  void ReadEvents(dom::object root, Engine& e) ABSL_EXCLUSIVE_LOCKS_REQUIRED(e.mu_) {
    in_.EachObject(root, "events", "",
                   [&](dom::object o, const std::string& path) ABSL_NO_THREAD_SAFETY_ANALYSIS {
                     Event ev;
                     for (auto [key, value] : o) {
                       if (key == "seq") {
                         if (!in_.Get(value, In::Path(path, "seq"), &ev.seq)) return false;
                       } else if (key == "topic") {
                         std::string_view topic;
                         if (!in_.Get(value, In::Path(path, "topic"), &topic)) return false;
                         ev.topic = std::string(topic);
                       } else if (dom::array list;
                                  value.get_array().get(list) == simdjson::SUCCESS) {
                         std::vector<std::string> ids;
                         for (dom::element id : list) {
                           std::string_view s;
                           if (!in_.Get(id, In::Path(path, key), &s)) return false;
                           ids.emplace_back(s);
                         }
                         ev.fields.emplace_back(std::string(key), std::move(ids));
                       } else {
                         std::string_view s;
                         if (!in_.Get(value, In::Path(path, key), &s)) return false;
                         ev.fields.emplace_back(std::string(key), std::string(s));
                       }
                     }
                     // seq is the 1-based position in the log (Engine::events relies on it).
                     if (ev.seq != static_cast<int64_t>(e.events_.size()) + 1 || ev.topic.empty()) {
                       return in_.Fail(path, "seq out of order or topic missing");
                     }
                     e.events_.push_back(std::move(ev));
                     return true;
                   });
  }

  // Cross-references the parts: every FO index of an order names an FO of
  // it, in order; and the stock invariant holds with the base it was written
  // with.
  absl::Status CheckConsistent(Engine& e) ABSL_EXCLUSIVE_LOCKS_REQUIRED(e.mu_) {
    std::vector<bool> claimed(e.fos_.size(), false);
    for (const OrderRecord& o : e.orders_) {
      for (int32_t i : o.fulfillment_orders) {
        if (static_cast<size_t>(i) >= e.fos_.size() || claimed[i] ||
            e.fos_[i].order != o.order.id) {
          return DataLoss(absl::StrCat("order ", o.order.id, ": fulfillment order index ", i,
                                       " is out of range or not its own"));
        }
        claimed[i] = true;
      }
    }
    if (std::find(claimed.begin(), claimed.end(), false) != claimed.end()) {
      return DataLoss("a fulfillment order belongs to no order");
    }
    absl::flat_hash_map<std::pair<int32_t, int32_t>, int64_t> reserved = base_reserved_;
    for (const FulfillmentOrder& fo : e.fos_) {
      for (const FulfillmentOrderLine& l : fo.lines) {
        reserved[{fo.location.value(), l.sku_id.value()}] += l.remaining_quantity;
      }
    }
    for (const auto& [key, units] : reserved) {
      const StockLevel* level = e.inventory_.Find(LocationId(key.first), SkuId(key.second));
      if (units != 0 && (level == nullptr || level->reserved != units)) {
        return DataLoss(absl::StrCat(
            "reserved stock of ", e.network_.location(LocationId(key.first)).id, "/",
            e.inventory_.sku_name(SkuId(key.second)),
            " does not match the scenario's reserved plus the fulfillment orders' remaining"));
      }
    }
    return absl::OkStatus();
  }

  In in_;
  ScenarioLimits limits_ = SnapshotLimits();
  int32_t num_skus_ = 0;
  int32_t num_locations_ = 0;
  absl::flat_hash_map<std::pair<int32_t, int32_t>, int64_t> base_reserved_;
};

absl::StatusOr<std::unique_ptr<Engine>> Engine::FromSnapshotJson(std::string_view json) {
  dom::parser parser;
  io_internal::Problems problems(1);
  std::optional<dom::element> root = io_internal::ParseDocument(parser, json, 64, problems);
  dom::object object;
  if (!root || root->get(object) != simdjson::SUCCESS) {
    return absl::DataLossError(
        absl::StrCat("snapshot: not a JSON object", root ? "" : ": ",
                     root ? "" : std::string(problems.FirstToStatus().message())));
  }
  SnapshotReader reader;
  return reader.Read(object);
}

// --- Files. ---

std::string EncodeSnapshot(const Engine& engine, const SnapshotPosition& position) {
  std::string payload = "{\"allot_snapshot\":";
  AppendJsonInt(&payload, kSnapshotFormatVersion);
  payload.append(",\"journal_id\":");
  AppendJsonString(&payload, position.journal_id);
  payload.append(",\"journal_commands\":");
  AppendJsonInt(&payload, position.journal_commands);
  payload.append(",\"engine\":");
  payload.append(engine.SnapshotJson());
  payload.push_back('}');
  std::string out(kSnapshotMagic);
  lifecycle_internal::PutU64(&out, payload.size());
  lifecycle_internal::PutU32(&out, lifecycle_internal::Crc32(payload));
  out.append(payload);
  return out;
}

absl::StatusOr<LoadedSnapshot> DecodeSnapshot(std::string_view bytes, std::string_view name) {
  auto refuse = [&](std::string_view why) {
    return absl::DataLossError(absl::StrCat(
        "snapshot ", ToAbsl(name), " is torn or corrupt and was not loaded: ", ToAbsl(why)));
  };
  if (bytes.size() < kSnapshotMagic.size() ||
      bytes.substr(0, kSnapshotMagic.size()) != kSnapshotMagic) {
    return refuse("bad magic (not an Allot snapshot)");
  }
  if (bytes.size() < kSnapshotHeaderBytes) {
    return refuse(
        absl::StrCat("header cut short (", bytes.size(), " of ", kSnapshotHeaderBytes, " bytes)"));
  }
  const uint64_t length = lifecycle_internal::GetU64(bytes.data() + 8);
  const uint32_t crc = lifecycle_internal::GetU32(bytes.data() + 16);
  const uint64_t have = bytes.size() - kSnapshotHeaderBytes;
  if (length != have) {
    return refuse(absl::StrCat("payload is ", have, " bytes, the header says ", length));
  }
  const std::string_view payload = bytes.substr(kSnapshotHeaderBytes);
  if (lifecycle_internal::Crc32(payload) != crc) return refuse("CRC mismatch");

  dom::parser parser;
  io_internal::Problems problems(1);
  std::optional<dom::element> root = io_internal::ParseDocument(parser, payload, 64, problems);
  dom::object top;
  int64_t version = 0;
  std::string_view journal_id;
  int64_t commands = 0;
  std::string_view engine_json;
  dom::element engine;
  if (!root || root->get(top) != simdjson::SUCCESS ||
      top["allot_snapshot"].get(version) != simdjson::SUCCESS ||
      top["journal_id"].get(journal_id) != simdjson::SUCCESS ||
      top["journal_commands"].get(commands) != simdjson::SUCCESS ||
      top["engine"].get(engine) != simdjson::SUCCESS || commands < 0) {
    return refuse("payload lacks allot_snapshot, journal_id, journal_commands or engine");
  }
  if (version != kSnapshotFormatVersion) {
    return absl::DataLossError(absl::StrCat("snapshot ", ToAbsl(name), " has format version ",
                                            version, "; this engine reads version ",
                                            kSnapshotFormatVersion));
  }
  absl::StatusOr<std::unique_ptr<Engine>> e = Engine::FromSnapshotJson(simdjson::minify(engine));
  if (!e.ok()) {
    return absl::DataLossError(absl::StrCat("snapshot ", ToAbsl(name), ": ", e.status().message()));
  }
  LoadedSnapshot out;
  out.engine = *std::move(e);
  out.position.journal_commands = commands;
  out.position.journal_id = std::string(journal_id);
  out.file_bytes = bytes.size();
  return out;
}

absl::Status WriteSnapshot(const std::string& path, const Engine& engine,
                           const SnapshotPosition& position) {
  return lifecycle_internal::ReplaceFileAtomically(path, EncodeSnapshot(engine, position));
}

absl::StatusOr<LoadedSnapshot> ReadSnapshot(const std::string& path) {
  ASSIGN_OR_RETURN(std::string bytes, lifecycle_internal::ReadWholeFile(path));
  return DecodeSnapshot(bytes, path);
}

}  // namespace allot
