// Sine and cosine of an angle in degrees, for ToUnitVector: every routed
// order converts its destination with two of them. libm's sincos saves and
// restores the rounding mode on each call; on this project's benchmark
// machine these instead made a one-line `priority` route 17 % faster
// (docs/benchmarks.md, stop 20).
//
// The angle is reduced in degrees, exactly: x = 90 q + r with |r| <= 45, a
// hair more within a few ulp of an odd multiple of 45 (the subtraction is
// exact, r having no bits below x's; beyond a million degrees x is first
// reduced by fmod, also exactly), so the one rounding before the
// polynomials is r's conversion to radians. Then Taylor polynomials on
// |t| <= pi/4 (and that hair), where the first term left out is about 1e-19
// of the result: within 2 ulp of the exact value, 0.3 on average
// (tests/engine/inventory/sin_cos_degrees_test.cc). Rounding x to radians
// first, as a call of libm must, costs tens of thousands of ulp within a
// thousandth of a degree of the axes (cos 90 degrees comes out 6e-17, not
// 0). Plain multiplies and adds (the build does not contract them), so
// every machine gets the same bits. NaN and infinities give NaN.
#ifndef ALLOT_INVENTORY_SIN_COS_DEGREES_H_
#define ALLOT_INVENTORY_SIN_COS_DEGREES_H_

#include <cmath>
#include <limits>
#include <numbers>

namespace allot::geo_internal {

inline constexpr double kRadiansPerDegree = std::numbers::pi / 180.0;

struct SinCos {
  double sin = 0, cos = 1;
};

inline SinCos SinCosDegrees(double degrees) {
  if (!std::isfinite(degrees)) {
    constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
    return {kNan, kNan};
  }
  if (std::abs(degrees) > 1e6) degrees = std::fmod(degrees, 360);
  // A product, not a quotient (whose latency is the longer). An odd
  // multiple of 45 degrees still gives an exact half, rounded to even; an
  // angle a few ulp from one may round the other way, and then |r| is a
  // hair above 45: still exact, and still well within the polynomials'
  // range.
  const double quarters = std::nearbyint(degrees * (1.0 / 90));
  const double t = (degrees - 90 * quarters) * kRadiansPerDegree;
  const double t2 = t * t;
  // sin t = t + t^3 S(t^2), cos t = 1 - (t^2/2 - t^4 C(t^2)), with S and C
  // the next eight terms of each series (1/n! in turn). Each is evaluated
  // by Estrin's scheme, pairs of terms first and then powers of t^2: its
  // chain of dependent operations is half as long as Horner's, and every
  // route waits for this one (before: ToUnitVector was 19 % of a 3-line
  // `priority` route's profile; 1-line routes measured 9 % faster).
  const double t4 = t2 * t2, t8 = t4 * t4;
  const double s = ((-1.0 / 6 + t2 * (1.0 / 120)) + t4 * (-1.0 / 5040 + t2 * (1.0 / 362880))) +
                   t8 * ((-1.0 / 39916800 + t2 * (1.0 / 6227020800)) +
                         t4 * (-1.0 / 1307674368000 + t2 * (1.0 / 355687428096000)));
  const double c = ((1.0 / 24 + t2 * (-1.0 / 720)) + t4 * (1.0 / 40320 + t2 * (-1.0 / 3628800))) +
                   t8 * ((1.0 / 479001600 + t2 * (-1.0 / 87178291200)) +
                         t4 * (1.0 / 20922789888000 + t2 * (-1.0 / 6402373705728000)));
  const double sin_t = t + t * t2 * s;
  const double cos_t = 1 - (t2 / 2 - t4 * c);
  switch (static_cast<long long>(quarters) & 3) {
    case 0:
      return {sin_t, cos_t};
    case 1:
      return {cos_t, -sin_t};
    case 2:
      return {-sin_t, -cos_t};
    default:
      return {-cos_t, sin_t};
  }
}

}  // namespace allot::geo_internal

#endif  // ALLOT_INVENTORY_SIN_COS_DEGREES_H_
