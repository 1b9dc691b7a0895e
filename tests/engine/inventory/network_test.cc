#include "allot/network.h"

#include "gtest/gtest.h"

namespace allot {
namespace {

TEST(NetworkTest, NumbersLocationsByRankThenId) {
  absl::StatusOr<Network> n =
      Network::Create({{.id = "C", .rank = 1}, {.id = "A", .rank = 2}, {.id = "B", .rank = 1}});
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n->location(LocationId(0)).id, "B");
  EXPECT_EQ(n->location(LocationId(1)).id, "C");
  EXPECT_EQ(n->location(LocationId(2)).id, "A");
  EXPECT_EQ(n->Find("A"), LocationId(2));
  EXPECT_FALSE(n->Find("Z"));
}

TEST(NetworkTest, RefusesBadLocations) {
  EXPECT_FALSE(Network::Create({}).ok());
  EXPECT_FALSE(Network::Create({{.id = "A"}, {.id = "A"}}).ok());
  EXPECT_FALSE(Network::Create({{.id = "A", .lat = 91}}).ok());
  EXPECT_FALSE(Network::Create({{.id = ""}}).ok());
  Location neg{.id = "A"};
  neg.cost.per_km = -1;
  EXPECT_FALSE(Network::Create({neg}).ok());
}

TEST(NetworkTest, SetFlagsKeepsUnsetValues) {
  Network n = *Network::Create({{.id = "A"}});
  n.SetFlags(LocationId(0), false, std::nullopt);
  EXPECT_FALSE(n.location(LocationId(0)).active);
  EXPECT_TRUE(n.location(LocationId(0)).ships);
}

// all_can_ship follows every flag change, both ways: the fills skip the
// per-location eligibility test only while it holds.
TEST(NetworkTest, AllCanShipFollowsTheFlags) {
  Network n = *Network::Create({{.id = "A"}, {.id = "B", .ships = false}});
  EXPECT_FALSE(n.all_can_ship());
  n.SetFlags(LocationId(1), std::nullopt, true);
  EXPECT_TRUE(n.all_can_ship());
  n.SetFlags(LocationId(0), false, std::nullopt);
  n.SetFlags(LocationId(0), false, false);
  EXPECT_FALSE(n.all_can_ship());
  n.SetFlags(LocationId(0), true, std::nullopt);
  EXPECT_FALSE(n.all_can_ship());  // still does not ship
  n.SetFlags(LocationId(0), std::nullopt, true);
  EXPECT_TRUE(n.all_can_ship());
}

TEST(NetworkTest, KindNames) {
  EXPECT_EQ(ParseLocationKind("fulfillment_service"), LocationKind::kFulfillmentService);
  EXPECT_EQ(LocationKindName(LocationKind::kStore), "store");
  EXPECT_FALSE(ParseLocationKind("depot"));
}

}  // namespace
}  // namespace allot
