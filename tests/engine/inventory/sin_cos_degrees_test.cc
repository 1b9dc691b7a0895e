#include "inventory/sin_cos_degrees.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <random>

#include "allot/geo.h"
#include "gtest/gtest.h"

namespace allot::geo_internal {
namespace {

// Sine and cosine of `degrees` in 80 bits, reduced exactly in degrees (fmod
// and the quarter turns are exact), so that the reference is good to the
// last bit of a double near the axes too, where reducing in radians is not.
struct ExactSinCos {
  long double sin, cos;
};
ExactSinCos Exact(double degrees) {
  const long double d = std::fmod(static_cast<long double>(degrees), 360.0L);
  const long double quarters = std::nearbyint(d / 90);
  const long double t = (d - 90 * quarters) * (3.14159265358979323846264338327950288L / 180);
  const long double s = std::sin(t), c = std::cos(t);
  switch (static_cast<long long>(quarters) & 3) {
    case 0:
      return {s, c};
    case 1:
      return {c, -s};
    case 2:
      return {-s, -c};
    default:
      return {-c, s};
  }
}

// The error in units of the exact value's last place (a double's ulp at the
// rounded exact value; at an exact zero, the least subnormal's).
double ErrorUlps(double value, long double exact) {
  const double rounded = static_cast<double>(exact);
  const double ulp =
      std::abs(std::nextafter(rounded, std::numeric_limits<double>::infinity()) - rounded);
  return static_cast<double>(std::abs(static_cast<long double>(value) - exact) / ulp);
}

// Checks the error at `degrees` and returns it (sine's plus cosine's).
double ExpectWithinTwoUlps(double degrees) {
  const SinCos got = SinCosDegrees(degrees);
  const ExactSinCos exact = Exact(degrees);
  const double sin_error = ErrorUlps(got.sin, exact.sin);
  const double cos_error = ErrorUlps(got.cos, exact.cos);
  EXPECT_LE(sin_error, 2.0) << degrees;
  EXPECT_LE(cos_error, 2.0) << degrees;
  return sin_error + cos_error;
}

TEST(SinCosDegreesTest, WithinTwoUlpsOverEveryCoordinate) {
  double total = 0;
  int count = 0;
  for (int millidegrees = -180'000; millidegrees <= 180'000; ++millidegrees, count += 2) {
    total += ExpectWithinTwoUlps(millidegrees / 1000.0);
  }
  // Within a hundred-thousandth of a degree of each axis, where reducing in
  // radians loses the most.
  for (int axis = -4; axis <= 4; ++axis) {
    for (int step = -1000; step <= 1000; ++step, count += 2) {
      total += ExpectWithinTwoUlps(90.0 * axis + step * 1e-8);
    }
  }
  // A few ulp either side of each odd multiple of 45 degrees, where the
  // quarter turns, counted by a product, may round either way (|r| a hair
  // above 45).
  for (int odd = -7; odd <= 7; odd += 2) {
    double below = 45.0 * odd, above = 45.0 * odd;
    for (int ulps = 0; ulps <= 16; ++ulps, count += 4) {
      total += ExpectWithinTwoUlps(below) + ExpectWithinTwoUlps(above);
      below = std::nextafter(below, -std::numeric_limits<double>::infinity());
      above = std::nextafter(above, std::numeric_limits<double>::infinity());
    }
  }
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> any(-180, 180);
  for (int trial = 0; trial < 200'000; ++trial, count += 2) total += ExpectWithinTwoUlps(any(rng));
  // Most results are the exact value rounded (0.3 ulp on average); a
  // polynomial a term short averages more.
  EXPECT_LE(total / count, 0.32);
}

TEST(SinCosDegreesTest, QuadrantsAndSigns) {
  EXPECT_EQ(SinCosDegrees(0).sin, 0);
  EXPECT_EQ(SinCosDegrees(0).cos, 1);
  EXPECT_EQ(SinCosDegrees(90).sin, 1);
  EXPECT_EQ(SinCosDegrees(90).cos, 0);
  EXPECT_EQ(SinCosDegrees(-90).sin, -1);
  EXPECT_EQ(SinCosDegrees(180).cos, -1);
  EXPECT_EQ(SinCosDegrees(-180).cos, -1);
  EXPECT_EQ(SinCosDegrees(270).sin, -1);
  EXPECT_DOUBLE_EQ(SinCosDegrees(30).sin, 0.5);
  EXPECT_DOUBLE_EQ(SinCosDegrees(-150).sin, -0.5);
  EXPECT_DOUBLE_EQ(SinCosDegrees(120).cos, -0.5);
  EXPECT_DOUBLE_EQ(SinCosDegrees(-60).cos, 0.5);
}

// Beyond a million degrees fmod reduces the angle first, exactly: as
// accurate as in [-180, 180] (libm of x * pi / 180 is off by about 1e-12
// there). NaN and infinities give NaN.
TEST(SinCosDegreesTest, LargeAnglesAndNonFinite) {
  // (Past 2^53 degrees the quarter turns are no longer exact, past 2^63
  // they do not fit an integer: 1e20 is 280 degrees, 2^70 + 2^20 is 200.)
  for (double degrees : {1'000'090.0, -3e7 - 30, 1e15 + 45, 1e20, 0x1p70 + 0x1p20, 1e300}) {
    ExpectWithinTwoUlps(degrees);
  }
  EXPECT_DOUBLE_EQ(SinCosDegrees(1'000'090.0).sin, SinCosDegrees(10).sin);
  EXPECT_TRUE(std::isnan(SinCosDegrees(std::nan("")).sin));
  EXPECT_TRUE(std::isnan(SinCosDegrees(std::numeric_limits<double>::infinity()).cos));
  EXPECT_TRUE(std::isnan(SinCosDegrees(-std::numeric_limits<double>::infinity()).sin));
}

}  // namespace
}  // namespace allot::geo_internal

namespace allot {
namespace {

TEST(ToUnitVectorTest, UnitLengthAndTheContractsDistance) {
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> lat(-90, 90), lon(-180, 180);
  for (int trial = 0; trial < 10'000; ++trial) {
    const double lat1 = lat(rng), lon1 = lon(rng), lat2 = lat(rng), lon2 = lon(rng);
    const UnitVector a = ToUnitVector(lat1, lon1), b = ToUnitVector(lat2, lon2);
    EXPECT_NEAR(a.x * a.x + a.y * a.y + a.z * a.z, 1, 1e-15);
    const double chord = std::sqrt((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y) +
                                   (a.z - b.z) * (a.z - b.z));
    const double km = 2 * kEarthRadiusKm * std::asin(std::min(1.0, chord / 2));
    EXPECT_NEAR(km, HaversineKm(lat1, lon1, lat2, lon2), 1e-8);
  }
}

}  // namespace
}  // namespace allot
