// Exact fill of deep-stock orders that one or two locations can ship, when
// `shipments` is the first criterion (min_shipments, Shopify's default
// rules), straight from the stock rows: no candidate problem, no search.
//
// With deep stock (every eligible location that holds a SKU offers its
// whole demand or none of it) a plan's units are those of the union of its
// locations' SKU sets, so an optimal plan places every placeable SKU, and
// with `shipments` next it has the fewest locations that do: k*. When k*
// is 1 or 2 the optimum is the best cover of that size by the criteria
// left, and the covers can simply be listed: the locations holding every
// placeable SKU, else the pairs whose SKU sets together hold them all
// (each holder of the rarest SKU against the AND of the holder bitsets of
// the SKUs it lacks). Every criterion is a sum
// over the plan's locations, plus for `cost` each SKU's units at the
// cheaper of the pair's holders, so a cover's value is a few additions.
//
// That is the common case of orders of five to sixteen lines: at 8 lines
// over 50 locations stocked at 30 %, no location holds all eight SKUs but
// some pair of the 1,225 does for nine orders in ten, and the cover search
// (cover_search.h) spent several microseconds proving which is best.
// Exact distances are computed only for the locations in some cover (from
// the tables of location_costs.h when they are a quarter of the network or
// more). With k* of 3 or more, shallow stock, or a max_shipments below k*,
// the fill declines and BuildProblem and the searches run instead.
#ifndef ALLOT_ROUTING_PAIR_FILL_H_
#define ALLOT_ROUTING_PAIR_FILL_H_

#include "allot/inventory.h"
#include "allot/network.h"
#include "allot/order.h"
#include "allot/routing.h"
#include "routing/router_scratch.h"

namespace allot::routing_internal {

// Whether the fill may take an order of `num_skus` distinct SKUs under
// `policy`: ExactFill reads the deep holders (deep_holders.h) only then.
bool PairFillApplies(const RoutingPolicy& policy, int num_skus);

// Routes the order as above, appending its picks to scratch.picks and
// reserving them, and returns true; or returns false, having changed
// nothing, when the order is not such a problem. Reads the order's SKUs
// from scratch as ExactFill collected them (problem_sku, problem.demand,
// the chains of lines) and their holders as ReadDeepHolders left them (`placeable`,
// its result); leaves those for ExactFill to clear.
bool TryPairFill(const Network& network, Inventory& inventory, const Order& order,
                 const RoutingPolicy& policy, uint64_t placeable, RouterScratch& scratch);

}  // namespace allot::routing_internal

#endif  // ALLOT_ROUTING_PAIR_FILL_H_
