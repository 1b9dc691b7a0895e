// Quantities of FO lines: validating the `lines` a command names and moving
// units between fulfillment orders. Everything here is O(lines of the FO).
#ifndef ALLOT_LIFECYCLE_FO_LINES_H_
#define ALLOT_LIFECYCLE_FO_LINES_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "allot/fulfillment.h"

namespace allot::lifecycle_internal {

// Static checks of a `lines` argument: at least one entry (when
// `allow_empty` is false), line >= 0, quantity >= 1, no line named twice.
// InvalidArgument naming `field`.
absl::Status ValidateLines(const std::vector<LineQuantity>& lines, std::string_view field,
                           bool allow_empty);

// Units to take from each of fo.lines (same indexing): all remaining units
// when `lines` is empty, else the named quantities. InvalidArgument when a
// line is not in the FO or a quantity is outside 1..remaining.
absl::StatusOr<std::vector<int32_t>> Take(const FulfillmentOrder& fo,
                                          const std::vector<LineQuantity>& lines);

// True when `take` takes every remaining unit of the FO.
bool TakesAll(const FulfillmentOrder& fo, const std::vector<int32_t>& take);
int64_t Sum(const std::vector<int32_t>& take);

// Moves `take` units out of `from` (remaining and total shrink) into `to`
// (same order; lines merged by line index, kept ascending).
void MoveUnits(FulfillmentOrder& from, const std::vector<int32_t>& take, FulfillmentOrder& to);

// Adds `quantity` remaining units of `line` to the FO, creating the line
// when needed (ascending line index).
void AddUnits(FulfillmentOrder& fo, const FulfillmentOrderLine& line, int32_t quantity);

}  // namespace allot::lifecycle_internal

#endif  // ALLOT_LIFECYCLE_FO_LINES_H_
