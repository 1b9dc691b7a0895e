#include "io/csv.h"

#include "gtest/gtest.h"

namespace allot::io_internal {
namespace {

using Fields = std::vector<std::string>;

TEST(CsvTest, SplitsQuotedFields) {
  EXPECT_EQ(SplitCsvRecord("a,b,c"), (Fields{"a", "b", "c"}));
  EXPECT_EQ(SplitCsvRecord("\"Washington, D.C.\",US,DC"), (Fields{"Washington, D.C.", "US", "DC"}));
  EXPECT_EQ(SplitCsvRecord("\"say \"\"hi\"\"\",x\r"), (Fields{"say \"hi\"", "x"}));
  EXPECT_EQ(SplitCsvRecord(""), (Fields{""}));
  EXPECT_EQ(SplitCsvRecord(",,"), (Fields{"", "", ""}));
}

}  // namespace
}  // namespace allot::io_internal
