// Per-order latency of the exact policies: the distribution behind the mean
// that items_per_second reports. Exact search time is heavy-tailed (a few
// orders take many times the median's nodes), so a service sizing its
// timeouts wants the percentiles, and the targets are medians.
//
// Each order is timed alone with std::chrono::steady_clock; counters are
// p50_ns, p90_ns, p99_ns and max_ns over the orders routed, and clock_ns,
// the median cost of one pair of clock reads included in every sample.
//
//   build/release/bin/allot_bench --benchmark_filter=BM_Latency
#include <algorithm>
#include <chrono>
#include <vector>

#include "allot/routing.h"
#include "bench_data.h"
#include "benchmark/benchmark.h"

namespace allot::bench {
namespace {

using Clock = std::chrono::steady_clock;

double Nanoseconds(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double, std::nano>(to - from).count();
}

// The q-quantile of `samples` (reorders them).
double Quantile(std::vector<double>& samples, double q) {
  if (samples.empty()) return 0;
  const size_t at = std::min(samples.size() - 1, static_cast<size_t>(q * samples.size()));
  std::nth_element(samples.begin(), samples.begin() + at, samples.end());
  return samples[at];
}

double ClockPairNanoseconds() {
  std::vector<double> pairs(1001);
  for (double& p : pairs) {
    const Clock::time_point a = Clock::now();
    p = Nanoseconds(a, Clock::now());
  }
  return Quantile(pairs, 0.5);
}

void RunLatency(benchmark::State& state, RoutingPolicy policy) {
  Workload& w = WorkloadFor(state);
  Router router(&w.network, &w.inventory);
  RouteResult result;
  std::vector<double> samples;
  samples.reserve(1 << 20);
  OrderStream orders(state, w);
  for (auto _ : state) {
    const Order& order = orders.Next();
    const Clock::time_point start = Clock::now();
    benchmark::DoNotOptimize(router.Route(order, policy, &result));
    const double ns = Nanoseconds(start, Clock::now());
    if (samples.size() < samples.capacity()) samples.push_back(ns);
  }
  state.SetItemsProcessed(static_cast<int64_t>(orders.count()));
  state.counters["p50_ns"] = Quantile(samples, 0.5);
  state.counters["p90_ns"] = Quantile(samples, 0.9);
  state.counters["p99_ns"] = Quantile(samples, 0.99);
  state.counters["max_ns"] =
      samples.empty() ? 0 : *std::max_element(samples.begin(), samples.end());
  state.counters["clock_ns"] = ClockPairNanoseconds();
}

// The shapes of the exact-policy targets, 100k SKUs.
void TargetShapes(benchmark::internal::Benchmark* b) {
  b->ArgNames({"locations", "lines", "skus"});
  for (auto [locations, lines] : {std::pair{50, 3}, {50, 8}, {200, 8}, {50, 16}}) {
    b->Args({locations, lines, 100'000});
  }
}

void BM_LatencyMinShipments(benchmark::State& state) {
  RunLatency(state, {.kind = PolicyKind::kMinShipments});
}
void BM_LatencyMinCost(benchmark::State& state) {
  RunLatency(state, {.kind = PolicyKind::kMinCost});
}
void BM_LatencyRules(benchmark::State& state) {
  RunLatency(state, {.kind = PolicyKind::kRules,
                     .rules = {Rule::kShipments, Rule::kOutOfCountry, Rule::kDistance}});
}

BENCHMARK(BM_LatencyMinShipments)->Apply(TargetShapes);
BENCHMARK(BM_LatencyMinCost)->Apply(TargetShapes);
BENCHMARK(BM_LatencyRules)->Apply(TargetShapes);

}  // namespace
}  // namespace allot::bench
