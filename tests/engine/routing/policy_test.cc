#include "allot/routing.h"
#include "gtest/gtest.h"

namespace allot {
namespace {

TEST(PolicyTest, NamesRoundTrip) {
  for (PolicyKind k : {PolicyKind::kPriority, PolicyKind::kNearest, PolicyKind::kMinShipments,
                       PolicyKind::kMinCost, PolicyKind::kRules}) {
    EXPECT_EQ(ParsePolicyKind(PolicyKindName(k)), k);
  }
  for (Rule r :
       {Rule::kShipments, Rule::kOutOfCountry, Rule::kRank, Rule::kDistance, Rule::kCost}) {
    EXPECT_EQ(ParseRule(RuleName(r)), r);
  }
  EXPECT_FALSE(ParsePolicyKind("fastest"));
  EXPECT_FALSE(ParseRule("Cost"));
}

TEST(PolicyTest, ExactPoliciesAreRuleChains) {
  EXPECT_EQ((RoutingPolicy{.kind = PolicyKind::kMinShipments}.Criteria()),
            (std::vector<Rule>{Rule::kShipments, Rule::kCost}));
  EXPECT_EQ((RoutingPolicy{.kind = PolicyKind::kMinCost}.Criteria()),
            (std::vector<Rule>{Rule::kCost, Rule::kShipments}));
  RoutingPolicy rules{.kind = PolicyKind::kRules,
                      .rules = {Rule::kDistance, Rule::kShipments, Rule::kDistance}};
  EXPECT_EQ(rules.Criteria(), (std::vector<Rule>{Rule::kDistance, Rule::kShipments}));
  EXPECT_TRUE(RoutingPolicy{.kind = PolicyKind::kPriority}.Criteria().empty());
}

TEST(PolicyTest, ValidateNamesTheField) {
  EXPECT_TRUE(RoutingPolicy{}.Validate().ok());
  absl::Status s = RoutingPolicy{.kind = PolicyKind::kRules}.Validate();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("policy.rules"), absl::string_view::npos);
  s = RoutingPolicy{.max_shipments = 0}.Validate();
  EXPECT_NE(s.message().find("policy.max_shipments"), absl::string_view::npos);
}

}  // namespace
}  // namespace allot
