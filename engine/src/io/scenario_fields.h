// Readers for the parts of a scenario that other documents reuse: the
// lifecycle commands of `allot apply` carry orders and policies in the same
// shape as a scenario.
#ifndef ALLOT_IO_SCENARIO_FIELDS_H_
#define ALLOT_IO_SCENARIO_FIELDS_H_

#include <optional>
#include <string_view>

#include "allot/network.h"
#include "allot/order.h"
#include "allot/routing.h"
#include "allot/scenario.h"
#include "io/json_reader.h"

namespace allot::io_internal {

// Reads the order at `path` into *order, reusing its memory; false (with
// problems) when malformed. Does not check that the id is unused. SKUs stay
// unresolved.
bool ReadOrderInto(dom::element value, const LazyPath& path, const ScenarioLimits& limits,
                   Problems& problems, Order* order);
// The same, returning a new order.
std::optional<Order> ReadOrder(dom::element value, std::string_view path,
                               const ScenarioLimits& limits, Problems& problems);

// A policy object at `path`; nullopt (with problems) when malformed.
std::optional<RoutingPolicy> ReadPolicy(dom::element value, std::string_view path,
                                        Problems& problems);

// A location object at `path`; nullopt (with problems) when malformed.
std::optional<Location> ReadLocation(dom::element value, const LazyPath& path,
                                     const ScenarioLimits& limits, Problems& problems);

}  // namespace allot::io_internal

#endif  // ALLOT_IO_SCENARIO_FIELDS_H_
