// Synthetic scenarios on real geography, for tests, benchmarks and demos.
//
// Locations sit in real cities (US and Canadian cities of 20,000+ people from
// GeoNames, built into the library from data/cities.csv); order destinations
// are drawn in proportion to city population; SKU popularity is Zipf-like.
// The same options and seed give the same scenario on every machine.
#ifndef ALLOT_GENERATOR_H_
#define ALLOT_GENERATOR_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "allot/routing.h"
#include "allot/scenario.h"

namespace allot {

struct GeneratorOptions {
  int32_t locations = 50;  // 1..10,000
  int32_t skus = 10'000;   // 1..10,000,000
  int64_t orders = 1'000;  // 0..100,000,000, and orders x lines <= 15M
  int32_t lines = 3;       // lines per order, 1..1,000
  uint64_t seed = 1;
  double stock_density = 0.3;  // share of (location, SKU) pairs stocked, (0, 1]
  RoutingPolicy policy;        // written into the scenario

  // InvalidArgument naming the option when out of range, and when the
  // scenario would be too large to write or read back: at most 200M
  // (location, SKU) pairs to draw and 15M order lines (a file near the
  // parser's 2 GiB limit).
  absl::Status Validate() const;
};

absl::StatusOr<Scenario> GenerateScenario(const GeneratorOptions& options);

}  // namespace allot

#endif  // ALLOT_GENERATOR_H_
