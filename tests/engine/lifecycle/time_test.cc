#include "lifecycle/time.h"

#include "gtest/gtest.h"

namespace allot::lifecycle_internal {
namespace {

TEST(TimeTest, ParsesRfc3339) {
  EXPECT_EQ(ParseTime("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(ParseTime("2026-11-24T09:00:00Z"), 1'795'510'800);
  EXPECT_EQ(ParseTime("2026-11-24T11:00:00+02:00"), 1'795'510'800);
  EXPECT_EQ(ParseTime("2026-11-24T09:00:00.999Z"), 1'795'510'800);
  EXPECT_EQ(ParseTime("2024-02-29T00:00:00Z"), 1'709'164'800);
}

TEST(TimeTest, RefusesMalformed) {
  for (const char* bad : {"", "2026-11-24", "2026-11-24T09:00:00", "2026-13-01T00:00:00Z",
                          "2025-02-29T00:00:00Z", "2026-11-24T24:00:00Z", "2026-11-24T09:00:00.Z",
                          "2026-11-24T09:00:00+2:00", "2026-11-24T09:00:00Zjunk"}) {
    EXPECT_FALSE(ParseTime(bad).has_value()) << bad;
  }
}

TEST(TimeTest, FormatsUtc) {
  EXPECT_EQ(FormatTime(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatTime(1'795'510'800), "2026-11-24T09:00:00Z");
  EXPECT_EQ(FormatTime(-1), "1969-12-31T23:59:59Z");
}

}  // namespace
}  // namespace allot::lifecycle_internal
