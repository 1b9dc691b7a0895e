#include "lifecycle/fo_lines.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"

namespace allot::lifecycle_internal {

absl::Status ValidateLines(const std::vector<LineQuantity>& lines, std::string_view field,
                           bool allow_empty) {
  const absl::string_view f(field.data(), field.size());
  if (lines.empty() && !allow_empty) {
    return absl::InvalidArgumentError(absl::StrCat(f, ": must have at least one line"));
  }
  absl::flat_hash_set<int32_t> seen;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].line < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat(f, "[", i, "].line: must be an integer >= 0, got ", lines[i].line));
    }
    if (lines[i].quantity < 1) {
      return absl::InvalidArgumentError(
          absl::StrCat(f, "[", i, "].quantity: must be an integer >= 1, got ", lines[i].quantity));
    }
    if (!seen.insert(lines[i].line).second) {
      return absl::InvalidArgumentError(
          absl::StrCat(f, "[", i, "].line: line ", lines[i].line, " is named twice"));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<int32_t>> Take(const FulfillmentOrder& fo,
                                          const std::vector<LineQuantity>& lines) {
  std::vector<int32_t> take(fo.lines.size(), 0);
  if (lines.empty()) {
    for (size_t i = 0; i < fo.lines.size(); ++i) take[i] = fo.lines[i].remaining_quantity;
    return take;
  }
  for (const LineQuantity& lq : lines) {
    auto it = std::find_if(fo.lines.begin(), fo.lines.end(),
                           [&](const FulfillmentOrderLine& l) { return l.line == lq.line; });
    const int32_t remaining = it == fo.lines.end() ? 0 : it->remaining_quantity;
    if (lq.quantity > remaining) {
      return absl::InvalidArgumentError(absl::StrCat("fulfillment order ", fo.id, " line ", lq.line,
                                                     ": quantity ", lq.quantity, " is outside 1..",
                                                     remaining, " (the units remaining)"));
    }
    take[it - fo.lines.begin()] = lq.quantity;
  }
  return take;
}

bool TakesAll(const FulfillmentOrder& fo, const std::vector<int32_t>& take) {
  for (size_t i = 0; i < fo.lines.size(); ++i) {
    if (take[i] != fo.lines[i].remaining_quantity) return false;
  }
  return true;
}

int64_t Sum(const std::vector<int32_t>& take) {
  int64_t n = 0;
  for (int32_t q : take) n += q;
  return n;
}

void AddUnits(FulfillmentOrder& fo, const FulfillmentOrderLine& line, int32_t quantity) {
  auto it =
      std::lower_bound(fo.lines.begin(), fo.lines.end(), line.line,
                       [](const FulfillmentOrderLine& l, int32_t index) { return l.line < index; });
  if (it == fo.lines.end() || it->line != line.line) {
    FulfillmentOrderLine fresh;
    fresh.line = line.line;
    fresh.sku = line.sku;
    fresh.sku_id = line.sku_id;
    it = fo.lines.insert(it, std::move(fresh));
  }
  it->total_quantity += quantity;
  it->remaining_quantity += quantity;
}

void MoveUnits(FulfillmentOrder& from, const std::vector<int32_t>& take, FulfillmentOrder& to) {
  for (size_t i = 0; i < from.lines.size(); ++i) {
    if (take[i] == 0) continue;
    from.lines[i].total_quantity -= take[i];
    from.lines[i].remaining_quantity -= take[i];
    AddUnits(to, from.lines[i], take[i]);
  }
}

}  // namespace allot::lifecycle_internal
