#include "allot/scenario.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "common/strings.h"
#include "io/file_text.h"
#include "io/json_chunks.h"
#include "io/json_reader.h"
#include "io/scenario_fields.h"
#include "io/seen_sets.h"
#include "simdjson.h"

namespace allot {

using io_internal::ChunkedArray;
using io_internal::ChunkParser;
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

// Where a large array's chunks are: `chunks` is null when the whole
// document was parsed.
struct ChunkSource {
  const ChunkedArray* chunks = nullptr;
  std::string_view text;
  ChunkParser* parser = nullptr;
};

// One of the large top-level arrays ("inventory", "orders"): its elements
// are in the DOM when the whole document was parsed, or cut out into chunks
// of the text (json_chunks.h), and the DOM holds an empty array in its place.
class LargeArray {
 public:
  LargeArray(array in_dom, const ChunkSource& source) : in_dom_(in_dom), source_(source) {}

  size_t size() const { return source_.chunks != nullptr ? source_.chunks->size : in_dom_.size(); }
  // Calls visit(element) for every element, in order. False when a chunk
  // does not parse (the document is then parsed whole).
  template <typename Visit>
  bool ForEach(Visit visit) {
    if (source_.chunks == nullptr) {
      for (element value : in_dom_) visit(value);
      return true;
    }
    std::vector<element> elements;
    for (const ChunkedArray::Chunk& chunk : source_.chunks->chunks) {
      if (!source_.parser->Parse(source_.text, chunk, &elements)) return false;
      for (element value : elements) visit(value);
    }
    return true;
  }

 private:
  array in_dom_;
  ChunkSource source_;
};

bool ReadInventory(object root, const ChunkSource& source, const ScenarioLimits& limits,
                   Scenario& scenario, Problems& problems) {
  std::optional<array> in_dom = GetArray(root, "inventory", "inventory", Need::kOptional, problems);
  if (!in_dom) return true;
  LargeArray rows(*in_dom, source);
  if (rows.size() > limits.max_inventory_records) {
    problems.Add("inventory", absl::StrCat("must have at most ", limits.max_inventory_records,
                                           " records, got ", rows.size()));
    return true;
  }
  absl::flat_hash_map<absl::string_view, uint32_t> locations;
  for (const Location& l : scenario.locations) locations.emplace(l.id, locations.size());
  absl::flat_hash_map<std::string, uint32_t> skus;
  io_internal::SeenPairs seen(locations.size(), rows.size());  // by index, not by name
  struct {
    bool known = false;
    std::string name;  // a copy: a flat map's keys move when it grows
    uint32_t index = 0;
  } last_sku;
  scenario.inventory.reserve(rows.size());
  const LazyPath inventory_path("inventory");
  size_t i = 0;
  return rows.ForEach([&](element value) {
    const LazyPath path(inventory_path, i++);
    std::optional<object> row = io_internal::AsObject(value, path, problems);
    if (!row) return;
    const size_t before = problems.count();
    InventoryRecord r;
    std::string_view location, sku;
    uint32_t location_index = 0;
    if (auto s = GetString(*row, "location", path, Need::kRequired, true, limits.max_string_bytes,
                           problems)) {
      location = *s;
      if (auto it = locations.find(ToAbsl(location)); it != locations.end()) {
        location_index = it->second;
      } else {
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
    if (problems.count() != before) return;
    // Exports list a SKU's records together, as a rule: the last SKU's
    // index saves most lookups.
    if (!last_sku.known || sku != last_sku.name) {
      auto sku_at = skus.find(ToAbsl(sku));
      if (sku_at == skus.end()) sku_at = skus.emplace(std::string(sku), skus.size()).first;
      last_sku = {true, std::string(sku), sku_at->second};
    }
    if (!seen.Insert(location_index, last_sku.index)) {
      problems.Add(path, absl::StrCat("duplicate inventory for location \"", ToAbsl(location),
                                      "\" and sku \"", ToAbsl(sku), "\""));
      return;
    }
    r.location.assign(location.data(), location.size());
    r.sku.assign(sku.data(), sku.size());
    scenario.inventory.push_back(std::move(r));
  });
}

// Validates every order; in a whole document, keeps each one's element
// for ReadOrder.
bool ReadOrders(object root, const ChunkSource& source, bool require_orders,
                const ScenarioLimits& limits, std::vector<element>* whole, Problems& problems) {
  std::optional<array> in_dom = GetArray(
      root, "orders", "orders", require_orders ? Need::kRequired : Need::kOptional, problems);
  if (!in_dom) return true;
  LargeArray orders(*in_dom, source);
  const size_t max_orders = std::min(limits.max_orders, io_internal::SeenStrings::kMaxStrings);
  if (orders.size() > max_orders) {
    problems.Add("orders",
                 absl::StrCat("must have at most ", max_orders, " orders, got ", orders.size()));
    return true;
  }
  // Copies: a chunk's strings go with the chunk.
  io_internal::SeenStrings seen;
  seen.Reserve(orders.size());
  if (source.chunks == nullptr) whole->reserve(orders.size());
  const LazyPath orders_path("orders");
  Order scratch;
  size_t i = 0;
  return orders.ForEach([&](element value) {
    const LazyPath path(orders_path, i++);
    if (source.chunks == nullptr) whole->push_back(value);
    if (!io_internal::ReadOrderInto(value, path, limits, problems, &scratch)) return;
    if (!seen.Insert(scratch.id)) {
      problems.Add(LazyPath(path, "id"), absl::StrCat("duplicate order id \"", scratch.id, "\""));
    }
  });
}

// The top-level arrays a scenario reader parses in chunks.
const std::vector<std::string_view>& LargeArrayKeys() {
  static const auto* keys = new std::vector<std::string_view>{"inventory", "orders"};
  return *keys;
}
constexpr int kInventoryArray = 0, kOrdersArray = 1;

}  // namespace

struct ScenarioReader::Document {
  // The document's bytes: a mapped file, a copy, or text that outlives
  // the reader.
  io_internal::FileText file;
  std::string copy;
  std::string_view text;

  simdjson::dom::parser parser;  // the whole document, or all but its large arrays
  element root;
  // Whole document: every order's element.
  std::vector<element> orders;
  // Split document: the large arrays' chunks, and the chunk of orders
  // parsed last.
  std::optional<io_internal::SplitText> split;
  // The chunks of large array `which`, or null when its elements are in
  // the DOM (a whole document, or an array the split left in place).
  const ChunkedArray* Chunks(int which) const {
    return split && split->arrays[which] ? &*split->arrays[which] : nullptr;
  }
  ChunkParser chunk_parser;
  size_t parsed_chunk = SIZE_MAX;
  std::vector<element> chunk_elements;
};

ScenarioReader::ScenarioReader() : document_(std::make_unique<Document>()) {}
ScenarioReader::~ScenarioReader() = default;

size_t ScenarioReader::num_orders() const {
  const ChunkedArray* chunks = document_->Chunks(kOrdersArray);
  return chunks != nullptr ? chunks->size : document_->orders.size();
}

absl::Status ScenarioReader::ReadOrder(size_t index, Order* order) const {
  Document& d = *document_;
  element value;
  if (const ChunkedArray* in_chunks = d.Chunks(kOrdersArray); in_chunks == nullptr) {
    value = d.orders[index];
  } else {
    const std::vector<ChunkedArray::Chunk>& chunks = in_chunks->chunks;
    // Orders are read in sequence: the chunk is nearly always the last one
    // parsed or the next.
    const auto after =
        std::upper_bound(chunks.begin(), chunks.end(), index,
                         [](size_t i, const ChunkedArray::Chunk& c) { return i < c.first; });
    const size_t c = static_cast<size_t>(after - chunks.begin()) - 1;
    if (c != d.parsed_chunk) {
      d.parsed_chunk = SIZE_MAX;
      if (!d.chunk_parser.Parse(d.text, chunks[c], &d.chunk_elements)) {
        return absl::DataLossError("the scenario changed while it was read");
      }
      d.parsed_chunk = c;
    }
    value = d.chunk_elements[index - chunks[c].first];
  }
  // Validated at load: a problem means the bytes changed since.
  Problems problems;
  if (!io_internal::ReadOrderInto(value, LazyPath("orders"), limits_, problems, order)) {
    return absl::DataLossError("the scenario changed while it was read");
  }
  return absl::OkStatus();
}

absl::Status ScenarioReader::Load(bool require_orders, bool* chunk_failed) {
  Document& d = *document_;
  Problems problems(limits_.max_problems_reported);
  std::optional<object> top = io_internal::AsObject(d.root, "(document)", problems);
  if (!top) return problems.ToStatus();
  auto source = [&](int which) { return ChunkSource{d.Chunks(which), d.text, &d.chunk_parser}; };
  ReadLocations(*top, limits_, header_, problems);
  *chunk_failed = !ReadInventory(*top, source(kInventoryArray), limits_, header_, problems);
  if (*chunk_failed) return absl::OkStatus();
  if (std::optional<element> policy = GetField(*top, "policy")) {
    if (auto p = io_internal::ReadPolicy(*policy, "policy", problems)) header_.policy = *p;
  }
  *chunk_failed =
      !ReadOrders(*top, source(kOrdersArray), require_orders, limits_, &d.orders, problems);
  if (*chunk_failed) return absl::OkStatus();
  return problems.ToStatus();
}

absl::Status ScenarioReader::Parse(bool require_orders) {
  Document& d = *document_;
  if (d.text.size() > limits_.max_file_bytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("(document): larger than the limit of ", limits_.max_file_bytes, " bytes"));
  }
  // First all but the large arrays, which are read a chunk at a time.
  if (limits_.parse_chunk_bytes > 0) {
    d.split = io_internal::SplitDocument(d.text, LargeArrayKeys(), limits_.parse_chunk_bytes,
                                         limits_.max_depth);
    if (d.split) {
      Problems problems(limits_.max_problems_reported);
      std::optional<element> root =
          io_internal::ParseDocument(d.parser, d.split->header, limits_.max_depth, problems);
      if (root) {
        d.root = *root;
        bool chunk_failed = false;
        absl::Status s = Load(require_orders, &chunk_failed);
        if (!chunk_failed) return s;
      }
      // The document is not valid JSON, or not in a way the split follows:
      // the whole parse below says why.
      d.split.reset();
      header_ = {};
      d.orders.clear();
    }
  }
  Problems problems(limits_.max_problems_reported);
  std::optional<element> root =
      io_internal::ParseDocument(d.parser, d.text, limits_.max_depth, problems);
  if (!root) return problems.ToStatus();
  d.root = *root;
  bool chunk_failed = false;
  return Load(require_orders, &chunk_failed);
}

absl::StatusOr<std::unique_ptr<ScenarioReader>> ScenarioReader::FromView(
    std::string_view json, bool copy, bool require_orders, const ScenarioLimits& limits) {
  std::unique_ptr<ScenarioReader> reader(new ScenarioReader());
  reader->limits_ = limits;
  Document& d = *reader->document_;
  if (copy && json.size() <= limits.max_file_bytes) {
    d.copy = std::string(json);
    json = d.copy;
  }
  d.text = json;
  if (absl::Status s = reader->Parse(require_orders); !s.ok()) return s;
  return reader;
}

absl::StatusOr<std::unique_ptr<ScenarioReader>> ScenarioReader::FromText(
    std::string_view json, bool require_orders, const ScenarioLimits& limits) {
  return FromView(json, /*copy=*/true, require_orders, limits);
}

absl::StatusOr<std::unique_ptr<ScenarioReader>> ScenarioReader::FromFile(
    const std::string& path, bool require_orders, const ScenarioLimits& limits) {
  absl::StatusOr<io_internal::FileText> file =
      io_internal::FileText::Open(path, limits.max_file_bytes);
  if (!file.ok()) return file.status();
  std::unique_ptr<ScenarioReader> reader(new ScenarioReader());
  reader->limits_ = limits;
  reader->document_->file = *std::move(file);
  reader->document_->text = reader->document_->file.text();
  if (absl::Status s = reader->Parse(require_orders); !s.ok()) return s;
  return reader;
}

absl::StatusOr<Scenario> ParseScenario(std::string_view json, bool require_orders,
                                       const ScenarioLimits& limits) {
  absl::StatusOr<std::unique_ptr<ScenarioReader>> reader =
      ScenarioReader::FromLongLivedText(json, require_orders, limits);
  if (!reader.ok()) return reader.status();
  Scenario scenario = std::move((*reader)->header());
  scenario.orders.resize((*reader)->num_orders());
  for (size_t i = 0; i < scenario.orders.size(); ++i) {
    if (absl::Status s = (*reader)->ReadOrder(i, &scenario.orders[i]); !s.ok()) return s;
  }
  return scenario;
}

absl::StatusOr<std::string> ReadFile(const std::string& path, const ScenarioLimits& limits) {
  std::string text;
  if (absl::Status s = io_internal::ReadWholeFile(path, limits.max_file_bytes, &text); !s.ok()) {
    return s;
  }
  return text;
}

absl::StatusOr<Model> BuildModel(Scenario& scenario) {
  absl::StatusOr<Network> network = Network::Create(scenario.locations);
  if (!network.ok()) return network.status();
  Inventory::Builder builder;
  for (size_t i = 0; i < scenario.inventory.size(); ++i) {
    const InventoryRecord& r = scenario.inventory[i];
    std::optional<LocationId> loc = network->Find(r.location);
    if (!loc) {
      return absl::InvalidArgumentError(
          absl::StrCat("inventory: unknown location \"", r.location, "\""));
    }
    if (absl::Status s = builder.Add(*loc, r.sku, r.level); !s.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("inventory[", i, "].", s.message()));
    }
  }
  Model model{*std::move(network), std::move(builder).Build()};
  for (Order& order : scenario.orders) ResolveSkus(model.inventory, order);
  return model;
}

}  // namespace allot
