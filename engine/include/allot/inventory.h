// Stock per (location, SKU): on hand, reserved and safety stock.
//
// Layout: SKU-major compressed rows. Each SKU owns a contiguous, location-
// sorted run of 16-byte StockEntry records {location, on_hand, reserved,
// safety_stock}, found through one offset per SKU. A stocked (location, SKU)
// pair therefore costs 16 bytes plus 4 bytes per SKU of offset, against
// 12 bytes x locations x SKUs for a dense array (at 30% density and 50
// locations: 16.3 vs 40 bytes per stocked pair). Routing reads one SKU's run
// per order line, in location priority order, which is the access pattern of
// a greedy fill.
//
// Adding a level that did not exist costs O(levels + SKUs) (it shifts the
// rows behind it); bulk loads go through Inventory::Builder in O(n log n).
#ifndef ALLOT_INVENTORY_H_
#define ALLOT_INVENTORY_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "allot/ids.h"

namespace allot {

// Largest quantity a level may hold; keeps every sum of two levels in int64
// and every level in int32.
inline constexpr int32_t kMaxQuantity = 2'000'000'000;

struct StockLevel {
  int32_t on_hand = 0;
  int32_t reserved = 0;      // held by open fulfillment orders
  int32_t safety_stock = 0;  // never promised online

  // max(0, on_hand - reserved - safety_stock), without overflow.
  int32_t available() const {
    const int64_t a = int64_t{on_hand} - reserved - safety_stock;
    return a > 0 ? static_cast<int32_t>(a) : 0;
  }
};

struct StockEntry {
  int32_t location;  // LocationId value
  StockLevel level;
};
static_assert(sizeof(StockEntry) == 16);

// Thread safety: none inside; the owner (Router, Engine) serializes writers.
class Inventory {
 public:
  class Builder;

  Inventory() = default;

  // SKU table. InternSku returns the existing id for a known name.
  SkuId InternSku(std::string_view name);
  std::optional<SkuId> FindSku(std::string_view name) const;
  const std::string& sku_name(SkuId sku) const { return sku_names_[sku.value()]; }
  int num_skus() const { return static_cast<int>(sku_names_.size()); }

  // The SKU's levels, sorted by location.
  absl::Span<const StockEntry> Row(SkuId sku) const {
    return {entries_.data() + offsets_[sku.value()],
            static_cast<size_t>(offsets_[sku.value() + 1] - offsets_[sku.value()])};
  }
  absl::Span<StockEntry> MutableRow(SkuId sku) {
    return {entries_.data() + offsets_[sku.value()],
            static_cast<size_t>(offsets_[sku.value() + 1] - offsets_[sku.value()])};
  }

  // The level of (location, sku), or nullptr when there is none.
  const StockLevel* Find(LocationId location, SkuId sku) const;
  StockLevel* MutableFind(LocationId location, SkuId sku);
  // The level of (location, sku), created at zero when missing.
  StockLevel& FindOrCreate(LocationId location, SkuId sku);

  size_t num_levels() const { return entries_.size(); }
  // Bytes held by the level storage and the SKU offsets (not the SKU names).
  size_t LevelBytes() const {
    return entries_.capacity() * sizeof(StockEntry) + offsets_.capacity() * sizeof(uint32_t);
  }

  // Calls f(LocationId, SkuId, const StockLevel&) for every level, by SKU then location.
  template <typename F>
  void ForEach(F&& f) const {
    for (int s = 0; s < num_skus(); ++s) {
      for (const StockEntry& e : Row(SkuId(s))) f(LocationId(e.location), SkuId(s), e.level);
    }
  }

 private:
  std::vector<std::string> sku_names_;
  absl::flat_hash_map<std::string, SkuId> sku_by_name_;
  std::vector<uint32_t> offsets_ = {0};  // num_skus + 1
  std::vector<StockEntry> entries_;
};

// Collects levels in any order and builds the compressed rows at once.
class Inventory::Builder {
 public:
  // Adds a level; a pair added twice keeps the last level.
  void Add(LocationId location, std::string_view sku, StockLevel level);
  void Add(LocationId location, SkuId sku, StockLevel level);
  // Interns a SKU without stock (so that orders for it resolve to an id).
  SkuId InternSku(std::string_view sku) { return inventory_.InternSku(sku); }
  Inventory Build() &&;

 private:
  struct Pending {
    int32_t sku;
    int32_t location;
    StockLevel level;
  };
  Inventory inventory_;
  std::vector<Pending> pending_;
};

}  // namespace allot

#endif  // ALLOT_INVENTORY_H_
