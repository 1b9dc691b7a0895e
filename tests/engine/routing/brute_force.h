// A brute-force restatement of routing.md for property tests: slow, obvious,
// and independent of the engine's search. Exact policies enumerate every
// subset of eligible locations.
#ifndef ALLOT_TESTS_ENGINE_ROUTING_BRUTE_FORCE_H_
#define ALLOT_TESTS_ENGINE_ROUTING_BRUTE_FORCE_H_

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "allot/routing.h"
#include "allot/scenario.h"

namespace allot::testing {

// Available units by (location id, sku), as routing sees them.
using Stock = std::map<std::pair<std::string, std::string>, int64_t>;

Stock InitialStock(const Scenario& scenario);

// The objective key of a plan: units, then the policy's criteria.
struct Key {
  int64_t units = 0;
  std::vector<double> values;
  std::vector<bool> tolerant;
};
// Strictly better under routing.md's tolerances.
bool KeyBetter(const Key& a, const Key& b);

// A plan: (line, location id) -> quantity.
using Plan = std::map<std::pair<int, std::string>, int64_t>;

// The exact allocation of priority / nearest.
Plan GreedyPlan(const Scenario& scenario, const Stock& stock, const Order& order,
                const RoutingPolicy& policy);
// The best key over every subset of eligible locations.
Key BestKey(const Scenario& scenario, const Stock& stock, const Order& order,
            const RoutingPolicy& policy);
// The key of a given plan.
Key PlanKeyOf(const Scenario& scenario, const Order& order, const RoutingPolicy& policy,
              const Plan& plan);

}  // namespace allot::testing

#endif  // ALLOT_TESTS_ENGINE_ROUTING_BRUTE_FORCE_H_
