// libFuzzer target: ParseScenario on arbitrary bytes. Any input must come
// back as a Scenario or InvalidArgument, never a crash, hang or sanitizer
// report; an accepted scenario must also build (BuildModel) without one.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "allot/scenario.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  allot::ScenarioLimits limits;
  limits.max_file_bytes = 1 << 20;
  absl::StatusOr<allot::Scenario> scenario = allot::ParseScenario(text, false, limits);
  if (!scenario.ok()) {
    if (scenario.status().code() != absl::StatusCode::kInvalidArgument) __builtin_trap();
    return 0;
  }
  absl::StatusOr<allot::Model> model = allot::BuildModel(*scenario);
  (void)model;
  return 0;
}
