// Scenario files (docs/formats.md): locations, inventory, a routing policy
// and orders, read from JSON and turned into a Network and an Inventory.
//
// Reading validates the whole document and reports every problem at once,
// one line each, naming where it is ("orders[3].lines[0].quantity: must be an
// integer >= 1, got -2"). A document with any problem is refused whole.
#ifndef ALLOT_SCENARIO_H_
#define ALLOT_SCENARIO_H_

#include <cstddef>
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
  size_t max_file_bytes = size_t{4} << 30;  // 4 GiB
  size_t max_depth = 64;                    // JSON nesting
  size_t max_string_bytes = 1024;           // ids, SKUs, names, countries
  size_t max_locations = 100'000;
  size_t max_lines_per_order = 10'000;
  size_t max_problems_reported = 50;        // further problems are counted, not listed
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
