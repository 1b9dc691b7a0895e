// allot.Router: routing against a network and an inventory, for what-if
// analysis and services that keep their own order state (docs/python.md).
// Also the conversions of policies and orders shared by the other bindings.
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "allot/routing.h"
#include "allot/scenario.h"
#include "bindings.h"
#include "io/json_reader.h"
#include "io/scenario_fields.h"
#include "pybind11/stl.h"

namespace allot::python {
namespace {

// A Router with the model it routes against. Calls are serialized by `mu`
// and run without the GIL, so Python threads may share one Router (they then
// take turns) or route on separate Routers in parallel.
struct PyRouter {
  explicit PyRouter(Model m, RoutingPolicy p)
      : model(std::move(m)), policy(std::move(p)), router(&model.network, &model.inventory) {}
  Model model;
  RoutingPolicy policy;
  Router router;
  std::mutex mu;
};

py::object TypesClass(const char* name) { return py::module_::import("allot.types").attr(name); }

py::object ResultToPython(const Network& network, const Order& order, const RouteResult& r) {
  static py::object* shipment_cls = new py::object(TypesClass("Shipment"));
  static py::object* line_cls = new py::object(TypesClass("RoutedLine"));
  static py::object* result_cls = new py::object(TypesClass("RouteResult"));
  const auto lines = [&](const std::vector<RoutedLine>& ls) {
    py::list out;
    for (const RoutedLine& l : ls) {
      out.append((*line_cls)(l.line, order.lines[l.line].sku, l.quantity));
    }
    return out;
  };
  py::list shipments;
  for (const RoutedShipment& s : r.shipments) {
    shipments.append((*shipment_cls)(network.location(s.location).id, s.distance_km, s.cost,
                                     s.units, lines(s.lines)));
  }
  return (*result_cls)(order.id, shipments, lines(r.unfulfilled), r.cost, r.units_requested,
                       r.units_allocated, r.search_nodes);
}

// Reads a Python dict through its JSON text with the scenario reader's
// `read`, so that dicts get the same checks and messages as files.
template <typename T, typename Read>
absl::StatusOr<T> ReadAsJson(py::handle value, Read read) {
  const std::string json = JsonDumps(value);
  io_internal::dom::parser parser;
  io_internal::Problems problems;
  std::optional<io_internal::dom::element> e =
      io_internal::ParseDocument(parser, json, 16, problems);
  std::optional<T> result;
  if (e) result = read(*e, problems);
  if (!problems.empty() || !result) return problems.ToStatus();
  return *std::move(result);
}

}  // namespace

absl::StatusOr<RoutingPolicy> PolicyFromPython(py::handle policy, const RoutingPolicy& fallback) {
  if (policy.is_none()) return fallback;
  if (py::hasattr(policy, "to_dict")) return PolicyFromPython(policy.attr("to_dict")(), fallback);
  if (py::isinstance<py::str>(policy)) {
    const std::string name = policy.cast<std::string>();
    std::optional<PolicyKind> kind = ParsePolicyKind(name);
    if (!kind) {
      return absl::InvalidArgumentError(
          absl::StrCat("policy: unknown policy \"", name,
                       "\"; want priority, nearest, min_shipments, min_cost or rules"));
    }
    if (*kind == PolicyKind::kRules) {
      return absl::InvalidArgumentError(
          "policy: rules needs its list: {\"name\": \"rules\", \"rules\": [...]}");
    }
    RoutingPolicy p;
    p.kind = *kind;
    return p;
  }
  if (!py::isinstance<py::dict>(policy)) {
    return absl::InvalidArgumentError("policy: must be None, a policy name or a dict");
  }
  return ReadAsJson<RoutingPolicy>(
      policy, [](const io_internal::dom::element& e, io_internal::Problems& problems) {
        return io_internal::ReadPolicy(e, "policy", problems);
      });
}

py::dict PolicyToPython(const RoutingPolicy& p) {
  py::dict d;
  d["name"] = std::string(PolicyKindName(p.kind));
  if (p.kind == PolicyKind::kRules) {
    py::list rules;
    for (Rule r : p.rules) rules.append(std::string(RuleName(r)));
    d["rules"] = rules;
  }
  if (p.max_shipments) d["max_shipments"] = *p.max_shipments;
  d["same_country_only"] = p.same_country_only;
  return d;
}

absl::StatusOr<Order> OrderFromPython(py::handle order) {
  if (py::hasattr(order, "to_dict")) return OrderFromPython(order.attr("to_dict")());
  if (!py::isinstance<py::dict>(order)) {
    return absl::InvalidArgumentError("order: must be a dict or an allot.Order");
  }
  return ReadAsJson<Order>(order,
                           [](const io_internal::dom::element& e, io_internal::Problems& problems) {
                             return io_internal::ReadOrder(e, "order", ScenarioLimits{}, problems);
                           });
}

void BindRouting(py::module_& m) {
  py::class_<PyRouter>(m, "Router", R"doc(
Routes orders against a network and an inventory, reserving the stock each
order takes, so that orders routed one after another see what the earlier
ones left (allot::Router). Deterministic. Thread-safe: calls are serialized
and run without the GIL; use one Router per thread to route in parallel.
)doc")
      .def(py::init([](Scenario& scenario) {
             Scenario copy = scenario;
             copy.orders.clear();
             Model model = ValueOrThrow(BuildModel(copy));
             return std::make_unique<PyRouter>(std::move(model), copy.policy);
           }),
           py::arg("scenario"),
           "A router over the scenario's locations and inventory (a copy: later changes to the "
           "scenario do not reach it), with its policy as the default. Raises "
           "InvalidArgumentError when the model cannot be built.")
      .def(
          "route",
          [](PyRouter& self, py::handle order, py::handle policy) {
            Order o = ValueOrThrow(OrderFromPython(order));
            RoutingPolicy p = ValueOrThrow(PolicyFromPython(policy, self.policy));
            RouteResult result;
            absl::Status status;
            {
              py::gil_scoped_release release;
              std::lock_guard<std::mutex> lock(self.mu);
              ResolveSkus(self.model.inventory, o);
              status = self.router.Route(o, p, &result);
            }
            ThrowIfError(status);
            return ResultToPython(self.model.network, o, result);
          },
          py::arg("order"), py::arg("policy") = py::none(),
          "Routes one order (an allot.Order or a dict as in scenario files) with `policy` (None: "
          "the default; a name; a dict or allot.Policy) and reserves what it places. Returns a "
          "RouteResult; an order placed in part is a result, not an error. Raises "
          "InvalidArgumentError for a malformed order or policy. Releases the GIL while routing.")
      .def(
          "route_many",
          [](PyRouter& self, py::iterable orders, py::handle policy) {
            RoutingPolicy p = ValueOrThrow(PolicyFromPython(policy, self.policy));
            std::vector<Order> os;
            for (py::handle o : orders) os.push_back(ValueOrThrow(OrderFromPython(o)));
            std::vector<RouteResult> results(os.size());
            absl::Status status;
            {
              py::gil_scoped_release release;
              std::lock_guard<std::mutex> lock(self.mu);
              for (Order& o : os) ResolveSkus(self.model.inventory, o);
              for (size_t i = 0; i < os.size() && status.ok(); ++i) {
                // The next orders' rows are asked for early (Router::Prefetch).
                self.router.Prefetch(os, i, p);
                status = self.router.Route(os[i], p, &results[i]);
              }
            }
            ThrowIfError(status);
            py::list out;
            for (size_t i = 0; i < os.size(); ++i) {
              out.append(ResultToPython(self.model.network, os[i], results[i]));
            }
            return out;
          },
          py::arg("orders"), py::arg("policy") = py::none(),
          "Routes orders one after another with one policy, the whole batch without the GIL; "
          "returns their RouteResults in order. Raises InvalidArgumentError, routing nothing, "
          "when any order is malformed.")
      .def(
          "stock",
          [](PyRouter& self, const std::string& location, const std::string& sku) -> py::object {
            std::lock_guard<std::mutex> lock(self.mu);
            std::optional<LocationId> l = self.model.network.Find(location);
            if (!l) ThrowIfError(absl::NotFoundError("location " + location + " does not exist"));
            std::optional<SkuId> s = self.model.inventory.FindSku(sku);
            const StockLevel* level = s ? self.model.inventory.Find(*l, *s) : nullptr;
            if (!level) return py::none();
            return TypesClass("StockLevel")(location, sku, level->on_hand, level->reserved,
                                            level->safety_stock, level->available());
          },
          py::arg("location"), py::arg("sku"),
          "The StockLevel of (location, sku), or None when there is none. Raises "
          "NotFoundError for an unknown location.")
      .def(
          "inventory",
          [](PyRouter& self) {
            std::lock_guard<std::mutex> lock(self.mu);
            py::list out;
            py::object cls = TypesClass("StockLevel");
            self.model.inventory.ForEach([&](LocationId l, SkuId s, const StockLevel& level) {
              out.append(cls(self.model.network.location(l).id, self.model.inventory.sku_name(s),
                             level.on_hand, level.reserved, level.safety_stock, level.available()));
            });
            return out;
          },
          "Every stock level as a StockLevel, by SKU then location.")
      .def_property_readonly(
          "locations",
          [](PyRouter& self) {
            py::list out;
            for (const Location& l : self.model.network.locations()) out.append(l.id);
            return out;
          },
          "Location ids in the network's order: ascending (rank, id).")
      .def_property_readonly(
          "policy", [](PyRouter& self) { return PolicyToPython(self.policy); },
          "The default policy (the scenario's), as a dict.");
}

}  // namespace allot::python
