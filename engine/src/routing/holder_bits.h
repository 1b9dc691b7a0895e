// Walks over the cover search's bit sets of candidates, shared by the search
// (cover_search.cc) and its dual bound (cover_dual.cc): `holders` has, per
// SKU, `words` 64-bit words with a bit per candidate holding it, `free` the
// candidates neither taken nor excluded. Candidates come out ascending.
#ifndef ALLOT_ROUTING_HOLDER_BITS_H_
#define ALLOT_ROUTING_HOLDER_BITS_H_

#include <bit>
#include <cstddef>
#include <cstdint>

namespace allot::routing_internal {

// Calls fn(i) for every free candidate holding SKU j.
template <typename Fn>
void ForEachFreeHolderIn(const uint64_t* holders, const uint64_t* free, int words, int j, Fn fn) {
  const uint64_t* h = holders + static_cast<size_t>(j) * words;
  for (int w = 0; w < words; ++w) {
    for (uint64_t bits = h[w] & free[w]; bits != 0; bits &= bits - 1) {
      fn(w * 64 + std::countr_zero(bits));
    }
  }
}

// Calls fn(i) for every free candidate holding some SKU of `skus`: at a
// node with a few SKUs left, most free candidates hold none of them.
template <typename Fn>
void ForEachFreeHolderOfAnyIn(const uint64_t* holders, const uint64_t* free, int words,
                              uint64_t skus, Fn fn) {
  for (int w = 0; w < words; ++w) {
    uint64_t any = 0;
    for (uint64_t rest = skus; rest != 0; rest &= rest - 1) {
      any |= holders[static_cast<size_t>(std::countr_zero(rest)) * words + w];
    }
    for (uint64_t bits = any & free[w]; bits != 0; bits &= bits - 1) {
      fn(w * 64 + std::countr_zero(bits));
    }
  }
}

}  // namespace allot::routing_internal

#endif  // ALLOT_ROUTING_HOLDER_BITS_H_
