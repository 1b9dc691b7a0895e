// Exact search for the best set of shipping locations of one order, for
// any ExactProblem (exact_problem.h has the problem and its objective).
//
// The search is a depth-first branch and bound over include/exclude decisions
// in a fixed candidate order (lightest first by the first criterion whose
// weights differ, then most supply). Every single-location plan is evaluated
// first, and whenever S grows, every single completion S + {i} (LookAhead);
// so the plans below a node not yet seen add at least two more locations,
// and most orders are settled by the root bound alone. A node is pruned only
// when a sound lower bound of every plan below it is not better than the
// incumbent (seeded with the best single location and a greedy cover):
//   - units:   sum_j min(d[j], cover of S + remaining supply), and with a
//              limit k, units(S) + the k - |S| largest remaining gains;
//   - then, when that bound only ties the incumbent's units, criterion by
//     criterion: the value on S, plus for the `extra` >= 2 locations still to
//     add (enough for their gains to close the unit gap) the smallest
//     remaining weights, and at least the lightest holder of each SKU that
//     S leaves short; for cost, each required unit at its cheapest holder.
// Per node the bounds cost O(m + r), read from summaries of every suffix of
// the candidate order built once per search.
// Distances need an asin each; candidates carry their chord, whose 2 R
// multiple bounds the distance from below, and exact distances are computed
// only for the candidates a plan evaluates.
// Dominance: a candidate whose supply, unit cost and every criterion weight
// are no better than an earlier candidate's is never taken once that earlier
// one was excluded (swapping it in gives a plan at least as good).
// Worst case O(2^n (n m + r)); docs/benchmarks.md has measured node counts.
#ifndef ALLOT_ROUTING_EXACT_SEARCH_H_
#define ALLOT_ROUTING_EXACT_SEARCH_H_

#include <array>
#include <cstdint>
#include <limits>
#include <vector>

#include "routing/exact_problem.h"

namespace allot::routing_internal {

class ExactSearch {
 public:
  // Finds an optimal set of candidates, written ascending into `chosen`.
  // Deterministic for a given problem.
  void Solve(const ExactProblem& problem, std::vector<int>* chosen);

  // Number of search nodes of the last Solve (for benchmarks and tests).
  int64_t nodes() const { return nodes_; }
  // The candidates' costs in the last Solve (exact once Ensure'd).
  CandidateCosts& costs() { return costs_; }

 private:
  void Prepare();
  void OrderForSearch();
  // The candidates before position t that dominate the one at t (computed
  // on first use).
  const std::vector<int>& Dominators(int t);
  // What bounds need of the remaining candidates R: supply and cheapest
  // unit cost (lower bound) per SKU, the two largest gains, and per
  // criterion the two smallest weights (lower bounds).
  struct Summary {
    std::vector<int64_t> supply;
    std::vector<double> unit_cost;
    std::vector<double> holder_min;  // criterion x SKU: lightest holder's weight (or empty)
    int64_t top1 = 0, top2 = 0;
    std::array<double, kMaxCriteria> min1{}, min2{};
  };
  // Fills all of *out but holder_min, which SummarizeHolders adds.
  void Summarize(int t, Summary* out) const;
  void SummarizeHolders(int t, Summary* out) const;
  void BuildSuffixSummaries();
  // The two largest gains of some candidates: upper bounds passed down the
  // search (no bound by default).
  struct Tops {
    int64_t first = std::numeric_limits<int64_t>::max();
    int64_t second = std::numeric_limits<int64_t>::max();
  };
  bool Prune(int t, Summary& r, Tops residual);
  // Seeds the incumbent with a greedy cover.
  void SeedGreedy();
  void Finish(std::vector<int>* chosen);
  // Evaluates S + {i} for every candidate i at search position >= t (those
  // placing the most units); returns the two largest residual gains there.
  Tops LookAhead(int t);
  // False when S + {i} cannot beat the incumbent, by lower bounds (no asin).
  bool CouldImprove(int i) const;
  void Dfs(int t, Tops residual);
  bool Prune(int t, Tops residual);
  void Add(int i);
  void Remove(int i);
  void Evaluate();
  int64_t CoveredUnits() const;
  double AllocatedUnitCost() const;

  const ExactProblem* p_ = nullptr;
  int n_ = 0, m_ = 0, k_ = 0, r_ = 0;
  std::vector<int64_t> gain_;  // per candidate: units it places alone
  CandidateCosts costs_;
  std::vector<int> order_;       // search position -> candidate
  std::vector<Summary> suffix_;  // per search position, once the search orders R
  bool has_suffix_ = false;
  Summary root_summary_;  // before the search orders R (index order)
  bool root_summary_ready_ = false;
  std::vector<double> selected_unit_cost_;  // per SKU: least unit cost in S holding it
  std::vector<double> unit_cost_undo_;
  std::vector<std::vector<int>> dominators_;  // per candidate
  std::vector<char> dominators_known_;
  // Search state.
  std::vector<int64_t> cover_;  // per SKU, sum over S
  std::array<double, kMaxCriteria> weight_sum_{};
  std::vector<char> selected_, excluded_;
  std::vector<int> stack_;               // S in the order it was built
  std::vector<int> stack_by_unit_cost_;  // S ascending (unit cost, index)
  std::vector<int> greedy_;
  std::vector<int64_t> gains_;  // scratch: residual gains of R
  PlanKey best_;
  std::vector<int> best_set_;
  int64_t nodes_ = 0;
};

}  // namespace allot::routing_internal

#endif  // ALLOT_ROUTING_EXACT_SEARCH_H_
