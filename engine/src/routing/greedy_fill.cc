#include "routing/greedy_fill.h"

#include <algorithm>

namespace allot::routing_internal {

double CachedDistance(const Network& network, const Order& order, int32_t location,
                      RouterScratch& scratch) {
  if (!scratch.HasSlot(location)) {
    scratch.SetSlot(location, -1);
    scratch.distance[location] =
        network.DistanceKm(LocationId(location), order.destination.lat, order.destination.lon);
  }
  return scratch.distance[location];
}

void PriorityFill(const Network& network, Inventory& inventory, const Order& order,
                  const RoutingPolicy& policy, RouterScratch& scratch) {
  for (int32_t line = 0; line < static_cast<int32_t>(order.lines.size()); ++line) {
    const OrderLine& ol = order.lines[line];
    int32_t want = ol.quantity;
    if (want <= 0 || !ol.sku_id.valid() || ol.sku_id.value() >= inventory.num_skus()) continue;
    // The row is sorted by location id, which is (rank, id) order.
    for (StockEntry& e : inventory.MutableRow(ol.sku_id)) {
      const int32_t take = std::min(want, e.level.available());
      if (take <= 0) continue;
      if (!IsEligible(network.location(LocationId(e.location)), policy, order.destination))
        continue;
      e.level.reserved += take;
      scratch.picks.push_back({line, e.location, take});
      want -= take;
      if (want == 0) break;
    }
  }
}

void NearestFill(const Network& network, Inventory& inventory, const Order& order,
                 const RoutingPolicy& policy, RouterScratch& scratch) {
  for (int32_t line = 0; line < static_cast<int32_t>(order.lines.size()); ++line) {
    const OrderLine& ol = order.lines[line];
    int32_t want = ol.quantity;
    if (want <= 0 || !ol.sku_id.valid() || ol.sku_id.value() >= inventory.num_skus()) continue;
    scratch.near.clear();
    for (StockEntry& e : inventory.MutableRow(ol.sku_id)) {
      if (e.level.available() <= 0) continue;
      if (!IsEligible(network.location(LocationId(e.location)), policy, order.destination))
        continue;
      scratch.near.push_back({CachedDistance(network, order, e.location, scratch), e.location, &e});
    }
    // Location ids are in (rank, id) order, so (distance, id) is the contract's order.
    std::sort(scratch.near.begin(), scratch.near.end(),
              [](const NearCandidate& a, const NearCandidate& b) {
                if (a.distance_km != b.distance_km) return a.distance_km < b.distance_km;
                return a.location < b.location;
              });
    for (const NearCandidate& c : scratch.near) {
      const int32_t take = std::min(want, c.entry->level.available());
      if (take <= 0) continue;
      c.entry->level.reserved += take;
      scratch.picks.push_back({line, c.location, take});
      want -= take;
      if (want == 0) break;
    }
  }
}

}  // namespace allot::routing_internal
