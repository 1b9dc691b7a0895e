// The problem the exact policies solve for one order, in candidate form, and
// what both of its solvers (ExactSearch, CoverSearch) share: plan keys, their
// comparison and the per-candidate costs.
//
// An order asks d[j] units of each of m SKUs; candidate location i can give
// a[i][j] of them. A plan picks a set S of at most k locations; its units are
// sum_j min(d[j], sum_{i in S} a[i][j]); its unit cost allocates each SKU
// greedily to the cheapest per-unit locations of S (optimal, because the
// cost is linear per unit). Plans compare lexicographically by (most units,
// then each criterion, lower first); every criterion is additive over S
// (shipments, out-of-country count, rank, distance, package cost) plus, for
// `cost`, the allocated unit cost. Every weight is >= 0 (formats.md).
#ifndef ALLOT_ROUTING_EXACT_PROBLEM_H_
#define ALLOT_ROUTING_EXACT_PROBLEM_H_

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "allot/geo.h"
#include "allot/network.h"
#include "allot/order.h"
#include "allot/routing.h"

namespace allot::routing_internal {

inline constexpr int kMaxCriteria = 5;

// The criteria of an exact policy after "most units", without allocating;
// returns how many (RoutingPolicy::Criteria, for the hot path).
int PolicyCriteria(const RoutingPolicy& policy, std::array<Rule, kMaxCriteria>& out);

// What criterion `rule` charges one shipment from `location`: base + per_km
// * distance, plus, for `cost` only (AddsUnitCost), its units at the
// location's unit cost.
struct CriterionWeight {
  double base = 0, per_km = 0;
};
inline CriterionWeight WeightOf(Rule rule, const Location& location,
                                const Destination& destination) {
  switch (rule) {
    case Rule::kShipments:
      return {1, 0};
    case Rule::kOutOfCountry:
      return {location.country != destination.country ? 1.0 : 0.0, 0};
    case Rule::kRank:
      return {static_cast<double>(location.rank), 0};
    case Rule::kDistance:
      return {0, 1};
    case Rule::kCost:
      return {location.cost.fixed, location.cost.per_km};
  }
  return {};
}
inline bool AddsUnitCost(Rule rule) { return rule == Rule::kCost; }

// Costs and distances compare within the cost tolerance, integer criteria
// exactly: -1, 0 or +1 as `a` is better than, ties with or is worse than `b`.
inline bool ComparesWithTolerance(Rule rule) {
  return rule == Rule::kCost || rule == Rule::kDistance;
}
inline int CompareValues(bool tolerant, double a, double b) {
  if (tolerant ? NearlyEqual(a, b) : a == b) return 0;
  return a < b ? -1 : 1;
}
// How far from a tolerant value v another value must lie to compare
// strictly worse or better with CompareValues, without the tolerance test:
// 2.1e-6 max(1, |v|) clears the 1e-6 tolerance whatever the other value's
// size.
inline double ToleranceMargin(double v) { return 2.1e-6 * std::max(1.0, std::abs(v)); }

// Distances enter the weights linearly: weight = base + per_km * distance,
// and likewise the unit cost. An exact distance costs an asin, so the
// problem carries each candidate's half chord to the destination and the
// solvers compute exact distances only for candidates they evaluate; bounds
// use 2 R * half_chord, which never exceeds the distance (asin x >= x).
struct ExactProblem {
  int num_skus = 0;
  int num_candidates = 0;
  int max_shipments = 0;           // >= 1; num_candidates when unlimited
  std::vector<int64_t> demand;     // per SKU
  std::vector<int64_t> avail;      // candidate-major, capped at demand
  std::vector<double> half_chord;  // per candidate: |u - v| / 2 on the unit sphere
  // Per candidate: unit cost = unit_base + unit_per_km * distance.
  std::vector<double> unit_base, unit_per_km;
  int num_criteria = 0;
  // Per criterion: per-candidate weight = base + per_km * distance, whether
  // it adds the allocated unit cost, and whether values compare with the
  // cost tolerance (integer criteria compare exactly).
  std::array<std::vector<double>, kMaxCriteria> base, per_km;
  std::array<bool, kMaxCriteria> adds_unit_cost{};
  std::array<bool, kMaxCriteria> tolerant{};
  // Whether every candidate offers each SKU's whole demand or nothing (deep
  // stock), and then, with at most 64 SKUs, per candidate the bit set of the
  // SKUs it offers and per SKU the bit set of the candidates offering it
  // (HolderWords() words each). BuildProblem fills them along with avail;
  // DeriveSkuSets computes them from avail.
  static constexpr int kMaxSetSkus = 64;
  bool all_or_none = false;
  std::vector<uint64_t> sku_sets;
  std::vector<uint64_t> sku_holders;
  int HolderWords() const { return (num_candidates + 63) / 64; }
  // Records, when `holds`, that candidate i offers SKU j's whole demand:
  // its bit in both sku_sets and sku_holders (no branch, for the builder's
  // loop over the stock rows).
  void MarkHolder(int i, int j, bool holds) {
    sku_sets[i] |= uint64_t{holds} << j;
    sku_holders[static_cast<size_t>(j) * HolderWords() + i / 64] |= uint64_t{holds} << (i % 64);
  }

  void DeriveSkuSets();
  int64_t a(int i, int j) const { return avail[static_cast<size_t>(i) * num_skus + j]; }
  // The great-circle distance of candidate i, and a lower bound without asin.
  double Distance(int i) const;
  double DistanceLowerBound(int i) const;
  bool UsesUnitCost() const;
};

// The objective of a plan: more units first, then criteria, lower first.
struct PlanKey {
  int64_t units = 0;
  std::array<double, kMaxCriteria> value{};
};

// True when `a` is strictly better than `b` under the problem's tolerances.
bool BetterPlan(const ExactProblem& p, const PlanKey& a, const PlanKey& b);

// Compares a lower bound `bound` of criterion c with the incumbent's value:
// -1 strictly better, 0 a tie (within the tolerance), +1 strictly worse.
int CompareCriterion(const ExactProblem& p, int c, double bound, double incumbent);

// The same for a lower bound that may be fractional where criterion c takes
// integer values (shipments, out of country, rank): it rounds up first,
// with a margin that absorbs the rounding of sums and duals.
int CompareLowerBound(const ExactProblem& p, int c, double bound, double incumbent);

// Each candidate's weights and unit cost: lower bounds (no asin) for all at
// once, exact values on first use.
class CandidateCosts {
 public:
  void Reset(const ExactProblem& problem);

  double unit_cost_lower(int i) const { return unit_cost_lower_[i]; }
  double weight_lower(int c, int i) const { return weight_lower_[c][i]; }
  // The same for all candidates at once.
  const double* unit_cost_lowers() const { return unit_cost_lower_.data(); }
  const double* weight_lowers(int c) const { return weight_lower_[c].data(); }
  // Computes candidate i's exact distance, weights and unit cost once.
  void Ensure(int i) {
    if (!exact_[i]) Compute(i);
  }
  // Exact values; valid once Ensure(i) ran.
  double unit_cost(int i) const { return unit_cost_[i]; }
  double distance(int i) const { return distance_[i]; }
  double weight(int c, int i) const { return weight_[c][i]; }

 private:
  void Compute(int i);

  const ExactProblem* p_ = nullptr;
  std::vector<char> exact_;
  std::vector<double> distance_, unit_cost_, unit_cost_lower_;
  std::array<std::vector<double>, kMaxCriteria> weight_, weight_lower_;
};

}  // namespace allot::routing_internal

#endif  // ALLOT_ROUTING_EXACT_PROBLEM_H_
