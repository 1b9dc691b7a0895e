#include "allot/geo.h"

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

TEST(GeoTest, NearlyEqualIsRelative) {
  EXPECT_TRUE(NearlyEqual(1.0, 1.0 + 5e-7));
  EXPECT_FALSE(NearlyEqual(1.0, 1.0 + 2e-6));
  EXPECT_TRUE(NearlyEqual(1e6, 1e6 + 0.5));
  EXPECT_FALSE(NearlyEqual(1e6, 1e6 + 2));
}

}  // namespace
}  // namespace allot
