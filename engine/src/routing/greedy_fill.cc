#include "routing/greedy_fill.h"

#include <algorithm>
#include <limits>

#include "routing/location_keys.h"

namespace allot::routing_internal {

double CachedDistance(const Network& network, const Order& order, int32_t location,
                      RouterScratch& scratch) {
  // Slot -1: NearestFill cached the chord key only; 0: the haversine too.
  if (scratch.slot[location] < 0) {
    scratch.slot[location] = 0;
    scratch.haversine[location] =
        network.DistanceKm(LocationId(location), order.destination.lat, order.destination.lon);
  }
  return scratch.haversine[location];
}

void PriorityFill(const Network& network, Inventory& inventory, const Order& order,
                  const RoutingPolicy& policy, RouterScratch& scratch) {
  const Eligibility eligible(network, policy, order.destination);
  for (int32_t line = 0; line < static_cast<int32_t>(order.lines.size()); ++line) {
    const OrderLine& ol = order.lines[line];
    int32_t want = ol.quantity;
    if (want <= 0 || !ol.sku_id.valid() || ol.sku_id.value() >= inventory.num_skus()) continue;
    // The row is sorted by location id, which is (rank, id) order.
    absl::Span<const uint16_t> locations = inventory.RowLocations(ol.sku_id);
    absl::Span<StockLevel> levels = inventory.MutableRowLevels(ol.sku_id);
    for (size_t k = 0; k < locations.size(); ++k) {
      const int32_t take = std::min(want, levels[k].available());
      if (take <= 0) continue;
      if (!eligible(locations[k])) continue;
      levels[k].reserved += take;
      scratch.picks.push_back({line, locations[k], take});
      want -= take;
      if (want == 0) break;
    }
  }
}

namespace {

// Reserves a whole line at one location and records the pick.
void TakeWholeLine(StockLevel& level, int32_t location, int32_t want, int32_t line,
                   RouterScratch& scratch) {
  level.reserved += want;
  scratch.picks.push_back({line, location, want});
}

// NearestFill's line from the table of keys: when the row's nearest is alone
// within the near-tie band and fills the line, takes it and returns true.
// Out of line, so that the scalar pass keeps its registers (inlined, it
// made `nearest` 6-9 % slower at 10 locations, whose rows never take it).
[[gnu::noinline]] bool TableNearestFills(absl::Span<const uint16_t> locations,
                                         absl::Span<StockLevel> levels, int32_t want, int32_t line,
                                         RouterScratch& scratch) {
  const RowNearest r = scratch.location_keys.Nearest(locations);
  if (r.within_band != 1 || levels[r.index].available() < want) return false;
  TakeWholeLine(levels[r.index], locations[r.index], want, line, scratch);
  return true;
}

}  // namespace

void NearestFill(const Network& network, Inventory& inventory, const Order& order,
                 const RoutingPolicy& policy, RouterScratch& scratch) {
  // Locations are compared by squared chord to the destination (monotone in
  // the great-circle distance, three multiply-adds from precomputed unit
  // vectors); keys within 1e-9 of each other are near-ties, decided by the
  // contract's haversine and then location id, so the order is the
  // contract's (distance, rank, id): ids already follow (rank, id).
  const UnitVector destination = scratch.destination;
  const Eligibility eligible(network, policy, order.destination);
  // With every location eligible, a row of 8 locations or more, and a
  // network at most 16 times the row, a line's nearest comes from a table
  // of every location's key (computed once per order, at the first line
  // that needs it), gathered and reduced without a branch per location
  // (location_keys.h).
  const bool all_eligible = eligible.all();
  const size_t network_size = static_cast<size_t>(network.size());
  bool table_ready = false;
  for (int32_t line = 0; line < static_cast<int32_t>(order.lines.size()); ++line) {
    const OrderLine& ol = order.lines[line];
    int32_t want = ol.quantity;
    if (want <= 0 || !ol.sku_id.valid() || ol.sku_id.value() >= inventory.num_skus()) continue;
    absl::Span<const uint16_t> locations = inventory.RowLocations(ol.sku_id);
    absl::Span<StockLevel> levels = inventory.MutableRowLevels(ol.sku_id);
    if (locations.empty()) continue;
    if (all_eligible && locations.size() >= 8 && network_size <= 16 * locations.size()) {
      if (!table_ready) {
        scratch.location_keys.Compute(network, destination);
        table_ready = true;
      }
      if (TableNearestFills(locations, levels, want, line, scratch)) continue;
    } else {
      // A pass over the row: the nearest eligible location, and whether
      // another lies within the near-tie band. Levels are read only for the
      // locations the fill reaches (usually the first): the row's location
      // ids are compact, its levels are not.
      size_t nearest = locations.size();
      double nearest_key = 0, second_key = std::numeric_limits<double>::infinity();
      for (size_t k = 0; k < locations.size(); ++k) {
        const int32_t location = locations[k];
        if (!eligible(location)) continue;
        // Computed, not cached: three multiply-adds cost less than the cache.
        const double key = network.SquaredChord(LocationId(location), destination);
        if (nearest == locations.size() || key < nearest_key) {
          second_key = nearest == locations.size() ? second_key : nearest_key;
          nearest = k;
          nearest_key = key;
          // The running nearest is usually the final one: its level, deep in
          // the row, starts loading while the pass goes on (2-18 % faster).
          __builtin_prefetch(&levels[k]);
        } else {
          second_key = std::min(second_key, key);
        }
      }
      if (nearest == locations.size()) continue;
      if (second_key > nearest_key * (1 + 1e-9) && levels[nearest].available() >= want) {
        TakeWholeLine(levels[nearest], locations[nearest], want, line, scratch);
        continue;
      }
    }
    std::vector<NearCandidate>& near = scratch.near;
    near.clear();
    for (size_t k = 0; k < locations.size(); ++k) {
      const int32_t location = locations[k];
      if (!eligible(location)) continue;
      if (!scratch.HasSlot(location)) {
        scratch.SetSlot(location, -1);
        scratch.chord_key[location] = network.SquaredChord(LocationId(location), destination);
      }
      near.push_back({scratch.chord_key[location], location, &levels[k]});
    }
    // Repeatedly the nearest: a line is usually filled by the first.
    while (want > 0 && !near.empty()) {
      size_t best = 0;
      for (size_t k = 1; k < near.size(); ++k) {
        if (near[k].key < near[best].key) best = k;
      }
      const double tie = near[best].key * (1 + 1e-9);
      double best_km = -1;
      for (size_t k = 0; k < near.size(); ++k) {
        if (k == best || near[k].key > tie) continue;
        if (best_km < 0) best_km = CachedDistance(network, order, near[best].location, scratch);
        const double km = CachedDistance(network, order, near[k].location, scratch);
        if (km < best_km || (km == best_km && near[k].location < near[best].location)) {
          best = k;
          best_km = km;
        }
      }
      const NearCandidate c = near[best];
      near[best] = near.back();
      near.pop_back();
      const int32_t take = std::min(want, c.level->available());
      if (take <= 0) continue;
      c.level->reserved += take;
      scratch.picks.push_back({line, c.location, take});
      want -= take;
    }
  }
}

}  // namespace allot::routing_internal
