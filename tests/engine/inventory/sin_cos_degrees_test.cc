#include "common/sin_cos_degrees.h"

#include <cmath>
#include <limits>
#include <random>

#include "allot/geo.h"
#include "gtest/gtest.h"

namespace allot {
namespace {

// The error in units of the exact value's last place (a double's ulp at the
// rounded exact value), from an 80-bit reference. Zeros of sine and cosine
// come out exactly 0 (the reduction is exact) where the reference is 80-bit
// pi's rounding, below 1e-18: such errors count as none.
double ErrorUlps(double value, long double exact) {
  const long double error = std::abs(static_cast<long double>(value) - exact);
  if (error < 1e-18L) return 0;
  const double rounded = static_cast<double>(exact);
  const double ulp =
      std::abs(std::nextafter(rounded, std::numeric_limits<double>::infinity()) - rounded);
  return static_cast<double>(error / ulp);
}

long double Radians(double degrees) {
  // 80-bit pi / 180; reduced by 360 first so the reference keeps its bits.
  const long double kRadiansPerDegree = 3.14159265358979323846264338327950288L / 180;
  return std::fmod(static_cast<long double>(degrees), 360.0L) * kRadiansPerDegree;
}

// Checks the error at `degrees` and returns it (sine's plus cosine's).
double ExpectWithinTwoUlps(double degrees) {
  const SinCos got = SinCosDegrees(degrees);
  const long double t = Radians(degrees);
  const double sin_error = ErrorUlps(got.sin, std::sin(t));
  const double cos_error = ErrorUlps(got.cos, std::cos(t));
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

TEST(SinCosDegreesTest, LibmBeyondItsRangeAndForNan) {
  EXPECT_TRUE(std::isnan(SinCosDegrees(std::nan("")).sin));
  EXPECT_TRUE(std::isnan(SinCosDegrees(std::numeric_limits<double>::infinity()).cos));
  const double t = 3e7 * (std::numbers::pi / 180.0);
  EXPECT_DOUBLE_EQ(SinCosDegrees(3e7).sin, std::sin(t));
  EXPECT_DOUBLE_EQ(SinCosDegrees(3e7).cos, std::cos(t));
}

TEST(SinCosDegreesTest, UnitVectorsAreUnitAndMatchHaversine) {
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
