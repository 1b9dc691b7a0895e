#include "allot/inventory.h"

#include "gtest/gtest.h"

namespace allot {
namespace {

TEST(InventoryTest, BuilderSortsRowsByLocationAndKeepsLastDuplicate) {
  Inventory::Builder b;
  b.Add(LocationId(2), "X", {.on_hand = 5});
  b.Add(LocationId(0), "X", {.on_hand = 1});
  b.Add(LocationId(1), "Y", {.on_hand = 2});
  b.Add(LocationId(0), "X", {.on_hand = 9});
  Inventory inv = std::move(b).Build();
  const SkuId x = *inv.FindSku("X");
  ASSERT_EQ(inv.RowLocations(x).size(), 2u);
  EXPECT_EQ(inv.RowLocations(x)[0], 0);
  EXPECT_EQ(inv.RowLevels(x)[0].on_hand, 9);
  EXPECT_EQ(inv.RowLocations(x)[1], 2);
  EXPECT_EQ(inv.num_levels(), 3u);
  EXPECT_EQ(inv.Find(LocationId(1), x), nullptr);
}

TEST(InventoryTest, AvailableNeverNegative) {
  StockLevel l{.on_hand = 3, .reserved = 5, .safety_stock = 1};
  EXPECT_EQ(l.available(), 0);
  l = {.on_hand = kMaxQuantity, .reserved = 0, .safety_stock = 0};
  EXPECT_EQ(l.available(), kMaxQuantity);
  l = {.on_hand = 10, .reserved = 2, .safety_stock = 3};
  EXPECT_EQ(l.available(), 5);
}

TEST(InventoryTest, FindOrCreateInsertsInOrderAndShiftsLaterRows) {
  Inventory::Builder b;
  b.Add(LocationId(0), "A", {.on_hand = 1});
  b.Add(LocationId(3), "A", {.on_hand = 3});
  b.Add(LocationId(1), "B", {.on_hand = 7});
  Inventory inv = std::move(b).Build();
  const SkuId a = *inv.FindSku("A"), bsku = *inv.FindSku("B");
  inv.FindOrCreate(LocationId(2), a).on_hand = 2;
  ASSERT_EQ(inv.RowLocations(a).size(), 3u);
  EXPECT_EQ(inv.RowLocations(a)[1], 2);
  EXPECT_EQ(inv.RowLevels(bsku)[0].on_hand, 7);
  const SkuId c = inv.InternSku("C");
  EXPECT_TRUE(inv.RowLevels(c).empty());
  inv.FindOrCreate(LocationId(0), c).on_hand = 4;
  EXPECT_EQ(inv.Find(LocationId(0), c)->on_hand, 4);
  EXPECT_EQ(inv.Find(LocationId(1), bsku)->on_hand, 7);
}

TEST(InventoryTest, InternIsIdempotent) {
  Inventory inv;
  const SkuId a = inv.InternSku("A");
  EXPECT_EQ(inv.InternSku("A"), a);
  EXPECT_EQ(inv.sku_name(a), "A");
  EXPECT_FALSE(inv.FindSku("B"));
}

TEST(InventoryTest, AtMostFifteenBytesPerStockedPair) {
  Inventory::Builder b;
  for (int s = 0; s < 1000; ++s) {
    for (int l = 0; l < 50; l += 3) b.Add(LocationId(l), std::to_string(s), {.on_hand = 1});
  }
  Inventory inv = std::move(b).Build();
  const double per_level = static_cast<double>(inv.LevelBytes()) / inv.num_levels();
  // 2-byte location + 12-byte level, plus the SKU offsets.
  EXPECT_LE(per_level, 15.0);
}

}  // namespace
}  // namespace allot
