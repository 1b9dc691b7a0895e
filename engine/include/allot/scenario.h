// Scenario files (docs/formats.md): locations, inventory, a routing policy
// and orders, read from JSON and turned into a Network and an Inventory.
//
// Reading validates the whole document and reports every problem at once,
// one line each, naming where it is ("orders[3].lines[0].quantity: must be an
// integer >= 1, got -2"). A document with any problem is refused whole.
#ifndef ALLOT_SCENARIO_H_
#define ALLOT_SCENARIO_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "allot/inventory.h"
#include "allot/network.h"
#include "allot/order.h"
#include "allot/routing.h"

namespace allot {

// Input limits. Anything beyond them is refused with InvalidArgument.
struct ScenarioLimits {
  // 2 GiB. Files are parsed a chunk at a time, but one that is not valid
  // JSON is parsed whole to report where, taking several times its size in
  // memory, which must stay well inside a machine of 24 GiB.
  size_t max_file_bytes = size_t{2} << 30;
  size_t max_depth = 64;           // JSON nesting
  size_t max_string_bytes = 1024;  // ids, SKUs, names, countries
  size_t max_locations = 65'536;   // kMaxLocations: ids are 16-bit
  size_t max_inventory_records = 100'000'000;
  size_t max_orders = 50'000'000;
  size_t max_lines_per_order = 10'000;
  size_t max_problems_reported = 50;  // further problems are counted, not listed
  // Not a limit: the "inventory" and "orders" arrays are parsed this many
  // bytes at a time, so that a large file never exists as one parsed
  // document. 0 parses every document whole (as tests compare).
  size_t parse_chunk_bytes = size_t{1} << 20;
};

struct InventoryRecord {
  std::string location;
  std::string sku;
  StockLevel level;
};

struct Scenario {
  std::vector<Location> locations;  // in file order
  std::vector<InventoryRecord> inventory;
  RoutingPolicy policy;
  std::vector<Order> orders;  // SKUs unresolved until BuildModel
};

// Parses and validates a scenario. InvalidArgument lists every problem, one
// per line. With `require_orders`, a missing "orders" field is a problem.
absl::StatusOr<Scenario> ParseScenario(std::string_view json, bool require_orders = false,
                                       const ScenarioLimits& limits = {});

// A scenario document validated whole, whose orders are turned into Order
// objects one at a time: what `allot route` uses, so that a million-order
// file never exists as a million Order objects. The orders and the
// inventory are parsed a chunk at a time (ScenarioLimits::parse_chunk_bytes)
// and the orders again when read, so memory stays near the file's size.
// Not thread-safe.
class ScenarioReader {
 public:
  // Reads and validates a file: NotFound / PermissionDenied when it cannot be
  // read, InvalidArgument listing every problem otherwise. A regular file is
  // mapped, not copied.
  static absl::StatusOr<std::unique_ptr<ScenarioReader>> FromFile(
      const std::string& path, bool require_orders, const ScenarioLimits& limits = {});
  // The same for a document in memory, which the reader copies.
  static absl::StatusOr<std::unique_ptr<ScenarioReader>> FromText(
      std::string_view json, bool require_orders, const ScenarioLimits& limits = {});
  // The same for a document that outlives the reader: no copy.
  static absl::StatusOr<std::unique_ptr<ScenarioReader>> FromLongLivedText(
      std::string_view json, bool require_orders, const ScenarioLimits& limits = {}) {
    return FromView(json, /*copy=*/false, require_orders, limits);
  }
  ~ScenarioReader();

  // Locations, inventory and policy; `orders` stays empty.
  Scenario& header() { return header_; }
  size_t num_orders() const;
  // Fills *order with order `index` (< num_orders()), reusing its memory.
  // SKUs are unresolved (see ResolveSkus). Fastest in index order. DataLoss
  // when the file changed since it was validated.
  absl::Status ReadOrder(size_t index, Order* order) const;

 private:
  struct Document;
  ScenarioReader();
  static absl::StatusOr<std::unique_ptr<ScenarioReader>> FromView(std::string_view json, bool copy,
                                                                  bool require_orders,
                                                                  const ScenarioLimits& limits);
  // Parses and validates the document: its large arrays in chunks when it
  // can be split, else whole.
  absl::Status Parse(bool require_orders);
  // Validates the parsed document into header_. Sets *chunk_failed (and
  // stops) when a chunk does not parse.
  absl::Status Load(bool require_orders, bool* chunk_failed);

  ScenarioLimits limits_;
  std::unique_ptr<Document> document_;
  Scenario header_;
};

// Reads a file: NotFound / PermissionDenied when it cannot be read, then as
// ParseScenario.
absl::StatusOr<std::string> ReadFile(const std::string& path, const ScenarioLimits& limits = {});

// The network and inventory a scenario describes.
struct Model {
  Network network;
  Inventory inventory;
};

// Builds the model and resolves the SKUs of `scenario.orders` against it.
absl::StatusOr<Model> BuildModel(Scenario& scenario);

// Writes a scenario as JSON in the format ParseScenario reads.
std::string ScenarioToJson(const Scenario& scenario);

}  // namespace allot

#endif  // ALLOT_SCENARIO_H_
