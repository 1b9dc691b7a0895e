// The inline asin behind every reported distance (routing/chord_distance.h):
// within 2 ulp of libm's over [0, 1] (both branches, the seam at 1/2, tiny
// arguments), never below x (HalfChordLowerBoundKm relies on it), exact at
// the ends.
#include "routing/chord_distance.h"

#include <cmath>
#include <random>

#include "gtest/gtest.h"

namespace allot::routing_internal {
namespace {

TEST(ChordDistanceTest, AsinOfUnitIntervalMatchesLibm) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> unit(0, 1);
  for (int i = 0; i < 400'000; ++i) {
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
}

TEST(ChordDistanceTest, DistancesAndTheirBound) {
  EXPECT_EQ(HalfChordToKm(2), 2 * kEarthRadiusKm * std::asin(1.0));  // clamped
  for (double lat : {0.0, 10.0, 45.0, 89.0}) {
    // From (0, 0) to (lat, 100): the half chord of the unit vectors.
    const UnitVector a = ToUnitVector(0, 0), b = ToUnitVector(lat, 100);
    const double dx = a.x - b.x, dy = a.y - b.y, dz = a.z - b.z;
    const double h = std::sqrt(dx * dx + dy * dy + dz * dz) / 2;
    const double km = HaversineKm(0, 0, lat, 100);
    EXPECT_NEAR(HalfChordToKm(h), km, 1e-9 * km);
    EXPECT_LE(HalfChordLowerBoundKm(h), HalfChordToKm(h));
  }
}

}  // namespace
}  // namespace allot::routing_internal
