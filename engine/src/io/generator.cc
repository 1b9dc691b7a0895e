#include "allot/generator.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/strings.h"
#include "io/cities.h"
#include "io/random_draw.h"

namespace allot {
namespace {

using io_internal::City;
using io_internal::Cumulative;
using io_internal::Draw;

}  // namespace

absl::Status GeneratorOptions::Validate() const {
  const auto bad = [](std::string_view name, auto value, std::string_view range) {
    return absl::InvalidArgumentError(
        absl::StrCat("--", ToAbsl(name), ": must be in ", ToAbsl(range), ", got ", value));
  };
  if (locations < 1 || locations > 10'000) return bad("locations", locations, "[1, 10000]");
  if (skus < 1 || skus > 10'000'000) return bad("skus", skus, "[1, 10000000]");
  if (orders < 0 || orders > 100'000'000) return bad("orders", orders, "[0, 100000000]");
  if (lines < 1 || lines > 1'000) return bad("lines", lines, "[1, 1000]");
  if (!(stock_density > 0 && stock_density <= 1)) return bad("density", stock_density, "(0, 1]");
  if (int64_t{locations} * skus > 200'000'000) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--locations x --skus: at most 200000000 pairs, got ", int64_t{locations} * skus));
  }
  if (orders * lines > 15'000'000) {
    return absl::InvalidArgumentError(
        absl::StrCat("--orders x --lines: at most 15000000 order lines, got ", orders * lines));
  }
  return policy.Validate();
}

absl::StatusOr<Scenario> GenerateScenario(const GeneratorOptions& options) {
  if (absl::Status s = options.Validate(); !s.ok()) return s;
  const std::vector<City>& cities = io_internal::Cities();
  if (cities.empty()) return absl::InternalError("the built-in city table is empty");
  Draw draw(options.seed);
  std::vector<double> population(cities.size());
  for (size_t i = 0; i < cities.size(); ++i)
    population[i] = static_cast<double>(cities[i].population);
  const std::vector<double> by_population = Cumulative(population);

  Scenario scenario;
  scenario.policy = options.policy;
  // Locations in distinct cities drawn by population (big metros host DCs);
  // once every city is used, cities repeat with a small offset.
  std::vector<char> used(cities.size(), 0);
  size_t used_count = 0;
  for (int32_t i = 0; i < options.locations; ++i) {
    size_t c = draw.Weighted(by_population);
    for (int tries = 0; used[c] && used_count < cities.size() && tries < 64; ++tries) {
      c = draw.Weighted(by_population);
    }
    if (used[c] && used_count < cities.size()) {
      c = std::find(used.begin(), used.end(), 0) - used.begin();
    }
    const bool repeat = used[c];
    if (!repeat) ++used_count;
    used[c] = 1;
    const double jitter = repeat ? 0.2 : 0;
    const City& city = cities[c];
    Location l;
    l.id = absl::StrFormat("L%04d", i);
    l.name = city.name;
    l.lat = std::clamp(city.lat + draw.Between(-jitter, jitter), -90.0, 90.0);
    l.lon = std::clamp(city.lon + draw.Between(-jitter, jitter), -180.0, 180.0);
    l.country = city.country;
    l.rank = static_cast<int32_t>(1 + draw.Below(5));
    const double kind = draw.Unit();
    l.kind = kind < 0.85   ? LocationKind::kWarehouse
             : kind < 0.95 ? LocationKind::kStore
                           : LocationKind::kFulfillmentService;
    l.cost.fixed = std::round(draw.Between(3, 10) * 100) / 100;
    l.cost.per_km = std::round(draw.Between(0.0005, 0.003) * 1e5) / 1e5;
    l.cost.per_unit = std::round(draw.Between(0.1, 0.8) * 1000) / 1000;
    l.cost.per_unit_km = draw.Unit() < 0.5 ? 0 : std::round(draw.Between(0, 0.0003) * 1e6) / 1e6;
    scenario.locations.push_back(std::move(l));
  }

  // SKU popularity is Zipf(1): SKU r (from 0) has weight 1 / (r + 1).
  std::vector<std::string> sku_names(options.skus);
  std::vector<double> zipf(options.skus);
  for (int32_t s = 0; s < options.skus; ++s) {
    sku_names[s] = absl::StrFormat("SKU-%07d", s);
    zipf[s] = 1.0 / (s + 1);
  }
  const std::vector<double> by_popularity = Cumulative(zipf);

  // Each (location, SKU) pair is stocked with probability stock_density;
  // popular SKUs get deeper stock.
  for (int32_t s = 0; s < options.skus; ++s) {
    const int64_t depth = 5 + static_cast<int64_t>(200.0 / std::sqrt(s + 1.0));
    for (const Location& l : scenario.locations) {
      if (draw.Unit() >= options.stock_density) continue;
      InventoryRecord r{l.id, sku_names[s], {}};
      r.level.on_hand = static_cast<int32_t>(1 + draw.Below(depth));
      r.level.safety_stock = draw.Unit() < 0.1 ? static_cast<int32_t>(draw.Below(3)) : 0;
      scenario.inventory.push_back(std::move(r));
    }
  }

  scenario.orders.reserve(options.orders);
  for (int64_t o = 0; o < options.orders; ++o) {
    const City& city = cities[draw.Weighted(by_population)];
    Order order;
    order.id = absl::StrFormat("O%08d", o + 1);
    order.destination.lat = std::clamp(city.lat + draw.Between(-0.05, 0.05), -90.0, 90.0);
    order.destination.lon = std::clamp(city.lon + draw.Between(-0.05, 0.05), -180.0, 180.0);
    order.destination.country = city.country;
    for (int32_t k = 0; k < options.lines; ++k) {
      OrderLine line;
      line.sku = sku_names[draw.Weighted(by_popularity)];
      line.quantity = draw.Unit() < 0.7 ? 1 : static_cast<int32_t>(2 + draw.Below(3));
      order.lines.push_back(std::move(line));
    }
    scenario.orders.push_back(std::move(order));
  }
  return scenario;
}

}  // namespace allot
