// Sets that answer one question as the scenario reader streams through a
// large array: has this key come before? Reading a million-order scenario
// spent most of its validation in general-purpose hash sets that missed
// the cache on nearly every insert; these keep their keys small.
#ifndef ALLOT_IO_SEEN_SETS_H_
#define ALLOT_IO_SEEN_SETS_H_

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_set.h"

namespace allot::io_internal {

// Strings (order ids). Each distinct string is kept once, end to end in an
// arena, and the hash set holds 4-byte indices into it: a million ids take
// 8 MB of slots where a flat_hash_set<std::string> takes 64 MB.
class SeenStrings {
 public:
  // The set's indices are 32-bit: callers keep to this many strings.
  static constexpr size_t kMaxStrings = std::numeric_limits<uint32_t>::max();

  SeenStrings();
  // The set's hash and equality point back at the arena.
  SeenStrings(const SeenStrings&) = delete;
  SeenStrings& operator=(const SeenStrings&) = delete;

  // Room for `count` strings without rehashing.
  void Reserve(size_t count);

  // True when `s` had not been inserted before; it now has.
  bool Insert(std::string_view s);

 private:
  std::string_view At(uint32_t index) const;

  // Transparent, so that a lookup by string_view stores nothing.
  struct Hash {
    using is_transparent = void;
    const SeenStrings* owner;
    size_t operator()(std::string_view s) const;
    size_t operator()(uint32_t index) const { return (*this)(owner->At(index)); }
  };
  struct Equal {
    using is_transparent = void;
    const SeenStrings* owner;
    static std::string_view View(std::string_view s) { return s; }
    std::string_view View(uint32_t index) const { return owner->At(index); }
    template <typename A, typename B>
    bool operator()(const A& a, const B& b) const {
      return View(a) == View(b);
    }
  };

  std::string chars_;         // the distinct strings, end to end
  std::vector<size_t> ends_;  // string i is chars_[ends_[i - 1], ends_[i])
  absl::flat_hash_set<uint32_t, Hash, Equal> set_;
};

// (location, SKU) pairs of dense indices, where SKU indices are handed out
// in order (a new SKU's index is the number of SKUs before it). With up to
// kMaxBitmapLocations locations, each SKU has a bitmap of its locations, at
// most 32 bytes, and a million-record inventory's check stays in cache;
// past that, a hash set of the pairs.
class SeenPairs {
 public:
  static constexpr size_t kMaxBitmapLocations = 256;

  // `max_pairs`: how many inserts to make room for.
  SeenPairs(size_t num_locations, size_t max_pairs);

  // True when (location, sku) had not been inserted before; it now has.
  bool Insert(uint32_t location, uint32_t sku);

 private:
  size_t words_per_sku_;        // 0 when the pairs are in `pairs_`
  std::vector<uint64_t> bits_;  // SKU s's locations: words [s * words_per_sku_, ...)
  absl::flat_hash_set<uint64_t> pairs_;
};

}  // namespace allot::io_internal

#endif  // ALLOT_IO_SEEN_SETS_H_
