// Every location's squared chord to an order's destination, and the nearest
// location of a stock row, without a branch per location: for `nearest`.
//
// A pass over a row that keeps a running nearest mispredicts at each new
// nearest (about three times in a row of fifteen), and each misprediction
// also throws away work the processor had started on later lines. Instead,
// per order every location's key goes into a table (one vectorized pass
// over the unit vectors, kept by coordinate), and per line the row's keys
// are gathered from it eight at a time and reduced to their minimum.
// Without AVX-512 the same results come from plain loops.
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

class LocationKeys {
 public:
  LocationKeys() = default;
  explicit LocationKeys(const Network& network);
  bool Built() const { return !keys_.empty(); }

  // keys()[l] = Network::SquaredChord(l, destination), bit for bit.
  void Compute(const UnitVector& destination);
  const std::vector<double>& keys() const { return keys_; }

  // Over `locations`, a row of Compute's locations; all count as eligible.
  RowNearest Nearest(absl::Span<const uint16_t> locations) const;

 private:
  std::vector<double> x_, y_, z_;  // the unit vectors, by coordinate
  std::vector<double> keys_;
};

}  // namespace allot::routing_internal

#endif  // ALLOT_ROUTING_LOCATION_KEYS_H_
