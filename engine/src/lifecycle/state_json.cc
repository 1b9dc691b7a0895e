#include "lifecycle/state_json.h"

#include <algorithm>
#include <tuple>

#include "io/json_writer.h"
#include "lifecycle/time.h"

namespace allot::lifecycle_internal {
namespace {

using io_internal::AppendJsonInt;
using io_internal::AppendJsonString;

void Key(std::string* out, std::string_view key) {
  AppendJsonString(out, key);
  out->push_back(':');
}

void StringList(std::string* out, const std::vector<std::string>& list) {
  out->push_back('[');
  for (size_t i = 0; i < list.size(); ++i) {
    if (i > 0) out->push_back(',');
    AppendJsonString(out, list[i]);
  }
  out->push_back(']');
}

void AppendOrder(const EngineView& engine, const OrderRecord& o, std::string* out) {
  out->append("{");
  Key(out, "id");
  AppendJsonString(out, o.order.id);
  out->append(",\"cancelled\":");
  out->append(o.cancelled ? "true" : "false");
  out->append(",\"display_fulfillment_status\":");
  AppendJsonString(out, DisplayStatusName(engine.DisplayFulfillmentStatus(o)));
  out->append(",\"unallocated\":[");
  bool first = true;
  for (size_t i = 0; i < o.unallocated.size(); ++i) {
    if (o.unallocated[i] <= 0) continue;
    if (!first) out->push_back(',');
    first = false;
    out->append("{\"line\":");
    AppendJsonInt(out, static_cast<int64_t>(i));
    out->append(",\"sku\":");
    AppendJsonString(out, o.order.lines[i].sku);
    out->append(",\"quantity\":");
    AppendJsonInt(out, o.unallocated[i]);
    out->push_back('}');
  }
  out->append("]}");
}

void AppendFo(const EngineView& engine, const FulfillmentOrder& fo, std::string* out) {
  out->append("{\"id\":");
  AppendJsonString(out, fo.id);
  out->append(",\"order\":");
  AppendJsonString(out, fo.order);
  out->append(",\"location\":");
  AppendJsonString(out, engine.network().location(fo.location).id);
  out->append(",\"status\":");
  AppendJsonString(out, FoStatusName(fo.status));
  out->append(",\"request_status\":");
  AppendJsonString(out, RequestStatusName(fo.request_status));
  out->append(",\"fulfill_at\":");
  if (fo.fulfill_at) {
    AppendJsonString(out, FormatTime(*fo.fulfill_at));
  } else {
    out->append("null");
  }
  out->append(",\"lines\":[");
  for (size_t i = 0; i < fo.lines.size(); ++i) {
    const FulfillmentOrderLine& l = fo.lines[i];
    if (i > 0) out->push_back(',');
    out->append("{\"line\":");
    AppendJsonInt(out, l.line);
    out->append(",\"sku\":");
    AppendJsonString(out, l.sku);
    out->append(",\"total_quantity\":");
    AppendJsonInt(out, l.total_quantity);
    out->append(",\"remaining_quantity\":");
    AppendJsonInt(out, l.remaining_quantity);
    out->push_back('}');
  }
  out->append("],\"holds\":[");
  for (size_t i = 0; i < fo.holds.size(); ++i) {
    if (i > 0) out->push_back(',');
    out->append("{\"handle\":");
    AppendJsonString(out, fo.holds[i].handle);
    out->append(",\"reason\":");
    AppendJsonString(out, HoldReasonName(fo.holds[i].reason));
    out->append(",\"notes\":");
    io_internal::AppendJsonOptionalString(out, fo.holds[i].notes);
    out->push_back('}');
  }
  out->append("],\"supported_actions\":");
  StringList(out, engine.SupportedActions(fo));
  out->push_back('}');
}

void AppendFulfillment(const EngineView& engine, const Fulfillment& f, std::string* out) {
  out->append("{\"id\":");
  AppendJsonString(out, f.id);
  out->append(",\"order\":");
  AppendJsonString(out, f.order);
  out->append(",\"location\":");
  AppendJsonString(out, engine.network().location(f.location).id);
  out->append(",\"status\":");
  AppendJsonString(out, FulfillmentStatusName(f.status));
  out->append(",\"shipment_status\":");
  if (f.shipment_status) {
    AppendJsonString(out, ShipmentStatusName(*f.shipment_status));
  } else {
    out->append("null");
  }
  out->append(",\"lines\":[");
  for (size_t i = 0; i < f.lines.size(); ++i) {
    const FulfillmentLine& l = f.lines[i];
    if (i > 0) out->push_back(',');
    out->append("{\"fulfillment_order\":");
    AppendJsonString(out, l.fulfillment_order);
    out->append(",\"line\":");
    AppendJsonInt(out, l.line);
    out->append(",\"sku\":");
    AppendJsonString(out, l.sku);
    out->append(",\"quantity\":");
    AppendJsonInt(out, l.quantity);
    out->push_back('}');
  }
  out->append("],\"tracking\":");
  if (f.tracking) {
    out->append("{\"number\":");
    io_internal::AppendJsonOptionalString(out, f.tracking->number);
    out->append(",\"company\":");
    io_internal::AppendJsonOptionalString(out, f.tracking->company);
    out->append(",\"url\":");
    io_internal::AppendJsonOptionalString(out, f.tracking->url);
    out->push_back('}');
  } else {
    out->append("null");
  }
  out->push_back('}');
}

void AppendInventory(const EngineView& engine, std::string* out) {
  const Inventory& inv = engine.inventory();
  std::vector<std::tuple<LocationId, SkuId, StockLevel>> rows;
  rows.reserve(inv.num_levels());
  inv.ForEach([&](LocationId loc, SkuId sku, const StockLevel& level) {
    rows.emplace_back(loc, sku, level);
  });
  std::sort(rows.begin(), rows.end(), [&](const auto& a, const auto& b) {
    if (std::get<0>(a) != std::get<0>(b)) return std::get<0>(a) < std::get<0>(b);
    return inv.sku_name(std::get<1>(a)) < inv.sku_name(std::get<1>(b));
  });
  out->push_back('[');
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& [loc, sku, level] = rows[i];
    if (i > 0) out->push_back(',');
    out->append("{\"location\":");
    AppendJsonString(out, engine.network().location(loc).id);
    out->append(",\"sku\":");
    AppendJsonString(out, inv.sku_name(sku));
    out->append(",\"on_hand\":");
    AppendJsonInt(out, level.on_hand);
    out->append(",\"reserved\":");
    AppendJsonInt(out, level.reserved);
    out->append(",\"safety_stock\":");
    AppendJsonInt(out, level.safety_stock);
    out->append(",\"available\":");
    AppendJsonInt(out, level.available());
    out->push_back('}');
  }
  out->push_back(']');
}

}  // namespace

void AppendStateJson(const EngineView& engine, std::string* out) {
  out->append("{\"now\":");
  AppendJsonString(out, FormatTime(engine.now()));
  out->append(",\"orders\":[");
  for (size_t i = 0; i < engine.orders().size(); ++i) {
    if (i > 0) out->push_back(',');
    AppendOrder(engine, engine.orders()[i], out);
  }
  out->append("],\"fulfillment_orders\":[");
  for (size_t i = 0; i < engine.fulfillment_orders().size(); ++i) {
    if (i > 0) out->push_back(',');
    AppendFo(engine, engine.fulfillment_orders()[i], out);
  }
  out->append("],\"fulfillments\":[");
  for (size_t i = 0; i < engine.fulfillments().size(); ++i) {
    if (i > 0) out->push_back(',');
    AppendFulfillment(engine, engine.fulfillments()[i], out);
  }
  out->append("],\"inventory\":");
  AppendInventory(engine, out);
  out->push_back('}');
}

void AppendStateJson(const Engine& engine, std::string* out) {
  engine.Read([&](const EngineView& view) { AppendStateJson(view, out); });
}

std::string StateJson(const Engine& engine) {
  std::string out;
  AppendStateJson(engine, &out);
  return out;
}

void AppendEventJson(const Event& event, std::string* out) {
  out->append("{\"seq\":");
  AppendJsonInt(out, event.seq);
  out->append(",\"topic\":");
  AppendJsonString(out, event.topic);
  for (const auto& [key, value] : event.fields) {
    out->push_back(',');
    Key(out, key);
    if (const std::string* s = std::get_if<std::string>(&value)) {
      AppendJsonString(out, *s);
    } else {
      StringList(out, std::get<std::vector<std::string>>(value));
    }
  }
  out->push_back('}');
}

void AppendEventsJson(const std::vector<Event>& events, std::string* out) {
  out->push_back('[');
  for (size_t i = 0; i < events.size(); ++i) {
    if (i > 0) out->push_back(',');
    AppendEventJson(events[i], out);
  }
  out->push_back(']');
}

}  // namespace allot::lifecycle_internal
