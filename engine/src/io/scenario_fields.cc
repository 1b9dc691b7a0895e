#include "io/scenario_fields.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "allot/geo.h"
#include "common/strings.h"

namespace allot::io_internal {
namespace {

// Reads lat/lon of `object` into *lat, *lon; false (with problems) when bad.
bool ReadPosition(dom::object object, const LazyPath& path, double* lat, double* lon,
                  Problems& problems) {
  const size_t before = problems.count();
  if (auto v = GetNumber(object, "lat", path, Need::kRequired, problems)) {
    if (!IsLatitude(*v)) {
      problems.Add(LazyPath(path, "lat"), absl::StrCat("must be in [-90, 90], got ", *v));
    }
    *lat = *v;
  }
  if (auto v = GetNumber(object, "lon", path, Need::kRequired, problems)) {
    if (!IsLongitude(*v)) {
      problems.Add(LazyPath(path, "lon"), absl::StrCat("must be in [-180, 180], got ", *v));
    }
    *lon = *v;
  }
  return problems.count() == before;
}

}  // namespace

std::optional<Location> ReadLocation(dom::element value, const LazyPath& path,
                                     const ScenarioLimits& limits, Problems& problems) {
  std::optional<dom::object> object = AsObject(value, path, problems);
  if (!object) return std::nullopt;
  const size_t before = problems.count();
  const size_t max = limits.max_string_bytes;
  Location l;
  if (auto s = GetString(*object, "id", path, Need::kRequired, true, max, problems)) l.id = *s;
  if (auto s = GetString(*object, "name", path, Need::kOptional, false, max, problems)) l.name = *s;
  ReadPosition(*object, path, &l.lat, &l.lon, problems);
  if (auto s = GetString(*object, "country", path, Need::kOptional, false, max, problems)) {
    l.country = *s;
  }
  if (auto v = GetInteger(*object, "rank", path, Need::kOptional, 0, kMaxJsonInteger, problems)) {
    l.rank = static_cast<int32_t>(*v);
  }
  if (auto s = GetString(*object, "kind", path, Need::kOptional, false, max, problems)) {
    if (auto kind = ParseLocationKind(*s)) {
      l.kind = *kind;
    } else {
      problems.Add(LazyPath(path, "kind"),
                   absl::StrCat("must be warehouse, store or fulfillment_service, got \"",
                                ToAbsl(*s), "\""));
    }
  }
  if (auto b = GetBool(*object, "active", path, Need::kOptional, problems)) l.active = *b;
  if (auto b = GetBool(*object, "ships", path, Need::kOptional, problems)) l.ships = *b;
  const LazyPath cost_path(path, "cost");
  if (auto cost = GetObject(*object, "cost", path, Need::kOptional, problems)) {
    for (auto [key, field] : {std::pair<std::string_view, double*>{"fixed", &l.cost.fixed},
                              {"per_km", &l.cost.per_km},
                              {"per_unit", &l.cost.per_unit},
                              {"per_unit_km", &l.cost.per_unit_km}}) {
      if (auto v = GetNumber(*cost, key, cost_path, Need::kOptional, problems)) {
        if (*v < 0) {
          problems.Add(LazyPath(cost_path, key), absl::StrCat("must be a number >= 0, got ", *v));
        }
        *field = *v;
      }
    }
  }
  if (problems.count() != before) return std::nullopt;
  return l;
}

std::optional<RoutingPolicy> ReadPolicy(dom::element value, std::string_view path,
                                        Problems& problems) {
  std::optional<dom::object> object = AsObject(value, path, problems);
  if (!object) return std::nullopt;
  const size_t before = problems.count();
  RoutingPolicy policy;
  const std::string name_path = FieldPath(path, "name");
  if (auto s = GetString(*object, "name", name_path, Need::kOptional, false, 64, problems)) {
    if (auto kind = ParsePolicyKind(*s)) {
      policy.kind = *kind;
    } else {
      problems.Add(name_path,
                   absl::StrCat("unknown policy \"", ToAbsl(*s),
                                "\"; want priority, nearest, min_shipments, min_cost or rules"));
    }
  }
  if (auto v = GetInteger(*object, "max_shipments", FieldPath(path, "max_shipments"),
                          Need::kOptional, 1, kMaxJsonInteger, problems)) {
    policy.max_shipments = static_cast<int32_t>(*v);
  }
  if (auto b = GetBool(*object, "same_country_only", FieldPath(path, "same_country_only"),
                       Need::kOptional, problems)) {
    policy.same_country_only = *b;
  }
  const std::string rules_path = FieldPath(path, "rules");
  const Need rules_need = policy.kind == PolicyKind::kRules ? Need::kRequired : Need::kOptional;
  if (auto rules = GetArray(*object, "rules", rules_path, rules_need, problems)) {
    size_t i = 0;
    for (dom::element r : *rules) {
      const std::string p = IndexPath(rules_path, i++);
      std::string_view name;
      if (r.get_string().get(name)) {
        problems.Add(p, absl::StrCat("must be a rule name, got ", Describe(r)));
      } else if (auto rule = ParseRule(name)) {
        policy.rules.push_back(*rule);
      } else {
        problems.Add(p, absl::StrCat("unknown rule \"", ToAbsl(name),
                                     "\"; want shipments, out_of_country, rank, distance or cost"));
      }
    }
    if (i == 0 && policy.kind == PolicyKind::kRules) {
      problems.Add(rules_path, "must be a non-empty list of rule names");
    }
  }
  if (problems.count() != before) return std::nullopt;
  return policy;
}

bool ReadOrderInto(dom::element value, const LazyPath& path, const ScenarioLimits& limits,
                   Problems& problems, Order* order) {
  std::optional<dom::object> object = AsObject(value, path, problems);
  if (!object) return false;
  const size_t before = problems.count();
  const size_t max = limits.max_string_bytes;
  if (auto s = GetString(*object, "id", path, Need::kRequired, true, max, problems)) {
    order->id.assign(s->data(), s->size());
  }
  const LazyPath dest_path(path, "destination");
  if (auto dest = GetObject(*object, "destination", path, Need::kRequired, problems)) {
    ReadPosition(*dest, dest_path, &order->destination.lat, &order->destination.lon, problems);
    order->destination.country.clear();
    if (auto s = GetString(*dest, "country", dest_path, Need::kOptional, false, max, problems)) {
      order->destination.country.assign(s->data(), s->size());
    }
  }
  const LazyPath lines_path(path, "lines");
  if (auto lines = GetArray(*object, "lines", path, Need::kRequired, problems)) {
    const size_t count = lines->size();
    if (count == 0) problems.Add(lines_path, "must have at least one line");
    if (count > limits.max_lines_per_order) {
      problems.Add(lines_path, absl::StrCat("must have at most ", limits.max_lines_per_order,
                                            " lines, got ", count));
    } else {
      order->lines.resize(count);
      size_t i = 0;
      for (dom::element l : *lines) {
        const LazyPath p(lines_path, i);
        OrderLine& ol = order->lines[i++];
        std::optional<dom::object> line = AsObject(l, p, problems);
        if (!line) continue;
        if (auto s = GetString(*line, "sku", p, Need::kRequired, true, max, problems)) {
          ol.sku.assign(s->data(), s->size());
        }
        ol.sku_id = SkuId();
        if (auto q =
                GetInteger(*line, "quantity", p, Need::kRequired, 1, kMaxJsonInteger, problems)) {
          ol.quantity = static_cast<int32_t>(*q);
        }
      }
    }
  }
  return problems.count() == before;
}

std::optional<Order> ReadOrder(dom::element value, std::string_view path,
                               const ScenarioLimits& limits, Problems& problems) {
  Order order;
  if (!ReadOrderInto(value, LazyPath(path), limits, problems, &order)) return std::nullopt;
  return order;
}

}  // namespace allot::io_internal
