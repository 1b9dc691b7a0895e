#include "routing/cover_dual.h"

#include <algorithm>
#include <bit>
#include <cstddef>
#include <limits>

namespace allot::routing_internal {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

const uint64_t* HoldersOf(const DualInput& in, int j) {
  return in.holders + static_cast<size_t>(j) * in.words;
}

// Word w of the free candidates holding some SKU of `skus`.
uint64_t FreeHoldersOfAny(const DualInput& in, uint64_t skus, int w) {
  uint64_t any = 0;
  for (; skus != 0; skus &= skus - 1) any |= HoldersOf(in, std::countr_zero(skus))[w];
  return any & in.free[w];
}

// Calls fn(i) for every free candidate of the bit set `set`, ascending.
template <typename Fn>
void ForEachFree(const DualInput& in, const uint64_t* set, Fn fn) {
  for (int w = 0; w < in.words; ++w) {
    for (uint64_t bits = set[w] & in.free[w]; bits != 0; bits &= bits - 1) {
      fn(w * 64 + std::countr_zero(bits));
    }
  }
}

double SumOf(const double* v, uint64_t skus) {
  double sum = 0;
  for (; skus != 0; skus &= skus - 1) sum += v[std::countr_zero(skus)];
  return sum;
}

}  // namespace

double ComputeDual(const DualInput& in, uint64_t skus, double* share, double* slack, double* v) {
  const double* u = in.unit_cost;
  // Shares first per candidate, then each v_j as a minimum over j's
  // holders (a register, not a store per holder).
  for (int w = 0; w < in.words; ++w) {
    for (uint64_t bits = FreeHoldersOfAny(in, skus, w); bits != 0; bits &= bits - 1) {
      const int i = w * 64 + std::countr_zero(bits);
      share[i] = in.weight[i] / std::popcount(in.sets[i] & skus);
      slack[i] = in.weight[i];
    }
  }
  for (uint64_t rest = skus; rest != 0; rest &= rest - 1) {
    const int j = std::countr_zero(rest);
    const double d = static_cast<double>(in.demand[j]);
    double least = kInf;
    if (u != nullptr) {
      ForEachFree(in, HoldersOf(in, j),
                  [&](int i) { least = std::min(least, share[i] + d * u[i]); });
    } else {
      ForEachFree(in, HoldersOf(in, j), [&](int i) { least = std::min(least, share[i]); });
    }
    v[j] = least;
  }
  // The slacks SKU by SKU: a loop per SKU over its holders mispredicts
  // less than one per holder over its few SKUs.
  for (uint64_t rest = skus; rest != 0; rest &= rest - 1) {
    const int j = std::countr_zero(rest);
    const double d = static_cast<double>(in.demand[j]), vj = v[j];
    if (u != nullptr) {
      ForEachFree(in, HoldersOf(in, j), [&](int i) { slack[i] -= std::max(0.0, vj - d * u[i]); });
    } else {
      ForEachFree(in, HoldersOf(in, j), [&](int i) { slack[i] -= std::max(0.0, vj); });
    }
  }
  for (int w = 0; w < in.words; ++w) {
    for (uint64_t bits = FreeHoldersOfAny(in, skus, w); bits != 0; bits &= bits - 1) {
      const int i = w * 64 + std::countr_zero(bits);
      slack[i] = std::max(0.0, slack[i]);
    }
  }
  // One ascent pass (more measured slower: they rarely raise anything).
  for (uint64_t rest = skus; rest != 0; rest &= rest - 1) {
    const int j = std::countr_zero(rest);
    const double d = static_cast<double>(in.demand[j]), vj = v[j];
    auto cost = [&](int i) { return u != nullptr ? d * u[i] : 0.0; };
    double room = kInf, next = kInf;
    ForEachFree(in, HoldersOf(in, j), [&](int i) {
      const double c = cost(i);
      if (c <= vj) {
        room = std::min(room, slack[i]);
      } else {
        next = std::min(next, c);
      }
    });
    const double raise = std::min(room, next - vj);
    if (!(raise > 0)) continue;
    ForEachFree(in, HoldersOf(in, j), [&](int i) {
      if (cost(i) <= vj) slack[i] = std::max(0.0, slack[i] - raise);
    });
    v[j] = vj + raise;
  }
  return SumOf(v, skus);
}

}  // namespace allot::routing_internal
