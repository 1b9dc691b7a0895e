// ExactProblems for the solver tests (exact_search_test, cover_search_test):
// random ones, a plain one to fill by hand, and plan keys computed the
// obvious way.
#ifndef ALLOT_TESTS_ENGINE_ROUTING_RANDOM_PROBLEM_H_
#define ALLOT_TESTS_ENGINE_ROUTING_RANDOM_PROBLEM_H_

#include <cstdint>
#include <random>
#include <vector>

#include "routing/exact_problem.h"

namespace allot::routing_internal::testing {

// `deep`: every candidate offers all or none of each SKU's demand (the form
// CoverSearch solves); otherwise quantities are partial at random.
ExactProblem RandomProblem(std::mt19937_64& gen, int n, int m, bool deep);

// n candidates and m SKUs of `demand` units each, none in stock (tests set
// avail); one criterion, shipments; every candidate at the same distance
// and unit cost; no shipment limit.
ExactProblem ShipmentsProblem(int n, int m, int64_t demand);

// The key of the plan taking candidates `set`, allocated by unit cost.
PlanKey KeyOf(const ExactProblem& p, const std::vector<int>& set);

// The best key over every subset of at most max_shipments candidates (n <= 20).
PlanKey BruteForceBest(const ExactProblem& p);

}  // namespace allot::routing_internal::testing

#endif  // ALLOT_TESTS_ENGINE_ROUTING_RANDOM_PROBLEM_H_
