#include "allot/geo.h"

#include <algorithm>
#include <cmath>

#include "inventory/sin_cos_degrees.h"

namespace allot {

using geo_internal::kRadiansPerDegree;
using geo_internal::SinCos;
using geo_internal::SinCosDegrees;

GeoPoint ToGeoPoint(double lat_deg, double lon_deg) {
  const double p = lat_deg * kRadiansPerDegree;
  return {p, lon_deg * kRadiansPerDegree, std::cos(p)};
}

double HaversineKm(const GeoPoint& a, const GeoPoint& b) {
  const double dp = b.lat_rad - a.lat_rad;
  const double dl = b.lon_rad - a.lon_rad;
  const double sp = std::sin(dp / 2);
  const double sl = std::sin(dl / 2);
  const double h = sp * sp + a.cos_lat * b.cos_lat * (sl * sl);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

double HaversineKm(double lat1_deg, double lon1_deg, double lat2_deg, double lon2_deg) {
  return HaversineKm(ToGeoPoint(lat1_deg, lon1_deg), ToGeoPoint(lat2_deg, lon2_deg));
}

UnitVector ToUnitVector(double lat_deg, double lon_deg) {
  const SinCos p = SinCosDegrees(lat_deg), l = SinCosDegrees(lon_deg);
  return {p.cos * l.cos, p.cos * l.sin, p.sin};
}

}  // namespace allot
