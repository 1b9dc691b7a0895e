#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>

#include "absl/strings/str_cat.h"
#include "allot/geo.h"
#include "allot/routing.h"
#include "routing/chord_distance.h"
#include "routing/exact_fill.h"
#include "routing/greedy_fill.h"
#include "routing/router_scratch.h"

namespace allot {

using routing_internal::HalfChordToKm;
using routing_internal::Pick;
using routing_internal::RouterScratch;

Router::Router(const Network* network, Inventory* inventory)
    : network_(network),
      inventory_(inventory),
      scratch_(std::make_unique<RouterScratch>(network->size())) {}

Router::~Router() = default;
Router::Router(Router&&) noexcept = default;
Router& Router::operator=(Router&&) noexcept = default;

absl::StatusOr<RouteResult> Router::Route(const Order& order, const RoutingPolicy& policy) {
  RouteResult result;
  if (absl::Status s = Route(order, policy, &result); !s.ok()) return s;
  return result;
}

namespace {

// Sorts picks by (location, line). An order has a few picks, and
// std::sort's insertion sort mispredicts on them; a mispredicted branch
// also throws away the next order's row loads the processor had started.
// Up to eight picks are placed by rank instead: each pick's position is
// the number of picks with a smaller (location, line) key, counted without
// a branch (the key's low bits, the pick's index, make keys distinct).
void SortPicks(std::vector<Pick>& picks) {
  const size_t n = picks.size();
  if (n <= 1) return;
  if (n > 8) {
    std::sort(picks.begin(), picks.end(), [](const Pick& a, const Pick& b) {
      return a.location != b.location ? a.location < b.location : a.line < b.line;
    });
    return;
  }
  // Locations are below 2^16 (rows hold them as uint16_t), lines below 2^32.
  std::array<uint64_t, 8> key;
  std::array<Pick, 8> original;
  for (size_t i = 0; i < n; ++i) {
    original[i] = picks[i];
    key[i] =
        uint64_t{uint32_t(picks[i].location)} << 40 | uint64_t{uint32_t(picks[i].line)} << 8 | i;
  }
  for (size_t i = 0; i < n; ++i) {
    size_t rank = 0;
    for (size_t j = 0; j < n; ++j) rank += key[j] < key[i];
    picks[rank] = original[i];
  }
}

// Groups the picks into one shipment per location, in location order.
void Assemble(const Network& network, const Order& order, RouterScratch& s, RouteResult* result) {
  std::vector<Pick>& picks = s.picks;
  SortPicks(picks);
  size_t count = 0;
  for (size_t k = 0; k < picks.size(); ++k) {
    if (k == 0 || picks[k].location != picks[k - 1].location) ++count;
  }
  result->shipments.resize(count);
  result->cost = 0;
  result->units_allocated = 0;
  size_t at = 0;
  for (size_t k = 0; k < picks.size();) {
    RoutedShipment& sh = result->shipments[at++];
    sh.location = LocationId(picks[k].location);
    sh.lines.clear();
    sh.units = 0;
    for (; k < picks.size() && picks[k].location == sh.location.value(); ++k) {
      if (!sh.lines.empty() && sh.lines.back().line == picks[k].line) {
        sh.lines.back().quantity += picks[k].quantity;
      } else {
        sh.lines.push_back({picks[k].line, picks[k].quantity});
      }
      sh.units += picks[k].quantity;
    }
    sh.distance_km = s.KnowsDistance(sh.location.value())
                         ? s.known_km[sh.location.value()]
                         : HalfChordToKm(network.HalfChord(sh.location, s.destination));
    sh.cost = network.location(sh.location).cost.ShipmentCost(sh.distance_km, sh.units);
    result->cost += sh.cost;
    result->units_allocated += sh.units;
  }
  // Unfulfilled per line: asked minus placed.
  result->unfulfilled.clear();
  result->units_requested = 0;
  for (int32_t line = 0; line < static_cast<int32_t>(order.lines.size()); ++line) {
    result->units_requested += order.lines[line].quantity;
    result->unfulfilled.push_back({line, order.lines[line].quantity});
  }
  for (const Pick& p : picks) result->unfulfilled[p.line].quantity -= p.quantity;
  std::erase_if(result->unfulfilled, [](const RoutedLine& l) { return l.quantity <= 0; });
}

// Whether routing an order of `lines` lines asks for its rows' levels past
// their first cache line. The exact policies read every level of every row;
// `nearest` reads one, anywhere in the row, once it knows the nearest
// location, too late to ask for it alone. With several lines: exact 3 lines
// of 200 locations 10-21 % faster, `nearest` 26-40 % at 3-8 lines of 50
// and 200 locations (stop 20; a whole-row prefetch had measured no gain for
// it on the Intel machine); with one line either measured mixed.
bool AsksForWholeRows(const RoutingPolicy& policy, size_t lines) {
  return (policy.is_exact() || policy.kind == PolicyKind::kNearest) && lines > 1;
}

}  // namespace

void Router::Prefetch(const Order* next, const Order* after_next,
                      const RoutingPolicy& policy) const {
  const int num_skus = inventory_->num_skus();
  auto known = [num_skus](const OrderLine& line) {
    return line.sku_id.valid() && line.sku_id.value() < num_skus;
  };
  if (after_next != nullptr) {
    for (const OrderLine& line : after_next->lines) {
      if (known(line)) inventory_->PrefetchRowIndex(line.sku_id);
    }
  }
  // Rows only for short orders: an order of eight lines takes long enough
  // to hide its own misses, and asking for its rows an order early measured
  // 5-13 % slower (5-6 % with the rows' first lines only); three lines,
  // 9-17 % faster.
  constexpr size_t kMostLinesToAskRowsFor = 4;
  if (next != nullptr && next->lines.size() <= kMostLinesToAskRowsFor) {
    const bool whole_rows = AsksForWholeRows(policy, next->lines.size());
    for (const OrderLine& line : next->lines) {
      if (!known(line)) continue;
      inventory_->PrefetchRow(line.sku_id);
      if (whole_rows) inventory_->PrefetchRestOfRowLevels(line.sku_id);
    }
  }
}

absl::Status Router::Route(const Order& order, const RoutingPolicy& policy, RouteResult* result) {
  if (absl::Status s = policy.Validate(); !s.ok()) return s;
  // The readers check a scenario's coordinates; a library caller's are
  // checked here (NaN or out of range would make every distance garbage).
  const Destination& to = order.destination;
  if (!IsLatitude(to.lat)) {
    return absl::InvalidArgumentError(
        absl::StrCat("destination.lat: must be in [-90, 90], got ", to.lat));
  }
  if (!IsLongitude(to.lon)) {
    return absl::InvalidArgumentError(
        absl::StrCat("destination.lon: must be in [-180, 180], got ", to.lon));
  }
  // Every line's row is requested before any is read: the rows then load
  // in parallel instead of one miss after another (measured 4-16 % faster
  // for the exact policies at 3-8 lines), whole rows where AsksForWholeRows
  // (for the exact policies asked for here rather than once the fill had
  // collected the order's SKUs: another 2-16 % at 3 lines, 0-5 % at 8). A
  // prefetch changes nothing, so the same pass checks the quantities.
  const bool whole_rows = AsksForWholeRows(policy, order.lines.size());
  for (size_t l = 0; l < order.lines.size(); ++l) {
    const OrderLine& ol = order.lines[l];
    if (ol.quantity < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("lines[", l, "].quantity: must be >= 0, got ", ol.quantity));
    }
    if (ol.sku_id.valid() && ol.sku_id.value() < inventory_->num_skus()) {
      inventory_->PrefetchRow(ol.sku_id);
      if (whole_rows) inventory_->PrefetchRestOfRowLevels(ol.sku_id);
    }
  }
  RouterScratch& s = *scratch_;
  s.NextOrder();
  s.picks.clear();
  s.destination = ToUnitVector(order.destination.lat, order.destination.lon);
  switch (policy.kind) {
    case PolicyKind::kPriority:
      routing_internal::PriorityFill(*network_, *inventory_, order, policy, s);
      break;
    case PolicyKind::kNearest:
      routing_internal::NearestFill(*network_, *inventory_, order, policy, s);
      break;
    default:
      routing_internal::ExactFill(*network_, *inventory_, order, policy, s);
      break;
  }
  Assemble(*network_, order, s, result);
  result->search_nodes = policy.is_exact() ? s.search_nodes : 0;
  return absl::OkStatus();
}

}  // namespace allot
