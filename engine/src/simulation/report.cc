// The outputs of a simulation: the JSON summary, the CSV and the console table.
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "allot/simulation.h"
#include "io/json_writer.h"

namespace allot {
namespace {

using io_internal::AppendJsonDouble;
using io_internal::AppendJsonInt;
using io_internal::AppendJsonString;

template <typename T>
void AppendArray(std::string* out, const std::vector<T>& v) {
  out->push_back('[');
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) out->append(", ");
    if constexpr (std::is_floating_point_v<T>) {
      AppendJsonDouble(out, v[i]);
    } else {
      AppendJsonInt(out, v[i]);
    }
  }
  out->push_back(']');
}

void Field(std::string* out, std::string_view key, double v) {
  out->append(", ");
  AppendJsonString(out, key);
  out->append(": ");
  AppendJsonDouble(out, v);
}

void Field(std::string* out, std::string_view key, int64_t v) {
  out->append(", ");
  AppendJsonString(out, key);
  out->append(": ");
  AppendJsonInt(out, v);
}

// A CSV field: quoted when it holds a comma, a quote or a line break.
std::string CsvField(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char ch : s) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + "\"";
}

}  // namespace

std::string SimulationSummaryJson(const SimulationResult& r) {
  std::string out = "{\"config\": ";
  out += SimulationConfigJson(r.config);
  Field(&out, "orders", r.orders);
  Field(&out, "units", r.units);
  Field(&out, "stream_seconds", r.stream_seconds);
  Field(&out, "wall_seconds", r.wall_seconds);
  out += ", \"locations\": [";
  for (size_t i = 0; i < r.locations.size(); ++i) {
    if (i) out += ", ";
    AppendJsonString(&out, r.locations[i]);
  }
  out += "],\n \"policies\": [";
  for (size_t p = 0; p < r.policies.size(); ++p) {
    const PolicyMetrics& m = r.policies[p];
    out += p ? ",\n  {\"label\": " : "\n  {\"label\": ";
    AppendJsonString(&out, m.label);
    out += ", \"policy\": ";
    AppendJsonString(&out, PolicyKindName(m.policy.kind));
    Field(&out, "orders", m.orders);
    Field(&out, "units_requested", m.units_requested);
    Field(&out, "units_shipped", m.units_shipped);
    Field(&out, "units_backordered", m.units_backordered);
    Field(&out, "shipments", m.shipments);
    Field(&out, "split_orders", m.split_orders);
    Field(&out, "cost", m.cost);
    Field(&out, "penalty", m.penalty);
    Field(&out, "cost_per_order", m.cost_per_order());
    Field(&out, "penalized_cost_per_order", m.penalized_cost_per_order());
    Field(&out, "shipments_per_order", m.shipments_per_order());
    Field(&out, "split_rate", m.split_rate());
    Field(&out, "fill_rate", m.fill_rate());
    Field(&out, "mean_distance_km", m.mean_distance_km);
    Field(&out, "p95_distance_km", m.p95_distance_km);
    Field(&out, "search_nodes", m.search_nodes);
    Field(&out, "runtime_seconds", m.runtime_seconds);
    Field(&out, "orders_per_second", m.orders_per_second());
    out += ", \"units_by_location\": {";
    for (size_t l = 0; l < m.units_by_location.size(); ++l) {
      if (l) out += ", ";
      AppendJsonString(&out, r.locations[l]);
      out += ": ";
      AppendJsonInt(&out, m.units_by_location[l]);
    }
    out += "}, \"daily\": {\"orders\": ";
    AppendArray(&out, m.daily_orders);
    out += ", \"cost\": ";
    AppendArray(&out, m.daily_cost);
    out += ", \"units_requested\": ";
    AppendArray(&out, m.daily_units_requested);
    out += ", \"units_shipped\": ";
    AppendArray(&out, m.daily_units_shipped);
    out += "}}";
  }
  out += "\n ]}\n";
  return out;
}

std::string SimulationCsv(const SimulationResult& r) {
  std::string out =
      "policy,name,orders,units_requested,units_shipped,units_backordered,fill_rate,shipments,"
      "shipments_per_order,split_rate,cost,cost_per_order,penalized_cost_per_order,"
      "mean_distance_km,p95_distance_km,search_nodes,runtime_seconds,orders_per_second";
  for (const std::string& l : r.locations) absl::StrAppend(&out, ",", CsvField("units_" + l));
  out += "\n";
  for (const PolicyMetrics& m : r.policies) {
    absl::StrAppendFormat(
        &out, "%s,%s,%d,%d,%d,%d,%.6f,%d,%.6f,%.6f,%.4f,%.6f,%.6f,%.3f,%.1f,%d,%.4f,%.1f",
        CsvField(m.label), PolicyKindName(m.policy.kind), m.orders, m.units_requested,
        m.units_shipped, m.units_backordered, m.fill_rate(), m.shipments, m.shipments_per_order(),
        m.split_rate(), m.cost, m.cost_per_order(), m.penalized_cost_per_order(),
        m.mean_distance_km, m.p95_distance_km, m.search_nodes, m.runtime_seconds,
        m.orders_per_second());
    for (int64_t u : m.units_by_location) absl::StrAppend(&out, ",", u);
    out += "\n";
  }
  return out;
}

std::string SimulationTable(const SimulationResult& r) {
  std::string out =
      absl::StrFormat("workload %s, seed %d: %d orders, %d units, %d locations, %d days\n\n",
                      WorkloadName(r.config.workload), r.config.seed, r.orders, r.units,
                      r.locations.size(), r.config.days);
  absl::StrAppendFormat(&out, "%-28s %9s %9s %9s %7s %7s %9s %9s %11s %10s %8s\n", "POLICY",
                        "COST/ORD", "PEN/ORD", "SHIP/ORD", "SPLIT", "FILL", "MEAN KM", "P95 KM",
                        "BACKORDERED", "ORDERS/S", "SECONDS");
  for (const PolicyMetrics& m : r.policies) {
    absl::StrAppendFormat(
        &out, "%-28s %9.3f %9.3f %9.3f %6.1f%% %6.2f%% %9.1f %9.1f %11d %10.0f %8.2f\n", m.label,
        m.cost_per_order(), m.penalized_cost_per_order(), m.shipments_per_order(),
        100 * m.split_rate(), 100 * m.fill_rate(), m.mean_distance_km, m.p95_distance_km,
        m.units_backordered, m.orders_per_second(), m.runtime_seconds);
  }
  return out;
}

}  // namespace allot
