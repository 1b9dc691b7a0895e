// allot.Scenario (scenario files, docs/formats.md), the generator, bulk
// inventory loads from NumPy arrays, and allot.route_file, which gives the
// JSON of `allot route`.
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "allot/generator.h"
#include "allot/route_report.h"
#include "allot/routing.h"
#include "allot/scenario.h"
#include "bindings.h"
#include "pybind11/numpy.h"
#include "pybind11/stl.h"

namespace allot::python {
namespace {

// The JSON `allot route` prints for a scenario document (the CLI's loop).
absl::StatusOr<std::string> RouteJson(std::string text) {
  absl::StatusOr<Scenario> scenario = ParseScenario(text, /*require_orders=*/true);
  if (!scenario.ok()) return scenario.status();
  text.clear();
  absl::StatusOr<Model> model = BuildModel(*scenario);
  if (!model.ok()) return model.status();
  Router router(&model->network, &model->inventory);
  RouteResult result;
  std::string out;
  RouteReportWriter report(&out);
  const std::vector<Order>& orders = scenario->orders;
  for (size_t i = 0; i < orders.size(); ++i) {
    // The next orders' rows are asked for early, as the CLI does.
    router.Prefetch(orders, i, scenario->policy);
    if (absl::Status s = router.Route(orders[i], scenario->policy, &result); !s.ok()) return s;
    report.AddOrder(model->network, orders[i], result);
  }
  report.Finish();
  return out;
}

// A column of quantities: None (zeros) or an integer array of length n.
std::vector<int64_t> Quantities(py::handle values, size_t n, const char* name) {
  std::vector<int64_t> out(n, 0);
  if (values.is_none()) return out;
  auto a = py::array_t<int64_t, py::array::c_style | py::array::forcecast>::ensure(values);
  if (!a || a.ndim() != 1 || static_cast<size_t>(a.shape(0)) != n) {
    ThrowIfError(absl::InvalidArgumentError(
        absl::StrCat(name, ": must be a 1-D integer array of length ", n)));
  }
  auto v = a.unchecked<1>();
  for (size_t i = 0; i < n; ++i) out[i] = v(i);
  return out;
}

// A column of names: a sequence of str, or integer indices into `table`.
std::vector<std::string> Names(py::handle values, const std::vector<std::string>* table,
                               const char* name) {
  std::vector<std::string> out;
  if (py::isinstance<py::array>(values) &&
      py::array(py::reinterpret_borrow<py::array>(values)).dtype().kind() == 'i') {
    if (!table) {
      ThrowIfError(absl::InvalidArgumentError(
          absl::StrCat(name, ": integer indices need a table of names")));
    }
    auto a = py::array_t<int64_t, py::array::c_style | py::array::forcecast>::ensure(values);
    auto v = a.unchecked<1>();
    for (py::ssize_t i = 0; i < v.shape(0); ++i) {
      if (v(i) < 0 || static_cast<size_t>(v(i)) >= table->size()) {
        ThrowIfError(absl::InvalidArgumentError(
            absl::StrCat(name, "[", i, "]: index ", v(i), " out of range")));
      }
      out.push_back((*table)[v(i)]);
    }
    return out;
  }
  for (py::handle h : values) out.push_back(py::str(h).cast<std::string>());
  return out;
}

}  // namespace

void BindIo(py::module_& m) {
  py::class_<Scenario>(m, "Scenario", R"doc(
A scenario (docs/formats.md): locations, inventory, a routing policy and
orders. Build one with Scenario.load(path), Scenario.from_json(text),
Scenario.from_dict(d) or allot.generate_scenario(...); add stock in bulk
with add_inventory(...) from NumPy arrays. Not thread-safe.
)doc")
      .def(py::init<>(), "An empty scenario (no locations yet).")
      .def_static(
          "load",
          [](const std::string& path) {
            std::string text = ValueOrThrow(ReadFile(path));
            return ValueOrThrow(ParseScenario(text));
          },
          py::arg("path"),
          "Reads and validates a scenario file. Raises NotFoundError / PermissionDeniedError "
          "when it cannot be read, InvalidArgumentError listing every problem otherwise.")
      .def_static(
          "from_json", [](const std::string& text) { return ValueOrThrow(ParseScenario(text)); },
          py::arg("text"), "Parses a scenario document; InvalidArgumentError when malformed.")
      .def("to_json", &ScenarioToJson, "The scenario as a JSON document (the file format).")
      .def_property_readonly(
          "num_orders", [](const Scenario& s) { return s.orders.size(); }, "Number of orders.")
      .def_property_readonly(
          "num_inventory_records", [](const Scenario& s) { return s.inventory.size(); },
          "Number of inventory records.")
      .def_property_readonly(
          "location_ids",
          [](const Scenario& s) {
            std::vector<std::string> ids;
            for (const Location& l : s.locations) ids.push_back(l.id);
            return ids;
          },
          "Location ids in file order.")
      .def_property(
          "policy", [](const Scenario& s) { return PolicyToPython(s.policy); },
          [](Scenario& s, py::handle policy) {
            s.policy = ValueOrThrow(PolicyFromPython(policy, RoutingPolicy{}));
          },
          "The scenario's routing policy as a dict; set it with a name, a dict or a Policy.")
      .def(
          "add_orders",
          [](Scenario& s, py::iterable orders) {
            std::vector<Order> os;
            for (py::handle o : orders) os.push_back(ValueOrThrow(OrderFromPython(o)));
            for (Order& o : os) s.orders.push_back(std::move(o));
          },
          py::arg("orders"),
          "Appends orders (allot.Order or dicts). Ids are checked when the scenario is used.")
      .def(
          "clear_inventory", [](Scenario& s) { s.inventory.clear(); },
          "Removes every inventory record.")
      .def(
          "add_inventory",
          [](Scenario& s, py::handle locations, py::handle skus, py::handle on_hand,
             py::handle reserved, py::handle safety_stock, py::handle sku_names) {
            std::vector<std::string> location_ids;
            for (const Location& l : s.locations) location_ids.push_back(l.id);
            std::vector<std::string> sku_table;
            if (!sku_names.is_none()) sku_table = Names(sku_names, nullptr, "sku_names");
            std::vector<std::string> ls = Names(locations, &location_ids, "locations");
            std::vector<std::string> ss =
                Names(skus, sku_names.is_none() ? nullptr : &sku_table, "skus");
            if (ls.size() != ss.size()) {
              ThrowIfError(absl::InvalidArgumentError(absl::StrCat(
                  "locations and skus differ in length: ", ls.size(), " and ", ss.size())));
            }
            const size_t n = ls.size();
            std::vector<int64_t> oh = Quantities(on_hand, n, "on_hand");
            std::vector<int64_t> rs = Quantities(reserved, n, "reserved");
            std::vector<int64_t> ssk = Quantities(safety_stock, n, "safety_stock");
            for (size_t i = 0; i < n; ++i) {
              for (int64_t q : {oh[i], rs[i], ssk[i]}) {
                if (q < 0 || q > kMaxQuantity) {
                  ThrowIfError(absl::InvalidArgumentError(
                      absl::StrCat("inventory row ", i, ": quantities must be in [0, ",
                                   kMaxQuantity, "], got ", q)));
                }
              }
            }
            s.inventory.reserve(s.inventory.size() + n);
            for (size_t i = 0; i < n; ++i) {
              InventoryRecord r{std::move(ls[i]), std::move(ss[i]), {}};
              r.level.on_hand = static_cast<int32_t>(oh[i]);
              r.level.reserved = static_cast<int32_t>(rs[i]);
              r.level.safety_stock = static_cast<int32_t>(ssk[i]);
              s.inventory.push_back(std::move(r));
            }
            return n;
          },
          py::arg("locations"), py::arg("skus"), py::arg("on_hand"),
          py::arg("reserved") = py::none(), py::arg("safety_stock") = py::none(),
          py::arg("sku_names") = py::none(), R"doc(
Appends stock levels in bulk, one per row. `locations`: location ids, or a
NumPy integer array of indices into location_ids. `skus`: SKU names, or a
NumPy integer array of indices into `sku_names`. `on_hand`, `reserved`,
`safety_stock`: integer arrays (None: zeros). Returns the number of rows.
Unknown locations and duplicate (location, sku) pairs are reported when the
scenario is used (Router, Engine). Raises InvalidArgumentError for arrays of
the wrong shape or quantities outside [0, 2e9].)doc");

  m.def(
      "generate_scenario",
      [](int32_t locations, int32_t skus, int64_t orders, int32_t lines, uint64_t seed,
         double stock_density, py::handle policy) {
        GeneratorOptions o;
        o.locations = locations;
        o.skus = skus;
        o.orders = orders;
        o.lines = lines;
        o.seed = seed;
        o.stock_density = stock_density;
        o.policy = ValueOrThrow(PolicyFromPython(policy, RoutingPolicy{}));
        py::gil_scoped_release release;
        absl::StatusOr<Scenario> s = GenerateScenario(o);
        py::gil_scoped_acquire acquire;
        return ValueOrThrow(std::move(s));
      },
      py::arg("locations") = 50, py::arg("skus") = 10'000, py::arg("orders") = 1'000,
      py::arg("lines") = 3, py::arg("seed") = 1, py::arg("stock_density") = 0.3,
      py::arg("policy") = py::none(),
      "A synthetic Scenario on real geography, as `allot generate` makes it (same options, "
      "same seed: same scenario). Raises InvalidArgumentError for an option out of range.");

  m.def(
      "_route_json",
      [](std::string text) {
        py::gil_scoped_release release;
        absl::StatusOr<std::string> out = RouteJson(std::move(text));
        py::gil_scoped_acquire acquire;
        return ValueOrThrow(std::move(out));
      },
      py::arg("text"),
      "Routes a scenario document as `allot route` does; returns the same JSON text.");
  m.def(
      "_route_path",
      [](const std::string& path) {
        py::gil_scoped_release release;
        absl::StatusOr<std::string> text = ReadFile(path);
        absl::StatusOr<std::string> out = text.ok() ? RouteJson(*std::move(text)) : text.status();
        py::gil_scoped_acquire acquire;
        return ValueOrThrow(std::move(out));
      },
      py::arg("path"),
      "Reads and routes a scenario file as `allot route PATH` does; returns the JSON text.");
}

}  // namespace allot::python
