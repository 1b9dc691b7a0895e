#include "routing/exact_problem.h"

#include <algorithm>
#include <cmath>

#include "allot/geo.h"
#include "routing/chord_distance.h"

namespace allot::routing_internal {

double ExactProblem::Distance(int i) const { return HalfChordToKm(half_chord[i]); }

double ExactProblem::DistanceLowerBound(int i) const {
  return HalfChordLowerBoundKm(half_chord[i]);
}

void ExactProblem::DeriveSkuSets() {
  all_or_none = num_skus <= kMaxSetSkus;
  sku_sets.assign(num_candidates, 0);
  sku_holders.assign(static_cast<size_t>(num_skus) * HolderWords(), 0);
  for (int i = 0; i < num_candidates && all_or_none; ++i) {
    for (int j = 0; j < num_skus; ++j) {
      MarkHolder(i, j, a(i, j) == demand[j]);
      if (a(i, j) != 0 && a(i, j) != demand[j]) all_or_none = false;
    }
  }
}

bool ExactProblem::UsesUnitCost() const {
  for (int c = 0; c < num_criteria; ++c) {
    if (adds_unit_cost[c]) return true;
  }
  return false;
}

int CompareCriterion(const ExactProblem& p, int c, double bound, double incumbent) {
  return CompareValues(p.tolerant[c], bound, incumbent);
}

int CompareLowerBound(const ExactProblem& p, int c, double bound, double incumbent) {
  if (!p.tolerant[c]) bound = std::ceil(bound - 1e-9);
  return CompareCriterion(p, c, bound, incumbent);
}

bool BetterPlan(const ExactProblem& p, const PlanKey& a, const PlanKey& b) {
  if (a.units != b.units) return a.units > b.units;
  for (int c = 0; c < p.num_criteria; ++c) {
    const int order = CompareCriterion(p, c, a.value[c], b.value[c]);
    if (order != 0) return order < 0;
  }
  return false;
}

void CandidateCosts::Reset(const ExactProblem& problem) {
  p_ = &problem;
  const int n = problem.num_candidates;
  exact_.assign(n, 0);
  distance_.resize(n);
  unit_cost_.resize(n);
  unit_cost_lower_.resize(n);
  for (int c = 0; c < problem.num_criteria; ++c) {
    weight_[c].resize(n);
    weight_lower_[c].resize(n);
  }
  for (int i = 0; i < n; ++i) {
    const double d = problem.DistanceLowerBound(i);
    unit_cost_lower_[i] = problem.unit_base[i] + problem.unit_per_km[i] * d;
    for (int c = 0; c < problem.num_criteria; ++c) {
      weight_lower_[c][i] = problem.base[c][i] + problem.per_km[c][i] * d;
    }
  }
}

void CandidateCosts::Compute(int i) {
  const ExactProblem& p = *p_;
  exact_[i] = 1;
  const double d = p.Distance(i);
  distance_[i] = d;
  unit_cost_[i] = p.unit_base[i] + p.unit_per_km[i] * d;
  for (int c = 0; c < p.num_criteria; ++c) weight_[c][i] = p.base[c][i] + p.per_km[c][i] * d;
}

}  // namespace allot::routing_internal
