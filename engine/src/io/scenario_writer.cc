// ScenarioToJson: the inverse of ParseScenario, for generated scenarios.
#include <string>

#include "allot/scenario.h"
#include "io/json_writer.h"

namespace allot {

using io_internal::AppendJsonDouble;
using io_internal::AppendJsonInt;
using io_internal::AppendJsonString;

void io_internal::AppendLocationJson(std::string* out, const Location& l) {
  out->append("{\"id\": ");
  AppendJsonString(out, l.id);
  out->append(", \"name\": ");
  AppendJsonString(out, l.name);
  out->append(", \"lat\": ");
  AppendJsonDouble(out, l.lat);
  out->append(", \"lon\": ");
  AppendJsonDouble(out, l.lon);
  out->append(", \"country\": ");
  AppendJsonString(out, l.country);
  out->append(", \"rank\": ");
  AppendJsonInt(out, l.rank);
  out->append(", \"kind\": ");
  AppendJsonString(out, LocationKindName(l.kind));
  out->append(l.active ? ", \"active\": true" : ", \"active\": false");
  out->append(l.ships ? ", \"ships\": true" : ", \"ships\": false");
  out->append(", \"cost\": {\"fixed\": ");
  AppendJsonDouble(out, l.cost.fixed);
  out->append(", \"per_km\": ");
  AppendJsonDouble(out, l.cost.per_km);
  out->append(", \"per_unit\": ");
  AppendJsonDouble(out, l.cost.per_unit);
  out->append(", \"per_unit_km\": ");
  AppendJsonDouble(out, l.cost.per_unit_km);
  out->append("}}");
}

namespace {

void AppendPolicy(std::string* out, const RoutingPolicy& p) {
  out->append("{\"name\": ");
  AppendJsonString(out, PolicyKindName(p.kind));
  if (p.max_shipments) {
    out->append(", \"max_shipments\": ");
    AppendJsonInt(out, *p.max_shipments);
  }
  if (p.kind == PolicyKind::kRules) {
    out->append(", \"rules\": [");
    for (size_t i = 0; i < p.rules.size(); ++i) {
      if (i) out->append(", ");
      AppendJsonString(out, RuleName(p.rules[i]));
    }
    out->append("]");
  }
  out->append(p.same_country_only ? ", \"same_country_only\": true}"
                                  : ", \"same_country_only\": false}");
}

}  // namespace

std::string ScenarioToJson(const Scenario& s) {
  std::string out = "{\n\"locations\": [";
  for (size_t i = 0; i < s.locations.size(); ++i) {
    out.append(i ? ",\n  " : "\n  ");
    io_internal::AppendLocationJson(&out, s.locations[i]);
  }
  out.append("],\n\"inventory\": [");
  for (size_t i = 0; i < s.inventory.size(); ++i) {
    const InventoryRecord& r = s.inventory[i];
    out.append(i ? ",\n  " : "\n  ");
    out.append("{\"location\": ");
    AppendJsonString(&out, r.location);
    out.append(", \"sku\": ");
    AppendJsonString(&out, r.sku);
    out.append(", \"on_hand\": ");
    AppendJsonInt(&out, r.level.on_hand);
    out.append(", \"reserved\": ");
    AppendJsonInt(&out, r.level.reserved);
    out.append(", \"safety_stock\": ");
    AppendJsonInt(&out, r.level.safety_stock);
    out.append("}");
  }
  out.append("],\n\"policy\": ");
  AppendPolicy(&out, s.policy);
  out.append(",\n\"orders\": [");
  for (size_t i = 0; i < s.orders.size(); ++i) {
    const Order& o = s.orders[i];
    out.append(i ? ",\n  " : "\n  ");
    out.append("{\"id\": ");
    AppendJsonString(&out, o.id);
    out.append(", \"destination\": {\"lat\": ");
    AppendJsonDouble(&out, o.destination.lat);
    out.append(", \"lon\": ");
    AppendJsonDouble(&out, o.destination.lon);
    out.append(", \"country\": ");
    AppendJsonString(&out, o.destination.country);
    out.append("}, \"lines\": [");
    for (size_t l = 0; l < o.lines.size(); ++l) {
      if (l) out.append(", ");
      out.append("{\"sku\": ");
      AppendJsonString(&out, o.lines[l].sku);
      out.append(", \"quantity\": ");
      AppendJsonInt(&out, o.lines[l].quantity);
      out.append("}");
    }
    out.append("]}");
  }
  out.append("]\n}\n");
  return out;
}

}  // namespace allot
