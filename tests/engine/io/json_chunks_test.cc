#include "io/json_chunks.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace allot::io_internal {
namespace {

const std::vector<std::string_view> kKeys = {"inventory", "orders"};

// The text of each element of split array `k`, parsed back chunk by chunk.
std::vector<std::string> Elements(std::string_view text, const ChunkedArray& array) {
  std::vector<std::string> out;
  ChunkParser parser;
  std::vector<simdjson::dom::element> elements;
  for (const ChunkedArray::Chunk& chunk : array.chunks) {
    EXPECT_TRUE(parser.Parse(text, chunk, &elements));
    for (simdjson::dom::element e : elements) out.push_back(simdjson::minify(e));
  }
  return out;
}

TEST(SplitDocumentTest, CutsOutTheNamedArrays) {
  const std::string text =
      R"( {"locations": [{"id": "a"}], "orders": [{"id": 1}, {"id": 2},{"id":3}] ,
          "policy": {"name": "priority"}, "inventory": [] } )";
  std::optional<SplitText> split = SplitDocument(text, kKeys, 1, 64);
  ASSERT_TRUE(split.has_value());
  EXPECT_EQ(split->header,
            R"( {"locations": [{"id": "a"}], "orders": [] ,
          "policy": {"name": "priority"}, "inventory": [] } )");
  ASSERT_TRUE(split->arrays[0].has_value());
  EXPECT_EQ(split->arrays[0]->size, 0u);
  EXPECT_TRUE(split->arrays[0]->chunks.empty());
  ASSERT_TRUE(split->arrays[1].has_value());
  EXPECT_EQ(split->arrays[1]->size, 3u);
  EXPECT_EQ(split->arrays[1]->chunks.size(), 3u);  // one element each at 1 byte
  EXPECT_EQ(Elements(text, *split->arrays[1]),
            (std::vector<std::string>{R"({"id":1})", R"({"id":2})", R"({"id":3})"}));
}

TEST(SplitDocumentTest, ChunksGroupElementsUpToTheByteTarget) {
  std::string text = R"({"orders": [)";
  for (int i = 0; i < 100; ++i) text += (i ? ", " : "") + std::string(R"({"id": "o"})");
  text += "]}";
  std::optional<SplitText> split = SplitDocument(text, kKeys, 100, 64);
  ASSERT_TRUE(split.has_value());
  const ChunkedArray& orders = *split->arrays[1];
  EXPECT_EQ(orders.size, 100u);
  size_t next = 0;
  for (const ChunkedArray::Chunk& c : orders.chunks) {
    EXPECT_EQ(c.first, next);
    EXPECT_GE(c.count, 1u);
    next += c.count;
  }
  EXPECT_EQ(next, 100u);
  EXPECT_GT(orders.chunks.size(), 10u);
  EXPECT_LT(orders.chunks.size(), 30u);
  EXPECT_EQ(Elements(text, orders).size(), 100u);
}

TEST(SplitDocumentTest, StringsHideBracketsAndQuotesAtEveryAlignment) {
  // Escaped quotes, backslashes and brackets inside strings, shifted across
  // the scanner's 64-byte blocks.
  const std::string tricky = R"({"id": "a\"}]\\", "x": ["}", "\\\"[", {"y": "\\"}]})";
  for (size_t shift = 0; shift < 130; ++shift) {
    const std::string text = R"({"pad": ")" + std::string(shift, 'p') + R"(", "orders": [)" +
                             tricky + ", " + tricky + "]}";
    std::optional<SplitText> split = SplitDocument(text, kKeys, 1, 64);
    ASSERT_TRUE(split.has_value()) << shift;
    ASSERT_TRUE(split->arrays[1].has_value());
    std::vector<std::string> elements = Elements(text, *split->arrays[1]);
    ASSERT_EQ(elements.size(), 2u) << shift;
    EXPECT_EQ(elements[0], R"({"id":"a\"}]\\","x":["}","\\\"[",{"y":"\\"}]})");
  }
}

TEST(SplitDocumentTest, LongStringsAndEscapesAcrossBlocks) {
  // Elements of a few hundred bytes whose strings, escapes and brackets
  // fall on every byte of the 64-byte blocks, and on their edges.
  for (size_t shift = 0; shift < 70; ++shift) {
    std::string element = R"({"a": [")" + std::string(shift, 'x') + R"(\\\"]}\\", {"b": ")";
    for (int k = 0; k < 40; ++k) element += k % 3 ? R"(\"[)" : R"(\\{)";
    element += R"("}], "c": ")" + std::string(64, '}') + R"("})";
    const std::string text = R"({"orders": [)" + element + "," + element + ", {}]}";
    std::optional<SplitText> split = SplitDocument(text, kKeys, 1, 64);
    ASSERT_TRUE(split.has_value()) << shift;
    std::vector<std::string> elements = Elements(text, *split->arrays[1]);
    ASSERT_EQ(elements.size(), 3u) << shift;
    EXPECT_EQ(elements[2], "{}");
  }
}

TEST(SplitDocumentTest, GivesUpWhereOnlyTheWholeParseCanDecide) {
  const auto splits = [](std::string_view text) {
    return SplitDocument(text, kKeys, 1, 64).has_value();
  };
  EXPECT_TRUE(splits(R"({"orders": []})"));
  EXPECT_TRUE(splits("{}"));
  EXPECT_FALSE(splits(R"([{"orders": []}])"));          // not an object
  EXPECT_FALSE(splits(R"({"ord\u0065rs": [1]})"));      // escaped key
  EXPECT_FALSE(splits(R"({"orders": [1, 2] x})"));      // junk between members
  EXPECT_FALSE(splits(R"({"orders": [1, 2]} {})"));     // a second document
  EXPECT_FALSE(splits(R"({"orders": [1 2]})"));         // no comma
  EXPECT_FALSE(splits(R"({"orders": [{"id": "1}]})"));  // unterminated string
  EXPECT_FALSE(splits(R"({"orders": [{"id": 1})"));     // truncated
  std::string deep = R"({"orders": [)" + std::string(70, '[') + std::string(70, ']') + "]}";
  EXPECT_FALSE(splits(deep));
}

TEST(SplitDocumentTest, OnlyTheFirstMemberOfANameIsCut) {
  const std::string text = R"({"orders": [1], "orders": [2, 3], "inventory": 5, "inventory": [4]})";
  std::optional<SplitText> split = SplitDocument(text, kKeys, 1, 64);
  ASSERT_TRUE(split.has_value());
  EXPECT_EQ(split->header, R"({"orders": [], "orders": [2, 3], "inventory": 5, "inventory": [4]})");
  EXPECT_FALSE(split->arrays[0].has_value());  // the first "inventory" is no array
  EXPECT_EQ(split->arrays[1]->size, 1u);
}

TEST(ChunkParserTest, RefusesAChunkThatIsNotWhatTheScanSaw) {
  const std::string text = R"({"orders": [{"id": 1}, {"id": 2}]})";
  std::optional<SplitText> split = SplitDocument(text, kKeys, 1 << 20, 64);
  ASSERT_TRUE(split.has_value());
  ChunkedArray::Chunk chunk = split->arrays[1]->chunks.at(0);
  ChunkParser parser;
  std::vector<simdjson::dom::element> elements;
  EXPECT_TRUE(parser.Parse(text, chunk, &elements));
  EXPECT_EQ(elements.size(), 2u);
  chunk.count = 3;
  EXPECT_FALSE(parser.Parse(text, chunk, &elements));
  chunk.count = 2;
  --chunk.end;  // cuts the last brace off
  EXPECT_FALSE(parser.Parse(text, chunk, &elements));
}

}  // namespace
}  // namespace allot::io_internal
