// JSON of the engine's state and events, as `allot apply` prints them
// (docs/formats.md): deterministic order everywhere (orders, FOs and
// fulfillments in creation order; inventory by location (rank, id) then SKU).
#ifndef ALLOT_LIFECYCLE_STATE_JSON_H_
#define ALLOT_LIFECYCLE_STATE_JSON_H_

#include <string>
#include <vector>

#include "allot/engine.h"

namespace allot::lifecycle_internal {

// Appends the "state" object: now, orders, fulfillment_orders, fulfillments,
// inventory. The Engine overload takes one consistent view (Engine::Read).
void AppendStateJson(const EngineView& engine, std::string* out);
void AppendStateJson(const Engine& engine, std::string* out);
std::string StateJson(const Engine& engine);
// Appends one event object {"seq", "topic", ...fields}.
void AppendEventJson(const Event& event, std::string* out);
// Appends a JSON array of the events.
void AppendEventsJson(const std::vector<Event>& events, std::string* out);

}  // namespace allot::lifecycle_internal

#endif  // ALLOT_LIFECYCLE_STATE_JSON_H_
