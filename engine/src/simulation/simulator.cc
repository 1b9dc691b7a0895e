// Simulate(): replays one order stream under each policy, in parallel.
#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "allot/routing.h"
#include "allot/simulation.h"
#include "simulation/stream.h"

namespace allot {
namespace {

using simulation_internal::World;
using Clock = std::chrono::steady_clock;

// Shipment distances are counted in 0.1 km bins up to 21,000 km (more than
// half the Earth's circumference), so p95 is exact to 0.1 km.
constexpr double kBinsPerKm = 10;
constexpr size_t kBins = 210'001;

struct Shared {
  std::atomic<int64_t> done{0};
  std::atomic<bool> cancel{false};
};

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

// Ships what routing reserved and brings every level up to its target.
void Replenish(const World& w, Inventory& inventory) {
  size_t k = 0;
  for (int s = 0; s < inventory.num_skus(); ++s) {
    for (StockLevel& l : inventory.MutableRowLevels(SkuId(s))) {
      l.on_hand = std::max(0, l.on_hand - l.reserved);
      l.reserved = 0;
      l.on_hand = std::max(l.on_hand, w.target[k++]);
    }
  }
}

// Order i of the world, into `order` (its memory reused).
void BuildOrder(const World& w, int64_t i, Order& order) {
  order.destination.lat = w.lat[i];
  order.destination.lon = w.lon[i];
  order.destination.country = w.countries[w.country[i]];
  const uint32_t begin = w.line_begin[i], end = w.line_begin[i + 1];
  order.lines.resize(end - begin);
  for (uint32_t k = begin; k < end; ++k) {
    OrderLine& line = order.lines[k - begin];
    line.sku_id = w.sku[k];
    line.quantity = w.quantity[k];
  }
}

absl::Status RunPolicy(const World& w, const SimulationConfig& c, const SimulationPolicy& sp,
                       int32_t days, PolicyMetrics& m, Shared& shared) {
  const Clock::time_point start = Clock::now();
  Inventory inventory = w.inventory;
  Router router(&w.network, &inventory);
  std::array<Order, 3> ring;  // orders i, i + 1 and i + 2
  for (int64_t i = 0; i < std::min<int64_t>(2, w.orders()); ++i) BuildOrder(w, i, ring[i]);
  RouteResult result;
  std::vector<uint32_t> histogram(kBins, 0);
  m.label = sp.label;
  m.policy = sp.policy;
  m.units_by_location.assign(w.network.size(), 0);
  m.daily_orders.assign(days, 0);
  m.daily_cost.assign(days, 0);
  m.daily_units_requested.assign(days, 0);
  m.daily_units_shipped.assign(days, 0);
  const int32_t every = c.replenish_every_days;
  int32_t next_replenish = every;
  const int64_t n = w.orders();
  int64_t reported = 0;
  for (int64_t i = 0; i < n; ++i) {
    const int32_t day = w.day[i];
    if (every > 0 && day >= next_replenish) {
      Replenish(w, inventory);
      next_replenish = (day / every + 1) * every;
    }
    // Built two orders ahead, so that their rows are asked for early.
    if (i + 2 < n) BuildOrder(w, i + 2, ring[(i + 2) % 3]);
    router.Prefetch(i + 1 < n ? &ring[(i + 1) % 3] : nullptr,
                    i + 2 < n ? &ring[(i + 2) % 3] : nullptr, sp.policy);
    const Order& order = ring[i % 3];
    if (absl::Status s = router.Route(order, sp.policy, &result); !s.ok()) {
      return absl::Status(s.code(), absl::StrCat("policy ", sp.label, ": ", s.message()));
    }
    ++m.orders;
    m.units_requested += result.units_requested;
    m.units_shipped += result.units_allocated;
    const int64_t missing = result.units_requested - result.units_allocated;
    m.units_backordered += missing;
    if (missing > 0) m.penalty += w.penalty_fixed[i] + double(w.penalty_unit[i]) * missing;
    m.shipments += static_cast<int64_t>(result.shipments.size());
    if (result.shipments.size() > 1) ++m.split_orders;
    m.cost += result.cost;
    m.search_nodes += result.search_nodes;
    for (const RoutedShipment& sh : result.shipments) {
      m.distance_km_sum += sh.distance_km;
      ++histogram[std::min(kBins - 1, static_cast<size_t>(sh.distance_km * kBinsPerKm))];
      m.units_by_location[sh.location.value()] += sh.units;
    }
    ++m.daily_orders[day];
    m.daily_cost[day] += result.cost;
    m.daily_units_requested[day] += result.units_requested;
    m.daily_units_shipped[day] += result.units_allocated;
    if (((i + 1) & 1023) == 0) {
      shared.done.fetch_add(i + 1 - reported, std::memory_order_relaxed);
      reported = i + 1;
      if (shared.cancel.load(std::memory_order_relaxed)) return absl::CancelledError("cancelled");
    }
  }
  shared.done.fetch_add(n - reported, std::memory_order_relaxed);
  if (m.shipments > 0) {
    m.mean_distance_km = m.distance_km_sum / m.shipments;
    // The smallest bin edge with at least 95% of the shipments at or below it.
    const int64_t rank = (m.shipments * 95 + 99) / 100;
    int64_t seen = 0;
    for (size_t b = 0; b < kBins; ++b) {
      seen += histogram[b];
      if (seen >= rank) {
        m.p95_distance_km = (b + 1) / kBinsPerKm;
        break;
      }
    }
  }
  m.runtime_seconds = Seconds(Clock::now() - start);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<SimulationResult> Simulate(const SimulationConfig& config,
                                          const SimulationProgress& progress) {
  if (absl::Status s = config.Validate(); !s.ok()) return s;
  const Clock::time_point start = Clock::now();
  SimulationResult out;
  out.config = config;
  if (out.config.policies.empty()) {
    absl::StatusOr<SimulationConfig> defaults = ParseSimulationConfig("{}");
    if (!defaults.ok()) return defaults.status();
    out.config.policies = defaults->policies;
  }
  const SimulationConfig& c = out.config;
  absl::StatusOr<World> built;
  switch (c.workload) {
    case Workload::kGenerated:
      built = simulation_internal::BuildGenerated(c);
      break;
    case Workload::kOrderLog:
      built = simulation_internal::BuildOrderLog(c);
      break;
    case Workload::kJasinSinha:
      built = simulation_internal::BuildJasinSinha(c);
      break;
  }
  if (!built.ok()) return built.status();
  const World& w = *built;
  out.stream_seconds = Seconds(Clock::now() - start);
  out.orders = w.orders();
  out.units = w.units;
  for (const Location& l : w.network.locations()) out.locations.push_back(l.id);
  const int32_t days = std::max(c.days, w.day.empty() ? 0 : w.day.back() + 1);

  const size_t np = c.policies.size();
  out.policies.resize(np);
  std::vector<absl::Status> status(np);
  Shared shared;
  std::atomic<size_t> next{0};
  std::atomic<size_t> finished{0};
  std::mutex mu;
  std::condition_variable cv;
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const size_t workers =
      std::min<size_t>(np, c.threads > 0 ? static_cast<size_t>(c.threads) : cores);
  const int64_t total = out.orders * static_cast<int64_t>(np);
  // A first report before any work: a progress bar starts at 0, and a caller
  // can cancel before anything runs.
  if (progress && !progress(0, total)) return absl::CancelledError("the simulation was cancelled");
  std::vector<std::thread> threads;
  for (size_t t = 0; t < workers; ++t) {
    threads.emplace_back([&] {
      for (size_t p; (p = next.fetch_add(1)) < np;) {
        status[p] = RunPolicy(w, c, c.policies[p], days, out.policies[p], shared);
        if (!status[p].ok()) shared.cancel = true;
        {
          std::lock_guard<std::mutex> lock(mu);
          ++finished;
        }
        cv.notify_all();
      }
    });
  }
  {
    std::unique_lock<std::mutex> lock(mu);
    while (finished < np) {
      if (cv.wait_for(lock, std::chrono::milliseconds(200), [&] { return finished >= np; })) {
        break;
      }
      if (progress && !shared.cancel) {
        lock.unlock();
        if (!progress(shared.done.load(), total)) shared.cancel = true;
        lock.lock();
      }
    }
  }
  for (std::thread& t : threads) t.join();
  for (const absl::Status& s : status) {
    if (!s.ok() && !absl::IsCancelled(s)) return s;
  }
  if (shared.cancel) return absl::CancelledError("the simulation was cancelled");
  if (progress) progress(total, total);
  out.wall_seconds = Seconds(Clock::now() - start);
  return out;
}

}  // namespace allot
