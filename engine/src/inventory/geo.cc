#include "allot/geo.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace allot {

double HaversineKm(double lat1_deg, double lon1_deg, double lat2_deg, double lon2_deg) {
  constexpr double k = std::numbers::pi / 180.0;
  const double p1 = lat1_deg * k;
  const double p2 = lat2_deg * k;
  const double dp = p2 - p1;
  const double dl = lon2_deg * k - lon1_deg * k;
  const double sp = std::sin(dp / 2);
  const double sl = std::sin(dl / 2);
  const double a = sp * sp + std::cos(p1) * std::cos(p2) * (sl * sl);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(a)));
}

UnitVector ToUnitVector(double lat_deg, double lon_deg) {
  constexpr double k = std::numbers::pi / 180.0;
  const double p = lat_deg * k, l = lon_deg * k;
  return {std::cos(p) * std::cos(l), std::cos(p) * std::sin(l), std::sin(p)};
}

double ChordDistanceKm(const UnitVector& u, const UnitVector& v) {
  // Differences first: no cancellation for nearby points.
  const double dx = u.x - v.x, dy = u.y - v.y, dz = u.z - v.z;
  const double half_chord = std::sqrt(dx * dx + dy * dy + dz * dz) / 2;
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, half_chord));
}

bool NearlyEqual(double a, double b) {
  return std::abs(a - b) <= 1e-6 * std::max({1.0, std::abs(a), std::abs(b)});
}

}  // namespace allot
