// Exact fill of deep-stock orders of up to eight SKUs whose criteria are
// cost and shipments (min_cost; min_shipments when the pair fill found no
// cover of one or two locations), by dynamic programs over subsets of the
// SKUs.
//
// With deep stock an optimal plan ships each SKU wholly from one location,
// so a plan is a partition of the order's SKUs into blocks, one shipment
// each (partition_fill.h). By cost, a block's best location is its
// cheapest holder: f(b) = min over the holders l of b of package(l) +
// units(b) * unit(l), for every block at once from one pass over the
// locations and the subsets of each one's SKU set (about eight per location
// at 30 % stock), with costs from the tables of location_costs.h.
//
// Cost first: the cheapest partition of a set S is g(S) = min over the
// blocks b that hold S's lowest SKU of f(b) + g(S \ b); the whole order needs
// g only for the subsets without its lowest SKU, about 1,200 sums at eight
// SKUs. Shipments break cost ties within the tolerance: when the cheapest
// partition has more than one block, the cheapest with one block and with
// two are compared with it and the fewest blocks that tie win; when it has
// four or more and neither ties, a three-block plan might, and the fill
// declines (under 1 % of orders at 8 lines).
//
// Shipments first: the same sums by layers, layer k pricing each set's
// cheapest partition into exactly k blocks from layer k - 1, up to the
// first k that partitions the whole order: the fewest shipments, and the
// cheapest plan among those (at 8 lines × 50 locations, the one order in
// nine that needs three locations).
//
// The search this replaces is uncapacitated facility location with the SKUs
// as customers (cover_search.h), which spent 7-45 us on these orders. The
// fill declines too for shallow stock, other criteria, more than eight
// SKUs, and a max_shipments below the plan's locations; the cover search
// runs then.
#ifndef ALLOT_ROUTING_COST_PARTITION_FILL_H_
#define ALLOT_ROUTING_COST_PARTITION_FILL_H_

#include "allot/inventory.h"
#include "allot/network.h"
#include "allot/order.h"
#include "allot/routing.h"
#include "routing/router_scratch.h"

namespace allot::routing_internal {

// Whether the fill may take an order of `num_skus` distinct SKUs under
// `policy`: ExactFill reads the deep holders (deep_holders.h) only then.
bool CostPartitionFillApplies(const RoutingPolicy& policy, int num_skus);

// Routes the order as above, appending its picks to scratch.picks and
// reserving them, and returns true; or returns false, having changed
// nothing, when the order is not such a problem. Reads the order's SKUs
// from scratch as ExactFill collected them (problem_sku, problem.demand,
// the chains of lines) and their holders as ReadDeepHolders left them (`placeable`,
// its result); leaves those for ExactFill to clear.
bool TryCostPartitionFill(const Network& network, Inventory& inventory, const Order& order,
                          const RoutingPolicy& policy, uint64_t placeable, RouterScratch& scratch);

}  // namespace allot::routing_internal

#endif  // ALLOT_ROUTING_COST_PARTITION_FILL_H_
