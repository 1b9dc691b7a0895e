// The stock rows of an order's SKUs as bit sets, for the exact fills that
// need deep stock (every eligible location that holds a SKU offers its
// whole demand or none of it) and read no more than that: the pair fill
// (pair_fill.h) and the cost partition fill (cost_partition_fill.h).
#ifndef ALLOT_ROUTING_DEEP_HOLDERS_H_
#define ALLOT_ROUTING_DEEP_HOLDERS_H_

#include <cstdint>
#include <optional>

#include "allot/inventory.h"
#include "allot/network.h"
#include "allot/order.h"
#include "allot/routing.h"
#include "routing/router_scratch.h"

namespace allot::routing_internal {

// One pass over the rows of the order's SKUs as ExactFill collected them
// (scratch.problem_sku, problem.demand; at most kMaxDeepSkus): per SKU j the
// eligible locations holding its whole demand (scratch.deep_holders, a
// bitset over locations at j * location_bits.size()), per location the set
// of such SKUs (scratch.deep_skus_at, bit j), and the locations with any
// (scratch.location_bits). Returns the SKUs some location holds, or
// nullopt, with the scratch clear, when a location holds part of a demand.
// Call ClearDeepHolders when done.
std::optional<uint64_t> ReadDeepHolders(const Network& network, const Inventory& inventory,
                                        const Order& order, const RoutingPolicy& policy,
                                        RouterScratch& scratch);

// Clears what ReadDeepHolders set per location (deep_skus_at and
// location_bits, all zero between uses).
void ClearDeepHolders(RouterScratch& scratch);

// Reserves SKU j's whole demand at `location` (a holder) and appends the
// picks of its lines.
void ShipWholeSku(Inventory& inventory, const Order& order, RouterScratch& scratch, int j,
                  int32_t location);

}  // namespace allot::routing_internal

#endif  // ALLOT_ROUTING_DEEP_HOLDERS_H_
