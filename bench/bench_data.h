// Benchmark workloads: a network in real cities and a SKU-major inventory in
// which each (location, SKU) pair is stocked with probability 0.3 at 100..199
// units (the layout of ../shared/bench/floor.cc), plus a pool of random
// orders with uniformly drawn SKUs and 1..3 units per line. Built outside the
// timed loop from a fixed seed. Shallow stock (1..4 units a pair) makes
// locations hold part of a line: the general exact search instead of the
// cover search.
#ifndef ALLOT_BENCH_BENCH_DATA_H_
#define ALLOT_BENCH_BENCH_DATA_H_

#include <cstdint>
#include <memory>
#include <vector>

#include "allot/inventory.h"
#include "allot/network.h"
#include "allot/order.h"
#include "benchmark/benchmark.h"

namespace allot::bench {

struct Workload {
  Network network;
  Inventory inventory;
  std::vector<StockLevel> initial;  // every row's levels, to replenish from
  std::vector<Order> orders;        // a power of two of them (OrderStream)

  // Puts every level back to its initial state (between timed batches).
  void Replenish();
};

enum class Stock { kDeep, kShallow };

// Cached: consecutive benchmarks with the same shape share one workload.
Workload& GetWorkload(int locations, int skus, int lines, Stock stock = Stock::kDeep);

// The workload of a benchmark's (locations, lines, skus) arguments, replenished.
Workload& WorkloadFor(const benchmark::State& state, Stock stock = Stock::kDeep);

// A workload's orders in turn, for a timed loop: every kBatch orders the
// stock is replenished with the timer paused, so that routed orders stay
// representative (most lines find stock).
class OrderStream {
 public:
  static constexpr size_t kBatch = 65536;

  // The workload's pool holds a power of two of orders (checked here), so
  // that an order's place is a mask rather than a division (the stream
  // benchmarks take three places per order: ~10 ns that are not routing).
  OrderStream(benchmark::State& state, Workload& workload);
  const Order& Next();
  // The order `ahead` places after the last one Next returned.
  const Order& Peek(size_t ahead) const { return w_.orders[(next_ - 1 + ahead) & mask_]; }
  // Orders handed out so far.
  size_t count() const { return next_; }

 private:
  benchmark::State& state_;
  Workload& w_;
  const size_t mask_;
  size_t next_ = 0;
};

}  // namespace allot::bench

#endif  // ALLOT_BENCH_BENCH_DATA_H_
