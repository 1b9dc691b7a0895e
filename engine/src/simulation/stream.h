// The inputs of a simulation run, built once and shared read-only by the
// policy threads: the network, the initial stock with its replenishment
// targets, and the order stream in flat arrays (a million orders of three
// lines take about 50 MB).
#ifndef ALLOT_SIMULATION_STREAM_H_
#define ALLOT_SIMULATION_STREAM_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "allot/inventory.h"
#include "allot/network.h"
#include "allot/simulation.h"

namespace allot::simulation_internal {

struct World {
  Network network;
  Inventory inventory;          // the stock at day 0
  std::vector<int32_t> target;  // per level, in Inventory::ForEach order

  // Order i has lines [line_begin[i], line_begin[i + 1]), arrives on day[i]
  // (non-decreasing) at (lat[i], lon[i]) in countries[country[i]].
  std::vector<int32_t> day;
  std::vector<double> lat;
  std::vector<double> lon;
  std::vector<uint16_t> country;
  std::vector<std::string> countries;
  // The penalized cost of order i adds penalty_fixed[i] when any unit is not
  // placed, plus penalty_unit[i] per unit not placed.
  std::vector<float> penalty_fixed;
  std::vector<float> penalty_unit;
  std::vector<uint32_t> line_begin = {0};
  std::vector<SkuId> sku;  // invalid for a SKU no location stocks
  std::vector<int32_t> quantity;

  int64_t orders() const { return static_cast<int64_t>(day.size()); }
  int64_t units = 0;

  // Appends an order; the caller then appends its lines and calls EndOrder.
  void BeginOrder(int32_t d, double la, double lo, uint16_t c, float pen_fixed, float pen_unit) {
    day.push_back(d);
    lat.push_back(la);
    lon.push_back(lo);
    country.push_back(c);
    penalty_fixed.push_back(pen_fixed);
    penalty_unit.push_back(pen_unit);
  }
  void AddLine(SkuId s, int32_t q) {
    sku.push_back(s);
    quantity.push_back(q);
    units += q;
  }
  void EndOrder() { line_begin.push_back(static_cast<uint32_t>(sku.size())); }
};

// The three workloads (simulation.h). Each fills the network, the stock and
// its targets, and the stream.
absl::StatusOr<World> BuildGenerated(const SimulationConfig& config);
absl::StatusOr<World> BuildOrderLog(const SimulationConfig& config);
absl::StatusOr<World> BuildJasinSinha(const SimulationConfig& config);

// The text of data/jasin-sinha-ma-network.json, built into the library.
extern const char* const kJasinSinhaJson;

}  // namespace allot::simulation_internal

#endif  // ALLOT_SIMULATION_STREAM_H_
