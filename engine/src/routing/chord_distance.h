// Distances from half chords between unit vectors: what routing reports
// for each shipment, and a bound the exact fills use before paying for it.
#ifndef ALLOT_ROUTING_CHORD_DISTANCE_H_
#define ALLOT_ROUTING_CHORD_DISTANCE_H_

#include <algorithm>
#include <cmath>

#include "allot/geo.h"

namespace allot::routing_internal {

// AsinOfUnitInterval(x), below: asin(x) for x in [0, 1], within 2 ulp of
// libm's and never below x (as HalfChordLowerBoundKm needs). Inline:
// routing converts a chord to a distance for every shipment, and libm's
// asin is a call of about 11 ns there (15 % of `priority`); this takes
// about 4.
//
// asin x = x + x^3 P(x^2) on [0, 1/2], P a degree-12 polynomial fitted to
// Chebyshev nodes (relative error 9e-17), evaluated by Estrin's scheme for a
// short dependency chain; above 1/2, asin x = pi/2 - 2 asin(sqrt((1 - x)/2)),
// with pi/2 in two parts so the subtraction keeps the last bits. Plain
// multiplies and adds (the build does not contract them), so every machine
// gets the same bits. AsinPolynomial is P.
inline double AsinPolynomial(double t) {
  constexpr double c[13] = {0.16666666666666669,  0.07499999999998433,  0.04464285714635543,
                            0.030381944138531247, 0.02237217294214989,  0.017352392720869973,
                            0.013971212973552933, 0.011479177415184906, 0.01032281435018578,
                            0.005457506718640358, 0.01740087944269402,  -0.014851887071247204,
                            0.028757851367421566};
  const double t2 = t * t, t4 = t2 * t2, t8 = t4 * t4;
  const double q0 = (c[0] + c[1] * t) + (c[2] + c[3] * t) * t2;
  const double q1 = (c[4] + c[5] * t) + (c[6] + c[7] * t) * t2;
  const double q2 = (c[8] + c[9] * t) + (c[10] + c[11] * t) * t2;
  return (q0 + q1 * t4) + (q2 + c[12] * t4) * t8;
}

// The first branch alone, x in [0, 1/2]: for loops over many locations
// that look for the rare larger x once instead of computing both
// branches for every one (location_costs.cc).
inline double AsinUpToHalf(double x) { return x + x * (x * x) * AsinPolynomial(x * x); }

inline double AsinOfUnitInterval(double x) {
  if (x <= 0.5) return AsinUpToHalf(x);
  constexpr double kHalfPiHigh = 1.5707963267948966, kHalfPiLow = 6.123233995736766e-17;
  const double z = (1 - x) * 0.5, s = std::sqrt(z);
  return kHalfPiHigh - (2 * (s + s * z * AsinPolynomial(z)) - kHalfPiLow);
}

// Great-circle distance in km of half a chord h = |u - v| / 2
// (Network::HalfChord): 2 R asin(min(1, h)), the distance routing reports.
// It agrees with HaversineKm to about 1e-11 km below 15,000 km, and to about
// 3e-4 km (1.5e-8 relative) near the antipode, where asin near 1 magnifies
// both formulas' rounding: far inside the contract's 1e-6 tolerance, but not
// bit-identical, so `nearest` decides near-ties by HaversineKm.
inline double HalfChordToKm(double half_chord) {
  return 2 * kEarthRadiusKm * AsinOfUnitInterval(std::min(1.0, half_chord));
}

// Since asin x >= x, 2 R min(1, h) never exceeds HalfChordToKm(h): a
// lower bound without the asin.
inline double HalfChordLowerBoundKm(double half_chord) {
  return 2 * kEarthRadiusKm * std::min(1.0, half_chord);
}

}  // namespace allot::routing_internal

#endif  // ALLOT_ROUTING_CHORD_DISTANCE_H_
