#include "allot/inventory.h"

#include <algorithm>
#include <tuple>

#include "allot/order.h"
#include "common/strings.h"

namespace allot {

SkuId Inventory::InternSku(std::string_view name) {
  auto it = sku_by_name_.find(ToAbsl(name));
  if (it != sku_by_name_.end()) return it->second;
  const SkuId id(static_cast<int32_t>(sku_names_.size()));
  sku_names_.emplace_back(name);
  sku_by_name_.emplace(sku_names_.back(), id);
  offsets_.push_back(offsets_.back());
  return id;
}

std::optional<SkuId> Inventory::FindSku(std::string_view name) const {
  auto it = sku_by_name_.find(ToAbsl(name));
  if (it == sku_by_name_.end()) return std::nullopt;
  return it->second;
}

namespace {

// First entry of the row whose location is not less than `location`.
template <typename Span>
auto LowerBound(Span row, LocationId location) {
  return std::lower_bound(row.begin(), row.end(), location.value(),
                          [](const StockEntry& e, int32_t l) { return e.location < l; });
}

}  // namespace

const StockLevel* Inventory::Find(LocationId location, SkuId sku) const {
  if (!sku.valid() || sku.value() >= num_skus()) return nullptr;
  auto row = Row(sku);
  auto it = LowerBound(row, location);
  return it != row.end() && it->location == location.value() ? &it->level : nullptr;
}

StockLevel* Inventory::MutableFind(LocationId location, SkuId sku) {
  return const_cast<StockLevel*>(std::as_const(*this).Find(location, sku));
}

StockLevel& Inventory::FindOrCreate(LocationId location, SkuId sku) {
  if (StockLevel* level = MutableFind(location, sku)) return *level;
  auto row = Row(sku);
  const size_t at = offsets_[sku.value()] + (LowerBound(row, location) - row.begin());
  entries_.insert(entries_.begin() + at, StockEntry{location.value(), StockLevel{}});
  for (size_t s = sku.value() + 1; s < offsets_.size(); ++s) ++offsets_[s];
  return entries_[at].level;
}

void Inventory::Builder::Add(LocationId location, std::string_view sku, StockLevel level) {
  Add(location, inventory_.InternSku(sku), level);
}

void Inventory::Builder::Add(LocationId location, SkuId sku, StockLevel level) {
  pending_.push_back({sku.value(), location.value(), level});
}

Inventory Inventory::Builder::Build() && {
  // Stable, so that of two records for one pair the later one wins below.
  std::stable_sort(pending_.begin(), pending_.end(), [](const Pending& a, const Pending& b) {
    return std::tie(a.sku, a.location) < std::tie(b.sku, b.location);
  });
  Inventory inv = std::move(inventory_);
  inv.entries_.clear();
  inv.entries_.reserve(pending_.size());
  inv.offsets_.assign(inv.sku_names_.size() + 1, 0);
  for (size_t i = 0; i < pending_.size(); ++i) {
    const Pending& p = pending_[i];
    if (i + 1 < pending_.size() && pending_[i + 1].sku == p.sku &&
        pending_[i + 1].location == p.location) {
      continue;
    }
    inv.entries_.push_back({p.location, p.level});
    ++inv.offsets_[p.sku + 1];
  }
  for (size_t s = 1; s < inv.offsets_.size(); ++s) inv.offsets_[s] += inv.offsets_[s - 1];
  pending_.clear();
  pending_.shrink_to_fit();
  return inv;
}

void ResolveSkus(const Inventory& inventory, Order& order) {
  for (OrderLine& line : order.lines) {
    std::optional<SkuId> id = inventory.FindSku(line.sku);
    line.sku_id = id ? *id : SkuId();
  }
}

}  // namespace allot
