// Every location's exact distance and shipping costs to one order's
// destination, and the cheapest or nearest location of a set, without a
// branch per location: for the partition fill when cost alone decides
// within a block (min_cost, min_shipments), or the destination's country
// and then distance (Shopify's default rules).
//
// Weighing a block's holders one at a time against a running best costs a
// bound, a compare and often a mispredicted branch per holder, and an asin
// per holder that might win. Instead, per order every location's distance
// and its package and unit costs go into tables (one loop over the
// locations that the compiler vectorizes, with asin's first branch alone
// unless some location is more than about 6,672 km away), and per block the
// holders' costs are reduced to their minimum eight at a time. Without
// AVX-512 the same answers come from plain loops.
#ifndef ALLOT_ROUTING_LOCATION_COSTS_H_
#define ALLOT_ROUTING_LOCATION_COSTS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/types/span.h"
#include "allot/network.h"

namespace allot::routing_internal {

// One network's shipping rates by field and, after Compute, every location's
// distance and costs to one destination. Each router keeps its own
// (RouterScratch); not for concurrent use.
class LocationCosts {
 public:
  // From `keys`, LocationKeys::keys() for the network and destination:
  // distance_km()[l] = HalfChordToKm(sqrt(keys[l]) / 2), package_cost()[l]
  // and unit_cost()[l] the location's ShippingCost::PackageCost and
  // UnitCost at that distance, bit for bit as computed one location at a
  // time (so ShipmentCost(d, u) = package + u * unit, also bit for bit).
  // The first call for a network copies its rates.
  void Compute(const Network& network, absl::Span<const double> keys);
  absl::Span<const double> distance_km() const { return distance_km_; }
  absl::Span<const double> package_cost() const { return package_cost_; }
  absl::Span<const double> unit_cost() const { return unit_cost_; }

  // Of the locations in `holders` (a bitset over the network's locations,
  // not empty), the one a scan in location order keeps when it replaces
  // its best only by a cost lower beyond the tolerance (CompareValues), for
  // a shipment of `units` units: the cheapest, the first of near ties.
  // With AVX-512 the minimum and the locations within the tolerance of it
  // come from vector reductions, and the scan runs only when more than one
  // location is that close; otherwise CheapestByScan.
  int32_t Cheapest(absl::Span<const uint64_t> holders, int64_t units) const;
  // The same answer from the scan itself: the fallback, and the reference
  // the tests hold the vector code to.
  int32_t CheapestByScan(absl::Span<const uint64_t> holders, int64_t units) const;

  // The same by distance alone (Shopify's rules weigh distance within a
  // shipment): the nearest of `holders`, the first of near ties.
  int32_t Nearest(absl::Span<const uint64_t> holders) const;
  int32_t NearestByScan(absl::Span<const uint64_t> holders) const;

  // The network's locations whose country is `country` (a bitset; all
  // zero when none is), for the out_of_country criterion. Valid after the
  // first Compute for the network.
  absl::Span<const uint64_t> LocationsIn(const std::string& country) const;

 private:
  const Network* network_ = nullptr;  // whose rates the four below hold
  std::vector<double> fixed_, per_km_, per_unit_, per_unit_km_;
  std::vector<double> distance_km_, package_cost_, unit_cost_;
  absl::flat_hash_map<std::string, std::vector<uint64_t>> locations_in_;  // by country
  std::vector<uint64_t> nowhere_;                                         // no location
};

}  // namespace allot::routing_internal

#endif  // ALLOT_ROUTING_LOCATION_COSTS_H_
