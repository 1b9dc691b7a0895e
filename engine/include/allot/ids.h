// Strong integer ids for the hot path.
//
// Strings (location ids, SKUs) are interned once where data enters the engine;
// everything after that works on these dense ids, which index contiguous
// arrays. A distinct type per kind of id keeps a SkuId from being passed where
// a LocationId is expected.
#ifndef ALLOT_IDS_H_
#define ALLOT_IDS_H_

#include <compare>
#include <cstdint>

namespace allot {

template <typename Tag>
class StrongId {
 public:
  constexpr StrongId() = default;
  constexpr explicit StrongId(int32_t value) : value_(value) {}

  constexpr int32_t value() const { return value_; }
  // A default-constructed id names nothing (for example a SKU no location stocks).
  constexpr bool valid() const { return value_ >= 0; }

  friend constexpr auto operator<=>(StrongId, StrongId) = default;

  template <typename H>
  friend H AbslHashValue(H h, StrongId id) {
    return H::combine(std::move(h), id.value_);
  }

 private:
  int32_t value_ = -1;
};

// Index of a location in its Network, which numbers locations in ascending
// (rank, id): comparing two LocationIds compares the locations' priority.
using LocationId = StrongId<struct LocationIdTag>;
// Index of a SKU in its Inventory's SKU table.
using SkuId = StrongId<struct SkuIdTag>;

}  // namespace allot

#endif  // ALLOT_IDS_H_
