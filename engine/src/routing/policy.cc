#include <algorithm>
#include <array>

#include "absl/strings/str_cat.h"
#include "allot/routing.h"
#include "routing/exact_search.h"

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
  std::array<Rule, routing_internal::kMaxCriteria> criteria;
  const int count = routing_internal::PolicyCriteria(*this, criteria);
  return {criteria.begin(), criteria.begin() + count};
}

namespace routing_internal {

int PolicyCriteria(const RoutingPolicy& policy, std::array<Rule, kMaxCriteria>& out) {
  switch (policy.kind) {
    case PolicyKind::kMinShipments:
      out[0] = Rule::kShipments;
      out[1] = Rule::kCost;
      return 2;
    case PolicyKind::kMinCost:
      out[0] = Rule::kCost;
      out[1] = Rule::kShipments;
      return 2;
    case PolicyKind::kRules: {
      // A rule repeated later breaks no tie the first occurrence left.
      int count = 0;
      for (Rule r : policy.rules) {
        if (std::find(out.begin(), out.begin() + count, r) == out.begin() + count) out[count++] = r;
      }
      return count;
    }
    default:
      return 0;
  }
}

}  // namespace routing_internal
}  // namespace allot
