#include "routing/deep_holders.h"

#include <algorithm>
#include <bit>

#include "routing/greedy_fill.h"

namespace allot::routing_internal {
namespace {

// location_bits: the locations that hold some SKU of the first `m`, from
// their holder bits once the rows are read, not a third read-modify-write
// per holder in the row loop.
void MarkLocationsWithHolders(RouterScratch& s, int m) {
  const size_t words = s.location_bits.size();
  for (size_t w = 0; w < words; ++w) {
    uint64_t any = 0;
    for (int j = 0; j < m; ++j) any |= s.deep_holders[static_cast<size_t>(j) * words + w];
    s.location_bits[w] = any;
  }
}

}  // namespace

std::optional<uint64_t> ReadDeepHolders(const Network& network, const Inventory& inventory,
                                        const Order& order, const RoutingPolicy& policy,
                                        RouterScratch& s) {
  const Eligibility eligible(network, policy, order.destination);
  const std::vector<int32_t>& sku = s.problem_sku;
  const std::vector<int64_t>& demand = s.problem.demand;
  const int m = static_cast<int>(sku.size());
  const size_t words = s.location_bits.size();
  std::fill(s.deep_holders.begin(), s.deep_holders.begin() + static_cast<size_t>(m) * words, 0);
  uint64_t placeable = 0;
  for (int j = 0; j < m; ++j) {
    absl::Span<const uint16_t> locations = inventory.RowLocations(SkuId(sku[j]));
    absl::Span<const StockLevel> levels = inventory.RowLevels(SkuId(sku[j]));
    uint64_t* bits = &s.deep_holders[static_cast<size_t>(j) * words];
    for (size_t k = 0; k < locations.size(); ++k) {
      const int64_t available = levels[k].available();
      if (available <= 0) continue;
      const int32_t location = locations[k];
      if (!eligible(location)) continue;
      if (available < demand[j]) {
        MarkLocationsWithHolders(s, j + 1);
        ClearDeepHolders(s);
        return std::nullopt;
      }
      bits[location >> 6] |= uint64_t{1} << (location & 63);
      s.deep_skus_at[location] |= uint64_t{1} << j;
      placeable |= uint64_t{1} << j;
    }
  }
  MarkLocationsWithHolders(s, m);
  return placeable;
}

void ClearDeepHolders(RouterScratch& s) {
  for (size_t w = 0; w < s.location_bits.size(); ++w) {
    for (uint64_t bits = s.location_bits[w]; bits != 0; bits &= bits - 1) {
      s.deep_skus_at[w * 64 + std::countr_zero(bits)] = 0;
    }
    s.location_bits[w] = 0;
  }
}

void ShipWholeSku(Inventory& inventory, const Order& order, RouterScratch& s, int j,
                  int32_t location) {
  inventory.MutableFind(LocationId(location), SkuId(s.problem_sku[j]))->reserved +=
      static_cast<int32_t>(s.problem.demand[j]);
  s.PickWholeLines(order, j, location);
}

}  // namespace allot::routing_internal
