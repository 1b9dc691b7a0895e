// Reading scenario files, what `allot route` does before and between
// routing: BM_ReadScenario validates a generated file (100k orders of 3
// lines, 50 locations, 10k SKUs stocked at 30 %) and reads every order
// back in sequence. bytes_per_second is the file's bytes, items_per_second
// its orders. chunk_bytes is ScenarioLimits::parse_chunk_bytes: 0 parses
// the document whole into one DOM, the default a megabyte at a time.
#include <cstdio>
#include <string>

#include "allot/generator.h"
#include "allot/scenario.h"
#include "benchmark/benchmark.h"

namespace allot::bench {
namespace {

// The generated file's path and size, written once per process.
const std::pair<std::string, size_t>& ScenarioFile() {
  static const auto* file = [] {
    const Scenario s = *GenerateScenario(
        {.locations = 50, .skus = 10'000, .orders = 100'000, .lines = 3, .seed = 3});
    const std::string json = ScenarioToJson(s);
    std::string path = "/tmp/allot_bench_scenario.json";
    if (const char* dir = std::getenv("TMPDIR"))
      path = std::string(dir) + "/allot_bench_scenario.json";
    FILE* f = std::fopen(path.c_str(), "wb");
    if (f == nullptr || std::fwrite(json.data(), 1, json.size(), f) != json.size()) std::abort();
    std::fclose(f);
    return new std::pair<std::string, size_t>(path, json.size());
  }();
  return *file;
}

void BM_ReadScenario(benchmark::State& state) {
  const auto& [path, bytes] = ScenarioFile();
  ScenarioLimits limits;
  limits.parse_chunk_bytes = static_cast<size_t>(state.range(0));
  Order order;
  size_t orders = 0;
  for (auto _ : state) {
    absl::StatusOr<std::unique_ptr<ScenarioReader>> reader =
        ScenarioReader::FromFile(path, true, limits);
    if (!reader.ok()) {
      state.SkipWithError(std::string(reader.status().message()).c_str());
      return;
    }
    for (size_t i = 0; i < (*reader)->num_orders(); ++i) {
      if (!(*reader)->ReadOrder(i, &order).ok()) std::abort();
      benchmark::DoNotOptimize(order);
    }
    orders += (*reader)->num_orders();
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.SetItemsProcessed(static_cast<int64_t>(orders));
}

BENCHMARK(BM_ReadScenario)
    ->ArgNames({"chunk_bytes"})
    ->Arg(0)
    ->Arg(ScenarioLimits().parse_chunk_bytes)
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace allot::bench
