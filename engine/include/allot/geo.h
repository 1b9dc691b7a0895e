// Great-circle distance, exactly as routing.md defines it.
#ifndef ALLOT_GEO_H_
#define ALLOT_GEO_H_

namespace allot {

inline constexpr double kEarthRadiusKm = 6371.0;

// Haversine distance in km between two points given in degrees, computed in
// double precision in the contract's operation order (radians first, then
// differences), so that distances, and the `nearest` order they induce, agree
// with other implementations of the contract to the last bit where possible.
double HaversineKm(double lat1_deg, double lon1_deg, double lat2_deg, double lon2_deg);

// Two costs or distances are equal for the exact policies when they differ by
// at most 1e-6 relative to max(1, |a|, |b|) (routing.md).
bool NearlyEqual(double a, double b);

}  // namespace allot

#endif  // ALLOT_GEO_H_
