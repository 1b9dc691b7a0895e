#include "io/json_writer.h"

#include <cstdlib>
#include <limits>

#include "gtest/gtest.h"

namespace allot::io_internal {
namespace {

TEST(JsonWriterTest, EscapesStrings) {
  std::string out;
  AppendJsonString(&out, "a\"b\\c\n\x01é");
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\n\\u0001é\"");
}

TEST(JsonWriterTest, DoublesRoundTrip) {
  for (double v : {0.1, 1131.6097428897524, 9.57638046006848, 1e-300, 123456789.0, -2.5}) {
    std::string out;
    AppendJsonDouble(&out, v);
    EXPECT_EQ(std::strtod(out.c_str(), nullptr), v) << out;
  }
  std::string out;
  AppendJsonDouble(&out, std::numeric_limits<double>::infinity());
  EXPECT_EQ(out, "null");
}

TEST(JsonWriterTest, Integers) {
  std::string out;
  AppendJsonInt(&out, -9000000000);
  EXPECT_EQ(out, "-9000000000");
}

}  // namespace
}  // namespace allot::io_internal
