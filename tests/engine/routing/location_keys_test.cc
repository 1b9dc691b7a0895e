// The table of squared chords and the branch-free row minimum behind
// `nearest` (routing/location_keys.h): the same keys as
// Network::SquaredChord, bit for bit, and the same nearest and near-tie
// count as a plain scan, from the vector code and the loops alike, on rows
// of every length around the vector width.
#include "routing/location_keys.h"

#include <algorithm>
#include <random>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace allot::routing_internal {
namespace {

Network RandomNetwork(std::mt19937_64& rng, int size) {
  std::uniform_real_distribution<double> lat(-80, 80), lon(-180, 180);
  std::vector<Location> locations;
  for (int i = 0; i < size; ++i) {
    Location l;
    l.id = absl::StrCat("L", i);
    // Every fourth location shares the position of the one before: exact
    // ties; others lie a hair apart: near-ties.
    if (i % 4 == 3) {
      l.lat = locations.back().lat;
      l.lon = locations.back().lon;
    } else if (i % 4 == 2) {
      l.lat = locations.back().lat + 1e-7;
      l.lon = locations.back().lon;
    } else {
      l.lat = lat(rng);
      l.lon = lon(rng);
    }
    l.country = "US";
    locations.push_back(l);
  }
  return *Network::Create(locations);
}

TEST(LocationKeysTest, KeysAreTheNetworksSquaredChords) {
  std::mt19937_64 rng(5);
  const Network network = RandomNetwork(rng, 37);
  LocationKeys keys;
  for (const UnitVector& d : {ToUnitVector(40, -74), ToUnitVector(-33, 151), ToUnitVector(0, 0)}) {
    keys.Compute(network, d);
    for (int l = 0; l < network.size(); ++l) {
      EXPECT_EQ(keys.keys()[l], network.SquaredChord(LocationId(l), d)) << l;
    }
  }
}

TEST(LocationKeysTest, NearestMatchesAPlainScan) {
  std::mt19937_64 rng(6);
  const Network network = RandomNetwork(rng, 120);
  LocationKeys keys;
  std::uniform_real_distribution<double> lat(-80, 80), lon(-180, 180);
  int with_ties = 0;
  for (int trial = 0; trial < 3000; ++trial) {
    // Destinations sometimes on a location, so that its key is 0.
    const Location& on = network.location(LocationId(static_cast<int>(rng() % 120)));
    keys.Compute(network,
                 trial % 5 == 0 ? ToUnitVector(on.lat, on.lon) : ToUnitVector(lat(rng), lon(rng)));
    // A row: sorted distinct locations, any length up to 40.
    std::vector<uint16_t> row;
    const int length = 1 + static_cast<int>(rng() % 40);
    for (int l = 0; l < 120 && static_cast<int>(row.size()) < length; ++l) {
      if (rng() % 3 == 0) row.push_back(static_cast<uint16_t>(l));
    }
    if (row.empty()) continue;
    double least = keys.keys()[row[0]];
    for (uint16_t l : row) least = std::min(least, keys.keys()[l]);
    int within = 0;
    size_t first = row.size();
    for (size_t k = 0; k < row.size(); ++k) {
      if (keys.keys()[row[k]] <= least * (1 + 1e-9)) {
        ++within;
        first = std::min(first, k);
      }
    }
    SCOPED_TRACE(absl::StrCat("trial ", trial, " length ", row.size()));
    for (const RowNearest& r : {keys.Nearest(row), keys.NearestByLoops(row)}) {
      EXPECT_EQ(r.key, least);
      EXPECT_EQ(r.within_band, within);
      EXPECT_EQ(r.index, first);
    }
    with_ties += within > 1;
  }
  EXPECT_GT(with_ties, 100);  // the band's other side is exercised
}

}  // namespace
}  // namespace allot::routing_internal
