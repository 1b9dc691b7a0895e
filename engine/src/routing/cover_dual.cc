#include "routing/cover_dual.h"

#include <algorithm>
#include <bit>
#include <cstddef>
#include <limits>

#include "routing/holder_bits.h"

namespace allot::routing_internal {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Calls fn(i) for every free holder of SKU j / of some SKU of `skus`.
template <typename Fn>
void ForEachFreeHolder(const DualInput& in, int j, Fn fn) {
  ForEachFreeHolderIn(in.holders, in.free, in.words, j, fn);
}
template <typename Fn>
void ForEachFreeHolderOfAny(const DualInput& in, uint64_t skus, Fn fn) {
  ForEachFreeHolderOfAnyIn(in.holders, in.free, in.words, skus, fn);
}

}  // namespace

double ComputeDual(const DualInput& in, uint64_t skus, double* share, double* slack, double* v) {
  const double* u = in.unit_cost;
  // Shares first per candidate, then each v_j as a minimum over j's
  // holders (a register, not a store per holder).
  ForEachFreeHolderOfAny(in, skus, [&](int i) {
    share[i] = in.weight[i] / std::popcount(in.sets[i] & skus);
    slack[i] = in.weight[i];
  });
  for (uint64_t rest = skus; rest != 0; rest &= rest - 1) {
    const int j = std::countr_zero(rest);
    const double d = static_cast<double>(in.demand[j]);
    double least = kInf;
    if (u != nullptr) {
      ForEachFreeHolder(in, j, [&](int i) { least = std::min(least, share[i] + d * u[i]); });
    } else {
      ForEachFreeHolder(in, j, [&](int i) { least = std::min(least, share[i]); });
    }
    v[j] = least;
  }
  // The slacks SKU by SKU: a loop per SKU over its holders mispredicts
  // less than one per holder over its few SKUs.
  for (uint64_t rest = skus; rest != 0; rest &= rest - 1) {
    const int j = std::countr_zero(rest);
    const double d = static_cast<double>(in.demand[j]), vj = v[j];
    if (u != nullptr) {
      ForEachFreeHolder(in, j, [&](int i) { slack[i] -= std::max(0.0, vj - d * u[i]); });
    } else {
      ForEachFreeHolder(in, j, [&](int i) { slack[i] -= std::max(0.0, vj); });
    }
  }
  ForEachFreeHolderOfAny(in, skus, [&](int i) { slack[i] = std::max(0.0, slack[i]); });
  // One ascent pass (more measured slower: they rarely raise anything).
  for (uint64_t rest = skus; rest != 0; rest &= rest - 1) {
    const int j = std::countr_zero(rest);
    const double d = static_cast<double>(in.demand[j]), vj = v[j];
    auto cost = [&](int i) { return u != nullptr ? d * u[i] : 0.0; };
    double room = kInf, next = kInf;
    ForEachFreeHolder(in, j, [&](int i) {
      const double c = cost(i);
      if (c <= vj) {
        room = std::min(room, slack[i]);
      } else {
        next = std::min(next, c);
      }
    });
    const double raise = std::min(room, next - vj);
    if (!(raise > 0)) continue;
    ForEachFreeHolder(in, j, [&](int i) {
      if (cost(i) <= vj) slack[i] = std::max(0.0, slack[i] - raise);
    });
    v[j] = vj + raise;
  }
  return DualSum(v, skus);
}

double DualSum(const double* v, uint64_t skus) {
  double sum = 0;
  for (; skus != 0; skus &= skus - 1) sum += v[std::countr_zero(skus)];
  return sum;
}

double SlackUnder(const DualInput& in, const double* v, uint64_t skus, int i) {
  double used = 0;
  for (skus &= in.sets[i]; skus != 0; skus &= skus - 1) {
    const int j = std::countr_zero(skus);
    const double serve =
        in.unit_cost != nullptr ? static_cast<double>(in.demand[j]) * in.unit_cost[i] : 0.0;
    used += std::max(0.0, v[j] - serve);
  }
  return std::max(0.0, in.weight[i] - used);
}

}  // namespace allot::routing_internal
