#include "bench_data.h"

#include <bit>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <tuple>

#include "allot/generator.h"

namespace allot::bench {

void Workload::Replenish() {
  size_t k = 0;
  for (int s = 0; s < inventory.num_skus(); ++s) {
    for (StockLevel& l : inventory.MutableRowLevels(SkuId(s))) l = initial[k++];
  }
}

OrderStream::OrderStream(benchmark::State& state, Workload& workload)
    : state_(state), w_(workload), mask_(workload.orders.size() - 1) {
  if (!std::has_single_bit(workload.orders.size())) {
    std::fprintf(stderr, "bench workload: %zu orders, not a power of two\n",
                 workload.orders.size());
    std::abort();
  }
}

const Order& OrderStream::Next() {
  if (next_ % kBatch == 0 && next_ > 0) {
    state_.PauseTiming();
    w_.Replenish();
    state_.ResumeTiming();
  }
  return w_.orders[next_++ & mask_];
}

Workload& WorkloadFor(const benchmark::State& state, Stock stock) {
  Workload& w = GetWorkload(static_cast<int>(state.range(0)), static_cast<int>(state.range(2)),
                            static_cast<int>(state.range(1)), stock);
  w.Replenish();
  return w;
}

Workload& GetWorkload(int locations, int skus, int lines, Stock stock) {
  static std::tuple<int, int, int, Stock> key{-1, -1, -1, Stock::kDeep};
  static std::unique_ptr<Workload> cached;
  if (key == std::make_tuple(locations, skus, lines, stock)) return *cached;
  cached.reset();
  auto w = std::make_unique<Workload>();
  // Locations from the generator (real cities, cost models); no stock, no orders.
  Scenario s = *GenerateScenario(
      {.locations = locations, .skus = 1, .orders = 0, .lines = 1, .seed = 42, .stock_density = 1});
  for (Location& l : s.locations) l.kind = LocationKind::kWarehouse;
  w->network = *Network::Create(s.locations);

  std::mt19937_64 rng(42);
  Inventory::Builder builder;
  for (int k = 0; k < skus; ++k) {
    const SkuId sku = builder.InternSku("S" + std::to_string(k));
    for (int l = 0; l < locations; ++l) {
      if (rng() % 10 < 3) {
        const int32_t on_hand = stock == Stock::kDeep ? static_cast<int32_t>(100 + rng() % 100)
                                                      : static_cast<int32_t>(1 + rng() % 4);
        const absl::Status added = builder.Add(LocationId(l), sku, {.on_hand = on_hand});
        if (!added.ok()) {
          std::fprintf(stderr, "bench workload: %s\n", added.ToString().c_str());
          std::abort();
        }
      }
    }
  }
  w->inventory = std::move(builder).Build();
  for (int k = 0; k < w->inventory.num_skus(); ++k) {
    for (const StockLevel& l : w->inventory.RowLevels(SkuId(k))) w->initial.push_back(l);
  }

  constexpr int kOrders = 1 << 14;
  std::uniform_real_distribution<double> lat(26, 48), lon(-122, -72);
  for (int o = 0; o < kOrders; ++o) {
    Order order;
    order.id = std::to_string(o);
    order.destination = {lat(rng), lon(rng), "US"};
    order.lines.reserve(lines);
    for (int i = 0; i < lines; ++i) {
      const int32_t k = static_cast<int32_t>(rng() % skus);
      order.lines.push_back({"", SkuId(k), static_cast<int32_t>(1 + rng() % 3)});
    }
    w->orders.push_back(std::move(order));
  }
  key = {locations, skus, lines, stock};
  cached = std::move(w);
  return *cached;
}

}  // namespace allot::bench
