// The tables of distances and costs and the branch-free cheapest holder
// behind the partition fill (routing/location_costs.h): the same values as
// the scalar functions, bit for bit, and the same pick as the scan in
// location order, near ties included, from the vector code and the scan
// alike, on networks of every size around the vector width and the word.
#include "routing/location_costs.h"

#include <cmath>
#include <random>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "routing/chord_distance.h"
#include "routing/location_keys.h"

namespace allot::routing_internal {
namespace {

// Locations at random places with rates from a few values, so that some
// costs tie exactly. Others copy the location before them, about a
// centimetre away, a hair cheaper
// (0.6 of the tolerance), two in a row, so that the first and the last of
// three compare unequal while each ties with its neighbour, or a hair
// dearer.
Network RandomNetwork(std::mt19937_64& rng, int size) {
  std::uniform_real_distribution<double> lat(-80, 80), lon(-180, 180);
  std::uniform_int_distribution<int> rate(0, 3);
  std::vector<Location> locations;
  for (int i = 0; i < size; ++i) {
    Location l;
    l.id = absl::StrCat("L", i);
    l.country = "US";
    const bool cheaper = i % 5 == 1 || i % 5 == 2, dearer = i % 3 == 0;
    if (i > 0 && (cheaper || dearer)) {
      // About a centimetre apart: distances often within the tolerance.
      l.lat = locations.back().lat + (cheaper ? 9e-8 : -9e-8);
      l.lon = locations.back().lon;
      l.cost = locations.back().cost;
      l.cost.fixed *= cheaper ? 1 - 6e-7 : 1 + 4e-7;
    } else {
      l.lat = lat(rng);
      l.lon = lon(rng);
      l.cost = {.fixed = 2.0 + rate(rng),
                .per_km = 0.001 * rate(rng),
                .per_unit = 0.5 * rate(rng),
                .per_unit_km = 1e-4 * rate(rng)};
    }
    locations.push_back(l);
  }
  return *Network::Create(locations);
}

// The tables for `locations` to the destination `to`; ids are given in
// the locations' order (which the network keeps, so location i is index
// i), and countries default to the US.
struct Tables {
  Tables(std::vector<Location> locations, const UnitVector& to = ToUnitVector(0, 0))
      : network(Named(std::move(locations))) {
    keys.Compute(network, to);
    costs.Compute(network, keys.keys());
  }
  static Network Named(std::vector<Location> locations) {
    for (size_t i = 0; i < locations.size(); ++i) {
      locations[i].id = absl::StrCat("L", 1000 + i);
      if (locations[i].country.empty()) locations[i].country = "US";
    }
    return *Network::Create(std::move(locations));
  }
  Network network;
  LocationKeys keys;
  LocationCosts costs;
};

TEST(LocationCostsTest, TablesAreTheScalarValues) {
  std::mt19937_64 rng(11);
  const Network network = RandomNetwork(rng, 75);
  LocationKeys keys;
  LocationCosts costs;
  // The last destination is the antipode of a location: asin's upper branch.
  const Location& far = network.location(LocationId(7));
  for (const UnitVector& d :
       {ToUnitVector(40, -74), ToUnitVector(-33, 151), ToUnitVector(0, 0),
        ToUnitVector(-far.lat, far.lon > 0 ? far.lon - 180 : far.lon + 180)}) {
    keys.Compute(network, d);
    costs.Compute(network, keys.keys());
    for (int l = 0; l < network.size(); ++l) {
      const LocationId id(l);
      const ShippingCost& rate = network.location(id).cost;
      const double km = HalfChordToKm(network.HalfChord(id, d));
      ASSERT_EQ(costs.distance_km()[l], km) << l;
      EXPECT_EQ(costs.package_cost()[l], rate.PackageCost(km)) << l;
      EXPECT_EQ(costs.unit_cost()[l], rate.UnitCost(km)) << l;
      EXPECT_EQ(costs.package_cost()[l] + 3.0 * costs.unit_cost()[l], rate.ShipmentCost(km, 3))
          << l;
    }
  }
}

// The tables take asin's first branch alone while every location is
// within about 6,672 km (half chord 1/2) and the whole function once one
// is farther: a regional network to its own region, the same with one
// location across the world, and locations around (0, 0) with one 59.99
// or 60.01 degrees east along the equator (half chord sin 30°, just
// under or just over 1/2).
TEST(LocationCostsTest, TablesAreTheScalarValuesNearAndFar) {
  std::mt19937_64 rng(12);
  std::uniform_real_distribution<double> lat(26, 48), lon(-122, -72), near_zero(-5, 5);
  std::vector<Location> regional, around_zero;
  for (int i = 0; i < 20; ++i) {
    regional.push_back({.lat = lat(rng), .lon = lon(rng), .cost = {2, 0.001, 0.5, 1e-4}});
    around_zero.push_back(
        {.lat = near_zero(rng), .lon = near_zero(rng), .cost = {1, 0.002, 0.25, 2e-4}});
  }
  std::vector<Location> with_far = regional;
  with_far[13].lat = -33.87;  // Sydney
  with_far[13].lon = 151.21;
  std::vector<Location> just_under = around_zero, just_over = around_zero;
  just_under[5] = {.lat = 0, .lon = 59.99, .cost = {3, 0.001, 0.5, 1e-4}};
  just_over[5] = {.lat = 0, .lon = 60.01, .cost = {3, 0.001, 0.5, 1e-4}};
  const UnitVector us = ToUnitVector(40, -100), zero = ToUnitVector(0, 0);
  std::vector<bool> far_cases;
  for (const auto& [locations, to] : {std::pair(regional, us), std::pair(with_far, us),
                                      std::pair(just_under, zero), std::pair(just_over, zero)}) {
    const Tables t(locations, to);
    bool far = false;
    for (int l = 0; l < t.network.size(); ++l) {
      const LocationId id(l);
      const double half_chord = t.network.HalfChord(id, to);
      far |= half_chord > 0.5;
      const double km = HalfChordToKm(half_chord);
      ASSERT_EQ(t.costs.distance_km()[l], km) << l;
      EXPECT_EQ(t.costs.package_cost()[l], t.network.location(id).cost.PackageCost(km)) << l;
      EXPECT_EQ(t.costs.unit_cost()[l], t.network.location(id).cost.UnitCost(km)) << l;
    }
    far_cases.push_back(far);
  }
  // Both ways of filling the tables were taken, on either side of 1/2.
  EXPECT_EQ(far_cases, (std::vector<bool>{false, true, false, true}));
  // A destination that is not a place (the router does not check a
  // caller's coordinates) gives NaN keys, which HalfChordToKm clamps to
  // half the circumference; the tables too, not NaN.
  const Tables t(regional, ToUnitVector(std::nan(""), 0));
  for (int l = 0; l < t.network.size(); ++l) {
    EXPECT_EQ(t.costs.distance_km()[l], HalfChordToKm(std::nan(""))) << l;
  }
}

// The scan keeps its first best unless a later cost is lower beyond the
// tolerance: of 10, 10 - 1.2e-5 and 10 - 1.8e-5 (tolerance 1e-5 there) it
// keeps the second, which the third does not beat; a plain minimum would
// take the third.
TEST(LocationCostsTest, CheapestIsTheScansPickNotTheLeastCost) {
  std::vector<Location> locations;
  for (double fixed : {10.0, 10 - 1.2e-5, 10 - 1.8e-5, 11.0}) {
    locations.push_back({.cost = {.fixed = fixed}});
  }
  const Tables tables(std::move(locations), ToUnitVector(10, 10));
  const LocationCosts& costs = tables.costs;
  const std::vector<uint64_t> all = {0b1111};
  EXPECT_EQ(costs.CheapestByScan(all, 1), 1);
  EXPECT_EQ(costs.Cheapest(all, 1), 1);
  const std::vector<uint64_t> last_three = {0b1110};
  EXPECT_EQ(costs.Cheapest(last_three, 1), 1);
  const std::vector<uint64_t> two = {0b1001};
  EXPECT_EQ(costs.Cheapest(two, 1), 0);
}

// The same rule by distance: locations on the equator 10 km, 10 km - 1.2 cm
// and 10 km - 1.8 cm from the destination (tolerance 1 cm there), after
// farther ones that fill the first vector or word, or not.
TEST(LocationCostsTest, NearestIsTheScansPickNotTheLeastDistance) {
  for (int farther : {0, 13, 70, 140}) {
    std::vector<Location> locations;
    for (int i = 0; i < farther; ++i) locations.push_back({.lon = 1.0 + 0.01 * i});
    for (double km : {10.0, 10 - 1.2e-5, 10 - 1.8e-5, 11.0}) {
      locations.push_back({.lon = km / kEarthRadiusKm * 180 / M_PI});
    }
    const size_t size = locations.size();
    const Tables tables(std::move(locations));
    const LocationCosts& costs = tables.costs;
    ASSERT_NEAR(costs.distance_km()[farther + 2], 10 - 1.8e-5, 1e-9);
    const size_t words = (size + 63) / 64;
    std::vector<uint64_t> all(words, ~uint64_t{0});
    all.back() = size % 64 == 0 ? ~uint64_t{0} : (uint64_t{1} << (size % 64)) - 1;
    EXPECT_EQ(costs.NearestByScan(all), farther + 1) << farther;
    EXPECT_EQ(costs.Nearest(all), farther + 1) << farther;
    std::vector<uint64_t> two(words, 0);
    for (int l : {farther, farther + 3}) two[l / 64] |= uint64_t{1} << (l % 64);
    EXPECT_EQ(costs.Nearest(two), farther) << farther;
  }
}

// Rates near the largest double overflow a shipment's cost to +infinity,
// which NearlyEqual ties with every cost: a scan whose first holder costs
// that keeps it, and so must the vector code, in one word or several.
TEST(LocationCostsTest, AnInfiniteFirstCostIsKeptLikeTheScanKeepsIt) {
  for (int farther : {0, 70}) {
    std::vector<Location> locations;
    for (int i = 0; i < farther; ++i) locations.push_back({.lon = 1.0, .cost = {.fixed = 9}});
    locations.push_back({.lon = 2.0, .cost = {.fixed = 1e308, .per_km = 1e308}});
    locations.push_back({.lon = 2.0, .cost = {.fixed = 5}});
    locations.push_back({.lon = 2.0, .cost = {.fixed = 5}});
    const size_t size = locations.size();
    const Tables tables(std::move(locations));
    const LocationCosts& costs = tables.costs;
    ASSERT_TRUE(std::isinf(costs.package_cost()[farther]));
    std::vector<uint64_t> holders((size + 63) / 64, 0);
    for (int l : {farther, farther + 1}) holders[l / 64] |= uint64_t{1} << (l % 64);
    EXPECT_EQ(costs.CheapestByScan(holders, 1), farther);
    EXPECT_EQ(costs.Cheapest(holders, 1), farther) << farther;
    holders[(farther + 2) / 64] |= uint64_t{1} << ((farther + 2) % 64);
    EXPECT_EQ(costs.Cheapest(holders, 1), farther) << farther;
    // After a finite first holder, an infinite cost is just dear.
    if (farther > 0) {
      holders[0] |= 1;
      EXPECT_EQ(costs.Cheapest(holders, 1), farther + 1);
      EXPECT_EQ(costs.CheapestByScan(holders, 1), farther + 1);
    }
  }
}

TEST(LocationCostsTest, LocationsInACountry) {
  std::vector<Location> locations;
  for (int i = 0; i < 70; ++i) locations.push_back({.country = i % 3 == 0 ? "CA" : "US"});
  const Tables tables(std::move(locations));
  const Network& network = tables.network;
  const LocationCosts& costs = tables.costs;
  for (const std::string country : {"CA", "US", "MX"}) {
    absl::Span<const uint64_t> in = costs.LocationsIn(country);
    ASSERT_EQ(in.size(), 2u);
    for (int l = 0; l < 70; ++l) {
      EXPECT_EQ(in[l / 64] >> (l % 64) & 1, network.location(LocationId(l)).country == country)
          << country << " " << l;
    }
  }
}

TEST(LocationCostsTest, CheapestAndNearestMatchTheScan) {
  std::mt19937_64 rng(12);
  std::uniform_real_distribution<double> lat(-80, 80), lon(-180, 180);
  std::uniform_int_distribution<int64_t> units(1, 40);
  int near_ties = 0, near_distances = 0;
  for (int size : {1, 2, 7, 8, 9, 15, 16, 17, 50, 63, 64, 65, 130, 200}) {
    const Network network = RandomNetwork(rng, size);
    const size_t words = (size + 63) / 64;
    LocationKeys keys;
    LocationCosts costs;
    for (int trial = 0; trial < 400; ++trial) {
      keys.Compute(network, ToUnitVector(lat(rng), lon(rng)));
      costs.Compute(network, keys.keys());
      // Holder sets from dense to sparse, never empty.
      const double density = std::uniform_real_distribution<double>(0.02, 1)(rng);
      std::vector<uint64_t> holders(words, 0);
      for (int l = 0; l < size; ++l) {
        if (std::bernoulli_distribution(density)(rng)) holders[l / 64] |= uint64_t{1} << (l % 64);
      }
      const int forced = std::uniform_int_distribution<int>(0, size - 1)(rng);
      holders[forced / 64] |= uint64_t{1} << (forced % 64);
      const int32_t nearest = costs.NearestByScan(holders);
      ASSERT_EQ(costs.Nearest(holders), nearest) << "size " << size << " trial " << trial;
      for (int l = 0; l < size; ++l) {
        if (l != nearest && holders[l / 64] >> (l % 64) & 1 &&
            NearlyEqual(costs.distance_km()[l], costs.distance_km()[nearest])) {
          ++near_distances;
          break;
        }
      }
      const int64_t u = units(rng);
      const int32_t expected = costs.CheapestByScan(holders, u);
      ASSERT_EQ(costs.Cheapest(holders, u), expected) << "size " << size << " trial " << trial;
      ASSERT_TRUE(holders[expected / 64] >> (expected % 64) & 1);
      // Count the picks with another holder within the tolerance.
      const double pick = costs.package_cost()[expected] + u * costs.unit_cost()[expected];
      for (int l = 0; l < size; ++l) {
        if (l == expected || !(holders[l / 64] >> (l % 64) & 1)) continue;
        if (NearlyEqual(costs.package_cost()[l] + u * costs.unit_cost()[l], pick)) {
          ++near_ties;
          break;
        }
      }
    }
  }
  EXPECT_GT(near_ties, 300);  // the scan's tie rule was exercised
  EXPECT_GT(near_distances, 300);
}

}  // namespace
}  // namespace allot::routing_internal
