// libFuzzer target: arbitrary bytes as the "commands" of `allot apply`
// against a fixed small scenario, through the same reader (ApplyCommand) the
// CLI and the Python binding use. Each line of the input is one command
// object. After every command the stock invariant of lifecycle.md must hold
// and nothing may be oversold; a malformed command must be a result, never a
// crash.
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "allot/engine.h"
#include "allot/scenario.h"
#include "io/json_reader.h"
#include "lifecycle/command_json.h"

namespace {

constexpr std::string_view kScenario = R"({
  "locations": [
    {"id": "NJ", "lat": 40.73, "lon": -74.17, "country": "US", "rank": 1, "kind": "warehouse"},
    {"id": "LA", "lat": 34.05, "lon": -118.24, "country": "US", "rank": 2, "kind": "warehouse"},
    {"id": "3PL", "lat": 41.87, "lon": -87.62, "country": "US", "rank": 3,
     "kind": "fulfillment_service"},
    {"id": "TOR", "lat": 43.65, "lon": -79.38, "country": "CA", "rank": 4, "kind": "store"}],
  "inventory": [
    {"location": "NJ", "sku": "A", "on_hand": 5}, {"location": "LA", "sku": "A", "on_hand": 10},
    {"location": "LA", "sku": "B", "on_hand": 4, "reserved": 1},
    {"location": "3PL", "sku": "C", "on_hand": 10}, {"location": "TOR", "sku": "A", "on_hand": 3}],
  "policy": {"name": "priority"},
  "orders": [{"id": "1", "destination": {"lat": 42.36, "lon": -71.05, "country": "US"},
              "lines": [{"sku": "A", "quantity": 7}, {"sku": "C", "quantity": 2}]}]
})";

void CheckInvariant(const allot::Engine& engine) {
  engine.Read([](const allot::EngineView& view) {
    std::map<std::pair<int32_t, int32_t>, int64_t> held;
    for (const allot::FulfillmentOrder& fo : view.fulfillment_orders()) {
      for (const allot::FulfillmentOrderLine& l : fo.lines) {
        if (l.remaining_quantity < 0) __builtin_trap();
        held[{fo.location.value(), l.sku_id.value()}] += l.remaining_quantity;
      }
    }
    view.inventory().ForEach([&](allot::LocationId loc, allot::SkuId sku,
                                 const allot::StockLevel& level) {
      const int64_t initial =
          view.network().location(loc).id == "LA" && view.inventory().sku_name(sku) == "B" ? 1 : 0;
      if (level.reserved != initial + held[{loc.value(), sku.value()}]) __builtin_trap();
      if (level.on_hand < level.reserved) __builtin_trap();
    });
  });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const allot::Scenario* scenario = [] {
    auto s = allot::ParseScenario(kScenario);
    if (!s.ok()) __builtin_trap();
    return new allot::Scenario(*std::move(s));
  }();
  absl::StatusOr<std::unique_ptr<allot::Engine>> engine =
      allot::Engine::Create(*scenario, {.now = 1'795'510'800 * allot::kMicrosPerSecond});
  if (!engine.ok()) __builtin_trap();
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  allot::io_internal::dom::parser parser;
  size_t start = 0, index = 0;
  while (start <= input.size() && index < 64) {
    size_t end = input.find('\n', start);
    if (end == std::string_view::npos) end = input.size();
    allot::io_internal::Problems problems;
    std::optional<allot::io_internal::dom::element> command =
        allot::io_internal::ParseDocument(parser, input.substr(start, end - start), 64, problems);
    if (command) {
      allot::lifecycle_internal::CommandOutcome outcome =
          allot::lifecycle_internal::ApplyCommand(**engine, *command, "command");
      std::string out;
      allot::lifecycle_internal::AppendResultJson(index, outcome, &out);
      CheckInvariant(**engine);
    }
    ++index;
    start = end + 1;
  }
  return 0;
}
