// The `commands` of `allot apply` (docs/formats.md): reading one command
// object and running it on an Engine. A malformed command is a result with
// InvalidArgument naming the field ("commands[3].lines[0].quantity: ..."),
// never a refusal of the file.
#ifndef ALLOT_LIFECYCLE_COMMAND_JSON_H_
#define ALLOT_LIFECYCLE_COMMAND_JSON_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "allot/engine.h"
#include "io/json_reader.h"

namespace allot::lifecycle_internal {

struct CommandOutcome {
  std::optional<std::string> op;  // nullopt when the command names none
  absl::Status status;
  std::vector<std::string> created;
};

// Parses the command at `path` (e.g. "commands[3]") and runs it.
CommandOutcome ApplyCommand(Engine& engine, io_internal::dom::element command,
                            std::string_view path);

// Appends {"index", "op", "ok", "created"} or {..., "ok": false, "error": {code, message}}.
void AppendResultJson(size_t index, const CommandOutcome& outcome, std::string* out);

// "INVALID_ARGUMENT", "NOT_FOUND", ... for a status code.
std::string_view StatusCodeName(absl::StatusCode code);

}  // namespace allot::lifecycle_internal

#endif  // ALLOT_LIFECYCLE_COMMAND_JSON_H_
