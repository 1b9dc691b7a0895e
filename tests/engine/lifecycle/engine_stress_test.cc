// Concurrency stress test of allot::Engine (docs/reliability.md): many
// threads issue a random mix of routes, reroutes, moves, holds, releases,
// fulfillments, fulfillment cancellations, order cancellations, receipts and
// adjustments against a few hot SKUs, while others read. Every consistent
// read (Engine::Read) must see the stock invariant of lifecycle.md, and at the
// end every unit is accounted for and no order line got more units than it
// asked for.
//
// Bounded by time: ALLOT_STRESS_SECONDS (default 2) and ALLOT_STRESS_THREADS
// (default 8) make it run longer on demand; it also runs under
// ThreadSanitizer (ALLOT_TSAN, see .ci/run).
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "allot/engine.h"
#include "engine/lifecycle/lifecycle_fixture.h"
#include "gtest/gtest.h"
#include "lifecycle/state_json.h"

namespace allot::testing {
namespace {

int EnvInt(const char* name, int fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && std::atoi(v) > 0 ? std::atoi(v) : fallback;
}

const std::vector<std::string> kLocations = {"NJ", "LA", "3PL", "TOR"};
const std::vector<std::string> kSkus = {"A", "B", "C"};

// Ids the threads share, so that they contend for the same FOs.
class Pool {
 public:
  void Add(const std::vector<std::string>& ids) {
    std::lock_guard<std::mutex> lock(mu_);
    for (const std::string& id : ids) ids_.push_back(id);
  }
  void Add(const std::string& id) { Add(std::vector<std::string>{id}); }
  std::string Pick(std::mt19937& rng) {
    std::lock_guard<std::mutex> lock(mu_);
    if (ids_.empty()) return "none";
    return ids_[std::uniform_int_distribution<size_t>(0, ids_.size() - 1)(rng)];
  }

 private:
  std::mutex mu_;
  std::vector<std::string> ids_;
};

enum Op {
  kRoute,
  kReroute,
  kMove,
  kHold,
  kRelease,
  kFulfill,
  kUnfulfill,
  kCancelOrder,
  kReceive,
  kAdjust,
  kRead,
  kNumOps
};
const char* const kOpNames[] = {
    "route",        "reroute", "move",   "hold", "release", "fulfill", "cancel_fulfillment",
    "cancel_order", "receive", "adjust", "read"};

struct Counts {
  std::array<int64_t, kNumOps> ok{};
  std::array<int64_t, kNumOps> failed{};
  // Stock that came in through receive/adjust, by (location, sku).
  std::map<std::pair<std::string, std::string>, int64_t> added;
  int64_t invariant_violations = 0;
  int64_t events_seen = 0;
};

// Checks, on one consistent view, reserved == initial reserved + remaining of
// the FOs and on_hand >= reserved everywhere. Returns the violations.
int64_t CheckStock(const EngineView& view, const std::vector<InventoryRecord>& initial) {
  std::map<std::pair<std::string, std::string>, int64_t> held;
  for (const InventoryRecord& r : initial) held[{r.location, r.sku}] += r.level.reserved;
  for (const FulfillmentOrder& fo : view.fulfillment_orders()) {
    for (const FulfillmentOrderLine& l : fo.lines) {
      held[{view.network().location(fo.location).id, l.sku}] += l.remaining_quantity;
    }
  }
  int64_t bad = 0;
  view.inventory().ForEach([&](LocationId loc, SkuId sku, const StockLevel& level) {
    const std::pair<std::string, std::string> key{view.network().location(loc).id,
                                                  view.inventory().sku_name(sku)};
    if (level.reserved != held[key] || level.on_hand < level.reserved) ++bad;
  });
  return bad;
}

TEST(EngineStress, ConcurrentCommandsNeverOversell) {
  const int seconds = EnvInt("ALLOT_STRESS_SECONDS", 2);
  const int num_threads = EnvInt("ALLOT_STRESS_THREADS", 8);
  Scenario scenario = StoryScenario();
  const std::vector<InventoryRecord> initial = scenario.inventory;
  absl::StatusOr<std::unique_ptr<Engine>> created =
      Engine::Create(std::move(scenario), {.now = 1'795'510'800 * kMicrosPerSecond});
  ASSERT_TRUE(created.ok()) << created.status();
  Engine& engine = **created;

  // Delivered under the engine lock, hence in log order with no gaps.
  int64_t last_seq = 0;
  int64_t seq_gaps = 0;
  engine.Subscribe([&](const Event& e) {
    if (e.seq != last_seq + 1) ++seq_gaps;
    last_seq = e.seq;
  });

  Pool fos, fulfillments, orders;
  std::vector<Counts> counts(num_threads);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  std::vector<std::thread> threads;
  for (int t = 0; t < num_threads; ++t) {
    threads.emplace_back([&, t] {
      std::mt19937 rng(1000 + t);
      Counts& c = counts[t];
      auto rand = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
      int n = 0;
      while (std::chrono::steady_clock::now() < deadline) {
        const Op op = static_cast<Op>(rand(kNumOps));
        absl::Status s;
        switch (op) {
          case kRoute: {
            std::vector<std::pair<std::string, int>> lines = {{kSkus[rand(3)], 1 + rand(3)}};
            if (rand(2)) lines.push_back({kSkus[rand(3)], 1 + rand(2)});
            const std::string id = "t" + std::to_string(t) + "-" + std::to_string(n++);
            Engine::Created r = engine.Route(Actor::Merchant(), MakeOrder(id, lines));
            s = r.status();
            if (r.ok()) {
              fos.Add(*r);
              orders.Add(id);
            }
            break;
          }
          case kReroute: {
            Engine::Created r = engine.Reroute(Actor::Merchant(), orders.Pick(rng));
            s = r.status();
            if (r.ok()) fos.Add(*r);
            break;
          }
          case kMove: {
            Engine::Created r = engine.Move(Actor::Merchant(), fos.Pick(rng), kLocations[rand(4)]);
            s = r.status();
            if (r.ok()) fos.Add(*r);
            break;
          }
          case kHold: {
            Engine::Created r = engine.Hold(Actor::Merchant(), fos.Pick(rng), {});
            s = r.status();
            break;
          }
          case kRelease:
            s = engine.ReleaseHold(Actor::Merchant(), fos.Pick(rng));
            break;
          case kFulfill: {
            Engine::Created r = engine.CreateFulfillment(Actor::Merchant(), {{fos.Pick(rng), {}}});
            s = r.status();
            if (r.ok()) fulfillments.Add(*r);
            break;
          }
          case kUnfulfill: {
            Engine::Created r = engine.CancelFulfillment(Actor::Merchant(), fulfillments.Pick(rng));
            s = r.status();
            if (r.ok()) fos.Add(*r);
            break;
          }
          case kCancelOrder:
            // Rarer than the rest, or every order ends up cancelled.
            s = rand(4) == 0 ? engine.CancelOrder(Actor::Merchant(), orders.Pick(rng))
                             : absl::CancelledError("skipped");
            break;
          case kReceive: {
            const std::string loc = kLocations[rand(4)], sku = kSkus[rand(3)];
            const int q = 1 + rand(3);
            s = engine.Receive(Actor::Merchant(), loc, sku, q);
            if (s.ok()) c.added[{loc, sku}] += q;
            break;
          }
          case kAdjust: {
            const std::string loc = kLocations[rand(4)], sku = kSkus[rand(3)];
            const int d = rand(7) - 4;  // mostly taking stock away
            s = engine.Adjust(Actor::Merchant(), loc, sku, d);
            if (s.ok()) c.added[{loc, sku}] += d;
            break;
          }
          case kRead:
            switch (rand(4)) {
              case 0:
                engine.Read([&](const EngineView& view) {
                  c.invariant_violations += CheckStock(view, initial);
                });
                break;
              case 1:
                if (auto fo = engine.FindFulfillmentOrder(fos.Pick(rng))) {
                  engine.SupportedActions(*fo);
                }
                break;
              case 2: {
                // A poller: only the events it has not seen.
                std::vector<Event> later = engine.events(c.events_seen);
                if (!later.empty()) c.events_seen = later.back().seq;
                break;
              }
              default:
                if (rand(20) == 0) lifecycle_internal::StateJson(engine);
                break;
            }
            break;
          case kNumOps:
            break;
        }
        (s.ok() ? c.ok : c.failed)[op]++;
      }
    });
  }
  for (std::thread& th : threads) th.join();

  Counts total;
  for (const Counts& c : counts) {
    for (int i = 0; i < kNumOps; ++i) {
      total.ok[i] += c.ok[i];
      total.failed[i] += c.failed[i];
    }
    for (const auto& [key, q] : c.added) total.added[key] += q;
    total.invariant_violations += c.invariant_violations;
  }
  EXPECT_EQ(total.invariant_violations, 0) << "reads saw the stock invariant broken";
  EXPECT_EQ(seq_gaps, 0) << "subscriber saw events out of order";

  // Accounting on the final state: every unit is on hand (reserved or not)
  // or shipped, and no order line holds or shipped more than it asked for.
  engine.Read([&](const EngineView& view) {
    EXPECT_EQ(CheckStock(view, initial), 0);
    EXPECT_EQ(last_seq, static_cast<int64_t>(view.events().size()));
    std::map<std::pair<std::string, std::string>, int64_t> expected_on_hand;
    for (const InventoryRecord& r : initial)
      expected_on_hand[{r.location, r.sku}] += r.level.on_hand;
    for (const auto& [key, q] : total.added) expected_on_hand[key] += q;
    std::map<std::string, int64_t> shipped_by_fo_line;
    std::map<std::pair<std::string, int32_t>, int64_t> shipped_by_order_line;
    for (const Fulfillment& f : view.fulfillments()) {
      if (f.status != FulfillmentStatus::kSuccess) continue;
      for (const FulfillmentLine& l : f.lines) {
        expected_on_hand[{view.network().location(f.location).id, l.sku}] -= l.quantity;
        shipped_by_fo_line[l.fulfillment_order + "/" + std::to_string(l.line)] += l.quantity;
        shipped_by_order_line[{f.order, l.line}] += l.quantity;
      }
    }
    view.inventory().ForEach([&](LocationId loc, SkuId sku, const StockLevel& level) {
      const std::pair<std::string, std::string> key{view.network().location(loc).id,
                                                    view.inventory().sku_name(sku)};
      EXPECT_EQ(level.on_hand, expected_on_hand[key]) << key.first << "/" << key.second;
      EXPECT_GE(level.on_hand, level.reserved) << key.first << "/" << key.second;
      expected_on_hand.erase(key);
    });
    for (const auto& [key, q] : expected_on_hand) EXPECT_EQ(q, 0) << key.first << "/" << key.second;
    for (const OrderRecord& o : view.orders()) {
      std::vector<int64_t> assigned(o.order.lines.size());
      for (int32_t i : o.fulfillment_orders) {
        const FulfillmentOrder& fo = view.fulfillment_orders()[i];
        for (const FulfillmentOrderLine& l : fo.lines) {
          EXPECT_EQ(l.fulfilled_quantity, shipped_by_fo_line[fo.id + "/" + std::to_string(l.line)])
              << fo.id;
          EXPECT_LE(l.remaining_quantity + l.fulfilled_quantity, l.total_quantity) << fo.id;
          assigned[l.line] += l.total_quantity;
        }
      }
      for (size_t k = 0; k < assigned.size(); ++k) {
        const int64_t want = o.order.lines[k].quantity;
        const int64_t shipped = shipped_by_order_line[{o.order.id, static_cast<int32_t>(k)}];
        EXPECT_LE(shipped, want) << o.order.id;
        if (o.cancelled) {
          EXPECT_LE(assigned[k], want) << o.order.id;
        } else {
          EXPECT_EQ(assigned[k] + o.unallocated[k], want) << o.order.id;
        }
      }
    }
  });

  int64_t ok = 0, failed = 0;
  std::printf("stress: %d threads, %d s\n", num_threads, seconds);
  for (int i = 0; i < kNumOps; ++i) {
    std::printf("  %-20s ok %9lld  refused %9lld\n", kOpNames[i],
                static_cast<long long>(total.ok[i]), static_cast<long long>(total.failed[i]));
    ok += total.ok[i];
    failed += total.failed[i];
  }
  std::printf("  total ops %lld (ok %lld), events %lld, orders %zu, fulfillments %zu\n",
              static_cast<long long>(ok + failed), static_cast<long long>(ok),
              static_cast<long long>(last_seq), engine.orders().size(),
              engine.fulfillments().size());
  ::testing::Test::RecordProperty("operations", std::to_string(ok + failed));
  // The mix must actually exercise the commands, not only fail them.
  EXPECT_GT(total.ok[kRoute], 0);
  EXPECT_GT(total.ok[kFulfill], 0);
  EXPECT_GT(total.ok[kMove] + total.ok[kHold], 0);
}

}  // namespace
}  // namespace allot::testing
