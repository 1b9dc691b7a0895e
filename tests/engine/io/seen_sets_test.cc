#include "io/seen_sets.h"

#include <cstdint>
#include <random>
#include <set>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace allot::io_internal {
namespace {

TEST(SeenStringsTest, TellsRepeatsFromPrefixesAndTheEmptyString) {
  SeenStrings seen;
  EXPECT_TRUE(seen.Insert("ab"));
  EXPECT_TRUE(seen.Insert("a"));
  EXPECT_TRUE(seen.Insert(""));
  EXPECT_TRUE(seen.Insert("abc"));
  EXPECT_TRUE(seen.Insert("b"));
  EXPECT_FALSE(seen.Insert("a"));
  EXPECT_FALSE(seen.Insert(""));
  EXPECT_FALSE(seen.Insert("abc"));
  EXPECT_FALSE(seen.Insert(std::string("ab")));
  EXPECT_TRUE(seen.Insert("ba"));
}

// Without Reserve the set rehashes many times, hashing its indices back
// into the arena.
TEST(SeenStringsTest, AgreesWithAStdSetThroughRehashes) {
  for (bool reserve : {false, true}) {
    SeenStrings seen;
    if (reserve) seen.Reserve(20000);
    std::set<std::string> reference;
    std::mt19937 random(7);
    for (int i = 0; i < 20000; ++i) {
      const std::string s = absl::StrCat("o-", random() % 9000, std::string(random() % 3, 'x'));
      EXPECT_EQ(seen.Insert(s), reference.insert(s).second) << s << " reserve=" << reserve;
    }
  }
}

TEST(SeenPairsTest, AgreesWithAStdSetOnBothSidesOfTheBitmapLimit) {
  for (size_t num_locations : {1, 5, 63, 64, 65, 256, 257, 1000}) {
    SeenPairs seen(num_locations, 100);
    std::set<std::pair<uint32_t, uint32_t>> reference;
    std::mt19937 random(static_cast<uint32_t>(num_locations));
    uint32_t num_skus = 0;
    for (int i = 0; i < 5000; ++i) {
      const auto location = static_cast<uint32_t>(random() % num_locations);
      // A new SKU now and then, as the reader hands out indices.
      const uint32_t sku = random() % 8 == 0 ? num_skus++ : random() % (num_skus + 1);
      if (sku == num_skus) ++num_skus;
      EXPECT_EQ(seen.Insert(location, sku), reference.insert({location, sku}).second)
          << num_locations << " locations: " << location << ", " << sku;
    }
    // A SKU not seen yet, at the last location, then again.
    const auto last = static_cast<uint32_t>(num_locations - 1);
    EXPECT_EQ(seen.Insert(last, num_skus), true);
    EXPECT_EQ(seen.Insert(last, num_skus), false);
  }
}

}  // namespace
}  // namespace allot::io_internal
