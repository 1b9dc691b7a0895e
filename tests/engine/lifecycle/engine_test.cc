#include "allot/engine.h"

#include "engine/lifecycle/lifecycle_fixture.h"
#include "gtest/gtest.h"

namespace allot::testing {
namespace {

TEST_F(LifecycleTest, RouteCreatesOpenFosInRankOrder) {
  const std::vector<std::string> fos = RouteOrder("7001", {{"B", 15}});
  EXPECT_EQ(fos, (std::vector<std::string>{"7001-F1", "7001-F2"}));
  EXPECT_EQ(engine_->network().location(Fo("7001-F1").location).id, "NJ");
  EXPECT_EQ(Fo("7001-F1").lines[0].remaining_quantity, 2);
  EXPECT_EQ(Fo("7001-F2").lines[0].remaining_quantity, 10);
  EXPECT_EQ(Fo("7001-F1").status, FoStatus::kOpen);
  EXPECT_EQ(engine_->FindOrder("7001")->unallocated, std::vector<int32_t>{3});
  EXPECT_EQ(Level("NJ", "B").reserved, 2);
  EXPECT_EQ(Level("LA", "B").reserved, 10);
  ExpectReservedInvariant();
}

}  // namespace
}  // namespace allot::testing
