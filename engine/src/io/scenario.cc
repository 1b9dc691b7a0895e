#include "allot/scenario.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "common/strings.h"
#include "io/json_reader.h"
#include "io/scenario_fields.h"
#include "simdjson.h"

namespace allot {

using io_internal::FieldPath;
using io_internal::GetArray;
using io_internal::GetField;
using io_internal::GetInteger;
using io_internal::GetString;
using io_internal::IndexPath;
using io_internal::kMaxJsonInteger;
using io_internal::LazyPath;
using io_internal::Need;
using io_internal::Problems;
using io_internal::dom::array;
using io_internal::dom::element;
using io_internal::dom::object;

namespace {

void ReadLocations(object root, const ScenarioLimits& limits, Scenario& scenario,
                   Problems& problems) {
  std::optional<array> locations =
      GetArray(root, "locations", "locations", Need::kRequired, problems);
  if (!locations) return;
  if (locations->size() == 0) problems.Add("locations", "must not be empty");
  if (locations->size() > limits.max_locations) {
    problems.Add("locations", absl::StrCat("must have at most ", limits.max_locations,
                                           " locations, got ", locations->size()));
    return;
  }
  absl::flat_hash_set<std::string> seen;
  const LazyPath locations_path("locations");
  size_t i = 0;
  for (element value : *locations) {
    const LazyPath path(locations_path, i++);
    if (auto l = io_internal::ReadLocation(value, path, limits, problems)) {
      if (!seen.insert(l->id).second) {
        problems.Add(LazyPath(path, "id"), absl::StrCat("duplicate location id \"", l->id, "\""));
      }
      scenario.locations.push_back(std::move(*l));
    }
  }
}

void ReadInventory(object root, const ScenarioLimits& limits, Scenario& scenario,
                   Problems& problems) {
  std::optional<array> rows = GetArray(root, "inventory", "inventory", Need::kOptional, problems);
  if (!rows) return;
  if (rows->size() > limits.max_inventory_records) {
    problems.Add("inventory", absl::StrCat("must have at most ", limits.max_inventory_records,
                                           " records, got ", rows->size()));
    return;
  }
  absl::flat_hash_set<absl::string_view> locations;
  for (const Location& l : scenario.locations) locations.insert(l.id);
  // Views into the parsed document, which outlives this set.
  absl::flat_hash_set<std::pair<absl::string_view, absl::string_view>> seen;
  seen.reserve(rows->size());
  scenario.inventory.reserve(rows->size());
  const LazyPath inventory_path("inventory");
  size_t i = 0;
  for (element value : *rows) {
    const LazyPath path(inventory_path, i++);
    std::optional<object> row = io_internal::AsObject(value, path, problems);
    if (!row) continue;
    const size_t before = problems.count();
    InventoryRecord r;
    std::string_view location, sku;
    if (auto s = GetString(*row, "location", path, Need::kRequired, true, limits.max_string_bytes,
                           problems)) {
      location = *s;
      if (!locations.contains(ToAbsl(location))) {
        problems.Add(LazyPath(path, "location"),
                     absl::StrCat("unknown location \"", ToAbsl(location), "\""));
      }
    }
    if (auto s = GetString(*row, "sku", path, Need::kRequired, true, limits.max_string_bytes,
                           problems)) {
      sku = *s;
    }
    if (auto v = GetInteger(*row, "on_hand", path, Need::kRequired, 0, kMaxJsonInteger, problems)) {
      r.level.on_hand = static_cast<int32_t>(*v);
    }
    if (auto v =
            GetInteger(*row, "reserved", path, Need::kOptional, 0, kMaxJsonInteger, problems)) {
      r.level.reserved = static_cast<int32_t>(*v);
    }
    if (auto v =
            GetInteger(*row, "safety_stock", path, Need::kOptional, 0, kMaxJsonInteger, problems)) {
      r.level.safety_stock = static_cast<int32_t>(*v);
    }
    if (problems.count() != before) continue;
    if (!seen.insert({ToAbsl(location), ToAbsl(sku)}).second) {
      problems.Add(path, absl::StrCat("duplicate inventory for location \"", ToAbsl(location),
                                      "\" and sku \"", ToAbsl(sku), "\""));
      continue;
    }
    r.location.assign(location.data(), location.size());
    r.sku.assign(sku.data(), sku.size());
    scenario.inventory.push_back(std::move(r));
  }
}

// Validates every order and keeps its element for ReadOrder.
void ReadOrders(object root, bool require_orders, const ScenarioLimits& limits,
                std::vector<element>& out, Problems& problems) {
  std::optional<array> orders = GetArray(
      root, "orders", "orders", require_orders ? Need::kRequired : Need::kOptional, problems);
  if (!orders) return;
  if (orders->size() > limits.max_orders) {
    problems.Add("orders", absl::StrCat("must have at most ", limits.max_orders, " orders, got ",
                                        orders->size()));
    return;
  }
  absl::flat_hash_set<absl::string_view> seen;  // views into the document
  seen.reserve(orders->size());
  out.reserve(orders->size());
  const LazyPath orders_path("orders");
  Order scratch;
  size_t i = 0;
  for (element value : *orders) {
    const LazyPath path(orders_path, i++);
    if (!io_internal::ReadOrderInto(value, path, limits, problems, &scratch)) continue;
    std::string_view id = value["id"].get_string().value_unsafe();
    if (!seen.insert(ToAbsl(id)).second) {
      problems.Add(LazyPath(path, "id"), absl::StrCat("duplicate order id \"", ToAbsl(id), "\""));
      continue;
    }
    out.push_back(value);
  }
}

}  // namespace

struct ScenarioReader::Document {
  simdjson::dom::parser parser;
  element root;
  std::vector<element> orders;
};

ScenarioReader::ScenarioReader() : document_(std::make_unique<Document>()) {}
ScenarioReader::~ScenarioReader() = default;

size_t ScenarioReader::num_orders() const { return document_->orders.size(); }

void ScenarioReader::ReadOrder(size_t index, Order* order) const {
  // Validated at load: no problem can arise here.
  Problems unused;
  io_internal::ReadOrderInto(document_->orders[index], LazyPath("orders"), limits_, unused, order);
}

absl::Status ScenarioReader::Load(bool require_orders) {
  Problems problems(limits_.max_problems_reported);
  std::optional<object> top = io_internal::AsObject(document_->root, "(document)", problems);
  if (!top) return problems.ToStatus();
  ReadLocations(*top, limits_, header_, problems);
  ReadInventory(*top, limits_, header_, problems);
  if (std::optional<element> policy = GetField(*top, "policy")) {
    if (auto p = io_internal::ReadPolicy(*policy, "policy", problems)) header_.policy = *p;
  }
  ReadOrders(*top, require_orders, limits_, document_->orders, problems);
  return problems.ToStatus();
}

namespace {

void Resize(std::string* buffer, size_t size) { buffer->resize(size); }
void Resize(simdjson::padded_string* buffer, size_t size) {
  *buffer = simdjson::padded_string(size);
}

// Reads a whole file into `out`: a std::string or a simdjson::padded_string.
// NotFound / PermissionDenied when it cannot be opened.
template <typename Buffer>
absl::Status ReadWholeFile(const std::string& path, const ScenarioLimits& limits, Buffer* out) {
  std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) {
    const int e = errno;
    const std::string msg = absl::StrCat(path, ": cannot open: ", std::strerror(e));
    if (e == ENOENT) return absl::NotFoundError(msg);
    if (e == EACCES) return absl::PermissionDeniedError(msg);
    return absl::InvalidArgumentError(msg);
  }
  const auto too_large = [&] {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": larger than the limit of ", limits.max_file_bytes, " bytes"));
  };
  // Regular files are read at their size in one allocation; pipes grow.
  struct stat st;
  size_t size = 0;
  if (fstat(fileno(f.get()), &st) == 0 && S_ISREG(st.st_mode)) {
    size = static_cast<size_t>(st.st_size);
    if (size > limits.max_file_bytes) return too_large();
  } else if (fstat(fileno(f.get()), &st) == 0 && S_ISDIR(st.st_mode)) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": is a directory"));
  }
  Resize(out, size);
  const size_t have = std::fread(out->data(), 1, size, f.get());
  // Whatever the size said, the stream decides: pipes have no size, and a
  // file may change while read.
  std::string rest;
  char buf[1 << 16];
  for (size_t n; (n = std::fread(buf, 1, sizeof(buf), f.get())) > 0;) {
    rest.append(buf, n);
    if (have + rest.size() > limits.max_file_bytes) return too_large();
  }
  if (std::ferror(f.get())) return absl::InvalidArgumentError(absl::StrCat(path, ": cannot read"));
  if (have != size || !rest.empty()) {
    std::string all(out->data(), have);
    all += rest;
    Resize(out, all.size());
    std::memcpy(out->data(), all.data(), all.size());
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<ScenarioReader>> ScenarioReader::FromText(
    std::string_view json, bool require_orders, const ScenarioLimits& limits) {
  return FromBuffer(json, /*padded=*/false, require_orders, limits);
}

absl::StatusOr<std::unique_ptr<ScenarioReader>> ScenarioReader::FromBuffer(
    std::string_view json, bool padded, bool require_orders, const ScenarioLimits& limits) {
  if (json.size() > limits.max_file_bytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("(document): larger than the limit of ", limits.max_file_bytes, " bytes"));
  }
  std::unique_ptr<ScenarioReader> reader(new ScenarioReader());
  reader->limits_ = limits;
  Problems problems(limits.max_problems_reported);
  std::optional<element> root = io_internal::ParseDocument(reader->document_->parser, json,
                                                           limits.max_depth, problems, padded);
  if (!root) return problems.ToStatus();
  reader->document_->root = *root;
  if (absl::Status s = reader->Load(require_orders); !s.ok()) return s;
  return reader;
}

absl::StatusOr<std::unique_ptr<ScenarioReader>> ScenarioReader::FromFile(
    const std::string& path, bool require_orders, const ScenarioLimits& limits) {
  // Read with simdjson's padding and parsed in place; the document keeps its
  // own copy of the strings, so the text goes when this returns.
  simdjson::padded_string text;
  if (absl::Status s = ReadWholeFile(path, limits, &text); !s.ok()) return s;
  return FromBuffer(std::string_view(text.data(), text.size()), /*padded=*/true, require_orders,
                    limits);
}

absl::StatusOr<Scenario> ParseScenario(std::string_view json, bool require_orders,
                                       const ScenarioLimits& limits) {
  absl::StatusOr<std::unique_ptr<ScenarioReader>> reader =
      ScenarioReader::FromText(json, require_orders, limits);
  if (!reader.ok()) return reader.status();
  Scenario scenario = std::move((*reader)->header());
  scenario.orders.resize((*reader)->num_orders());
  for (size_t i = 0; i < scenario.orders.size(); ++i) (*reader)->ReadOrder(i, &scenario.orders[i]);
  return scenario;
}

absl::StatusOr<std::string> ReadFile(const std::string& path, const ScenarioLimits& limits) {
  std::string text;
  if (absl::Status s = ReadWholeFile(path, limits, &text); !s.ok()) return s;
  return text;
}

absl::StatusOr<Model> BuildModel(Scenario& scenario) {
  absl::StatusOr<Network> network = Network::Create(scenario.locations);
  if (!network.ok()) return network.status();
  Inventory::Builder builder;
  for (const InventoryRecord& r : scenario.inventory) {
    std::optional<LocationId> loc = network->Find(r.location);
    if (!loc) {
      return absl::InvalidArgumentError(
          absl::StrCat("inventory: unknown location \"", r.location, "\""));
    }
    builder.Add(*loc, r.sku, r.level);
  }
  Model model{*std::move(network), std::move(builder).Build()};
  for (Order& order : scenario.orders) ResolveSkus(model.inventory, order);
  return model;
}

}  // namespace allot
