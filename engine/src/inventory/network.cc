#include "allot/network.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "absl/strings/str_cat.h"
#include "allot/geo.h"
#include "allot/inventory.h"
#include "common/strings.h"

namespace allot {

std::string_view LocationKindName(LocationKind kind) {
  switch (kind) {
    case LocationKind::kWarehouse:
      return "warehouse";
    case LocationKind::kStore:
      return "store";
    case LocationKind::kFulfillmentService:
      return "fulfillment_service";
  }
  return "warehouse";
}

std::optional<LocationKind> ParseLocationKind(std::string_view name) {
  if (name == "warehouse") return LocationKind::kWarehouse;
  if (name == "store") return LocationKind::kStore;
  if (name == "fulfillment_service") return LocationKind::kFulfillmentService;
  return std::nullopt;
}

namespace {

absl::Status ValidateLocation(const Location& l) {
  const auto bad = [&](std::string_view field, auto value, std::string_view why) {
    return absl::InvalidArgumentError(
        absl::StrCat("location ", l.id, ": ", ToAbsl(field), ": ", ToAbsl(why), ", got ", value));
  };
  if (l.id.empty()) return absl::InvalidArgumentError("location id: must be a non-empty string");
  if (!IsLatitude(l.lat)) return bad("lat", l.lat, "must be in [-90, 90]");
  if (!IsLongitude(l.lon)) return bad("lon", l.lon, "must be in [-180, 180]");
  if (l.rank < 0) return bad("rank", l.rank, "must be an integer >= 0");
  const ShippingCost& c = l.cost;
  for (auto [name, v] : {std::pair{"cost.fixed", c.fixed},
                         {"cost.per_km", c.per_km},
                         {"cost.per_unit", c.per_unit},
                         {"cost.per_unit_km", c.per_unit_km}}) {
    if (!(std::isfinite(v) && v >= 0)) return bad(name, v, "must be a finite number >= 0");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Network> Network::Create(std::vector<Location> locations) {
  if (locations.empty()) return absl::InvalidArgumentError("locations: must not be empty");
  if (locations.size() > static_cast<size_t>(kMaxLocations)) {
    return absl::InvalidArgumentError(
        absl::StrCat("locations: must have at most ", kMaxLocations, ", got ", locations.size()));
  }
  for (const Location& l : locations) {
    if (absl::Status s = ValidateLocation(l); !s.ok()) return s;
  }
  std::sort(locations.begin(), locations.end(), [](const Location& a, const Location& b) {
    return std::tie(a.rank, a.id) < std::tie(b.rank, b.id);
  });
  Network network;
  network.by_id_.reserve(locations.size());
  for (size_t i = 0; i < locations.size(); ++i) {
    auto [it, inserted] =
        network.by_id_.try_emplace(locations[i].id, LocationId(static_cast<int32_t>(i)));
    if (!inserted) {
      return absl::InvalidArgumentError(
          absl::StrCat("location id: duplicate id \"", locations[i].id, "\""));
    }
  }
  network.locations_ = std::move(locations);
  for (const Location& l : network.locations_) {
    network.vectors_.push_back(ToUnitVector(l.lat, l.lon));
    network.points_.push_back(ToGeoPoint(l.lat, l.lon));
    network.can_ship_.push_back(l.active && l.ships);
    network.cannot_ship_ += !network.can_ship_.back();
  }
  return network;
}

std::optional<LocationId> Network::Find(std::string_view id) const {
  auto it = by_id_.find(ToAbsl(id));
  if (it == by_id_.end()) return std::nullopt;
  return it->second;
}

void Network::SetFlags(LocationId id, std::optional<bool> active, std::optional<bool> ships) {
  Location& l = locations_[id.value()];
  if (active) l.active = *active;
  if (ships) l.ships = *ships;
  cannot_ship_ -= !can_ship_[id.value()];
  can_ship_[id.value()] = l.active && l.ships;
  cannot_ship_ += !can_ship_[id.value()];
}

double Network::DistanceKm(LocationId id, double lat_deg, double lon_deg) const {
  return DistanceKm(id, ToGeoPoint(lat_deg, lon_deg));
}

}  // namespace allot
