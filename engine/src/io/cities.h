// The city table built into the library: US and Canadian cities of 20,000+
// people (data/cities.csv, derived from GeoNames, CC BY 4.0), embedded at
// build time so that `allot generate` needs no data file at run time.
#ifndef ALLOT_IO_CITIES_H_
#define ALLOT_IO_CITIES_H_

#include <cstdint>
#include <string>
#include <vector>

namespace allot::io_internal {

struct City {
  std::string name;
  std::string country;
  double lat = 0;
  double lon = 0;
  int64_t population = 0;
};

// Parsed once, on first use; ordered as in data/cities.csv.
const std::vector<City>& Cities();

// The embedded CSV text (generated into the build tree from data/cities.csv).
extern const char* const kCitiesCsv;

}  // namespace allot::io_internal

#endif  // ALLOT_IO_CITIES_H_
