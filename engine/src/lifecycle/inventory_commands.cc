// Commands on stock and locations: receive, adjust, set_safety_stock,
// set_location. None may leave on_hand below reserved.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "allot/engine.h"
#include "common/status_macros.h"
#include "common/strings.h"
#include "lifecycle/engine_internal.h"

namespace allot {
namespace {

absl::Status CheckSku(std::string_view sku) {
  if (sku.empty()) return absl::InvalidArgumentError("sku: must be a non-empty string");
  return absl::OkStatus();
}

}  // namespace

absl::Status Engine::Receive(const Actor& actor, std::string_view location, std::string_view sku,
                             int64_t quantity) {
  WriterMutexLock lock(&mu_);
  RETURN_IF_ERROR(CheckSku(sku));
  if (quantity < 1 || quantity > kMaxQuantity) {
    return absl::InvalidArgumentError(
        absl::StrCat("quantity: must be an integer in 1..", kMaxQuantity, ", got ", quantity));
  }
  ASSIGN_OR_RETURN(const LocationId loc, GetLocation(location));
  RETURN_IF_ERROR(CheckMerchantOnly(actor));
  const std::optional<SkuId> known = inventory_.FindSku(sku);
  const StockLevel* level = known ? inventory_.Find(loc, *known) : nullptr;
  if (level != nullptr && level->on_hand + quantity > kMaxQuantity) {
    return absl::FailedPreconditionError(absl::StrCat(
        "sku ", ToAbsl(sku), ": on hand at ", ToAbsl(location), " would exceed ", kMaxQuantity));
  }
  const SkuId id = inventory_.InternSku(sku);
  inventory_.FindOrCreate(loc, id).on_hand += static_cast<int32_t>(quantity);
  Tx tx;
  EmitLevelUpdates(tx, {{loc, id}});
  Commit(tx);
  return absl::OkStatus();
}

absl::Status Engine::Adjust(const Actor& actor, std::string_view location, std::string_view sku,
                            int64_t delta) {
  WriterMutexLock lock(&mu_);
  RETURN_IF_ERROR(CheckSku(sku));
  if (delta < -kMaxQuantity || delta > kMaxQuantity) {
    return absl::InvalidArgumentError(
        absl::StrCat("delta: must be an integer in -", kMaxQuantity, "..", kMaxQuantity));
  }
  ASSIGN_OR_RETURN(const LocationId loc, GetLocation(location));
  RETURN_IF_ERROR(CheckMerchantOnly(actor));
  const std::optional<SkuId> known = inventory_.FindSku(sku);
  const StockLevel* level = known ? inventory_.Find(loc, *known) : nullptr;
  const StockLevel current = level ? *level : StockLevel{};
  const int64_t result = int64_t{current.on_hand} + delta;
  if (result < std::max<int64_t>(0, current.reserved)) {
    return absl::FailedPreconditionError(
        absl::StrCat("sku ", ToAbsl(sku), ": adjusting on hand at ", ToAbsl(location), " by ",
                     delta, " leaves ", result, ", below the ", current.reserved, " reserved"));
  }
  if (result > kMaxQuantity) {
    return absl::FailedPreconditionError(absl::StrCat(
        "sku ", ToAbsl(sku), ": on hand at ", ToAbsl(location), " would exceed ", kMaxQuantity));
  }
  const SkuId id = inventory_.InternSku(sku);
  inventory_.FindOrCreate(loc, id).on_hand = static_cast<int32_t>(result);
  Tx tx;
  EmitLevelUpdates(tx, {{loc, id}});
  Commit(tx);
  return absl::OkStatus();
}

absl::Status Engine::SetSafetyStock(const Actor& actor, std::string_view location,
                                    std::string_view sku, int64_t quantity) {
  WriterMutexLock lock(&mu_);
  RETURN_IF_ERROR(CheckSku(sku));
  if (quantity < 0 || quantity > kMaxQuantity) {
    return absl::InvalidArgumentError(
        absl::StrCat("quantity: must be an integer in 0..", kMaxQuantity, ", got ", quantity));
  }
  ASSIGN_OR_RETURN(const LocationId loc, GetLocation(location));
  RETURN_IF_ERROR(CheckMerchantOnly(actor));
  const SkuId id = inventory_.InternSku(sku);
  inventory_.FindOrCreate(loc, id).safety_stock = static_cast<int32_t>(quantity);
  Tx tx;
  EmitLevelUpdates(tx, {{loc, id}});
  Commit(tx);
  return absl::OkStatus();
}

absl::Status Engine::SetLocation(const Actor& actor, std::string_view location,
                                 std::optional<bool> active, std::optional<bool> ships) {
  WriterMutexLock lock(&mu_);
  ASSIGN_OR_RETURN(const LocationId loc, GetLocation(location));
  RETURN_IF_ERROR(CheckMerchantOnly(actor));
  network_.SetFlags(loc, active, ships);
  return absl::OkStatus();
}

}  // namespace allot
