#include "io/seen_sets.h"

#include "absl/hash/hash.h"
#include "absl/strings/string_view.h"

namespace allot::io_internal {

SeenStrings::SeenStrings() : set_(0, Hash{this}, Equal{this}) {}

void SeenStrings::Reserve(size_t count) {
  set_.reserve(count);
  ends_.reserve(count);
}

bool SeenStrings::Insert(std::string_view s) {
  bool inserted = false;
  set_.lazy_emplace(s, [&](const auto& construct) {
    // The string first, so that the set never holds an index the arena
    // lacks (were an append to throw).
    chars_.append(s);
    ends_.push_back(chars_.size());
    construct(static_cast<uint32_t>(ends_.size() - 1));
    inserted = true;
  });
  return inserted;
}

std::string_view SeenStrings::At(uint32_t index) const {
  const size_t begin = index == 0 ? 0 : ends_[index - 1];
  return std::string_view(chars_).substr(begin, ends_[index] - begin);
}

size_t SeenStrings::Hash::operator()(std::string_view s) const {
  return absl::Hash<absl::string_view>()(absl::string_view(s.data(), s.size()));
}

SeenPairs::SeenPairs(size_t num_locations, size_t max_pairs)
    : words_per_sku_(num_locations <= kMaxBitmapLocations ? (num_locations + 63) / 64 : 0) {
  if (words_per_sku_ == 0) pairs_.reserve(max_pairs);
}

bool SeenPairs::Insert(uint32_t location, uint32_t sku) {
  if (words_per_sku_ == 0) return pairs_.insert(uint64_t{location} << 32 | sku).second;
  const size_t first = size_t{sku} * words_per_sku_;
  // std::vector grows geometrically, so this is amortized constant.
  if (first >= bits_.size()) bits_.resize(first + words_per_sku_);
  uint64_t& word = bits_[first + location / 64];
  const uint64_t bit = uint64_t{1} << (location % 64);
  if (word & bit) return false;
  word |= bit;
  return true;
}

}  // namespace allot::io_internal
