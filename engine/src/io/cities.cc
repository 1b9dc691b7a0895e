#include "io/cities.h"

#include <cstdlib>
#include <string_view>

#include "io/csv.h"

namespace allot::io_internal {
namespace {

std::vector<City> ParseCities() {
  std::vector<City> cities;
  LineReader lines{std::string_view(kCitiesCsv)};
  std::string_view line;
  while (lines.Next(&line)) {
    if (lines.number() == 1 || line.empty()) continue;  // the header
    // name,country,admin1,lat,lon,population
    std::vector<std::string> f = SplitCsvRecord(line);
    if (f.size() < 6) continue;
    cities.push_back({f[0], f[1], std::strtod(f[3].c_str(), nullptr),
                      std::strtod(f[4].c_str(), nullptr), std::strtoll(f[5].c_str(), nullptr, 10)});
  }
  return cities;
}

}  // namespace

const std::vector<City>& Cities() {
  static const std::vector<City>* const cities = new std::vector<City>(ParseCities());
  return *cities;
}

}  // namespace allot::io_internal
