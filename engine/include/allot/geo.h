// Great-circle distance, exactly as routing.md defines it.
#ifndef ALLOT_GEO_H_
#define ALLOT_GEO_H_

#include <algorithm>
#include <cmath>

namespace allot {

inline constexpr double kEarthRadiusKm = 6371.0;

// Haversine distance in km between two points given in degrees, computed in
// double precision in the contract's operation order (radians first, then
// differences), so that distances, and the `nearest` order they induce, agree
// with other implementations of the contract to the last bit where possible.
double HaversineKm(double lat1_deg, double lon1_deg, double lat2_deg, double lon2_deg);

// A point with its radians and latitude cosine computed once, for distances
// from one point to many: the same operations as HaversineKm, in the same
// order, so the same result to the last bit.
struct GeoPoint {
  double lat_rad = 0;
  double lon_rad = 0;
  double cos_lat = 1;
};
GeoPoint ToGeoPoint(double lat_deg, double lon_deg);
double HaversineKm(const GeoPoint& a, const GeoPoint& b);

// Whether a value is a latitude, [-90, 90], or a longitude, [-180, 180]
// (NaN is neither): one test for every place that takes coordinates.
inline bool IsLatitude(double degrees) { return degrees >= -90 && degrees <= 90; }
inline bool IsLongitude(double degrees) { return degrees >= -180 && degrees <= 180; }

// A point on the unit sphere: the squared chord |u - v|^2 between two such
// points grows with their great-circle distance, so it orders by distance
// without trigonometry (Network::SquaredChord).
struct UnitVector {
  double x = 0, y = 0, z = 0;
};
UnitVector ToUnitVector(double lat_deg, double lon_deg);

// Two costs or distances are equal for the exact policies when they differ by
// at most 1e-6 relative to max(1, |a|, |b|) (routing.md). Inline: the exact
// policies compare in their inner loops.
inline bool NearlyEqual(double a, double b) {
  return std::abs(a - b) <= 1e-6 * std::max({1.0, std::abs(a), std::abs(b)});
}

}  // namespace allot

#endif  // ALLOT_GEO_H_
