// Every location's squared chord to an order's destination, and the nearest
// location of a stock row, without a branch per location: for `nearest`
// above all.
//
// A pass over a row that keeps a running nearest mispredicts at each new
// nearest (about three times in a row of fifteen), and each misprediction
// also throws away work the processor had started on later lines. Instead,
// per order every location's key goes into a table (one vectorized pass
// over the unit vectors, kept by coordinate), and per line the row's keys
// are gathered from it eight at a time and reduced to their minimum.
// Without AVX-512 the same results come from plain loops. The partition
// fill takes its half chords from the same table when it weighs much of
// the network.
#ifndef ALLOT_ROUTING_LOCATION_KEYS_H_
#define ALLOT_ROUTING_LOCATION_KEYS_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/types/span.h"
#include "allot/geo.h"
#include "allot/network.h"

namespace allot::routing_internal {

// The nearest of a row's locations by key, and how many of them have a key
// within the near-tie band, key <= least * (1 + 1e-9) (NearestFill), the
// nearest included.
struct RowNearest {
  // Position in the row of the first location within the band: the nearest
  // when within_band is 1.
  size_t index = 0;
  double key = 0;  // the least
  int within_band = 0;
};

// One network's unit vectors by coordinate and, after Compute, every
// location's key to one destination. Each router keeps its own
// (RouterScratch); not for concurrent use.
class LocationKeys {
 public:
  // keys()[l] = network.SquaredChord(l, destination), bit for bit. The
  // first call for a network copies its unit vectors (most routers never
  // need them); later calls for the same network reuse the copy.
  void Compute(const Network& network, const UnitVector& destination);
  const std::vector<double>& keys() const { return keys_; }

  // Over `locations`, a row of the network's locations, by the keys of the
  // last Compute; every location counts as eligible. With AVX-512 (F, BW
  // and VL) the gathers above; otherwise NearestByLoops.
  RowNearest Nearest(absl::Span<const uint16_t> locations) const;
  // The same answer from plain loops: the fallback, and the reference the
  // tests hold the vector code to.
  RowNearest NearestByLoops(absl::Span<const uint16_t> locations) const;

 private:
  const Network* network_ = nullptr;  // whose vectors x_, y_, z_ hold
  std::vector<double> x_, y_, z_;     // the unit vectors, by coordinate
  std::vector<double> keys_;
};

}  // namespace allot::routing_internal

#endif  // ALLOT_ROUTING_LOCATION_KEYS_H_
