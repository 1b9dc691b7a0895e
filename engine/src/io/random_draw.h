// Reproducible random draws for generated data (allot generate, the
// simulator): uniforms taken from a 64-bit Mersenne Twister by hand, so that
// a seed gives the same data whatever the standard library's distributions.
#ifndef ALLOT_IO_RANDOM_DRAW_H_
#define ALLOT_IO_RANDOM_DRAW_H_

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <random>
#include <vector>

namespace allot::io_internal {

class Draw {
 public:
  explicit Draw(uint64_t seed) : rng_(seed) {}

  // Uniform in [0, 1).
  double Unit() { return static_cast<double>(rng_() >> 11) * 0x1.0p-53; }
  double Between(double lo, double hi) { return lo + (hi - lo) * Unit(); }
  // Uniform integer in [0, n).
  int64_t Below(int64_t n) {
    return std::min<int64_t>(n - 1, static_cast<int64_t>(Unit() * static_cast<double>(n)));
  }
  // An index drawn with probability proportional to the weights whose running
  // sums are `cumulative` (see Cumulative).
  size_t Weighted(const std::vector<double>& cumulative) {
    const double x = Unit() * cumulative.back();
    const size_t i = std::upper_bound(cumulative.begin(), cumulative.end(), x) - cumulative.begin();
    return std::min(i, cumulative.size() - 1);
  }
  // Poisson(mean): multiplication of uniforms for small means, a rounded
  // normal beyond 30.
  int64_t Poisson(double mean) {
    if (mean <= 0) return 0;
    if (mean > 30) return std::max<int64_t>(0, std::llround(mean + std::sqrt(mean) * Normal()));
    const double limit = std::exp(-mean);
    int64_t k = 0;
    for (double p = Unit(); p > limit; p *= Unit()) ++k;
    return k;
  }
  // Standard normal (Box-Muller).
  double Normal() {
    const double u = 1 - Unit();
    return std::sqrt(-2 * std::log(u)) * std::cos(2 * std::numbers::pi * Unit());
  }

 private:
  std::mt19937_64 rng_;
};

// Running sums of `weights`, for Draw::Weighted.
inline std::vector<double> Cumulative(const std::vector<double>& weights) {
  std::vector<double> out(weights.size());
  double sum = 0;
  for (size_t i = 0; i < weights.size(); ++i) out[i] = sum += weights[i];
  return out;
}

}  // namespace allot::io_internal

#endif  // ALLOT_IO_RANDOM_DRAW_H_
