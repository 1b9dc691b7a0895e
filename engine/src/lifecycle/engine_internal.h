// Pieces shared by the files that implement allot::Engine's commands.
#ifndef ALLOT_LIFECYCLE_ENGINE_INTERNAL_H_
#define ALLOT_LIFECYCLE_ENGINE_INTERNAL_H_

#include <string>
#include <utility>
#include <vector>

#include "allot/engine.h"

namespace allot {

// The events one command will log. Commands validate everything before they
// change anything, and only a command that succeeds commits its events, so a
// failed command leaves the sequence numbers alone.
class Engine::Tx {
 public:
  std::vector<Event> events;
};

namespace lifecycle_internal {

using Fields = std::vector<std::pair<std::string, Event::Value>>;

}  // namespace lifecycle_internal
}  // namespace allot

#endif  // ALLOT_LIFECYCLE_ENGINE_INTERNAL_H_
