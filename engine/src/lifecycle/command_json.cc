#include "lifecycle/command_json.h"

#include <functional>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "common/strings.h"
#include "io/json_writer.h"
#include "io/scenario_fields.h"
#include "lifecycle/time.h"

namespace allot::lifecycle_internal {
namespace {

using io_internal::Describe;
using io_internal::FieldPath;
using io_internal::GetArray;
using io_internal::GetBool;
using io_internal::GetInteger;
using io_internal::GetObject;
using io_internal::GetString;
using io_internal::IndexPath;
using io_internal::kMaxJsonInteger;
using io_internal::Need;
using io_internal::Problems;
using io_internal::dom::array;
using io_internal::dom::element;
using io_internal::dom::object;

constexpr size_t kMaxString = 1024;
constexpr size_t kMaxText = 1 << 16;  // messages, notes

// One command being read: its object, its path and the problems found.
struct Reader {
  object obj;
  std::string path;
  Problems problems{1};

  std::string At(std::string_view key) const { return FieldPath(path, key); }

  std::optional<std::string> Id(std::string_view key, Need need = Need::kRequired) {
    auto s = GetString(obj, key, At(key), need, true, kMaxString, problems);
    return s ? std::optional<std::string>(std::string(*s)) : std::nullopt;
  }
  std::optional<std::string> Text(std::string_view key) {
    auto s = GetString(obj, key, At(key), Need::kOptional, false, kMaxText, problems);
    return s ? std::optional<std::string>(std::string(*s)) : std::nullopt;
  }
  std::optional<int64_t> Time(std::string_view key, Need need) {
    auto s = GetString(obj, key, At(key), need, true, 64, problems);
    if (!s) return std::nullopt;
    std::optional<int64_t> t = ParseTime(*s);
    if (!t) {
      problems.Add(At(key), absl::StrCat("must be an RFC 3339 time such as "
                                         "\"2026-11-24T09:00:00Z\", got \"",
                                         ToAbsl(*s), "\""));
    }
    return t;
  }
  template <typename E>
  std::optional<E> Enum(std::string_view key, Need need,
                        std::optional<E> (*parse)(std::string_view), std::string_view what) {
    auto s = GetString(obj, key, At(key), need, true, kMaxString, problems);
    if (!s) return std::nullopt;
    std::optional<E> e = parse(*s);
    if (!e) {
      problems.Add(At(key), absl::StrCat("unknown ", ToAbsl(what), " \"", ToAbsl(*s), "\""));
    }
    return e;
  }
  bool Flag(std::string_view key) {
    return GetBool(obj, key, At(key), Need::kOptional, problems).value_or(false);
  }
  std::vector<LineQuantity> Lines(object o, std::string_view parent, Need need) {
    std::vector<LineQuantity> out;
    const std::string p = FieldPath(parent, "lines");
    auto lines = GetArray(o, "lines", p, need, problems);
    if (!lines) return out;
    size_t i = 0;
    for (element e : *lines) {
      const std::string lp = IndexPath(p, i++);
      auto lo = io_internal::AsObject(e, lp, problems);
      if (!lo) continue;
      auto line = GetInteger(*lo, "line", FieldPath(lp, "line"), Need::kRequired, 0,
                             kMaxJsonInteger, problems);
      auto q = GetInteger(*lo, "quantity", FieldPath(lp, "quantity"), Need::kRequired, 1,
                          kMaxJsonInteger, problems);
      if (line && q) out.push_back({static_cast<int32_t>(*line), static_cast<int32_t>(*q)});
    }
    if (i == 0) problems.Add(p, "must have at least one line");
    return out;
  }
  std::vector<LineQuantity> Lines(Need need = Need::kOptional) { return Lines(obj, path, need); }
  std::vector<std::string> IdList(std::string_view key, Need need) {
    std::vector<std::string> out;
    auto list = GetArray(obj, key, At(key), need, problems);
    if (!list) return out;
    size_t i = 0;
    for (element e : *list) {
      const std::string p = IndexPath(At(key), i++);
      std::string_view s;
      if (e.get_string().get(s) || s.empty() || s.size() > kMaxString) {
        problems.Add(p, absl::StrCat("must be a non-empty string, got ", Describe(e)));
      } else {
        out.emplace_back(s);
      }
    }
    return out;
  }
  std::optional<Tracking> TrackingField(Need need) {
    auto t = GetObject(obj, "tracking", At("tracking"), need, problems);
    if (!t) return std::nullopt;
    Tracking out;
    for (auto [key, field] :
         {std::pair{"number", &Tracking::number}, std::pair{"company", &Tracking::company},
          std::pair{"url", &Tracking::url}}) {
      auto s = GetString(*t, key, FieldPath(At("tracking"), key), Need::kOptional, false, kMaxText,
                         problems);
      if (s) out.*field = std::string(*s);
    }
    return out;
  }
};

using Run = std::function<absl::StatusOr<std::vector<std::string>>(Engine&, const Actor&, Reader&)>;

// Turns a Status-returning call into the common result type.
absl::StatusOr<std::vector<std::string>> NoIds(const absl::Status& s) {
  if (!s.ok()) return s;
  return std::vector<std::string>{};
}

// Each op reads its fields; when a field is malformed it returns the first
// problem before the engine sees anything.
#define ALLOT_READ_DONE(r) \
  if (!(r).problems.empty()) return (r).problems.FirstToStatus()

const absl::flat_hash_map<std::string, Run>& Ops() {
  static const auto* ops = new absl::flat_hash_map<std::string, Run>{
      {"route",
       [](Engine& e, const Actor& a, Reader& r) -> absl::StatusOr<std::vector<std::string>> {
         std::optional<Order> order;
         if (auto v = io_internal::GetField(r.obj, "order")) {
           order = io_internal::ReadOrder(*v, r.At("order"), ScenarioLimits{}, r.problems);
         } else {
           r.problems.Add(r.At("order"), "is required");
         }
         auto fulfill_at = r.Time("fulfill_at", Need::kOptional);
         std::optional<RoutingPolicy> policy;
         if (auto v = io_internal::GetField(r.obj, "policy")) {
           policy = io_internal::ReadPolicy(*v, r.At("policy"), r.problems);
         }
         ALLOT_READ_DONE(r);
         return e.Route(a, *std::move(order), fulfill_at, std::move(policy));
       }},
      {"reroute",
       [](Engine& e, const Actor& a, Reader& r) -> absl::StatusOr<std::vector<std::string>> {
         auto order = r.Id("order");
         ALLOT_READ_DONE(r);
         return e.Reroute(a, *order);
       }},
      {"create_fulfillment",
       [](Engine& e, const Actor& a, Reader& r) -> absl::StatusOr<std::vector<std::string>> {
         std::vector<FulfillmentOrderSelection> selections;
         const std::string p = r.At("fulfillment_orders");
         if (auto list = GetArray(r.obj, "fulfillment_orders", p, Need::kRequired, r.problems)) {
           size_t i = 0;
           for (element el : *list) {
             const std::string ep = IndexPath(p, i++);
             auto o = io_internal::AsObject(el, ep, r.problems);
             if (!o) continue;
             FulfillmentOrderSelection s;
             if (auto id = GetString(*o, "id", FieldPath(ep, "id"), Need::kRequired, true,
                                     kMaxString, r.problems)) {
               s.id = std::string(*id);
             }
             s.lines = r.Lines(*o, ep, Need::kOptional);
             selections.push_back(std::move(s));
           }
           if (i == 0) r.problems.Add(p, "must name at least one fulfillment order");
         }
         auto tracking = r.TrackingField(Need::kOptional);
         const bool notify = r.Flag("notify_customer");
         ALLOT_READ_DONE(r);
         return e.CreateFulfillment(a, selections, std::move(tracking), notify);
       }},
      {"cancel_fulfillment",
       [](Engine& e, const Actor& a, Reader& r) -> absl::StatusOr<std::vector<std::string>> {
         auto id = r.Id("fulfillment");
         ALLOT_READ_DONE(r);
         return e.CancelFulfillment(a, *id);
       }},
      {"update_tracking",
       [](Engine& e, const Actor& a, Reader& r) -> absl::StatusOr<std::vector<std::string>> {
         auto id = r.Id("fulfillment");
         auto tracking = r.TrackingField(Need::kRequired);
         ALLOT_READ_DONE(r);
         return NoIds(e.UpdateTracking(a, *id, *tracking));
       }},
      {"fulfillment_event",
       [](Engine& e, const Actor& a, Reader& r) -> absl::StatusOr<std::vector<std::string>> {
         auto id = r.Id("fulfillment");
         auto status = r.Enum<ShipmentStatus>("status", Need::kRequired, &ParseShipmentStatus,
                                              "shipment status");
         auto at = r.Time("happened_at", Need::kOptional);
         auto message = r.Text("message");
         ALLOT_READ_DONE(r);
         return NoIds(e.AddFulfillmentEvent(a, *id, *status, at, std::move(message)));
       }},
      {"hold",
       [](Engine& e, const Actor& a, Reader& r) -> absl::StatusOr<std::vector<std::string>> {
         auto fo = r.Id("fulfillment_order");
         HoldArgs args;
         auto reason =
             r.Enum<HoldReason>("reason", Need::kRequired, &ParseHoldReason, "hold reason");
         args.notes = r.Text("notes");
         args.handle = r.Id("handle", Need::kOptional);
         args.lines = r.Lines();
         ALLOT_READ_DONE(r);
         args.reason = *reason;
         return e.Hold(a, *fo, args);
       }},
      {"release_hold",
       [](Engine& e, const Actor& a, Reader& r) -> absl::StatusOr<std::vector<std::string>> {
         auto fo = r.Id("fulfillment_order");
         auto handles = r.IdList("handles", Need::kOptional);
         ALLOT_READ_DONE(r);
         return NoIds(e.ReleaseHold(a, *fo, handles));
       }},
      {"move",
       [](Engine& e, const Actor& a, Reader& r) -> absl::StatusOr<std::vector<std::string>> {
         auto fo = r.Id("fulfillment_order");
         auto location = r.Id("location");
         auto lines = r.Lines();
         ALLOT_READ_DONE(r);
         return e.Move(a, *fo, *location, lines);
       }},
      {"split",
       [](Engine& e, const Actor& a, Reader& r) -> absl::StatusOr<std::vector<std::string>> {
         auto fo = r.Id("fulfillment_order");
         auto lines = r.Lines(Need::kRequired);
         ALLOT_READ_DONE(r);
         return e.Split(a, *fo, lines);
       }},
      {"merge",
       [](Engine& e, const Actor& a, Reader& r) -> absl::StatusOr<std::vector<std::string>> {
         auto fos = r.IdList("fulfillment_orders", Need::kRequired);
         ALLOT_READ_DONE(r);
         return e.Merge(a, fos);
       }},
      {"open",
       [](Engine& e, const Actor& a, Reader& r) -> absl::StatusOr<std::vector<std::string>> {
         auto fo = r.Id("fulfillment_order");
         ALLOT_READ_DONE(r);
         return NoIds(e.Open(a, *fo));
       }},
      {"reschedule",
       [](Engine& e, const Actor& a, Reader& r) -> absl::StatusOr<std::vector<std::string>> {
         auto fo = r.Id("fulfillment_order");
         auto at = r.Time("fulfill_at", Need::kRequired);
         ALLOT_READ_DONE(r);
         return NoIds(e.Reschedule(a, *fo, *at));
       }},
      {"advance_clock",
       [](Engine& e, const Actor& a, Reader& r) -> absl::StatusOr<std::vector<std::string>> {
         auto to = r.Time("to", Need::kRequired);
         ALLOT_READ_DONE(r);
         return NoIds(e.AdvanceClock(a, *to));
       }},
      {"submit_fulfillment_request",
       [](Engine& e, const Actor& a, Reader& r) -> absl::StatusOr<std::vector<std::string>> {
         auto fo = r.Id("fulfillment_order");
         auto lines = r.Lines();
         auto message = r.Text("message");
         const bool notify = r.Flag("notify_customer");
         ALLOT_READ_DONE(r);
         return e.SubmitFulfillmentRequest(a, *fo, lines, std::move(message), notify);
       }},
      {"accept_fulfillment_request",
       [](Engine& e, const Actor& a, Reader& r) -> absl::StatusOr<std::vector<std::string>> {
         auto fo = r.Id("fulfillment_order");
         auto message = r.Text("message");
         ALLOT_READ_DONE(r);
         return NoIds(e.AcceptFulfillmentRequest(a, *fo, std::move(message)));
       }},
      {"reject_fulfillment_request",
       [](Engine& e, const Actor& a, Reader& r) -> absl::StatusOr<std::vector<std::string>> {
         auto fo = r.Id("fulfillment_order");
         auto reason = r.Enum<RejectionReason>("reason", Need::kOptional, &ParseRejectionReason,
                                               "rejection reason");
         auto message = r.Text("message");
         ALLOT_READ_DONE(r);
         return NoIds(e.RejectFulfillmentRequest(a, *fo, reason, std::move(message)));
       }},
      {"submit_cancellation_request",
       [](Engine& e, const Actor& a, Reader& r) -> absl::StatusOr<std::vector<std::string>> {
         auto fo = r.Id("fulfillment_order");
         auto message = r.Text("message");
         ALLOT_READ_DONE(r);
         return NoIds(e.SubmitCancellationRequest(a, *fo, std::move(message)));
       }},
      {"accept_cancellation_request",
       [](Engine& e, const Actor& a, Reader& r) -> absl::StatusOr<std::vector<std::string>> {
         auto fo = r.Id("fulfillment_order");
         auto message = r.Text("message");
         ALLOT_READ_DONE(r);
         return NoIds(e.AcceptCancellationRequest(a, *fo, std::move(message)));
       }},
      {"reject_cancellation_request",
       [](Engine& e, const Actor& a, Reader& r) -> absl::StatusOr<std::vector<std::string>> {
         auto fo = r.Id("fulfillment_order");
         auto message = r.Text("message");
         ALLOT_READ_DONE(r);
         return NoIds(e.RejectCancellationRequest(a, *fo, std::move(message)));
       }},
      {"cancel",
       [](Engine& e, const Actor& a, Reader& r) -> absl::StatusOr<std::vector<std::string>> {
         auto fo = r.Id("fulfillment_order");
         ALLOT_READ_DONE(r);
         return e.Cancel(a, *fo);
       }},
      {"close",
       [](Engine& e, const Actor& a, Reader& r) -> absl::StatusOr<std::vector<std::string>> {
         auto fo = r.Id("fulfillment_order");
         auto message = r.Text("message");
         ALLOT_READ_DONE(r);
         return NoIds(e.Close(a, *fo, std::move(message)));
       }},
      {"cancel_order",
       [](Engine& e, const Actor& a, Reader& r) -> absl::StatusOr<std::vector<std::string>> {
         auto order = r.Id("order");
         auto reason =
             r.Enum<CancelReason>("reason", Need::kOptional, &ParseCancelReason, "cancel reason");
         ALLOT_READ_DONE(r);
         return NoIds(e.CancelOrder(a, *order, reason));
       }},
      {"receive",
       [](Engine& e, const Actor& a, Reader& r) -> absl::StatusOr<std::vector<std::string>> {
         auto location = r.Id("location");
         auto sku = r.Id("sku");
         auto q = GetInteger(r.obj, "quantity", r.At("quantity"), Need::kRequired, 1,
                             kMaxJsonInteger, r.problems);
         ALLOT_READ_DONE(r);
         return NoIds(e.Receive(a, *location, *sku, *q));
       }},
      {"adjust",
       [](Engine& e, const Actor& a, Reader& r) -> absl::StatusOr<std::vector<std::string>> {
         auto location = r.Id("location");
         auto sku = r.Id("sku");
         auto d = GetInteger(r.obj, "delta", r.At("delta"), Need::kRequired, -kMaxJsonInteger,
                             kMaxJsonInteger, r.problems);
         ALLOT_READ_DONE(r);
         return NoIds(e.Adjust(a, *location, *sku, *d));
       }},
      {"set_safety_stock",
       [](Engine& e, const Actor& a, Reader& r) -> absl::StatusOr<std::vector<std::string>> {
         auto location = r.Id("location");
         auto sku = r.Id("sku");
         auto q = GetInteger(r.obj, "quantity", r.At("quantity"), Need::kRequired, 0,
                             kMaxJsonInteger, r.problems);
         ALLOT_READ_DONE(r);
         return NoIds(e.SetSafetyStock(a, *location, *sku, *q));
       }},
      {"set_location",
       [](Engine& e, const Actor& a, Reader& r) -> absl::StatusOr<std::vector<std::string>> {
         auto location = r.Id("location");
         auto active = GetBool(r.obj, "active", r.At("active"), Need::kOptional, r.problems);
         auto ships = GetBool(r.obj, "ships", r.At("ships"), Need::kOptional, r.problems);
         ALLOT_READ_DONE(r);
         return NoIds(e.SetLocation(a, *location, active, ships));
       }},
  };
  return *ops;
}

#undef ALLOT_READ_DONE

}  // namespace

CommandOutcome ApplyCommand(Engine& engine, element command, std::string_view path) {
  CommandOutcome outcome;
  Reader r;
  r.path = std::string(path);
  std::optional<object> obj = io_internal::AsObject(command, r.path, r.problems);
  if (!obj) {
    outcome.status = r.problems.FirstToStatus();
    return outcome;
  }
  r.obj = *obj;
  auto op = GetString(r.obj, "op", r.At("op"), Need::kRequired, true, kMaxString, r.problems);
  if (!op) {
    outcome.status = r.problems.FirstToStatus();
    return outcome;
  }
  outcome.op = std::string(*op);
  auto it = Ops().find(ToAbsl(*op));
  if (it == Ops().end()) {
    outcome.status =
        absl::InvalidArgumentError(absl::StrCat(r.At("op"), ": unknown op \"", ToAbsl(*op), "\""));
    return outcome;
  }
  Actor actor;
  if (auto a = GetString(r.obj, "actor", r.At("actor"), Need::kOptional, false, kMaxString,
                         r.problems)) {
    absl::StatusOr<Actor> parsed = Actor::Parse(*a);
    if (!parsed.ok()) {
      r.problems.Add(r.At("actor"), absl::StrCat("must be \"merchant\" or \"service:<location "
                                                 "id>\", got \"",
                                                 ToAbsl(*a), "\""));
    } else {
      actor = *std::move(parsed);
    }
  }
  absl::StatusOr<std::vector<std::string>> result = it->second(engine, actor, r);
  if (!r.problems.empty() && result.ok()) result = r.problems.FirstToStatus();
  if (result.ok()) {
    outcome.created = *std::move(result);
  } else {
    outcome.status = result.status();
  }
  return outcome;
}

std::string_view StatusCodeName(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kInvalidArgument:
      return "INVALID_ARGUMENT";
    case absl::StatusCode::kNotFound:
      return "NOT_FOUND";
    case absl::StatusCode::kAlreadyExists:
      return "ALREADY_EXISTS";
    case absl::StatusCode::kFailedPrecondition:
      return "FAILED_PRECONDITION";
    case absl::StatusCode::kPermissionDenied:
      return "PERMISSION_DENIED";
    case absl::StatusCode::kOk:
      return "OK";
    default:
      return "INTERNAL";
  }
}

void AppendResultJson(size_t index, const CommandOutcome& outcome, std::string* out) {
  using io_internal::AppendJsonInt;
  using io_internal::AppendJsonString;
  out->append("{\"index\":");
  AppendJsonInt(out, static_cast<int64_t>(index));
  out->append(",\"op\":");
  if (outcome.op) {
    AppendJsonString(out, *outcome.op);
  } else {
    out->append("null");
  }
  if (outcome.status.ok()) {
    out->append(",\"ok\":true,\"created\":[");
    for (size_t i = 0; i < outcome.created.size(); ++i) {
      if (i > 0) out->push_back(',');
      AppendJsonString(out, outcome.created[i]);
    }
    out->append("]}");
  } else {
    out->append(",\"ok\":false,\"error\":{\"code\":");
    AppendJsonString(out, StatusCodeName(outcome.status.code()));
    out->append(",\"message\":");
    const absl::string_view m = outcome.status.message();
    AppendJsonString(out, std::string_view(m.data(), m.size()));
    out->append("}}");
  }
}

}  // namespace allot::lifecycle_internal
