#include "routing/location_keys.h"

#include <algorithm>
#include <bit>
#include <limits>

#if defined(__AVX512F__) && defined(__AVX512BW__) && defined(__AVX512VL__)
#define ALLOT_LOCATION_KEYS_AVX512 1
#include <immintrin.h>
#endif

namespace allot::routing_internal {

void LocationKeys::Compute(const Network& network, const UnitVector& destination) {
  if (network_ != &network) {
    network_ = &network;
    const int n = network.size();
    x_.resize(n);
    y_.resize(n);
    z_.resize(n);
    keys_.resize(n);
    for (int l = 0; l < n; ++l) {
      const UnitVector& u = network.unit_vector(LocationId(l));
      x_[l] = u.x;
      y_[l] = u.y;
      z_[l] = u.z;
    }
  }
  // Network::SquaredChord's operations in its order (the build does not
  // contract multiply-adds), so the keys are the same bits; the compiler
  // vectorizes the loop.
  const size_t n = keys_.size();
  const double* x = x_.data();
  const double* y = y_.data();
  const double* z = z_.data();
  double* keys = keys_.data();
  for (size_t l = 0; l < n; ++l) {
    const double dx = x[l] - destination.x, dy = y[l] - destination.y, dz = z[l] - destination.z;
    keys[l] = dx * dx + dy * dy + dz * dz;
  }
}

RowNearest LocationKeys::NearestByLoops(absl::Span<const uint16_t> locations) const {
  RowNearest r;
  const size_t n = locations.size();
  if (n == 0) return r;
  const double* keys = keys_.data();
  r.key = keys[locations[0]];
  for (size_t k = 1; k < n; ++k) r.key = std::min(r.key, keys[locations[k]]);
  const double band = r.key * (1 + 1e-9);
  for (size_t k = n; k-- > 0;) {
    if (keys[locations[k]] <= band) {
      r.index = k;
      ++r.within_band;
    }
  }
  return r;
}

#ifndef ALLOT_LOCATION_KEYS_AVX512
RowNearest LocationKeys::Nearest(absl::Span<const uint16_t> locations) const {
  return NearestByLoops(locations);
}
#else
// GCC 12's AVX-512 headers pass an undefined vector as the unused operand of
// masked builtins, which -Wmaybe-uninitialized reports; those lanes are
// never read.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
RowNearest LocationKeys::Nearest(absl::Span<const uint16_t> locations) const {
  RowNearest r;
  const size_t n = locations.size();
  if (n == 0) return r;
  const double* keys = keys_.data();
  // Eight locations at a time; lanes past the row read +infinity (masked
  // loads and gathers touch nothing there).
  const __m512d infinity = _mm512_set1_pd(std::numeric_limits<double>::infinity());
  auto gather = [&](size_t at) {
    const __mmask8 lanes =
        n - at >= 8 ? __mmask8{0xFF} : static_cast<__mmask8>((1u << (n - at)) - 1);
    const __m256i ids = _mm256_cvtepu16_epi32(_mm_maskz_loadu_epi16(lanes, locations.data() + at));
    return _mm512_mask_i32gather_pd(infinity, lanes, ids, keys, 8);
  };
  auto count_within = [&r](__m512d chunk, __m512d band, size_t at) {
    const unsigned within = _mm512_cmp_pd_mask(chunk, band, _CMP_LE_OQ);
    if (r.within_band == 0 && within != 0) r.index = at + std::countr_zero(within);
    r.within_band += std::popcount(within);
  };
  if (n <= 16) {
    // Rows of up to 16 locations (50 locations at 30 % stock): the least
    // key and the band from two registers.
    const __m512d low = gather(0), high = n > 8 ? gather(8) : infinity;
    r.key = _mm512_reduce_min_pd(_mm512_min_pd(low, high));
    const __m512d band = _mm512_set1_pd(r.key * (1 + 1e-9));
    count_within(low, band, 0);
    count_within(high, band, 8);
    return r;
  }
  // Longer rows: the least key in one pass, the band in a second that
  // gathers again (the table is in L1, the row's ids too by now).
  __m512d least = infinity;
  for (size_t at = 0; at < n; at += 8) least = _mm512_min_pd(least, gather(at));
  r.key = _mm512_reduce_min_pd(least);
  const __m512d band = _mm512_set1_pd(r.key * (1 + 1e-9));
  for (size_t at = 0; at < n; at += 8) count_within(gather(at), band, at);
  return r;
}
#pragma GCC diagnostic pop
#endif

}  // namespace allot::routing_internal
