#include "routing/pair_cover.h"

#include <algorithm>
#include <bit>

#if defined(__AVX512F__)
#define ALLOT_PAIR_COVER_AVX512 1
#include <immintrin.h>
#endif

namespace allot::routing_internal {

bool PairCover::Applies(const ExactProblem& problem) {
  return problem.shipments_first && problem.all_or_none &&
         problem.sku_sets.size() == static_cast<size_t>(problem.num_candidates);
}

bool PairCover::Solve(const ExactProblem& problem, std::vector<int>* chosen) {
  p_ = &problem;
  evaluated_ = 0;
  chosen->clear();
  covers_.clear();
  const int n = problem.num_candidates;
  uint64_t placeable = 0;
  for (int i = 0; i < n; ++i) placeable |= problem.sku_sets[i];
  if (placeable == 0) return false;
  ListSingles(placeable);
  if (covers_.empty()) {
    if (problem.max_shipments < 2) return false;
    ListPairs(placeable);
    if (covers_.empty()) return false;
  }
  costs_.Reset(problem);
  // Every cover ties on `shipments` (criterion 0), so the next criterion
  // leads: the cover with its least lower bound is evaluated first, a good
  // incumbent that spares most others their exact distances.
  size_t first = 0;
  if (problem.num_criteria > 1) {
    double least = Value(1, 0, /*exact=*/false);
    for (size_t at = 1; at < covers_.size(); ++at) {
      const double bound = Value(1, at, /*exact=*/false);
      if (bound < least) least = bound, first = at;
    }
  }
  best_at_ = -1;
  Evaluate(first);
  for (size_t at = 0; at < covers_.size(); ++at) {
    if (at != first && MayImprove(at)) Evaluate(at);
  }
  const auto [a, b] = covers_[best_at_];
  chosen->push_back(a);
  if (b >= 0) chosen->push_back(b);
  return true;
}

void PairCover::ListSingles(uint64_t skus) {
  const std::vector<uint64_t>& sets = p_->sku_sets;
  for (int i = 0; i < p_->num_candidates; ++i) {
    if (sets[i] == skus) covers_.push_back({i, -1});
  }
}

void PairCover::ListPairs(uint64_t skus) {
  const uint64_t* sets = p_->sku_sets.data();
  const int n = p_->num_candidates;
  for (int i = 0; i + 1 < n; ++i) {
    // The SKUs a partner of i must hold: candidates after i holding all of
    // them pair with it.
    const uint64_t need = skus & ~sets[i];
    int k = i + 1;
#ifdef ALLOT_PAIR_COVER_AVX512
    // Eight candidates' sets per compare: at 8 lines x 200 locations the
    // scalar loop tests some 18,000 pairs per order.
    const __m512i need8 = _mm512_set1_epi64(static_cast<long long>(need));
    for (; k + 8 <= n; k += 8) {
      const __m512i held = _mm512_and_si512(_mm512_loadu_si512(sets + k), need8);
      for (unsigned hits = _mm512_cmpeq_epi64_mask(held, need8); hits != 0; hits &= hits - 1) {
        covers_.push_back({i, k + std::countr_zero(hits)});
      }
    }
#endif
    for (; k < n; ++k) {
      if ((sets[k] & need) == need) covers_.push_back({i, k});
    }
  }
}

double PairCover::Value(int c, size_t at, bool exact) {
  const ExactProblem& p = *p_;
  const auto [a, b] = covers_[at];
  auto weight = [&](int i) { return exact ? costs_.weight(c, i) : costs_.weight_lower(c, i); };
  double value = weight(a) + (b >= 0 ? weight(b) : 0);
  if (!p.adds_unit_cost[c]) return value;
  // Each SKU's demand at the cheaper unit cost of the cover's holders.
  auto unit = [&](int i) { return exact ? costs_.unit_cost(i) : costs_.unit_cost_lower(i); };
  const uint64_t at_a = p.sku_sets[a];
  const uint64_t at_b = b >= 0 ? p.sku_sets[b] : 0;
  const double unit_a = unit(a);
  const double unit_b = b >= 0 ? unit(b) : 0;
  const double cheaper = b >= 0 ? std::min(unit_a, unit_b) : unit_a;
  auto units = [&](uint64_t skus) {
    int64_t sum = 0;
    for (; skus != 0; skus &= skus - 1) sum += p.demand[std::countr_zero(skus)];
    return static_cast<double>(sum);
  };
  return value + units(at_a & ~at_b) * unit_a + units(at_b & ~at_a) * unit_b +
         units(at_a & at_b) * cheaper;
}

bool PairCover::MayImprove(size_t at) {
  for (int c = 1; c < p_->num_criteria; ++c) {
    const int order = CompareLowerBound(*p_, c, Value(c, at, /*exact=*/false), best_.value[c]);
    if (order != 0) return order < 0;
  }
  return false;  // ties the best at best
}

void PairCover::Evaluate(size_t at) {
  const auto [a, b] = covers_[at];
  costs_.Ensure(a);
  if (b >= 0) costs_.Ensure(b);
  ++evaluated_;
  PlanKey key;
  key.units = best_.units;  // every cover places every placeable SKU
  for (int c = 0; c < p_->num_criteria; ++c) key.value[c] = Value(c, at, /*exact=*/true);
  if (best_at_ < 0 || BetterPlan(*p_, key, best_)) {
    best_ = key;
    best_at_ = static_cast<int>(at);
  }
}

}  // namespace allot::routing_internal
