#include "io/cities.h"

#include <cstdlib>
#include <string_view>

namespace allot::io_internal {
namespace {

// Splits one CSV record (RFC 4180 quoting, no embedded newlines).
std::vector<std::string> SplitCsv(std::string_view line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back().push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back().push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else if (c != '\r') {
      fields.back().push_back(c);
    }
  }
  return fields;
}

std::vector<City> ParseCities() {
  std::vector<City> cities;
  std::string_view text(kCitiesCsv);
  bool header = true;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (header || line.empty()) {
      header = false;
      continue;
    }
    // name,country,admin1,lat,lon,population
    std::vector<std::string> f = SplitCsv(line);
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
