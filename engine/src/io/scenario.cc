#include "allot/scenario.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "io/json_reader.h"
#include "io/scenario_fields.h"

namespace allot {

using io_internal::dom::array;
using io_internal::dom::element;
using io_internal::dom::object;
using io_internal::FieldPath;
using io_internal::GetArray;
using io_internal::GetField;
using io_internal::GetInteger;
using io_internal::GetString;
using io_internal::IndexPath;
using io_internal::kMaxJsonInteger;
using io_internal::Need;
using io_internal::Problems;

namespace {

absl::string_view Absl(std::string_view s) { return {s.data(), s.size()}; }

void ReadLocations(object root, const ScenarioLimits& limits, Scenario& scenario,
                   Problems& problems) {
  std::optional<array> locations = GetArray(root, "locations", "locations", Need::kRequired, problems);
  if (!locations) return;
  if (locations->size() == 0) problems.Add("locations", "must not be empty");
  if (locations->size() > limits.max_locations) {
    problems.Add("locations", absl::StrCat("must have at most ", limits.max_locations,
                                           " locations, got ", locations->size()));
    return;
  }
  absl::flat_hash_set<std::string> seen;
  size_t i = 0;
  for (element value : *locations) {
    const std::string path = IndexPath("locations", i++);
    if (auto l = io_internal::ReadLocation(value, path, limits, problems)) {
      if (!seen.insert(l->id).second) {
        problems.Add(FieldPath(path, "id"), absl::StrCat("duplicate location id \"", l->id, "\""));
      }
      scenario.locations.push_back(std::move(*l));
    }
  }
}

void ReadInventory(object root, const ScenarioLimits& limits, Scenario& scenario,
                   Problems& problems) {
  std::optional<array> rows = GetArray(root, "inventory", "inventory", Need::kOptional, problems);
  if (!rows) return;
  absl::flat_hash_set<std::string> locations;
  for (const Location& l : scenario.locations) locations.insert(l.id);
  absl::flat_hash_set<std::pair<std::string, std::string>> seen;
  scenario.inventory.reserve(rows->size());
  size_t i = 0;
  for (element value : *rows) {
    const std::string path = IndexPath("inventory", i++);
    std::optional<object> row = io_internal::AsObject(value, path, problems);
    if (!row) continue;
    const size_t before = problems.count();
    InventoryRecord r;
    const std::string loc_path = FieldPath(path, "location");
    if (auto s = GetString(*row, "location", loc_path, Need::kRequired, true,
                           limits.max_string_bytes, problems)) {
      r.location = *s;
      if (!locations.contains(r.location)) {
        problems.Add(loc_path, absl::StrCat("unknown location \"", r.location, "\""));
      }
    }
    if (auto s = GetString(*row, "sku", FieldPath(path, "sku"), Need::kRequired, true,
                           limits.max_string_bytes, problems)) {
      r.sku = *s;
    }
    if (auto v = GetInteger(*row, "on_hand", FieldPath(path, "on_hand"), Need::kRequired, 0,
                            kMaxJsonInteger, problems)) {
      r.level.on_hand = static_cast<int32_t>(*v);
    }
    if (auto v = GetInteger(*row, "reserved", FieldPath(path, "reserved"), Need::kOptional, 0,
                            kMaxJsonInteger, problems)) {
      r.level.reserved = static_cast<int32_t>(*v);
    }
    if (auto v = GetInteger(*row, "safety_stock", FieldPath(path, "safety_stock"),
                            Need::kOptional, 0, kMaxJsonInteger, problems)) {
      r.level.safety_stock = static_cast<int32_t>(*v);
    }
    if (problems.count() != before) continue;
    if (!seen.insert({r.location, r.sku}).second) {
      problems.Add(path, absl::StrCat("duplicate inventory for location \"", r.location,
                                      "\" and sku \"", r.sku, "\""));
      continue;
    }
    scenario.inventory.push_back(std::move(r));
  }
}

void ReadOrders(object root, bool require_orders, const ScenarioLimits& limits,
                Scenario& scenario, Problems& problems) {
  std::optional<array> orders = GetArray(root, "orders", "orders",
                                         require_orders ? Need::kRequired : Need::kOptional, problems);
  if (!orders) return;
  absl::flat_hash_set<std::string> seen;
  scenario.orders.reserve(orders->size());
  size_t i = 0;
  for (element value : *orders) {
    const std::string path = IndexPath("orders", i++);
    if (auto o = io_internal::ReadOrder(value, path, limits, problems)) {
      if (!seen.insert(o->id).second) {
        problems.Add(FieldPath(path, "id"), absl::StrCat("duplicate order id \"", o->id, "\""));
        continue;
      }
      scenario.orders.push_back(std::move(*o));
    }
  }
}

}  // namespace

absl::StatusOr<Scenario> ParseScenario(std::string_view json, bool require_orders,
                                       const ScenarioLimits& limits) {
  Problems problems(limits.max_problems_reported);
  if (json.size() > limits.max_file_bytes) {
    return absl::InvalidArgumentError(absl::StrCat("(document): larger than the limit of ",
                                                   limits.max_file_bytes, " bytes"));
  }
  auto parser = std::make_unique<io_internal::dom::parser>();
  std::optional<element> root = io_internal::ParseDocument(*parser, json, limits.max_depth, problems);
  if (!root) return problems.ToStatus();
  std::optional<object> top = io_internal::AsObject(*root, "(document)", problems);
  if (!top) return problems.ToStatus();

  Scenario scenario;
  ReadLocations(*top, limits, scenario, problems);
  ReadInventory(*top, limits, scenario, problems);
  if (std::optional<element> policy = GetField(*top, "policy")) {
    if (auto p = io_internal::ReadPolicy(*policy, "policy", problems)) scenario.policy = *p;
  }
  ReadOrders(*top, require_orders, limits, scenario, problems);
  if (!problems.empty()) return problems.ToStatus();
  return scenario;
}

absl::StatusOr<std::string> ReadFile(const std::string& path, const ScenarioLimits& limits) {
  std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) {
    const int e = errno;
    const std::string msg = absl::StrCat(path, ": cannot open: ", std::strerror(e));
    if (e == ENOENT) return absl::NotFoundError(msg);
    if (e == EACCES) return absl::PermissionDeniedError(msg);
    return absl::InvalidArgumentError(msg);
  }
  std::string data;
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof(buf), f.get())) > 0) {
    data.append(buf, n);
    if (data.size() > limits.max_file_bytes) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ": larger than the limit of ", limits.max_file_bytes, " bytes"));
    }
  }
  if (std::ferror(f.get())) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": cannot read (is it a directory?)"));
  }
  return data;
}

absl::StatusOr<Model> BuildModel(Scenario& scenario) {
  absl::StatusOr<Network> network = Network::Create(scenario.locations);
  if (!network.ok()) return network.status();
  Inventory::Builder builder;
  for (const InventoryRecord& r : scenario.inventory) {
    std::optional<LocationId> loc = network->Find(r.location);
    if (!loc) {
      return absl::InvalidArgumentError(absl::StrCat("inventory: unknown location \"", r.location, "\""));
    }
    builder.Add(*loc, r.sku, r.level);
  }
  Model model{*std::move(network), std::move(builder).Build()};
  for (Order& order : scenario.orders) ResolveSkus(model.inventory, order);
  return model;
}

}  // namespace allot
