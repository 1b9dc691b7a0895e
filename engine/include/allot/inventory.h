// Stock per (location, SKU): on hand, reserved and safety stock.
//
// Layout: SKU-major compressed rows, as two parallel arrays. Each SKU owns a
// contiguous, location-sorted run of 2-byte location ids and of 12-byte
// levels {on_hand, reserved, safety_stock}, found through one 4-byte offset
// per SKU. A stocked (location, SKU) pair therefore costs 14 bytes plus the
// offsets (14.3 bytes at 30% density and 50 locations), against 12 bytes x
// locations x SKUs for a dense array (40 bytes per stocked pair at 30%).
// Routing reads one SKU's run per order line, in location priority order,
// which is the access pattern of a greedy fill. Location ids fit 16 bits:
// a network has at most kMaxLocations locations.
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

#include "absl/base/attributes.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "allot/huge_page_allocator.h"
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

static_assert(sizeof(StockLevel) == 12);

// Locations a network may have: their ids are stored in 16 bits.
inline constexpr int32_t kMaxLocations = 65'536;

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

  // The SKU's row, sorted by location: RowLocations(sku)[k] is the location
  // (a LocationId value) of RowLevels(sku)[k].
  absl::Span<const uint16_t> RowLocations(SkuId sku) const {
    return {locations_.data() + offsets_[sku.value()], RowSize(sku)};
  }
  absl::Span<const StockLevel> RowLevels(SkuId sku) const {
    return {levels_.data() + offsets_[sku.value()], RowSize(sku)};
  }
  absl::Span<StockLevel> MutableRowLevels(SkuId sku) {
    return {levels_.data() + offsets_[sku.value()], RowSize(sku)};
  }

  // The three Prefetch* are always inlined: GCC counts a prefetch as no
  // effect, so it may mark such a function, once out of line, as free of
  // effects and drop every call of it (a rest-of-row loop a few
  // instructions longer was, silently: the exact policies ran 13-43 %
  // slower).
  //
  // Asks the memory system for the SKU's entry in the row index, a step
  // ahead of PrefetchRow (which reads it), for a caller that knows its SKUs
  // two orders ahead.
  ABSL_ATTRIBUTE_ALWAYS_INLINE void PrefetchRowIndex(SkuId sku) const {
    __builtin_prefetch(offsets_.data() + sku.value());
  }
  // Asks the memory system for the start of the SKU's row ahead of use, so
  // that the rows of an order's lines load in parallel.
  ABSL_ATTRIBUTE_ALWAYS_INLINE void PrefetchRow(SkuId sku) const {
    const uint32_t begin = offsets_[sku.value()];
    __builtin_prefetch(levels_.data() + begin);
    __builtin_prefetch(locations_.data() + begin);
  }
  // The same for the row's levels past their first cache line, for a
  // caller that will read levels beyond it (the exact policies read them
  // all; `nearest` reads one, anywhere in the row). Steps of 64 bytes from
  // the row's start, which lies anywhere in a line, so the row's last line
  // is left out when the row crosses into it: asking for it too measured
  // 4-15 % slower (one more miss in flight per row).
  ABSL_ATTRIBUTE_ALWAYS_INLINE void PrefetchRestOfRowLevels(SkuId sku) const {
    // An offset, not a pointer past the row: an inventory without levels
    // has a null data().
    const char* row = reinterpret_cast<const char*>(levels_.data() + offsets_[sku.value()]);
    const size_t bytes = RowSize(sku) * sizeof(StockLevel);
    for (size_t at = 64; at < bytes; at += 64) __builtin_prefetch(row + at);
  }

  // The level of (location, sku), or nullptr when there is none.
  const StockLevel* Find(LocationId location, SkuId sku) const;
  StockLevel* MutableFind(LocationId location, SkuId sku);
  // The level of (location, sku), created at zero when missing.
  StockLevel& FindOrCreate(LocationId location, SkuId sku);

  size_t num_levels() const { return levels_.size(); }
  // Bytes held by the level storage and the SKU offsets (not the SKU names).
  size_t LevelBytes() const {
    return locations_.capacity() * sizeof(uint16_t) + levels_.capacity() * sizeof(StockLevel) +
           offsets_.capacity() * sizeof(uint32_t);
  }

  // Calls f(LocationId, SkuId, const StockLevel&) for every level, by SKU then location.
  template <typename F>
  void ForEach(F&& f) const {
    for (int s = 0; s < num_skus(); ++s) {
      absl::Span<const uint16_t> locations = RowLocations(SkuId(s));
      absl::Span<const StockLevel> levels = RowLevels(SkuId(s));
      for (size_t k = 0; k < locations.size(); ++k)
        f(LocationId(locations[k]), SkuId(s), levels[k]);
    }
  }

 private:
  std::vector<std::string> sku_names_;
  absl::flat_hash_map<std::string, SkuId> sku_by_name_;
  size_t RowSize(SkuId sku) const { return offsets_[sku.value() + 1] - offsets_[sku.value()]; }
  // The row position of (location, sku), or the position where it belongs.
  size_t LowerBound(LocationId location, SkuId sku) const;

  // Huge pages where large: routing reads them at random places.
  std::vector<uint32_t, HugePageAllocator<uint32_t>> offsets_ = {0};  // num_skus + 1
  std::vector<uint16_t, HugePageAllocator<uint16_t>> locations_;      // per level
  std::vector<StockLevel, HugePageAllocator<StockLevel>> levels_;     // per level
};

// Collects levels in any order and builds the compressed rows at once.
class Inventory::Builder {
 public:
  // Adds a level; a pair added twice keeps the last level. Fails with
  // InvalidArgument, adding nothing (not even the SKU's name), when a field
  // of the level is outside [0, kMaxQuantity] (the domain every reader
  // checks, so that available() and the sums routing makes cannot
  // overflow), the location is not an id below kMaxLocations, or a SKU
  // given by id was not interned here.
  [[nodiscard]] absl::Status Add(LocationId location, std::string_view sku, StockLevel level);
  [[nodiscard]] absl::Status Add(LocationId location, SkuId sku, StockLevel level);
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
  std::string last_sku_;  // the name Add(location, string_view, ...) interned last
  SkuId last_sku_id_;
};

}  // namespace allot

#endif  // ALLOT_INVENTORY_H_
