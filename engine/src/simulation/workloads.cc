// The workloads of a simulation: the network, the stock targets and the order
// stream of each (simulation.h, docs/simulation.md).
#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "allot/generator.h"
#include "allot/geo.h"
#include "allot/scenario.h"
#include "common/status_macros.h"
#include "common/strings.h"
#include "io/cities.h"
#include "io/csv.h"
#include "io/json_reader.h"
#include "io/random_draw.h"
#include "io/scenario_fields.h"
#include "simulation/stream.h"

namespace allot::simulation_internal {
namespace {

using io_internal::Cumulative;
using io_internal::Draw;
using io_internal::SplitCsvRecord;

uint16_t CountryIndex(World& w, absl::flat_hash_map<std::string, uint16_t>& index,
                      const std::string& country) {
  auto [it, inserted] = index.try_emplace(country, static_cast<uint16_t>(w.countries.size()));
  if (inserted) w.countries.push_back(country);
  return it->second;
}

// Targets are the initial on_hand of every level, in ForEach order.
void TargetsFromStock(World& w) {
  w.target.clear();
  w.target.reserve(w.inventory.num_levels());
  w.inventory.ForEach(
      [&](LocationId, SkuId, const StockLevel& l) { w.target.push_back(l.on_hand); });
}

int32_t DayOf(int64_t i, int64_t n, int32_t days) {
  return n ? static_cast<int32_t>((i * days) / n) : 0;
}

}  // namespace

absl::StatusOr<World> BuildGenerated(const SimulationConfig& c) {
  GeneratorOptions g;
  g.locations = c.locations;
  g.skus = c.skus;
  g.orders = 0;
  g.seed = c.seed;
  g.stock_density = c.stock_density;
  ASSIGN_OR_RETURN(Scenario scenario, GenerateScenario(g));

  // SKU weights: Zipf with exponent s over popularity rank (the generator
  // names SKUs SKU-0000000, ... by rank).
  std::vector<double> weight(c.skus);
  double total_weight = 0;
  for (int32_t s = 0; s < c.skus; ++s) {
    total_weight += weight[s] = 1.0 / std::pow(s + 1.0, c.zipf_exponent);
  }
  const std::vector<double> by_popularity = Cumulative(weight);
  const double max_q = c.max_quantity;
  const double mean_quantity =
      c.max_quantity >= 2 ? (1 - c.multi_unit_share) + c.multi_unit_share * (2 + max_q) / 2 : 1;
  const double orders_per_day = static_cast<double>(c.orders) / c.days;
  // Stock targets: cover_days of expected demand, split over the locations
  // that stock the SKU, at least one unit each.
  absl::flat_hash_map<std::string, int32_t> stocking;
  for (const InventoryRecord& r : scenario.inventory) ++stocking[r.sku];
  for (InventoryRecord& r : scenario.inventory) {
    int32_t rank = 0;
    if (!absl::SimpleAtoi(absl::string_view(r.sku).substr(4), &rank)) rank = c.skus - 1;
    const double daily =
        orders_per_day * c.mean_lines * mean_quantity * weight[rank] / total_weight;
    const double t = std::ceil(c.cover_days * daily / stocking[r.sku]);
    r.level.on_hand = static_cast<int32_t>(std::clamp(t, 1.0, double{kMaxQuantity} / 2));
    r.level.reserved = 0;
  }
  ASSIGN_OR_RETURN(Model model, BuildModel(scenario));
  World w;
  w.network = std::move(model.network);
  w.inventory = std::move(model.inventory);
  TargetsFromStock(w);

  std::vector<SkuId> sku_id(c.skus);
  for (int32_t s = 0; s < c.skus; ++s) {
    sku_id[s] = w.inventory.FindSku(absl::StrFormat("SKU-%07d", s)).value_or(SkuId());
  }
  const std::vector<io_internal::City>& cities = io_internal::Cities();
  std::vector<double> population(cities.size());
  for (size_t i = 0; i < cities.size(); ++i) population[i] = double(cities[i].population);
  const std::vector<double> by_population = Cumulative(population);
  absl::flat_hash_map<std::string, uint16_t> country_index;
  std::vector<uint16_t> city_country(cities.size());
  for (size_t i = 0; i < cities.size(); ++i) {
    city_country[i] = CountryIndex(w, country_index, cities[i].country);
  }

  // A stream of its own seed, so that the network does not shift it.
  Draw draw(c.seed * 0x9E3779B97F4A7C15ull + 0x5151);
  const int64_t n = c.orders;
  w.day.reserve(n);
  w.lat.reserve(n);
  w.lon.reserve(n);
  w.line_begin.reserve(n + 1);
  const auto pen = static_cast<float>(c.unfulfilled_penalty);
  for (int64_t o = 0; o < n; ++o) {
    const size_t city = draw.Weighted(by_population);
    w.BeginOrder(DayOf(o, n, c.days),
                 std::clamp(cities[city].lat + draw.Between(-0.05, 0.05), -90.0, 90.0),
                 std::clamp(cities[city].lon + draw.Between(-0.05, 0.05), -180.0, 180.0),
                 city_country[city], 0, pen);
    const int64_t lines = std::min<int64_t>(c.max_lines, 1 + draw.Poisson(c.mean_lines - 1));
    for (int64_t k = 0; k < lines; ++k) {
      const size_t s = draw.Weighted(by_popularity);
      const int32_t q = c.max_quantity >= 2 && draw.Unit() < c.multi_unit_share
                            ? static_cast<int32_t>(2 + draw.Below(c.max_quantity - 1))
                            : 1;
      w.AddLine(sku_id[s], q);
    }
    w.EndOrder();
  }
  return w;
}

namespace {

struct LogOrder {
  int32_t day = -1;
  double lat = 0, lon = 0;
  std::string country;
  std::vector<std::pair<std::string, int32_t>> lines;
};

absl::Status ReadCsvLog(std::string_view text, std::vector<LogOrder>& out) {
  io_internal::LineReader lines(text);
  std::vector<std::string> header;
  absl::flat_hash_map<std::string, int> col;
  std::string last_id;
  const auto bad = [&](std::string_view what) {
    return absl::InvalidArgumentError(
        absl::StrCat("order_log line ", lines.number(), ": ", ToAbsl(what)));
  };
  std::string_view line;
  while (lines.Next(&line)) {
    if (line.empty() || line == "\r") continue;
    std::vector<std::string> f = SplitCsvRecord(line);
    if (header.empty()) {
      header = f;
      for (size_t i = 0; i < f.size(); ++i) col[f[i]] = static_cast<int>(i);
      if (!col.contains("id") && col.contains("order_id")) col["id"] = col["order_id"];
      for (const char* need : {"id", "lat", "lon", "sku"}) {
        if (!col.contains(need)) {
          return bad(absl::StrCat("the header lacks the column \"", need,
                                  "\" (want id, day, lat, lon, country, sku, quantity)"));
        }
      }
      continue;
    }
    if (f.size() != header.size()) {
      return bad(absl::StrCat("has ", f.size(), " fields, the header ", header.size()));
    }
    const auto get = [&](const char* name) -> const std::string* {
      auto it = col.find(name);
      return it == col.end() ? nullptr : &f[it->second];
    };
    const std::string& id = *get("id");
    if (id.empty()) return bad("id: must not be empty");
    if (out.empty() || id != last_id) {
      LogOrder o;
      if (!absl::SimpleAtod(*get("lat"), &o.lat) || !IsLatitude(o.lat)) {
        return bad(absl::StrCat("lat: must be a number in [-90, 90], got \"", *get("lat"), "\""));
      }
      if (!absl::SimpleAtod(*get("lon"), &o.lon) || !IsLongitude(o.lon)) {
        return bad(absl::StrCat("lon: must be a number in [-180, 180], got \"", *get("lon"), "\""));
      }
      if (const std::string* d = get("day"); d && !d->empty()) {
        if (!absl::SimpleAtoi(*d, &o.day) || o.day < 0) {
          return bad(absl::StrCat("day: must be an integer >= 0, got \"", *d, "\""));
        }
      }
      if (const std::string* country = get("country")) o.country = *country;
      out.push_back(std::move(o));
      last_id = id;
    }
    int32_t q = 1;
    if (const std::string* qs = get("quantity"); qs && !qs->empty()) {
      if (!absl::SimpleAtoi(*qs, &q) || q < 1 || q > kMaxQuantity) {
        return bad(absl::StrCat("quantity: must be an integer >= 1, got \"", *qs, "\""));
      }
    }
    if (get("sku")->empty()) return bad("sku: must not be empty");
    out.back().lines.emplace_back(*get("sku"), q);
  }
  if (header.empty()) return absl::InvalidArgumentError("order_log: the CSV has no header");
  return absl::OkStatus();
}

absl::Status ReadJsonlLog(std::string_view text, std::vector<LogOrder>& out) {
  io_internal::dom::parser parser;
  ScenarioLimits limits;
  io_internal::LineReader lines(text);
  std::string_view line;
  while (lines.Next(&line)) {
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    io_internal::Problems problems;
    const std::string path = absl::StrCat("order_log line ", lines.number());
    std::optional<io_internal::dom::element> e =
        io_internal::ParseDocument(parser, line, limits.max_depth, problems);
    std::optional<Order> order;
    if (e) order = io_internal::ReadOrder(*e, path, limits, problems);
    LogOrder o;
    if (e) {
      io_internal::dom::object obj;
      if (!e->get_object().get(obj)) {
        if (auto d = io_internal::GetInteger(
                obj, "day", path + ".day", io_internal::Need::kOptional, 0, 1'000'000, problems)) {
          o.day = static_cast<int32_t>(*d);
        }
      }
    }
    if (!problems.empty() || !order) {
      absl::Status s = problems.ToStatus();
      return absl::InvalidArgumentError(
          absl::StrCat(e ? "" : absl::StrCat(path, ": "), s.message()));
    }
    o.lat = order->destination.lat;
    o.lon = order->destination.lon;
    o.country = order->destination.country;
    for (OrderLine& l : order->lines) o.lines.emplace_back(std::move(l.sku), l.quantity);
    out.push_back(std::move(o));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<World> BuildOrderLog(const SimulationConfig& c) {
  ASSIGN_OR_RETURN(std::string text, ReadFile(c.scenario));
  absl::StatusOr<Scenario> parsed = ParseScenario(text);
  if (!parsed.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("scenario ", c.scenario, ":\n", parsed.status().message()));
  }
  Scenario& scenario = *parsed;
  std::vector<LogOrder> log;
  if (c.order_log.empty()) {
    for (Order& order : scenario.orders) {
      LogOrder o{-1, order.destination.lat, order.destination.lon, order.destination.country, {}};
      for (OrderLine& l : order.lines) o.lines.emplace_back(std::move(l.sku), l.quantity);
      log.push_back(std::move(o));
    }
    scenario.orders.clear();
  } else {
    ASSIGN_OR_RETURN(std::string log_text, ReadFile(c.order_log));
    const std::string& p = c.order_log;
    const bool jsonl = p.size() >= 6 && (p.ends_with(".jsonl") || p.ends_with(".ndjson"));
    RETURN_IF_ERROR(jsonl ? ReadJsonlLog(log_text, log) : ReadCsvLog(log_text, log));
  }
  ASSIGN_OR_RETURN(Model model, BuildModel(scenario));
  World w;
  w.network = std::move(model.network);
  w.inventory = std::move(model.inventory);
  TargetsFromStock(w);

  // Days: as logged (orders sorted by day, stably), else spread evenly.
  const bool dated = !log.empty() && std::all_of(log.begin(), log.end(),
                                                 [](const LogOrder& o) { return o.day >= 0; });
  const int64_t n = static_cast<int64_t>(log.size());
  for (int64_t i = 0; i < n; ++i) {
    if (!dated) log[i].day = DayOf(i, n, c.days);
  }
  std::stable_sort(log.begin(), log.end(),
                   [](const LogOrder& a, const LogOrder& b) { return a.day < b.day; });
  absl::flat_hash_map<std::string, uint16_t> country_index;
  const auto pen = static_cast<float>(c.unfulfilled_penalty);
  for (const LogOrder& o : log) {
    w.BeginOrder(o.day, o.lat, o.lon, CountryIndex(w, country_index, o.country), 0, pen);
    for (const auto& [sku, q] : o.lines) w.AddLine(w.inventory.FindSku(sku).value_or(SkuId()), q);
    w.EndOrder();
  }
  return w;
}

absl::StatusOr<World> BuildJasinSinha(const SimulationConfig& c) {
  namespace dom = io_internal::dom;
  dom::parser parser;
  dom::element root;
  if (parser.parse(kJasinSinhaJson, std::strlen(kJasinSinhaJson)).get(root)) {
    return absl::InternalError("the built-in Jasin-Sinha network does not parse");
  }
  const bool large = c.network == "large";
  dom::array fcs, regions;
  dom::object gen;
  if (root[large ? "fcs_large" : "fcs_warmup"].get(fcs) ||
      root[large ? "regions_large" : "regions_warmup"].get(regions) ||
      root["instance_generator"][large ? "large" : "warmup"].get(gen)) {
    return absl::InternalError("the built-in Jasin-Sinha network lacks a table");
  }
  int64_t items = 0, max_size = 0, per_size = 0, horizon = 0;
  if (gen["items_I"].get(items) || gen["max_order_size"].get(max_size) ||
      gen["order_types_per_size"].get(per_size) || gen["horizon_T"].get(horizon)) {
    return absl::InternalError("the built-in Jasin-Sinha generator parameters are incomplete");
  }
  const int64_t T = c.orders > 0 ? c.orders : horizon;

  // The cost model: $8.759 per package, $0.423 + $0.000541 per mile per unit,
  // miles = km / 1.61.
  constexpr double kFixed = 8.759, kUnit = 0.423, kPerMile = 0.000541, kKmPerMile = 1.61;
  std::vector<Location> locations;
  for (dom::element row : fcs) {
    dom::array a = row.get_array();
    Location l;
    l.id = std::string(std::string_view(a.at(0).get_string()));
    l.name = absl::StrCat(l.id, " (", std::string(std::string_view(a.at(1).get_string())), ")");
    l.lat = double(a.at(2));
    l.lon = double(a.at(3));
    l.country = "US";
    l.cost.fixed = kFixed;
    l.cost.per_unit = kUnit;
    l.cost.per_unit_km = kPerMile / kKmPerMile;
    locations.push_back(std::move(l));
  }
  struct Region {
    double lat, lon, population;
  };
  std::vector<Region> region;
  for (dom::element row : regions) {
    dom::array a = row.get_array();
    const size_t off = large ? 2 : 1;  // large rows carry the state
    region.push_back({double(a.at(off)), double(a.at(off + 1)), double(a.at(off + 2))});
  }
  const size_t K = locations.size(), J = region.size();
  std::vector<std::vector<double>> miles(K, std::vector<double>(J));
  std::vector<double> max_miles(J, 0);
  for (size_t k = 0; k < K; ++k) {
    for (size_t j = 0; j < J; ++j) {
      miles[k][j] = HaversineKm(locations[k].lat, locations[k].lon, region[j].lat, region[j].lon) /
                    kKmPerMile;
      max_miles[j] = std::max(max_miles[j], miles[k][j]);
    }
  }

  // Order types: for each size 1..max_size, per_size random item sets; type 0
  // is the empty order. Probabilities as in Ma's code: a random weight for the
  // empty order and per size, and within a size per type.
  Draw draw(c.seed);
  std::vector<std::vector<int32_t>> types(1);
  std::vector<double> type_prob(1);
  std::vector<double> size_weight(max_size + 1);
  for (double& x : size_weight) x = draw.Unit();
  const double size_total = std::accumulate(size_weight.begin(), size_weight.end(), 0.0);
  type_prob[0] = size_weight[0] / size_total;
  std::vector<int32_t> perm(items);
  for (int64_t size = 1; size <= max_size; ++size) {
    std::vector<double> sub(per_size);
    for (double& x : sub) x = draw.Unit();
    const double sub_total = std::accumulate(sub.begin(), sub.end(), 0.0);
    for (int64_t t = 0; t < per_size; ++t) {
      std::iota(perm.begin(), perm.end(), 0);
      for (int64_t i = 0; i < size; ++i) std::swap(perm[i], perm[i + draw.Below(items - i)]);
      types.emplace_back(perm.begin(), perm.begin() + size);
      type_prob.push_back(size_weight[size] / size_total * sub[t] / sub_total);
    }
  }
  double pop_total = 0;
  for (const Region& r : region) pop_total += r.population;

  // Inventory: each FC carries each item with probability p_carry; the
  // expected demand of every region goes to its nearest carrying FC, which
  // stocks b = round(T d + 0.5 sqrt(T d (1 - d))).
  std::vector<double> item_prob(items, 0);  // per arrival
  for (size_t q = 1; q < types.size(); ++q) {
    for (int32_t i : types[q]) item_prob[i] += type_prob[q];
  }
  Inventory::Builder builder;
  ASSIGN_OR_RETURN(Network network, Network::Create(locations));
  std::vector<std::string> item_name(items);
  for (int64_t i = 0; i < items; ++i) {
    item_name[i] = absl::StrFormat("ITEM-%03d", i);
    std::vector<char> carries(K);
    for (size_t k = 0; k < K; ++k) carries[k] = draw.Unit() < c.p_carry;
    std::vector<double> demand(K, 0);
    for (size_t j = 0; j < J; ++j) {
      size_t best = K;
      for (size_t k = 0; k < K; ++k) {
        if (carries[k] && (best == K || miles[k][j] < miles[best][j])) best = k;
      }
      if (best < K) demand[best] += item_prob[i] * region[j].population / pop_total;
    }
    builder.InternSku(item_name[i]);
    for (size_t k = 0; k < K; ++k) {
      if (!carries[k]) continue;
      const double d = demand[k];
      const double b = std::round(T * d + 0.5 * std::sqrt(std::max(0.0, T * d * (1 - d))));
      StockLevel level;
      level.on_hand = static_cast<int32_t>(std::min<double>(b, kMaxQuantity));
      // Network numbers locations by (rank, id); find this FC's id.
      RETURN_IF_ERROR(builder.Add(*network.Find(locations[k].id), item_name[i], level));
    }
  }
  World w;
  w.network = std::move(network);
  w.inventory = std::move(builder).Build();
  TargetsFromStock(w);
  std::vector<SkuId> sku_id(items);
  for (int64_t i = 0; i < items; ++i) sku_id[i] = *w.inventory.FindSku(item_name[i]);

  // Arrivals: T draws of (type, region); empty orders are dropped.
  std::vector<double> region_pop(J);
  for (size_t j = 0; j < J; ++j) region_pop[j] = region[j].population;
  const std::vector<double> by_region = Cumulative(region_pop);
  const std::vector<double> by_type = Cumulative(type_prob);
  w.countries = {"US"};
  std::vector<float> pen_unit(J);
  for (size_t j = 0; j < J; ++j) {
    pen_unit[j] = static_cast<float>(2 * (kUnit + kPerMile * max_miles[j]));
  }
  for (int64_t t = 0; t < T; ++t) {
    const size_t q = draw.Weighted(by_type);
    const size_t j = draw.Weighted(by_region);
    if (q == 0) continue;
    w.BeginOrder(DayOf(t, T, c.days), region[j].lat, region[j].lon, 0,
                 static_cast<float>(2 * kFixed), pen_unit[j]);
    for (int32_t i : types[q]) w.AddLine(sku_id[i], 1);
    w.EndOrder();
  }
  return w;
}

}  // namespace allot::simulation_internal
