// Per-router working memory, reused across orders so that routing allocates
// nothing in steady state.
#ifndef ALLOT_ROUTING_ROUTER_SCRATCH_H_
#define ALLOT_ROUTING_ROUTER_SCRATCH_H_

#include <array>
#include <cstdint>
#include <utility>
#include <vector>

#include "allot/geo.h"
#include "allot/inventory.h"
#include "allot/order.h"
#include "routing/cover_search.h"
#include "routing/exact_search.h"
#include "routing/location_costs.h"
#include "routing/location_keys.h"

namespace allot::routing_internal {

// `quantity` units of order line `line` taken from location `location`.
struct Pick {
  int32_t line;
  int32_t location;
  int32_t quantity;
};

// A location's stock of one line's SKU, as the nearest fill visits it.
struct NearCandidate {
  double key;  // squared chord to the destination
  int32_t location;
  StockLevel* level;
};

// A location of some cover, as the pair fill weighs it: its exact distance
// to the destination, its costs there, and its other criteria's weights.
struct CoverMember {
  bool needed = false;  // in some cover
  double distance_km = 0, package_cost = 0, unit_cost = 0;
  double out_of_country = 0, rank = 0;
  double units = 0;  // of the SKUs it holds
};

// The most distinct SKUs an order may have for ReadDeepHolders (a 64-bit set).
inline constexpr int kMaxDeepSkus = 64;

// The most distinct SKUs an order may have for the partition fill.
inline constexpr int kMaxPartitionSkus = 4;

class RouterScratch {
 public:
  explicit RouterScratch(int num_locations)
      : slot_stamp(num_locations, 0),
        slot(num_locations, 0),
        chord_key(num_locations, 0),
        haversine(num_locations, 0),
        location_bits((num_locations + 63) / 64, 0),
        partition_holders(kMaxPartitionSkus * location_bits.size(), 0),
        partition_level(kMaxPartitionSkus * static_cast<size_t>(num_locations), nullptr),
        deep_holders(kMaxDeepSkus * location_bits.size(), 0),
        deep_skus_at(num_locations, 0),
        cost_blocks(16 * static_cast<size_t>(num_locations) + 16),
        cost_block_holders(16 * static_cast<size_t>(num_locations) + 16),
        pair_members(num_locations),
        known_km_stamp(num_locations, 0),
        known_km(num_locations, 0) {}

  // Starts a new order: every per-location slot reads as unset.
  void NextOrder() {
    if (++epoch == 0) {
      std::fill(slot_stamp.begin(), slot_stamp.end(), 0);
      std::fill(known_km_stamp.begin(), known_km_stamp.end(), 0);
      epoch = 1;
    }
  }
  bool HasSlot(int32_t location) const { return slot_stamp[location] == epoch; }
  void SetSlot(int32_t location, int32_t value) {
    slot_stamp[location] = epoch;
    slot[location] = value;
  }

  // The order's destination on the unit sphere, set by Router::Route for
  // the fills and the result (two sine-cosine pairs, once per order).
  UnitVector destination;
  uint32_t epoch = 0;
  std::vector<uint32_t> slot_stamp;
  std::vector<int32_t> slot;            // per location: a shipment or candidate index
  std::vector<double> chord_key;        // per location: squared chord, valid while HasSlot
  std::vector<double> haversine;        // per location, see CachedDistance
  std::vector<uint64_t> location_bits;  // all zero between uses
  std::vector<Pick> picks;
  std::vector<NearCandidate> near;
  // Per partition-fill SKU, location_bits.size() words: its holders.
  std::vector<uint64_t> partition_holders;
  // Per partition-fill SKU, per location: its level, valid where the
  // SKU's holder bit is set this order (so the fill reserves without a
  // search of the row).
  std::vector<StockLevel*> partition_level;
  // ReadDeepHolders's (deep_holders.h): per SKU, location_bits.size()
  // words: its holders; per location, the SKUs whose whole demand it holds
  // (all zero between uses).
  std::vector<uint64_t> deep_holders;
  std::vector<uint64_t> deep_skus_at;
  // The cost partition fill's (block, holder) pairs, 16 slots per location.
  std::vector<uint8_t> cost_blocks;
  std::vector<uint16_t> cost_block_holders;
  // The pair fill's: the covers (location pairs, or single locations with
  // -1); per location its weights as a cover member (none needed between
  // uses) and the locations needed this order.
  std::vector<std::pair<int, int>> pair_covers;
  std::vector<CoverMember> pair_members;
  std::vector<int32_t> pair_needed;
  // The exact distance of a location the fill took this order, as the fill
  // computed it, so that the result does not compute it again.
  void KnowDistance(int32_t location, double km) {
    known_km_stamp[location] = epoch;
    known_km[location] = km;
  }
  bool KnowsDistance(int32_t location) const { return known_km_stamp[location] == epoch; }
  std::vector<uint32_t> known_km_stamp;
  std::vector<double> known_km;
  ExactProblem problem;
  std::vector<StockLevel*> problem_entries;  // candidate x SKU, nullptr when none
  std::vector<int32_t> problem_location;     // per candidate
  std::vector<int32_t> problem_sku;          // problem SKU -> SkuId value
  std::vector<int32_t> line_sku;             // per line: problem SKU index or -1 (CollectSkus)
  // The lines of each problem SKU, in line order, as a chain: its first
  // line, then per line the next line of the same SKU (-1 at the end).
  std::vector<int32_t> sku_first_line;
  std::vector<int32_t> next_line_of_sku;
  // Appends a pick of every line of problem SKU j, whole, at `location`.
  void PickWholeLines(const Order& order, int j, int32_t location) {
    for (int32_t l = sku_first_line[j]; l >= 0; l = next_line_of_sku[l]) {
      picks.push_back({l, location, order.lines[l].quantity});
    }
  }
  ExactSearch search;
  CoverSearch cover;
  int64_t search_nodes = 0;  // of the last exact fill
  std::vector<int> chosen;
  LocationKeys location_keys;    // of the router's network: NearestFill, the partition fill
  LocationCosts location_costs;  // of the router's network: the partition fill
};

}  // namespace allot::routing_internal

#endif  // ALLOT_ROUTING_ROUTER_SCRATCH_H_
