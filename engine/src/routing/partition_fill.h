// Exact fill of small deep-stock orders by partitions of their SKUs.
//
// With deep stock (every eligible location that holds a SKU offers its whole
// demand or none of it) an optimal plan ships each SKU from one location, so
// a plan is a partition of the order's SKUs into blocks, one shipment each.
// Every criterion is additive over shipments, so the best plan is the best
// partition with each block at its own best location, chosen independently:
// two blocks at one location are worth no more than their union there
// (every weight is >= 0), and the union is another partition. With at most
// four SKUs that is 15 blocks and 15 partitions, so the work is one pass over
// the SKUs' stock rows plus an exact distance (an asin) only for locations
// whose lower bounds could still beat a block's best so far. Single-line
// orders, the commonest kind, are the one-block case. With `shipments`
// first, when some location holds the whole order only that block is
// weighed, and it is the plan. With long rows too, such locations are
// looked for first, from the rows' location ids: when there is one, only
// those locations' levels are read.
//
// Larger orders, shallow stock, and a max_shipments below the number of SKUs
// that can be placed go to BuildProblem and the searches instead.
#ifndef ALLOT_ROUTING_PARTITION_FILL_H_
#define ALLOT_ROUTING_PARTITION_FILL_H_

#include "allot/inventory.h"
#include "allot/network.h"
#include "allot/order.h"
#include "allot/routing.h"
#include "routing/router_scratch.h"

namespace allot::routing_internal {

// Routes the order as above, appending its picks to scratch.picks and
// reserving them, and returns true; or returns false, having changed
// nothing, when the order is not such a problem. Reads the order's SKUs
// from scratch as ExactFill collected them
// (problem_sku, problem.demand and the chains of lines).
bool TryPartitionFill(const Network& network, Inventory& inventory, const Order& order,
                      const RoutingPolicy& policy, RouterScratch& scratch);

}  // namespace allot::routing_internal

#endif  // ALLOT_ROUTING_PARTITION_FILL_H_
