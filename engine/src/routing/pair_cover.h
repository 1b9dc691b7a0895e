// Exact plans for deep-stock orders that one or two locations can ship,
// when `shipments` is the first criterion (min_shipments, Shopify's default
// rules), without a search.
//
// With deep stock (ExactProblem::all_or_none) a plan's units are those of
// the union of its locations' SKU sets, so an optimal plan places every
// placeable SKU, and with `shipments` next it has the fewest locations
// that do: k*. When k* is 1 or 2 the optimum is the best cover of that
// size by the criteria left, and the covers can simply be listed: the
// locations holding every placeable SKU, else the pairs whose SKU sets
// together hold them all. Every criterion is a sum over the plan's
// locations, plus for `cost` each SKU's units at the cheaper of the pair's
// holders, so a pair's value is a few additions.
//
// That is the common case of mid-sized orders: at 8 lines over 50
// locations stocked at 30 %, no location holds all eight SKUs but about six
// pairs of the 1,225 do, and the cover search (cover_search.h) spends
// several microseconds proving that one of them is best. Exact distances
// (an asin) are computed only for pairs whose lower bounds, from the half
// chords, could beat the best pair so far. With k* of 3 or more, or a
// max_shipments below k*, Solve declines and the cover search runs.
#ifndef ALLOT_ROUTING_PAIR_COVER_H_
#define ALLOT_ROUTING_PAIR_COVER_H_

#include <cstdint>
#include <utility>
#include <vector>

#include "routing/exact_problem.h"

namespace allot::routing_internal {

class PairCover {
 public:
  // True when stock is deep (with SKU sets) and `shipments` is the first
  // criterion.
  static bool Applies(const ExactProblem& problem);

  // Writes an optimal plan (ascending candidates) into `chosen` and returns
  // true when one or two candidates cover every placeable SKU within
  // max_shipments; otherwise returns false and leaves `chosen` empty.
  // Requires Applies(problem). Deterministic for a given problem.
  bool Solve(const ExactProblem& problem, std::vector<int>* chosen);

  // Covers evaluated with exact distances by the last Solve.
  int64_t evaluated() const { return evaluated_; }
  CandidateCosts& costs() { return costs_; }

 private:
  // Lists into covers_ the pairs (or, with second = -1, the single
  // candidates) whose SKU sets hold all of `skus`, ascending.
  void ListSingles(uint64_t skus);
  void ListPairs(uint64_t skus);
  // The value of cover `at` by criterion c, from lower bounds (exact =
  // false) or exact distances.
  double Value(int c, size_t at, bool exact);
  // Whether cover `at` may be strictly better than the best so far, by
  // its lower bounds.
  bool MayImprove(size_t at);
  void Evaluate(size_t at);

  const ExactProblem* p_ = nullptr;
  CandidateCosts costs_;
  std::vector<std::pair<int, int>> covers_;
  PlanKey best_;
  int best_at_ = -1;  // in covers_
  int64_t evaluated_ = 0;
};

}  // namespace allot::routing_internal

#endif  // ALLOT_ROUTING_PAIR_COVER_H_
