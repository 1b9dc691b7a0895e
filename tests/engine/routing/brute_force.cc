#include "engine/routing/brute_force.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "allot/geo.h"

namespace allot::testing {
namespace {

const Location& Find(const Scenario& s, const std::string& id) {
  for (const Location& l : s.locations) {
    if (l.id == id) return l;
  }
  return s.locations.front();
}

std::vector<const Location*> Eligible(const Scenario& s, const Order& order,
                                      const RoutingPolicy& policy) {
  std::vector<const Location*> out;
  for (const Location& l : s.locations) {
    if (!l.active || !l.ships) continue;
    if (policy.same_country_only && l.country != order.destination.country) continue;
    out.push_back(&l);
  }
  return out;
}

double Dist(const Location& l, const Order& o) {
  return HaversineKm(l.lat, l.lon, o.destination.lat, o.destination.lon);
}

int64_t Avail(const Stock& stock, const std::string& loc, const std::string& sku) {
  auto it = stock.find({loc, sku});
  return it == stock.end() ? 0 : it->second;
}

Key KeyOf(const Order& order, const RoutingPolicy& policy, int64_t units,
          const std::vector<const Location*>& used, double cost) {
  Key key;
  key.units = units;
  for (Rule r : policy.Criteria()) {
    double v = 0;
    for (const Location* l : used) {
      switch (r) {
        case Rule::kShipments:
          v += 1;
          break;
        case Rule::kOutOfCountry:
          v += l->country != order.destination.country ? 1 : 0;
          break;
        case Rule::kRank:
          v += l->rank;
          break;
        case Rule::kDistance:
          v += Dist(*l, order);
          break;
        case Rule::kCost:
          break;
      }
    }
    if (r == Rule::kCost) v = cost;
    key.values.push_back(v);
    key.tolerant.push_back(r == Rule::kCost || r == Rule::kDistance);
  }
  return key;
}

}  // namespace

Stock InitialStock(const Scenario& scenario) {
  Stock stock;
  for (const InventoryRecord& r : scenario.inventory) {
    stock[{r.location, r.sku}] = r.level.available();
  }
  return stock;
}

bool KeyBetter(const Key& a, const Key& b) {
  if (a.units != b.units) return a.units > b.units;
  for (size_t c = 0; c < a.values.size(); ++c) {
    const double x = a.values[c], y = b.values[c];
    if (a.tolerant[c] ? NearlyEqual(x, y) : x == y) continue;
    return x < y;
  }
  return false;
}

Plan GreedyPlan(const Scenario& scenario, const Stock& stock, const Order& order,
                const RoutingPolicy& policy) {
  std::vector<const Location*> locs = Eligible(scenario, order, policy);
  std::sort(locs.begin(), locs.end(), [&](const Location* a, const Location* b) {
    if (policy.kind == PolicyKind::kNearest) {
      const double da = Dist(*a, order), db = Dist(*b, order);
      if (da != db) return da < db;
    }
    return std::tie(a->rank, a->id) < std::tie(b->rank, b->id);
  });
  Stock taken;
  Plan plan;
  for (size_t i = 0; i < order.lines.size(); ++i) {
    int64_t want = order.lines[i].quantity;
    for (const Location* l : locs) {
      if (want == 0) break;
      const auto key = std::make_pair(l->id, order.lines[i].sku);
      const int64_t q = std::min(want, Avail(stock, l->id, order.lines[i].sku) - taken[key]);
      if (q > 0) {
        plan[{static_cast<int>(i), l->id}] = q;
        taken[key] += q;
        want -= q;
      }
    }
  }
  return plan;
}

Key BestKey(const Scenario& scenario, const Stock& stock, const Order& order,
            const RoutingPolicy& policy) {
  std::vector<const Location*> locs = Eligible(scenario, order, policy);
  std::map<std::string, int64_t> demand;
  for (const OrderLine& l : order.lines) demand[l.sku] += l.quantity;
  const int n = static_cast<int>(locs.size());
  const int limit = policy.max_shipments ? std::min(*policy.max_shipments, n) : n;
  Key best = KeyOf(order, policy, 0, {}, 0);
  for (uint32_t mask = 1; mask < (1u << n); ++mask) {
    if (__builtin_popcount(mask) > limit) continue;
    std::vector<const Location*> subset;
    for (int i = 0; i < n; ++i) {
      if (mask >> i & 1) subset.push_back(locs[i]);
    }
    std::vector<const Location*> by_unit_cost = subset;
    std::sort(by_unit_cost.begin(), by_unit_cost.end(), [&](const Location* a, const Location* b) {
      const double ua = a->cost.UnitCost(Dist(*a, order)), ub = b->cost.UnitCost(Dist(*b, order));
      if (ua != ub) return ua < ub;
      return std::tie(a->rank, a->id) < std::tie(b->rank, b->id);
    });
    int64_t units = 0;
    double cost = 0;
    for (const Location* l : subset) cost += l->cost.PackageCost(Dist(*l, order));
    for (const auto& [sku, want0] : demand) {
      int64_t want = want0;
      for (const Location* l : by_unit_cost) {
        const int64_t q = std::min(want, Avail(stock, l->id, sku));
        units += q;
        cost += static_cast<double>(q) * l->cost.UnitCost(Dist(*l, order));
        want -= q;
      }
    }
    Key key = KeyOf(order, policy, units, subset, cost);
    if (KeyBetter(key, best)) best = key;
  }
  return best;
}

Key PlanKeyOf(const Scenario& scenario, const Order& order, const RoutingPolicy& policy,
              const Plan& plan) {
  std::map<std::string, int64_t> units_at;
  int64_t units = 0;
  for (const auto& [where, q] : plan) {
    units_at[where.second] += q;
    units += q;
  }
  std::vector<const Location*> used;
  double cost = 0;
  for (const auto& [loc, u] : units_at) {
    const Location& l = Find(scenario, loc);
    used.push_back(&l);
    cost += l.cost.ShipmentCost(Dist(l, order), u);
  }
  return KeyOf(order, policy, units, used, cost);
}

}  // namespace allot::testing
