#include "allot/inventory.h"

#include "absl/strings/match.h"
#include "gtest/gtest.h"

namespace allot {
namespace {

TEST(InventoryTest, BuilderSortsRowsByLocationAndKeepsLastDuplicate) {
  Inventory::Builder b;
  ASSERT_TRUE(b.Add(LocationId(2), "X", {.on_hand = 5}).ok());
  ASSERT_TRUE(b.Add(LocationId(0), "X", {.on_hand = 1}).ok());
  ASSERT_TRUE(b.Add(LocationId(1), "Y", {.on_hand = 2}).ok());
  ASSERT_TRUE(b.Add(LocationId(0), "X", {.on_hand = 9}).ok());
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

// Levels outside the readers' domain would make available() wrap (a
// negative reserved) or sums overflow; a bad location id would be cut to 16
// bits, an unknown SKU id would index past the rows. Each is refused, naming
// the field, and nothing of the call is kept.
TEST(InventoryTest, BuilderRefusesLevelsOutsideTheDomainAndAddsNothing) {
  Inventory::Builder b;
  const SkuId x = b.InternSku("X");
  struct Case {
    LocationId location;
    StockLevel level;
    const char* field;
  };
  for (const Case& c : {
           Case{LocationId(0), {.on_hand = -1}, "on_hand"},
           Case{LocationId(0), {.on_hand = kMaxQuantity + 1}, "on_hand"},
           Case{LocationId(0), {.on_hand = 5, .reserved = -2'000'000'000}, "reserved"},
           Case{LocationId(0), {.on_hand = 5, .safety_stock = -1}, "safety_stock"},
           Case{LocationId(0), {.on_hand = 5, .safety_stock = kMaxQuantity + 7}, "safety_stock"},
           Case{LocationId(kMaxLocations), {.on_hand = 5}, "location"},
           Case{LocationId(-1), {.on_hand = 5}, "location"},
       }) {
    const absl::Status by_name = b.Add(c.location, "NEW", c.level);
    EXPECT_EQ(by_name.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_TRUE(absl::StartsWith(by_name.message(), c.field)) << by_name;
    const absl::Status by_id = b.Add(c.location, x, c.level);
    EXPECT_TRUE(absl::StartsWith(by_id.message(), c.field)) << by_id;
  }
  const absl::Status unknown = b.Add(LocationId(0), SkuId(1), {.on_hand = 5});
  EXPECT_TRUE(absl::StartsWith(unknown.message(), "sku: ")) << unknown;
  EXPECT_FALSE(b.Add(LocationId(0), SkuId(), {.on_hand = 5}).ok());
  // The edges of the domain are levels.
  ASSERT_TRUE(b.Add(LocationId(kMaxLocations - 1), x,
                    {.on_hand = kMaxQuantity, .reserved = kMaxQuantity, .safety_stock = 0})
                  .ok());
  const Inventory inv = std::move(b).Build();
  EXPECT_EQ(inv.num_skus(), 1);  // "NEW" was never interned
  EXPECT_EQ(inv.num_levels(), 1u);
  EXPECT_EQ(inv.Find(LocationId(kMaxLocations - 1), x)->on_hand, kMaxQuantity);
}

TEST(InventoryTest, FindOrCreateInsertsInOrderAndShiftsLaterRows) {
  Inventory::Builder b;
  ASSERT_TRUE(b.Add(LocationId(0), "A", {.on_hand = 1}).ok());
  ASSERT_TRUE(b.Add(LocationId(3), "A", {.on_hand = 3}).ok());
  ASSERT_TRUE(b.Add(LocationId(1), "B", {.on_hand = 7}).ok());
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
    for (int l = 0; l < 50; l += 3) {
      ASSERT_TRUE(b.Add(LocationId(l), std::to_string(s), {.on_hand = 1}).ok());
    }
  }
  Inventory inv = std::move(b).Build();
  const double per_level = static_cast<double>(inv.LevelBytes()) / inv.num_levels();
  // 2-byte location + 12-byte level, plus the SKU offsets.
  EXPECT_LE(per_level, 15.0);
}

}  // namespace
}  // namespace allot
