// Exact solution of deep-stock problems with one SKU (single-line orders,
// the most common kind): the best single holder.
//
// A candidate holds the whole demand or none of it, so every plan with a
// holder places all of it, and a plan of several locations is never better
// than its holder of the least unit cost alone: that one places the same units at the same
// unit cost without the others' weights (all >= 0). Candidates are compared
// as whole plans, a candidate's exact distance computed only when lower
// bounds on its values (CandidateCosts) could still beat the best so far.
#ifndef ALLOT_ROUTING_SINGLE_SKU_H_
#define ALLOT_ROUTING_SINGLE_SKU_H_

#include <vector>

#include "routing/exact_problem.h"

namespace allot::routing_internal {

// True for all-or-none problems of one SKU.
inline bool IsSingleSku(const ExactProblem& problem) {
  return problem.all_or_none && problem.num_skus == 1;
}

// Writes an optimal plan (no candidate, or the best one) into `chosen`;
// resets `costs` for the problem. Requires IsSingleSku(problem).
// Returns the number of candidates evaluated exactly.
int SolveSingleSku(const ExactProblem& problem, CandidateCosts* costs, std::vector<int>* chosen);

}  // namespace allot::routing_internal

#endif  // ALLOT_ROUTING_SINGLE_SKU_H_
