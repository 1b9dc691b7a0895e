#include "allot/huge_page_allocator.h"

#include <cstdint>
#include <numeric>
#include <vector>

#include "gtest/gtest.h"

namespace allot {
namespace {

using Levels = std::vector<int32_t, HugePageAllocator<int32_t>>;

TEST(HugePageAllocatorTest, LargeBlocksStartOnAHugePage) {
  Levels large(3'000'000);  // 12 MB
  EXPECT_EQ(reinterpret_cast<uintptr_t>(large.data()) % huge_pages_internal::kHugePageBytes, 0u);
  std::iota(large.begin(), large.end(), 0);
  EXPECT_EQ(large.back(), 2'999'999);
}

TEST(HugePageAllocatorTest, GrowsShrinksAndCopiesAcrossTheThreshold) {
  Levels v;
  for (int32_t i = 0; i < 1'500'000; ++i) v.push_back(i);  // small blocks, then large ones
  Levels copy = v;
  EXPECT_EQ(copy, v);
  v.resize(10);
  v.shrink_to_fit();  // back to a small block
  EXPECT_EQ(v.size(), 10u);
  EXPECT_EQ(v[9], 9);
  EXPECT_EQ(copy[1'499'999], 1'499'999);
  Levels moved = std::move(copy);
  EXPECT_EQ(moved.size(), 1'500'000u);
}

}  // namespace
}  // namespace allot
