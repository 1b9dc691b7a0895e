// The fulfillment network: the locations that hold stock and ship.
//
// A Network numbers its locations densely in ascending (rank, id), so that a
// LocationId order is the merchant's priority order and per-location data can
// live in plain arrays. Positions, ranks, countries and cost models are fixed
// once the network is built; the `active` and `ships` flags can change.
#ifndef ALLOT_NETWORK_H_
#define ALLOT_NETWORK_H_

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "allot/geo.h"
#include "allot/ids.h"

namespace allot {

enum class LocationKind { kWarehouse, kStore, kFulfillmentService };

// "warehouse", "store", "fulfillment_service".
std::string_view LocationKindName(LocationKind kind);
std::optional<LocationKind> ParseLocationKind(std::string_view name);

// Cost of shipping one fulfillment order of `u` units over `d` km:
//   fixed + per_km * d + u * (per_unit + per_unit_km * d)
struct ShippingCost {
  double fixed = 0;
  double per_km = 0;
  double per_unit = 0;
  double per_unit_km = 0;

  // Cost of the package itself, whatever it holds.
  double PackageCost(double distance_km) const { return fixed + per_km * distance_km; }
  // Cost of each unit in the package.
  double UnitCost(double distance_km) const { return per_unit + per_unit_km * distance_km; }
  double ShipmentCost(double distance_km, int64_t units) const {
    return PackageCost(distance_km) + static_cast<double>(units) * UnitCost(distance_km);
  }
};

struct Location {
  std::string id;
  std::string name;
  double lat = 0;  // degrees, [-90, 90]
  double lon = 0;  // degrees, [-180, 180]
  std::string country;
  int32_t rank = 0;  // lower is preferred
  LocationKind kind = LocationKind::kWarehouse;
  bool active = true;
  bool ships = true;
  ShippingCost cost;
};

// A Network is not internally synchronized: concurrent reads are safe,
// SetFlags needs exclusive access.
class Network {
 public:
  // Builds a network. Fails with InvalidArgument on an empty list, an empty or
  // duplicate id, a coordinate out of range, a negative rank or cost.
  static absl::StatusOr<Network> Create(std::vector<Location> locations);

  Network() = default;

  int size() const { return static_cast<int>(locations_.size()); }
  const Location& location(LocationId id) const { return locations_[id.value()]; }
  const std::vector<Location>& locations() const { return locations_; }
  // The location's position on the unit sphere (SquaredChord's operand).
  const UnitVector& unit_vector(LocationId id) const { return vectors_[id.value()]; }

  // The location with this string id, or nullopt.
  std::optional<LocationId> Find(std::string_view id) const;

  // Whether the location is active and ships: the part of eligibility that
  // does not depend on the order, kept compact for the routing hot path.
  bool can_ship(LocationId id) const { return can_ship_[id.value()] != 0; }
  // Whether every location can ship: the fills then skip the check.
  bool all_can_ship() const { return cannot_ship_ == 0; }

  // Changes the flags that routing reads; an unset optional keeps the value.
  void SetFlags(LocationId id, std::optional<bool> active, std::optional<bool> ships);

  // Distance in km from the location to a point, as HaversineKm computes it.
  double DistanceKm(LocationId id, double lat_deg, double lon_deg) const;
  // The same, bit for bit, with the point's trigonometry done once.
  double DistanceKm(LocationId id, const GeoPoint& point) const {
    return HaversineKm(points_[id.value()], point);
  }
  // |u - v|^2 between the unit vectors of the location and a point, the
  // differences taken first so nearby points lose no precision: grows with
  // the distance, for ordering by distance without trigonometry.
  double SquaredChord(LocationId id, const UnitVector& point) const {
    const UnitVector& u = vectors_[id.value()];
    const double dx = u.x - point.x, dy = u.y - point.y, dz = u.z - point.z;
    return dx * dx + dy * dy + dz * dz;
  }
  // Half the chord, |u - v| / 2, from which routing computes the distance
  // it reports (routing/chord_distance.h).
  double HalfChord(LocationId id, const UnitVector& point) const {
    return std::sqrt(SquaredChord(id, point)) / 2;
  }

 private:
  std::vector<Location> locations_;
  std::vector<UnitVector> vectors_;  // per location
  std::vector<GeoPoint> points_;     // per location
  std::vector<uint8_t> can_ship_;    // per location: active && ships
  int cannot_ship_ = 0;              // locations with can_ship_ 0
  absl::flat_hash_map<std::string, LocationId> by_id_;
};

}  // namespace allot

#endif  // ALLOT_NETWORK_H_
