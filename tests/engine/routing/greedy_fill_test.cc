// The nearest fill's near-tie path: locations whose squared chords agree to
// 1e-9 are ordered by the contract's haversine, computed once per order.
#include "routing/greedy_fill.h"

#include "allot/geo.h"
#include "gtest/gtest.h"

namespace allot::routing_internal {
namespace {

TEST(GreedyFillTest, CachedDistanceIsTheHaversineNotTheChordKey) {
  Network network =
      *Network::Create({{.id = "A", .lat = 40, .lon = -74}, {.id = "B", .lat = 41, .lon = -87}});
  Order order{.id = "O", .destination = {41.85, -87.65, "US"}, .lines = {}};
  RouterScratch scratch(network.size());
  scratch.NextOrder();
  // What NearestFill leaves for a location it has keyed.
  const UnitVector destination = ToUnitVector(41.85, -87.65);
  scratch.SetSlot(1, -1);
  scratch.chord_key[1] = network.SquaredChord(LocationId(1), destination);
  const double km = CachedDistance(network, order, 1, scratch);
  EXPECT_EQ(km, HaversineKm(41, -87, 41.85, -87.65));
  EXPECT_EQ(scratch.chord_key[1], network.SquaredChord(LocationId(1), destination));
  EXPECT_EQ(CachedDistance(network, order, 1, scratch), km);  // cached
}

}  // namespace
}  // namespace allot::routing_internal
