// Appending JSON scalars to a string: the fast path of every JSON output.
#ifndef ALLOT_IO_JSON_WRITER_H_
#define ALLOT_IO_JSON_WRITER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "allot/network.h"

namespace allot::io_internal {

// A JSON string literal, escaping quotes, backslashes and control characters.
void AppendJsonString(std::string* out, std::string_view s);
// The shortest text that parses back to the same double (std::to_chars);
// non-finite values, which JSON cannot carry, as null.
void AppendJsonDouble(std::string* out, double v);
void AppendJsonInt(std::string* out, int64_t v);
// A location as scenario files write it (io_internal::ReadLocation reads it
// back); defined in scenario_writer.cc.
void AppendLocationJson(std::string* out, const Location& l);
// The string, or null when absent.
void AppendJsonOptionalString(std::string* out, const std::optional<std::string>& s);

}  // namespace allot::io_internal

#endif  // ALLOT_IO_JSON_WRITER_H_
