#include <algorithm>
#include <array>

#include "absl/strings/str_cat.h"
#include "allot/routing.h"

namespace allot {
namespace {

constexpr std::array<std::pair<PolicyKind, std::string_view>, 5> kPolicyNames = {{
    {PolicyKind::kPriority, "priority"},
    {PolicyKind::kNearest, "nearest"},
    {PolicyKind::kMinShipments, "min_shipments"},
    {PolicyKind::kMinCost, "min_cost"},
    {PolicyKind::kRules, "rules"},
}};

constexpr std::array<std::pair<Rule, std::string_view>, 5> kRuleNames = {{
    {Rule::kShipments, "shipments"},
    {Rule::kOutOfCountry, "out_of_country"},
    {Rule::kRank, "rank"},
    {Rule::kDistance, "distance"},
    {Rule::kCost, "cost"},
}};

}  // namespace

std::string_view PolicyKindName(PolicyKind kind) {
  for (const auto& [k, name] : kPolicyNames) {
    if (k == kind) return name;
  }
  return "priority";
}

std::optional<PolicyKind> ParsePolicyKind(std::string_view name) {
  for (const auto& [k, n] : kPolicyNames) {
    if (n == name) return k;
  }
  return std::nullopt;
}

std::string_view RuleName(Rule rule) {
  for (const auto& [r, name] : kRuleNames) {
    if (r == rule) return name;
  }
  return "shipments";
}

std::optional<Rule> ParseRule(std::string_view name) {
  for (const auto& [r, n] : kRuleNames) {
    if (n == name) return r;
  }
  return std::nullopt;
}

absl::Status RoutingPolicy::Validate() const {
  if (kind == PolicyKind::kRules && rules.empty()) {
    return absl::InvalidArgumentError("policy.rules: must be a non-empty list of rule names");
  }
  if (max_shipments && *max_shipments < 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("policy.max_shipments: must be an integer >= 1, got ", *max_shipments));
  }
  return absl::OkStatus();
}

std::vector<Rule> RoutingPolicy::Criteria() const {
  switch (kind) {
    case PolicyKind::kMinShipments:
      return {Rule::kShipments, Rule::kCost};
    case PolicyKind::kMinCost:
      return {Rule::kCost, Rule::kShipments};
    case PolicyKind::kRules: {
      // A rule repeated later breaks no tie the first occurrence left.
      std::vector<Rule> criteria;
      for (Rule r : rules) {
        if (std::find(criteria.begin(), criteria.end(), r) == criteria.end()) {
          criteria.push_back(r);
        }
      }
      return criteria;
    }
    default:
      return {};
  }
}

}  // namespace allot
