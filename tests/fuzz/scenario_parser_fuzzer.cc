// libFuzzer target: ParseScenario on arbitrary bytes. Any input must come
// back as a Scenario or InvalidArgument, never a crash, hang or sanitizer
// report; an accepted scenario must also build (BuildModel) without one.
// Parsed in chunks (the default, and one element per chunk) it must come out
// exactly as parsed whole: the same scenario or the same error.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "allot/scenario.h"

namespace {

std::string Outcome(const absl::StatusOr<allot::Scenario>& s) {
  return s.ok() ? "OK " + allot::ScenarioToJson(*s) : s.status().ToString();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  allot::ScenarioLimits limits;
  limits.max_file_bytes = 1 << 20;
  absl::StatusOr<allot::Scenario> scenario = allot::ParseScenario(text, false, limits);
  if (!scenario.ok() && scenario.status().code() != absl::StatusCode::kInvalidArgument) {
    __builtin_trap();
  }
  const std::string outcome = Outcome(scenario);
  for (size_t chunk_bytes : {size_t{0}, size_t{1}}) {
    allot::ScenarioLimits other = limits;
    other.parse_chunk_bytes = chunk_bytes;
    if (Outcome(allot::ParseScenario(text, false, other)) != outcome) __builtin_trap();
  }
  if (!scenario.ok()) return 0;
  absl::StatusOr<allot::Model> model = allot::BuildModel(*scenario);
  (void)model;
  return 0;
}
