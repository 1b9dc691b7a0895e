// Simulation configs: validation, the JSON reader and writer.
#include <cmath>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "allot/simulation.h"
#include "common/strings.h"
#include "io/json_reader.h"
#include "io/json_writer.h"
#include "io/scenario_fields.h"

namespace allot {
namespace {

using io_internal::AppendJsonDouble;
using io_internal::AppendJsonInt;
using io_internal::AppendJsonString;
using io_internal::FieldPath;
using io_internal::Need;
using io_internal::Problems;
using io_internal::dom::element;
using io_internal::dom::object;

std::string S(std::string_view s) { return std::string(s); }

// The default label of a policy: its name, "/<max_shipments>" when capped,
// "[rule,rule]" for rules, "/domestic" when same-country only.
std::string DefaultLabel(const RoutingPolicy& p) {
  std::string label = S(PolicyKindName(p.kind));
  if (p.kind == PolicyKind::kRules) {
    label += "[";
    for (size_t i = 0; i < p.rules.size(); ++i) {
      absl::StrAppend(&label, i ? "," : "", ToAbsl(RuleName(p.rules[i])));
    }
    label += "]";
  }
  if (p.max_shipments) absl::StrAppend(&label, "/", *p.max_shipments);
  if (p.same_country_only) label += "/domestic";
  return label;
}

RoutingPolicy Kind(PolicyKind kind) {
  RoutingPolicy p;
  p.kind = kind;
  if (kind == PolicyKind::kRules) p.rules = {Rule::kShipments, Rule::kDistance};
  return p;
}

}  // namespace

std::string_view WorkloadName(Workload workload) {
  switch (workload) {
    case Workload::kGenerated:
      return "generated";
    case Workload::kOrderLog:
      return "order_log";
    case Workload::kJasinSinha:
      return "jasin_sinha";
  }
  return "generated";
}

absl::Status SimulationConfig::Validate() const {
  const auto bad = [](std::string_view field, auto value, std::string_view range) {
    return absl::InvalidArgumentError(
        absl::StrCat(ToAbsl(field), ": must be in ", ToAbsl(range), ", got ", value));
  };
  // The stream is held in memory (about 50 bytes per order and line): these
  // bounds keep it to a few GB.
  if (orders < 0 || orders > 100'000'000) return bad("orders", orders, "[0, 100000000]");
  if (days < 1 || days > 100'000) return bad("days", days, "[1, 100000]");
  if (locations < 1 || locations > 10'000) return bad("network.locations", locations, "[1, 10000]");
  if (skus < 1 || skus > 10'000'000) return bad("network.skus", skus, "[1, 10000000]");
  if (!(stock_density > 0 && stock_density <= 1)) {
    return bad("network.stock_density", stock_density, "(0, 1]");
  }
  if (!(zipf_exponent >= 0 && zipf_exponent <= 10)) {
    return bad("demand.zipf_exponent", zipf_exponent, "[0, 10]");
  }
  if (max_lines < 1 || max_lines > 1'000) return bad("demand.max_lines", max_lines, "[1, 1000]");
  if (!(mean_lines >= 1 && mean_lines <= max_lines)) {
    return bad("demand.mean_lines", mean_lines, "[1, max_lines]");
  }
  if (static_cast<double>(orders) * mean_lines > 200e6) {
    return absl::InvalidArgumentError(
        absl::StrCat("orders x demand.mean_lines: at most 200000000 order lines, got ",
                     static_cast<double>(orders) * mean_lines));
  }
  if (int64_t{locations} * skus > 200'000'000) {
    return absl::InvalidArgumentError(
        absl::StrCat("network.locations x network.skus: at most 200000000 pairs, got ",
                     int64_t{locations} * skus));
  }
  if (!(multi_unit_share >= 0 && multi_unit_share <= 1)) {
    return bad("demand.multi_unit_share", multi_unit_share, "[0, 1]");
  }
  if (max_quantity < 1 || max_quantity > 1'000'000) {
    return bad("demand.max_quantity", max_quantity, "[1, 1000000]");
  }
  if (replenish_every_days < 0) {
    return bad("replenishment.every_days", replenish_every_days, "[0, days]");
  }
  if (!(cover_days >= 0 && cover_days <= 100'000)) {
    return bad("replenishment.cover_days", cover_days, "[0, 100000]");
  }
  if (workload == Workload::kOrderLog && scenario.empty()) {
    return absl::InvalidArgumentError("scenario: required by the order_log workload");
  }
  if (workload == Workload::kJasinSinha && network != "large" && network != "warmup") {
    return absl::InvalidArgumentError(
        absl::StrCat("jasin_sinha.network: want \"large\" or \"warmup\", got \"", network, "\""));
  }
  if (!(p_carry > 0 && p_carry <= 1)) return bad("jasin_sinha.p_carry", p_carry, "(0, 1]");
  if (!(unfulfilled_penalty >= 0) || std::isinf(unfulfilled_penalty)) {
    return bad("unfulfilled_penalty", unfulfilled_penalty, "[0, inf)");
  }
  if (threads < 0 || threads > 1024) return bad("threads", threads, "[0, 1024]");
  absl::flat_hash_set<std::string> labels;
  for (size_t i = 0; i < policies.size(); ++i) {
    const std::string path = absl::StrCat("policies[", i, "]");
    if (absl::Status s = policies[i].policy.Validate(); !s.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(path, ": ", s.message()));
    }
    if (policies[i].label.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(path, ".label: must not be empty"));
    }
    if (!labels.insert(policies[i].label).second) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ".label: \"", policies[i].label, "\" is used twice"));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<SimulationConfig> ParseSimulationConfig(std::string_view json) {
  Problems problems;
  io_internal::dom::parser parser;
  std::optional<element> root = io_internal::ParseDocument(parser, json, 32, problems);
  if (!root) return problems.ToStatus();
  std::optional<object> top = io_internal::AsObject(*root, "(document)", problems);
  if (!top) return problems.ToStatus();

  SimulationConfig c;
  // Every key known, so that a misspelt one is reported, not ignored.
  static const absl::flat_hash_set<std::string_view> kKnown = {"workload",
                                                               "seed",
                                                               "orders",
                                                               "days",
                                                               "network",
                                                               "demand",
                                                               "replenishment",
                                                               "order_log",
                                                               "scenario",
                                                               "jasin_sinha",
                                                               "unfulfilled_penalty",
                                                               "policies",
                                                               "threads",
                                                               "description"};
  for (auto field : *top) {
    std::string_view key(field.key.data(), field.key.size());
    if (!kKnown.contains(key)) problems.Add(key, "unknown field");
  }
  if (auto w = io_internal::GetString(*top, "workload", "workload", Need::kOptional, true, 64,
                                      problems)) {
    if (*w == "generated") {
      c.workload = Workload::kGenerated;
    } else if (*w == "order_log") {
      c.workload = Workload::kOrderLog;
    } else if (*w == "jasin_sinha") {
      c.workload = Workload::kJasinSinha;
      c.replenish_every_days = 0;
      c.days = 10;
      c.orders = 0;  // the papers' horizon
    } else {
      problems.Add("workload", absl::StrCat("unknown workload \"", S(*w),
                                            "\"; want generated, order_log or jasin_sinha"));
    }
  }
  const auto integer = [&](object o, std::string_view key, std::string_view path, int64_t lo,
                           int64_t hi, auto* out) {
    if (auto v = io_internal::GetInteger(o, key, path, Need::kOptional, lo, hi, problems)) {
      *out = static_cast<std::remove_pointer_t<decltype(out)>>(*v);
    }
  };
  const auto number = [&](object o, std::string_view key, std::string_view path, double* out) {
    if (auto v = io_internal::GetNumber(o, key, path, Need::kOptional, problems)) *out = *v;
  };
  const auto string = [&](object o, std::string_view key, std::string_view path, std::string* out) {
    if (auto v = io_internal::GetString(o, key, path, Need::kOptional, true, 4096, problems)) {
      *out = S(*v);
    }
  };
  // The seed takes any JSON integer in [0, 2^63).
  if (auto e = io_internal::GetField(*top, "seed")) {
    int64_t seed = 0;
    uint64_t useed = 0;
    if (!e->get_int64().get(seed) && seed >= 0) {
      c.seed = static_cast<uint64_t>(seed);
    } else if (!e->get_uint64().get(useed)) {
      c.seed = useed;
    } else {
      problems.Add("seed",
                   absl::StrCat("must be an integer >= 0, got ", io_internal::Describe(*e)));
    }
  }
  integer(*top, "orders", "orders", 0, 100'000'000, &c.orders);
  integer(*top, "days", "days", 1, 100'000, &c.days);
  integer(*top, "threads", "threads", 0, 1024, &c.threads);
  number(*top, "unfulfilled_penalty", "unfulfilled_penalty", &c.unfulfilled_penalty);
  string(*top, "order_log", "order_log", &c.order_log);
  string(*top, "scenario", "scenario", &c.scenario);
  if (!c.order_log.empty() && !io_internal::GetField(*top, "workload")) {
    c.workload = Workload::kOrderLog;
  }
  if (auto n = io_internal::GetObject(*top, "network", "network", Need::kOptional, problems)) {
    integer(*n, "locations", "network.locations", 1, 10'000, &c.locations);
    integer(*n, "skus", "network.skus", 1, 10'000'000, &c.skus);
    number(*n, "stock_density", "network.stock_density", &c.stock_density);
  }
  if (auto d = io_internal::GetObject(*top, "demand", "demand", Need::kOptional, problems)) {
    number(*d, "zipf_exponent", "demand.zipf_exponent", &c.zipf_exponent);
    number(*d, "mean_lines", "demand.mean_lines", &c.mean_lines);
    integer(*d, "max_lines", "demand.max_lines", 1, 1'000, &c.max_lines);
    number(*d, "multi_unit_share", "demand.multi_unit_share", &c.multi_unit_share);
    integer(*d, "max_quantity", "demand.max_quantity", 1, 1'000'000, &c.max_quantity);
  }
  if (auto r = io_internal::GetObject(*top, "replenishment", "replenishment", Need::kOptional,
                                      problems)) {
    integer(*r, "every_days", "replenishment.every_days", 0, 100'000, &c.replenish_every_days);
    number(*r, "cover_days", "replenishment.cover_days", &c.cover_days);
  }
  if (auto j =
          io_internal::GetObject(*top, "jasin_sinha", "jasin_sinha", Need::kOptional, problems)) {
    string(*j, "network", "jasin_sinha.network", &c.network);
    number(*j, "p_carry", "jasin_sinha.p_carry", &c.p_carry);
  }
  if (auto list = io_internal::GetArray(*top, "policies", "policies", Need::kOptional, problems)) {
    size_t i = 0;
    for (element e : *list) {
      const std::string path = io_internal::IndexPath("policies", i++);
      std::string_view name;
      SimulationPolicy p;
      if (!e.get_string().get(name)) {
        if (auto kind = ParsePolicyKind(name)) {
          p.policy = Kind(*kind);
        } else {
          problems.Add(path, absl::StrCat("unknown policy \"", S(name),
                                          "\"; want priority, nearest, min_shipments, "
                                          "min_cost or rules"));
          continue;
        }
      } else {
        std::optional<RoutingPolicy> policy = io_internal::ReadPolicy(e, path, problems);
        if (!policy) continue;
        p.policy = std::move(*policy);
        object o;
        if (!e.get_object().get(o)) string(o, "label", FieldPath(path, "label"), &p.label);
      }
      if (p.label.empty()) p.label = DefaultLabel(p.policy);
      c.policies.push_back(std::move(p));
    }
  }
  if (!problems.empty()) return problems.ToStatus();
  if (c.policies.empty()) {
    for (PolicyKind k : {PolicyKind::kNearest, PolicyKind::kMinCost, PolicyKind::kMinShipments,
                         PolicyKind::kRules}) {
      RoutingPolicy p = Kind(k);
      c.policies.push_back({DefaultLabel(p), p});
    }
  }
  if (absl::Status s = c.Validate(); !s.ok()) return s;
  return c;
}

std::string SimulationConfigJson(const SimulationConfig& c) {
  std::string out = "{\"workload\": ";
  AppendJsonString(&out, WorkloadName(c.workload));
  out += ", \"seed\": ";
  AppendJsonInt(&out, static_cast<int64_t>(c.seed));
  out += ", \"orders\": ";
  AppendJsonInt(&out, c.orders);
  out += ", \"days\": ";
  AppendJsonInt(&out, c.days);
  out += ", \"network\": {\"locations\": ";
  AppendJsonInt(&out, c.locations);
  out += ", \"skus\": ";
  AppendJsonInt(&out, c.skus);
  out += ", \"stock_density\": ";
  AppendJsonDouble(&out, c.stock_density);
  out += "}, \"demand\": {\"zipf_exponent\": ";
  AppendJsonDouble(&out, c.zipf_exponent);
  out += ", \"mean_lines\": ";
  AppendJsonDouble(&out, c.mean_lines);
  out += ", \"max_lines\": ";
  AppendJsonInt(&out, c.max_lines);
  out += ", \"multi_unit_share\": ";
  AppendJsonDouble(&out, c.multi_unit_share);
  out += ", \"max_quantity\": ";
  AppendJsonInt(&out, c.max_quantity);
  out += "}, \"replenishment\": {\"every_days\": ";
  AppendJsonInt(&out, c.replenish_every_days);
  out += ", \"cover_days\": ";
  AppendJsonDouble(&out, c.cover_days);
  out += "}, \"order_log\": ";
  AppendJsonString(&out, c.order_log);
  out += ", \"scenario\": ";
  AppendJsonString(&out, c.scenario);
  out += ", \"jasin_sinha\": {\"network\": ";
  AppendJsonString(&out, c.network);
  out += ", \"p_carry\": ";
  AppendJsonDouble(&out, c.p_carry);
  out += "}, \"unfulfilled_penalty\": ";
  AppendJsonDouble(&out, c.unfulfilled_penalty);
  out += ", \"threads\": ";
  AppendJsonInt(&out, c.threads);
  out += ", \"policies\": [";
  for (size_t i = 0; i < c.policies.size(); ++i) {
    const RoutingPolicy& p = c.policies[i].policy;
    out += i ? ", {\"label\": " : "{\"label\": ";
    AppendJsonString(&out, c.policies[i].label);
    out += ", \"name\": ";
    AppendJsonString(&out, PolicyKindName(p.kind));
    if (p.kind == PolicyKind::kRules) {
      out += ", \"rules\": [";
      for (size_t r = 0; r < p.rules.size(); ++r) {
        if (r) out += ", ";
        AppendJsonString(&out, RuleName(p.rules[r]));
      }
      out += "]";
    }
    if (p.max_shipments) {
      out += ", \"max_shipments\": ";
      AppendJsonInt(&out, *p.max_shipments);
    }
    out += p.same_country_only ? ", \"same_country_only\": true}" : "}";
  }
  out += "]}";
  return out;
}

}  // namespace allot
