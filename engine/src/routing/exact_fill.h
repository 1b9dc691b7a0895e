// The exact policies (min_shipments, min_cost, rules) for one order: builds
// the ExactProblem from the eligible stock, solves it, allocates each SKU to
// the chosen locations by unit cost and reserves the picks.
#ifndef ALLOT_ROUTING_EXACT_FILL_H_
#define ALLOT_ROUTING_EXACT_FILL_H_

#include "allot/inventory.h"
#include "allot/network.h"
#include "allot/order.h"
#include "allot/routing.h"
#include "routing/router_scratch.h"

namespace allot::routing_internal {

void ExactFill(const Network& network, Inventory& inventory, const Order& order,
               const RoutingPolicy& policy, RouterScratch& scratch);

}  // namespace allot::routing_internal

#endif  // ALLOT_ROUTING_EXACT_FILL_H_
