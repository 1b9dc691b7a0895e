// A customer order as routing sees it.
#ifndef ALLOT_ORDER_H_
#define ALLOT_ORDER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "allot/ids.h"

namespace allot {

struct Destination {
  double lat = 0;  // degrees
  double lon = 0;  // degrees
  std::string country;
};

struct OrderLine {
  std::string sku;
  // The interned SKU; invalid when no location has ever stocked it (its units
  // are then unfulfilled). Filled by Inventory-aware loaders; see ResolveSkus.
  SkuId sku_id;
  int32_t quantity = 0;  // >= 1
};

struct Order {
  std::string id;
  Destination destination;
  std::vector<OrderLine> lines;
};

class Inventory;
// Sets each line's sku_id from the inventory's SKU table (invalid when unknown).
void ResolveSkus(const Inventory& inventory, Order& order);

}  // namespace allot

#endif  // ALLOT_ORDER_H_
