#include "routing/single_sku.h"

namespace allot::routing_internal {

int SolveSingleSku(const ExactProblem& p, CandidateCosts* costs, std::vector<int>* chosen) {
  chosen->clear();
  if (p.num_candidates == 0 || p.max_shipments < 1) return 0;
  costs->Reset(p);
  const double units = static_cast<double>(p.demand[0]);
  PlanKey best;
  int best_at = -1, evaluated = 0;
  for (int i = 0; i < p.num_candidates; ++i) {
    if (p.sku_sets[i] == 0) continue;  // holds none of it
    if (best_at >= 0) {
      // Lower bounds of i's values against the best plan's: skip i
      // unless they are strictly better.
      int order = 0;
      for (int c = 0; c < p.num_criteria && order == 0; ++c) {
        double bound = costs->weight_lower(c, i);
        if (p.adds_unit_cost[c]) bound += units * costs->unit_cost_lower(i);
        order = CompareLowerBound(p, c, bound, best.value[c]);
      }
      if (order >= 0) continue;
    }
    costs->Ensure(i);
    ++evaluated;
    PlanKey key;
    key.units = p.demand[0];
    for (int c = 0; c < p.num_criteria; ++c) {
      key.value[c] = costs->weight(c, i) + (p.adds_unit_cost[c] ? units * costs->unit_cost(i) : 0);
    }
    if (best_at < 0 || BetterPlan(p, key, best)) {
      best = key;
      best_at = i;
    }
  }
  if (best_at >= 0) chosen->push_back(best_at);
  return evaluated;
}

}  // namespace allot::routing_internal
