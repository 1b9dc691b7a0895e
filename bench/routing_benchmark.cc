// Routing throughput per policy: orders per second (items_per_second) over
// locations x lines x SKUs. Stock is replenished, untimed, every 65536
// orders so that routed orders stay representative (most lines find stock;
// between replenishments orders take a few percent of it). Orders are routed
// as a stream, as allot route does: the next two are named to
// Router::Prefetch before each one (per-call times: latency_benchmark.cc).
//
//   build/release/bin/allot_bench --benchmark_filter=BM_RouteMinCost
//   ALLOT_BENCH_FULL=1 build/release/bin/allot_bench   # every combination
//
// The default run skips the largest shapes (locations x SKUs above 20M pairs,
// and exact policies beyond 200 locations or 8 lines except 50 x 16).
#include <algorithm>
#include <cstdlib>

#include "allot/routing.h"
#include "bench_data.h"
#include "benchmark/benchmark.h"

namespace allot::bench {
namespace {

void RunRouting(benchmark::State& state, RoutingPolicy policy, Stock stock = Stock::kDeep) {
  Workload& w = WorkloadFor(state, stock);
  Router router(&w.network, &w.inventory);
  RouteResult result;
  OrderStream orders(state, w);
  int64_t routed = 0, units = 0, nodes = 0, max_nodes = 0, at_root = 0;
  for (auto _ : state) {
    const Order& order = orders.Next();
    router.Prefetch(&orders.Peek(1), &orders.Peek(2), policy);  // a stream: see Prefetch
    benchmark::DoNotOptimize(router.Route(order, policy, &result));
    units += result.units_allocated;
    nodes += result.search_nodes;
    max_nodes = std::max(max_nodes, result.search_nodes);
    at_root += result.search_nodes <= 1;  // no node below the root
    ++routed;
  }
  state.SetItemsProcessed(routed);
  state.counters["units_per_order"] = routed ? static_cast<double>(units) / routed : 0;
  if (policy.is_exact()) {
    state.counters["nodes_per_order"] = routed ? static_cast<double>(nodes) / routed : 0;
    state.counters["max_nodes"] = static_cast<double>(max_nodes);
    state.counters["solved_at_root"] = routed ? static_cast<double>(at_root) / routed : 0;
  }
}

bool FullRun() { return std::getenv("ALLOT_BENCH_FULL") != nullptr; }

void Shapes(benchmark::internal::Benchmark* b, bool exact) {
  b->ArgNames({"locations", "lines", "skus"});
  for (int64_t locations : {10, 50, 200, 1000}) {
    for (int64_t lines : {1, 3, 8, 16}) {
      for (int64_t skus : {10'000, 100'000, 1'000'000}) {
        const bool big = locations * skus > 20'000'000;
        const bool hard =
            exact && (locations > 200 || lines > 8) && !(locations == 50 && lines == 16);
        if ((big || hard) && !FullRun()) continue;
        b->Args({locations, lines, skus});
      }
    }
  }
}

void GreedyShapes(benchmark::internal::Benchmark* b) { Shapes(b, false); }
void ExactShapes(benchmark::internal::Benchmark* b) { Shapes(b, true); }

void BM_RoutePriority(benchmark::State& state) {
  RunRouting(state, {.kind = PolicyKind::kPriority});
}
void BM_RouteNearest(benchmark::State& state) { RunRouting(state, {.kind = PolicyKind::kNearest}); }
void BM_RouteMinShipments(benchmark::State& state) {
  RunRouting(state, {.kind = PolicyKind::kMinShipments});
}
void BM_RouteMinCost(benchmark::State& state) { RunRouting(state, {.kind = PolicyKind::kMinCost}); }
void BM_RouteRules(benchmark::State& state) {
  RunRouting(state, {.kind = PolicyKind::kRules,
                     .rules = {Rule::kShipments, Rule::kOutOfCountry, Rule::kDistance}});
}

// Shallow stock (1..4 units a pair): lines split across locations, so the
// exact policies take the general search (ExactSearch) instead of the cover
// search.
void BM_RouteMinCostShallowStock(benchmark::State& state) {
  RunRouting(state, {.kind = PolicyKind::kMinCost}, Stock::kShallow);
}
void ShallowShapes(benchmark::internal::Benchmark* b) {
  b->ArgNames({"locations", "lines", "skus"});
  for (int64_t locations : {10, 50, 200}) {
    for (int64_t lines : {3, 8}) b->Args({locations, lines, 100'000});
  }
}

BENCHMARK(BM_RoutePriority)->Apply(GreedyShapes);
BENCHMARK(BM_RouteNearest)->Apply(GreedyShapes);
BENCHMARK(BM_RouteMinShipments)->Apply(ExactShapes);
BENCHMARK(BM_RouteMinCost)->Apply(ExactShapes);
BENCHMARK(BM_RouteRules)->Apply(ExactShapes);
BENCHMARK(BM_RouteMinCostShallowStock)->Apply(ShallowShapes);

}  // namespace
}  // namespace allot::bench
