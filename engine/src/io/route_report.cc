#include "allot/route_report.h"

#include "io/json_writer.h"

namespace allot {

using io_internal::AppendJsonDouble;
using io_internal::AppendJsonInt;
using io_internal::AppendJsonString;

void RouteSummary::Add(const RouteResult& result) {
  ++orders;
  fulfillment_orders += static_cast<int64_t>(result.shipments.size());
  if (result.shipments.size() >= 2) ++split_orders;
  units_requested += result.units_requested;
  units_allocated += result.units_allocated;
  units_unfulfilled += result.units_requested - result.units_allocated;
  total_cost += result.cost;
}

void RouteReportWriter::AddOrder(const Network& network, const Order& order,
                                 const RouteResult& result) {
  std::string* out = out_;
  out->append(started_ ? ",\n  " : "{\"orders\": [\n  ");
  started_ = true;
  out->append("{\"id\": ");
  AppendJsonString(out, order.id);
  out->append(", \"fulfillment_orders\": [");
  for (size_t k = 0; k < result.shipments.size(); ++k) {
    const RoutedShipment& sh = result.shipments[k];
    if (k) out->append(", ");
    out->append("{\"id\": ");
    // "<order id>-F<n>"
    std::string id = order.id;
    id.append("-F");
    AppendJsonInt(&id, static_cast<int64_t>(k + 1));
    AppendJsonString(out, id);
    out->append(", \"location\": ");
    AppendJsonString(out, network.location(sh.location).id);
    out->append(", \"distance_km\": ");
    AppendJsonDouble(out, sh.distance_km);
    out->append(", \"cost\": ");
    AppendJsonDouble(out, sh.cost);
    out->append(", \"lines\": [");
    for (size_t l = 0; l < sh.lines.size(); ++l) {
      if (l) out->append(", ");
      out->append("{\"line\": ");
      AppendJsonInt(out, sh.lines[l].line);
      out->append(", \"sku\": ");
      AppendJsonString(out, order.lines[sh.lines[l].line].sku);
      out->append(", \"quantity\": ");
      AppendJsonInt(out, sh.lines[l].quantity);
      out->append("}");
    }
    out->append("]}");
  }
  out->append("], \"unfulfilled\": [");
  for (size_t l = 0; l < result.unfulfilled.size(); ++l) {
    if (l) out->append(", ");
    out->append("{\"line\": ");
    AppendJsonInt(out, result.unfulfilled[l].line);
    out->append(", \"sku\": ");
    AppendJsonString(out, order.lines[result.unfulfilled[l].line].sku);
    out->append(", \"quantity\": ");
    AppendJsonInt(out, result.unfulfilled[l].quantity);
    out->append("}");
  }
  out->append("], \"cost\": ");
  AppendJsonDouble(out, result.cost);
  out->append("}");
  summary_.Add(result);
}

void RouteReportWriter::Finish() {
  std::string* out = out_;
  out->append(started_ ? "\n],\n" : "{\"orders\": [],\n");
  out->append("\"summary\": {\"orders\": ");
  AppendJsonInt(out, summary_.orders);
  out->append(", \"fulfillment_orders\": ");
  AppendJsonInt(out, summary_.fulfillment_orders);
  out->append(", \"split_orders\": ");
  AppendJsonInt(out, summary_.split_orders);
  out->append(", \"units_requested\": ");
  AppendJsonInt(out, summary_.units_requested);
  out->append(", \"units_allocated\": ");
  AppendJsonInt(out, summary_.units_allocated);
  out->append(", \"units_unfulfilled\": ");
  AppendJsonInt(out, summary_.units_unfulfilled);
  out->append(", \"total_cost\": ");
  AppendJsonDouble(out, summary_.total_cost);
  out->append("}}\n");
}

}  // namespace allot
