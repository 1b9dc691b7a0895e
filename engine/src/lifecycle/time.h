// Engine times: int64 seconds since the Unix epoch, UTC. Input is RFC 3339
// ("2026-11-24T09:00:00Z", an offset such as "+02:00", fractional seconds
// allowed and truncated); output is always "YYYY-MM-DDTHH:MM:SSZ".
#ifndef ALLOT_LIFECYCLE_TIME_H_
#define ALLOT_LIFECYCLE_TIME_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace allot::lifecycle_internal {

// Seconds since the epoch, or nullopt when `text` is not an RFC 3339
// date-time with a valid calendar date (years 0000-9999).
std::optional<int64_t> ParseTime(std::string_view text);
// "YYYY-MM-DDTHH:MM:SSZ" in UTC.
std::string FormatTime(int64_t seconds);

}  // namespace allot::lifecycle_internal

#endif  // ALLOT_LIFECYCLE_TIME_H_
