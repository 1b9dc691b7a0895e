#include "allot/geo.h"

#include <cmath>
#include <random>

#include "gtest/gtest.h"

namespace allot {
namespace {

TEST(GeoTest, KnownDistances) {
  EXPECT_DOUBLE_EQ(HaversineKm(10, 20, 10, 20), 0);
  // A quarter of the equator.
  EXPECT_NEAR(HaversineKm(0, 0, 0, 90), 6371.0 * 3.14159265358979 / 2, 1e-6);
  // Newark to Chicago, the example of formats.md.
  EXPECT_NEAR(HaversineKm(40.7357, -74.1724, 41.85, -87.65), 1131.6097428897524, 1e-9);
  // Antipodes clamp to half the circumference.
  EXPECT_NEAR(HaversineKm(0, 0, 0, 180), 6371.0 * 3.14159265358979, 1e-6);
}

// The inline asin behind every reported distance: within 2 ulp of libm's
// over [0, 1] (both branches, the seam at 1/2, tiny arguments), never below
// x (HalfChordLowerBoundKm relies on it), exact at the ends.
TEST(GeoTest, AsinOfUnitIntervalMatchesLibm) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> unit(0, 1);
  for (int i = 0; i < 2'000'000; ++i) {
    const double x = i % 4 == 3 ? std::ldexp(unit(rng), -(i % 64)) : unit(rng);
    const double want = std::asin(x), got = AsinOfUnitInterval(x);
    const double ulp = std::nextafter(want, 2.0) - want;
    ASSERT_LE(std::abs(got - want), 2 * ulp) << "x = " << x;
    ASSERT_GE(got, x) << "x = " << x;
  }
  for (double x = 0.5 - 1e-12; x <= 0.5 + 1e-12; x = std::nextafter(x, 1.0) + 1e-15) {
    EXPECT_NEAR(AsinOfUnitInterval(x), std::asin(x), 5e-16) << "x = " << x;
  }
  EXPECT_EQ(AsinOfUnitInterval(0), 0);
  EXPECT_EQ(AsinOfUnitInterval(1), std::asin(1.0));
  EXPECT_EQ(HalfChordToKm(2), 2 * kEarthRadiusKm * std::asin(1.0));  // clamped
}

TEST(GeoTest, NearlyEqualIsRelative) {
  EXPECT_TRUE(NearlyEqual(1.0, 1.0 + 5e-7));
  EXPECT_FALSE(NearlyEqual(1.0, 1.0 + 2e-6));
  EXPECT_TRUE(NearlyEqual(1e6, 1e6 + 0.5));
  EXPECT_FALSE(NearlyEqual(1e6, 1e6 + 2));
}

}  // namespace
}  // namespace allot
