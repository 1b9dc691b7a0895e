// The least work of Allot's exact fill on deep stock, as a floor for the
// exact policies' 3 lines x 50 locations target, the way
// ../shared/bench/floor.cc is one for `priority`. Per order, with the
// inventory's layout (SKU-major rows of 2-byte location ids and 12-byte
// levels behind a 4-byte offset per SKU) and its arithmetic (the
// destination's unit vector, half chords, HalfChordToKm's asin, the cost
// model's package and unit costs):
//   - read every level of the order's rows into one holder bit set per SKU
//     (an exact policy must see every holder);
//   - min_cost: every location's distance and costs, each block's (set of
//     SKUs') cheapest holder, the cheapest of the five partitions of three
//     SKUs;
//   - min_shipments: a location holding the whole order ships it alone, the
//     cheapest of those (only their distances); otherwise as min_cost, over
//     the three two-shipment partitions and then the three-shipment one;
//   - reserve the chosen levels.
// Rows are requested an order ahead and the SKU offsets two ahead, as
// Router::Prefetch does; stock is replenished outside the timing every
// 65,536 orders, as in allot_bench. Left out, so that this is less than the
// engine must do: the result (fulfillment orders, lines, distances, costs),
// the contract's tolerance on near-equal costs, eligibility, validation,
// orders as objects, and more than one word of locations.
//
// Usage: allot_exact_floor [min_cost|min_shipments] [SKUS] [ORDERS]
//   -> ns/order (50 locations, 3 lines)
#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <random>
#include <string_view>
#include <vector>

#include "allot/inventory.h"
#include "inventory/sin_cos_degrees.h"
#include "routing/chord_distance.h"

namespace {

using allot::geo_internal::SinCos;
using allot::geo_internal::SinCosDegrees;
using allot::routing_internal::AsinUpToHalf;
using allot::routing_internal::HalfChordToKm;

constexpr int kLocations = 50;
constexpr int kLines = 3;
constexpr int kBlocks = 1 << kLines;
constexpr size_t kOrderPool = 1 << 14;
constexpr int kReplenishEvery = 65536;

using Level = allot::StockLevel;  // the engine's, and its available()

struct Order {
  int32_t sku[kLines];
  int32_t quantity[kLines];
  double lat, lon;
};

struct Network {
  // By location: unit vectors and the cost model's rates.
  double x[kLocations], y[kLocations], z[kLocations];
  double fixed[kLocations], per_km[kLocations], per_unit[kLocations], per_unit_km[kLocations];
};

struct Inventory {
  std::vector<uint32_t> offsets{0};
  std::vector<uint16_t> locations;
  std::vector<Level> levels;
  // GCC deems a function of loads and prefetches alone free of effects and
  // drops calls of it whose result is unused: the lines prefetched are
  // returned, and main sums them.
  size_t PrefetchRow(int32_t sku) const {
    const uint32_t begin = offsets[sku], end = offsets[sku + 1];
    __builtin_prefetch(&locations[begin]);
    const char* row = reinterpret_cast<const char*>(levels.data() + begin);
    size_t lines = 1;
    for (size_t at = 0; at < (end - begin) * sizeof(Level); at += 64, ++lines) {
      __builtin_prefetch(row + at);
    }
    return lines;
  }
};

// Per order: the half chord to every location, and the tables of costs.
struct Tables {
  double distance[kLocations], package[kLocations], unit[kLocations];
};

// Half the chord from location l to the destination's unit vector (dx, dy, dz).
inline double HalfChord(const Network& n, int l, double dx, double dy, double dz) {
  const double ex = n.x[l] - dx, ey = n.y[l] - dy, ez = n.z[l] - dz;
  return std::sqrt(ex * ex + ey * ey + ez * ez) / 2;
}

void FillTables(const Network& n, double dx, double dy, double dz, Tables& t) {
  for (int l = 0; l < kLocations; ++l) {
    // The generated network is regional: asin's first branch (location_costs.cc).
    const double d = 2 * allot::kEarthRadiusKm * AsinUpToHalf(HalfChord(n, l, dx, dy, dz));
    t.distance[l] = d;
    t.package[l] = n.fixed[l] + n.per_km[l] * d;
    t.unit[l] = n.per_unit[l] + n.per_unit_km[l] * d;
  }
}

// The cheapest of `holders` for `units` units; -1 when there is none.
int Cheapest(const Tables& t, uint64_t holders, double units, double* cost) {
  int best = -1;
  double best_cost = std::numeric_limits<double>::infinity();
  for (uint64_t bits = holders; bits != 0; bits &= bits - 1) {
    const int l = std::countr_zero(bits);
    const double c = t.package[l] + units * t.unit[l];
    if (c < best_cost) best_cost = c, best = l;
  }
  *cost = best_cost;
  return best;
}

// Routes one order; returns its cost (for the checksum).
double Route(const Network& net, Inventory& inv, const Order& o, bool min_cost) {
  const SinCos lat = SinCosDegrees(o.lat), lon = SinCosDegrees(o.lon);
  const double dx = lat.cos * lon.cos, dy = lat.cos * lon.sin, dz = lat.sin;
  uint64_t holders[kLines];
  Level* level_of[kLines][kLocations];
  for (int j = 0; j < kLines; ++j) {
    const uint32_t begin = inv.offsets[o.sku[j]], end = inv.offsets[o.sku[j] + 1];
    uint64_t bits = 0;
    for (uint32_t k = begin; k < end; ++k) {
      const int l = inv.locations[k];
      bits |= uint64_t{inv.levels[k].available() >= o.quantity[j]} << l;
      level_of[j][l] = &inv.levels[k];
    }
    holders[j] = bits;
  }
  // Each block's units and holders.
  double units[kBlocks] = {};
  uint64_t block_holders[kBlocks];
  for (int b = 1; b < kBlocks; ++b) {
    block_holders[b] = ~uint64_t{0};
    for (int j = 0; j < kLines; ++j) {
      if (b >> j & 1) units[b] += o.quantity[j], block_holders[b] &= holders[j];
    }
  }
  int at[kBlocks];
  double cost[kBlocks];
  cost[0] = 0;  // the empty block, which pads the partitions below
  Tables t;
  // Partitions of three SKUs: the whole order, the three splits in two, all apart.
  constexpr int kPartitions[5][3] = {{7, 0, 0}, {1, 6, 0}, {2, 5, 0}, {4, 3, 0}, {1, 2, 4}};
  int first = 0, last = 5;
  if (!min_cost && block_holders[7] != 0) {
    // Shipments first: one shipment beats any split; only these distances.
    at[7] = -1;
    cost[7] = std::numeric_limits<double>::infinity();
    for (uint64_t bits = block_holders[7]; bits != 0; bits &= bits - 1) {
      const int l = std::countr_zero(bits);
      const double d = HalfChordToKm(HalfChord(net, l, dx, dy, dz));
      const double c =
          net.fixed[l] + net.per_km[l] * d + units[7] * (net.per_unit[l] + net.per_unit_km[l] * d);
      if (c < cost[7]) cost[7] = c, at[7] = l;
    }
    last = 1;
  } else {
    FillTables(net, dx, dy, dz, t);
    for (int b = 1; b < kBlocks; ++b) at[b] = Cheapest(t, block_holders[b], units[b], &cost[b]);
    if (!min_cost) first = 1;  // no whole-order holder
  }
  int best = -1;
  double best_cost = std::numeric_limits<double>::infinity();
  for (int p = first; p < last; ++p) {
    const double c = cost[kPartitions[p][0]] + cost[kPartitions[p][1]] + cost[kPartitions[p][2]];
    if (c < best_cost) best_cost = c, best = p;
    // Shipments first: a split in two beats every split in three.
    if (!min_cost && p == 3 && best >= 0) break;
  }
  if (best < 0) return 0;  // some SKU has no holder: left to the general search
  for (int b : kPartitions[best]) {
    if (b == 0) continue;
    for (int j = 0; j < kLines; ++j) {
      if (b >> j & 1) level_of[j][at[b]]->reserved += o.quantity[j];
    }
  }
  return best_cost;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string_view policy = argc > 1 ? argv[1] : "min_cost";
  const int skus = argc > 2 ? std::atoi(argv[2]) : 100000;
  const int orders = argc > 3 ? std::atoi(argv[3]) : 2000000;
  if ((policy != "min_cost" && policy != "min_shipments") || skus < kLines || orders < 1) {
    std::fprintf(stderr,
                 "usage: allot_exact_floor [min_cost|min_shipments] [SKUS >= 3] [ORDERS >= 1]\n");
    return 2;
  }
  const bool min_cost = policy == "min_cost";
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> lat(26, 48), lon(-122, -72), unit(0, 1);
  Network net;
  for (int l = 0; l < kLocations; ++l) {
    const SinCos p = SinCosDegrees(lat(rng)), q = SinCosDegrees(lon(rng));
    net.x[l] = p.cos * q.cos, net.y[l] = p.cos * q.sin, net.z[l] = p.sin;
    net.fixed[l] = 4 + 4 * unit(rng), net.per_km[l] = 0.004 * unit(rng);
    net.per_unit[l] = 0.5 + unit(rng), net.per_unit_km[l] = 0.0005 * unit(rng);
  }
  Inventory inv;
  for (int s = 0; s < skus; ++s) {
    for (int l = 0; l < kLocations; ++l) {
      if (rng() % 10 < 3) {
        inv.locations.push_back(static_cast<uint16_t>(l));
        inv.levels.push_back({.on_hand = static_cast<int32_t>(100 + rng() % 100)});
      }
    }
    inv.offsets.push_back(static_cast<uint32_t>(inv.locations.size()));
  }
  const std::vector<Level> initial = inv.levels;
  std::vector<Order> pool(kOrderPool);
  for (Order& o : pool) {
    for (int j = 0; j < kLines; ++j) {
      do o.sku[j] = static_cast<int32_t>(rng() % skus);  // distinct SKUs
      while (std::find(o.sku, o.sku + j, o.sku[j]) != o.sku + j);
      o.quantity[j] = static_cast<int32_t>(1 + rng() % 3);
    }
    o.lat = lat(rng), o.lon = lon(rng);
  }
  double check = 0;
  size_t prefetched = 0;
  std::chrono::steady_clock::duration timed{};
  auto start = std::chrono::steady_clock::now();
  for (int n = 0; n < orders; ++n) {
    if (n % kReplenishEvery == 0 && n > 0) {
      timed += std::chrono::steady_clock::now() - start;
      inv.levels = initial;
      start = std::chrono::steady_clock::now();
    }
    const Order& after_next = pool[(n + 2) % kOrderPool];
    for (int j = 0; j < kLines; ++j) __builtin_prefetch(&inv.offsets[after_next.sku[j]]);
    const Order& next = pool[(n + 1) % kOrderPool];
    for (int j = 0; j < kLines; ++j) prefetched += inv.PrefetchRow(next.sku[j]);
    check += Route(net, inv, pool[n % kOrderPool], min_cost);
  }
  timed += std::chrono::steady_clock::now() - start;
  std::printf("%s: %.1f ns/order (check %.0f, %.1f lines asked for per order)\n",
              min_cost ? "min_cost" : "min_shipments",
              std::chrono::duration<double, std::nano>(timed).count() / orders, check,
              static_cast<double>(prefetched) / orders);
  return 0;
}
