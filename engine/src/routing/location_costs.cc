#include "routing/location_costs.h"

#include <bit>
#include <cmath>
#include <limits>

#include "routing/chord_distance.h"
#include "routing/exact_problem.h"

#if defined(__AVX512F__)
#define ALLOT_LOCATION_COSTS_AVX512 1
#include <immintrin.h>
#endif

namespace allot::routing_internal {

namespace {

// The scalar functions' operations in their order (the build does not
// contract multiply-adds, and this file is compiled without errno for
// sqrt), so the compiler vectorizes the loop (the restrict pointers spare
// it the aliasing checks) and the values are the same bits. With
// kFirstBranch, asin's first branch alone (AsinUpToHalf), and whether any
// location needed the other (its half chord above 1/2, or NaN, which
// HalfChordToKm clamps) is returned.
template <bool kFirstBranch>
bool FillTablesWith(size_t n, const double* __restrict key, const double* __restrict fixed,
                    const double* __restrict per_km, const double* __restrict per_unit,
                    const double* __restrict per_unit_km, double* __restrict distance,
                    double* __restrict package, double* __restrict unit) {
  int far = 0;
  for (size_t l = 0; l < n; ++l) {
    const double half_chord = std::sqrt(key[l]) / 2;
    double d;
    if constexpr (kFirstBranch) {
      far |= !(half_chord <= 0.5);                        // as AsinOfUnitInterval tests it
      d = 2 * kEarthRadiusKm * AsinUpToHalf(half_chord);  // HalfChordToKm's operations
    } else {
      d = HalfChordToKm(half_chord);
    }
    distance[l] = d;
    package[l] = fixed[l] + per_km[l] * d;
    unit[l] = per_unit[l] + per_unit_km[l] * d;
  }
  return far != 0;
}

// Vectorized, HalfChordToKm computes both of its asin's branches for
// every location. Half chords above 1/2 are distances beyond about
// 6,672 km (2 R asin 1/2), which a regional network never has: the first
// pass takes the first branch alone (a third fewer operations and one
// square root instead of two); only when some location was that far does
// a second pass, the whole function, fill the tables again.
void FillTables(size_t n, const double* key, const double* fixed, const double* per_km,
                const double* per_unit, const double* per_unit_km, double* distance,
                double* package, double* unit) {
  if (FillTablesWith<true>(n, key, fixed, per_km, per_unit, per_unit_km, distance, package, unit)) {
    FillTablesWith<false>(n, key, fixed, per_km, per_unit, per_unit_km, distance, package, unit);
  }
}

}  // namespace

void LocationCosts::Compute(const Network& network, absl::Span<const double> keys) {
  if (network_ != &network) {
    network_ = &network;
    const int n = network.size();
    for (std::vector<double>* v : {&fixed_, &per_km_, &per_unit_, &per_unit_km_, &distance_km_,
                                   &package_cost_, &unit_cost_}) {
      v->resize(n);
    }
    for (int l = 0; l < n; ++l) {
      const ShippingCost& cost = network.location(LocationId(l)).cost;
      fixed_[l] = cost.fixed;
      per_km_[l] = cost.per_km;
      per_unit_[l] = cost.per_unit;
      per_unit_km_[l] = cost.per_unit_km;
    }
    const size_t words = (n + 63) / 64;
    locations_in_.clear();
    nowhere_.assign(words, 0);
    for (int l = 0; l < n; ++l) {
      std::vector<uint64_t>& bits = locations_in_[network.location(LocationId(l)).country];
      bits.resize(words, 0);
      bits[l >> 6] |= uint64_t{1} << (l & 63);
    }
  }
  FillTables(distance_km_.size(), keys.data(), fixed_.data(), per_km_.data(), per_unit_.data(),
             per_unit_km_.data(), distance_km_.data(), package_cost_.data(), unit_cost_.data());
}

namespace {

// Each location's weight for one block: base[l] + units * per_unit[l] (a
// shipment's cost), or base[l] alone (its distance) when kPerUnit is false.
template <bool kPerUnit>
struct Weights {
  const double* base;
  const double* per_unit;
  double units;
  double at(size_t l) const { return kPerUnit ? base[l] + units * per_unit[l] : base[l]; }
};

// The scan in location order: its best is replaced only by a weight lower
// beyond the tolerance (CompareValues).
template <bool kPerUnit>
int32_t LeastByScan(absl::Span<const uint64_t> holders, const Weights<kPerUnit>& weights) {
  int32_t best = -1;
  double best_weight = 0;
  for (size_t w = 0; w < holders.size(); ++w) {
    for (uint64_t bits = holders[w]; bits != 0; bits &= bits - 1) {
      const int32_t l = static_cast<int32_t>(w * 64 + std::countr_zero(bits));
      const double weight = weights.at(l);
      if (best < 0 || CompareValues(/*tolerant=*/true, weight, best_weight) < 0) {
        best = l;
        best_weight = weight;
      }
    }
  }
  return best;
}

// Whether the first holder weighs +infinity (rates near the largest double
// overflow): NearlyEqual ties infinity with every value, so the scan then
// keeps that first holder whatever follows, which the band rule below does
// not see. Rates are finite and >= 0, so no weight is NaN or negative.
template <bool kPerUnit>
bool FirstWeighsInfinity(absl::Span<const uint64_t> holders, const Weights<kPerUnit>& weights) {
  for (size_t w = 0; w < holders.size(); ++w) {
    if (holders[w] != 0) return std::isinf(weights.at(w * 64 + std::countr_zero(holders[w])));
  }
  return false;
}

#ifndef ALLOT_LOCATION_COSTS_AVX512
template <bool kPerUnit>
int32_t Least(absl::Span<const uint64_t> holders, size_t, const Weights<kPerUnit>& weights) {
  return LeastByScan(holders, weights);
}
#else
// GCC 12's AVX-512 headers pass an undefined vector as the unused operand of
// masked builtins, which -Wmaybe-uninitialized reports; those lanes are
// never read.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
// The scan's pick weighs within the tolerance of the least weight (its best
// only falls, and the least one could not replace it only by being that
// close), so within ToleranceMargin of it: when that band holds a single
// holder, it is the scan's pick. `n` is the number of locations.
template <bool kPerUnit>
int32_t Least(absl::Span<const uint64_t> holders, size_t n, const Weights<kPerUnit>& weights) {
  if (FirstWeighsInfinity(holders, weights)) return LeastByScan(holders, weights);
  const __m512d units = _mm512_set1_pd(weights.units);
  // Eight locations at a time, masked by their holder bits (masked loads
  // touch nothing past the tables).
  auto lanes = [&](size_t at) {
    return static_cast<__mmask8>(holders[at >> 6] >> (at & 63) & 0xFF);
  };
  auto weigh = [&](size_t at, __mmask8 mask) {
    const __m512d base = _mm512_maskz_loadu_pd(mask, weights.base + at);
    if constexpr (!kPerUnit) return base;
    return _mm512_add_pd(base,
                         _mm512_mul_pd(units, _mm512_maskz_loadu_pd(mask, weights.per_unit + at)));
  };
  const __m512d infinity = _mm512_set1_pd(std::numeric_limits<double>::infinity());
  if (holders.size() == 1) {
    // Up to 64 locations: the eight vectors stay in registers, the least
    // comes from a tree, and the band from one 64-bit mask, without a branch.
    __m512d chunk[8];
    for (size_t i = 0; i < 8; ++i) {
      const __mmask8 mask = lanes(8 * i);
      chunk[i] = _mm512_mask_mov_pd(infinity, mask, weigh(8 * i, mask));
    }
    const __m512d least = _mm512_min_pd(
        _mm512_min_pd(_mm512_min_pd(chunk[0], chunk[1]), _mm512_min_pd(chunk[2], chunk[3])),
        _mm512_min_pd(_mm512_min_pd(chunk[4], chunk[5]), _mm512_min_pd(chunk[6], chunk[7])));
    const double lightest = _mm512_reduce_min_pd(least);
    const __m512d band = _mm512_set1_pd(lightest + ToleranceMargin(lightest));
    uint64_t within = 0;
    for (size_t i = 0; i < 8; ++i) {
      within |= uint64_t{_mm512_cmp_pd_mask(chunk[i], band, _CMP_LE_OQ)} << (8 * i);
    }
    if (std::popcount(within) == 1) return std::countr_zero(within);
    return LeastByScan(holders, weights);
  }
  __m512d least = infinity;
  for (size_t at = 0; at < n; at += 8) {
    const __mmask8 mask = lanes(at);
    least = _mm512_mask_min_pd(least, mask, least, weigh(at, mask));
  }
  const double lightest = _mm512_reduce_min_pd(least);
  const __m512d band = _mm512_set1_pd(lightest + ToleranceMargin(lightest));
  int within_band = 0;
  size_t first = 0;
  for (size_t at = 0; at < n; at += 8) {
    const __mmask8 mask = lanes(at);
    const unsigned within = _mm512_mask_cmp_pd_mask(mask, weigh(at, mask), band, _CMP_LE_OQ);
    if (within_band == 0 && within != 0) first = at + std::countr_zero(within);
    within_band += std::popcount(within);
  }
  if (within_band == 1) return static_cast<int32_t>(first);
  return LeastByScan(holders, weights);
}
#pragma GCC diagnostic pop
#endif

}  // namespace

int32_t LocationCosts::Cheapest(absl::Span<const uint64_t> holders, int64_t units) const {
  return Least(holders, package_cost_.size(),
               Weights<true>{package_cost_.data(), unit_cost_.data(), static_cast<double>(units)});
}

int32_t LocationCosts::CheapestByScan(absl::Span<const uint64_t> holders, int64_t units) const {
  return LeastByScan(
      holders, Weights<true>{package_cost_.data(), unit_cost_.data(), static_cast<double>(units)});
}

int32_t LocationCosts::Nearest(absl::Span<const uint64_t> holders) const {
  return Least(holders, distance_km_.size(), Weights<false>{distance_km_.data(), nullptr, 0});
}

int32_t LocationCosts::NearestByScan(absl::Span<const uint64_t> holders) const {
  return LeastByScan(holders, Weights<false>{distance_km_.data(), nullptr, 0});
}

absl::Span<const uint64_t> LocationCosts::LocationsIn(const std::string& country) const {
  auto it = locations_in_.find(country);
  return it != locations_in_.end() ? absl::Span<const uint64_t>(it->second)
                                   : absl::Span<const uint64_t>(nowhere_);
}

}  // namespace allot::routing_internal
