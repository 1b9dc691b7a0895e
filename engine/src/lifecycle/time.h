// Engine times: int64 microseconds since the Unix epoch, UTC. Input is
// RFC 3339 ("2026-11-24T09:00:00Z", an offset such as "+02:00", fractional
// seconds allowed: the first six digits count, further digits are dropped);
// output is always "YYYY-MM-DDTHH:MM:SSZ" (docs/formats.md), the fraction of
// a second cut off (rounded down, towards the past). Comparisons inside the
// engine use the full microseconds, so 09:00:00.5Z is later than 09:00:00Z
// although both print as "09:00:00Z".
#ifndef ALLOT_LIFECYCLE_TIME_H_
#define ALLOT_LIFECYCLE_TIME_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace allot::lifecycle_internal {

// Microseconds since the epoch, or nullopt when `text` is not an RFC 3339
// date-time with a valid calendar date (years 0000-9999).
std::optional<int64_t> ParseTime(std::string_view text);
// "YYYY-MM-DDTHH:MM:SSZ" in UTC; the fraction of a second is cut off.
std::string FormatTime(int64_t micros);
// The same with ".ffffff" before the "Z" when the fraction is not zero:
// exact, so that ParseTime(FormatTimeExact(t)) == t. For the journal and
// snapshots, never for `allot apply` output.
std::string FormatTimeExact(int64_t micros);

}  // namespace allot::lifecycle_internal

#endif  // ALLOT_LIFECYCLE_TIME_H_
