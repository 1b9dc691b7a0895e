#include "lifecycle/time.h"

#include "gtest/gtest.h"

namespace allot::lifecycle_internal {
namespace {

constexpr int64_t kSecond = 1'000'000;  // engine times are microseconds

TEST(TimeTest, ParsesRfc3339) {
  EXPECT_EQ(ParseTime("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(ParseTime("2026-11-24T09:00:00Z"), 1'795'510'800 * kSecond);
  EXPECT_EQ(ParseTime("2026-11-24T11:00:00+02:00"), 1'795'510'800 * kSecond);
  EXPECT_EQ(ParseTime("2024-02-29T00:00:00Z"), 1'709'164'800 * kSecond);
}

// Regression: fractions used to be cut off on input, so 09:00:00.5Z was not
// "later than" a clock of 09:00:00Z.
TEST(TimeTest, KeepsFractionsToTheMicrosecond) {
  const int64_t t = 1'795'510'800 * kSecond;
  EXPECT_EQ(ParseTime("2026-11-24T09:00:00.5Z"), t + 500'000);
  EXPECT_EQ(ParseTime("2026-11-24T09:00:00.999Z"), t + 999'000);
  EXPECT_EQ(ParseTime("2026-11-24T09:00:00.000001Z"), t + 1);
  EXPECT_EQ(ParseTime("2026-11-24T09:00:00.0000019Z"), t + 1);  // past 6 digits: dropped
  EXPECT_EQ(ParseTime("2026-11-24T11:00:00.25+02:00"), t + 250'000);
  EXPECT_EQ(ParseTime("1969-12-31T23:59:59.5Z"), -500'000);
}

TEST(TimeTest, RefusesMalformed) {
  for (const char* bad : {"", "2026-11-24", "2026-11-24T09:00:00", "2026-13-01T00:00:00Z",
                          "2025-02-29T00:00:00Z", "2026-11-24T24:00:00Z", "2026-11-24T09:00:00.Z",
                          "2026-11-24T09:00:00+2:00", "2026-11-24T09:00:00Zjunk"}) {
    EXPECT_FALSE(ParseTime(bad).has_value()) << bad;
  }
}

TEST(TimeTest, FormatsUtcCuttingTheFraction) {
  EXPECT_EQ(FormatTime(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatTime(1'795'510'800 * kSecond), "2026-11-24T09:00:00Z");
  EXPECT_EQ(FormatTime(1'795'510'800 * kSecond + 999'999), "2026-11-24T09:00:00Z");
  EXPECT_EQ(FormatTime(-kSecond), "1969-12-31T23:59:59Z");
  EXPECT_EQ(FormatTime(-1), "1969-12-31T23:59:59Z");  // rounded towards the past
}

TEST(TimeTest, ExactFormatRoundTrips) {
  for (int64_t t : {int64_t{0}, int64_t{1}, int64_t{-1}, 1'795'510'800 * kSecond + 500'000,
                    1'795'510'800 * kSecond, int64_t{-1'500'000}}) {
    EXPECT_EQ(ParseTime(FormatTimeExact(t)), t) << FormatTimeExact(t);
  }
  EXPECT_EQ(FormatTimeExact(1'795'510'800 * kSecond), "2026-11-24T09:00:00Z");
  EXPECT_EQ(FormatTimeExact(1'795'510'800 * kSecond + 500'000), "2026-11-24T09:00:00.500000Z");
}

}  // namespace
}  // namespace allot::lifecycle_internal
