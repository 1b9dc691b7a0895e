// The scenario reader parses "inventory" and "orders" a chunk at a time
// (ScenarioLimits::parse_chunk_bytes). Whatever the chunk size, every
// document must come out exactly as when parsed whole: the same scenario,
// or the same error word for word.
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "allot/generator.h"
#include "allot/scenario.h"
#include "gtest/gtest.h"

namespace allot {
namespace {

constexpr char kDocument[] = R"({
  "locations": [
    {"id": "A", "lat": 40.7, "lon": -74.1, "country": "US", "rank": 1},
    {"id": "B", "lat": 34.0, "lon": -118.2, "country": "US", "rank": 2}
  ],
  "inventory": [
    {"location": "A", "sku": "TEE", "on_hand": 5},
    {"location": "B", "sku": "TEE", "on_hand": 2, "reserved": 1},
    {"location": "B", "sku": "M\u00dcG", "on_hand": 7, "safety_stock": 2}
  ],
  "policy": {"name": "nearest"},
  "orders": [
    {"id": "o1", "destination": {"lat": 41.8, "lon": -87.6, "country": "US"},
     "lines": [{"sku": "TEE", "quantity": 2}]},
    {"id": "o2", "destination": {"lat": 33.0, "lon": -117.0, "country": "US"},
     "lines": [{"sku": "M\u00dcG", "quantity": 1}, {"sku": "TEE", "quantity": 1}]},
    {"id": "o\"3]", "destination": {"lat": 30.2, "lon": -97.7, "country": "US"},
     "lines": [{"sku": "TEE", "quantity": 3}]}
  ]
})";

// The chunk sizes compared with the whole parse (0): one element per
// chunk, a few, and the default.
const size_t kChunkSizes[] = {1, 150, ScenarioLimits().parse_chunk_bytes};

std::string Outcome(std::string_view json, size_t chunk_bytes) {
  ScenarioLimits limits;
  limits.parse_chunk_bytes = chunk_bytes;
  absl::StatusOr<Scenario> s = ParseScenario(json, true, limits);
  if (!s.ok()) return s.status().ToString();
  return "OK " + ScenarioToJson(*s);
}

void ExpectSameOutcome(std::string_view json, const std::string& what) {
  const std::string whole = Outcome(json, 0);
  for (size_t chunk_bytes : kChunkSizes) {
    ASSERT_EQ(Outcome(json, chunk_bytes), whole) << what << ", chunks of " << chunk_bytes;
  }
}

std::string With(std::string_view from, std::string_view to) {
  std::string s = kDocument;
  const size_t at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  s.replace(at, from.size(), to);
  return s;
}

TEST(ScenarioSplitTest, ValidAndInvalidDocumentsComeOutAsWhole) {
  ASSERT_EQ(Outcome(kDocument, 1).substr(0, 3), "OK ");
  const std::vector<std::string> documents = {
      kDocument,
      With(R"("id": "o2")", R"("id": "o1")"),  // duplicate across chunks
      With(R"("sku": "TEE", "on_hand": 2)", R"("sku": "TEE", "on_hand": 2, "x": 1)"),
      With(R"("location": "B", "sku": "TEE")", R"("location": "A", "sku": "TEE")"),
      With(R"("quantity": 3)", R"("quantity": -3)"),
      With(R"("quantity": 3)", R"("quantity": 3e0)"),
      With(R"("quantity": 3)", R"("quantity": 1e999)"),  // a number simdjson refuses
      With(R"("lat": 30.2)", R"("lat": "30.2")"),
      With(R"("id": "o2")", "\"id\": \"o\xff\""),              // invalid UTF-8 in a chunk
      With(R"("orders": [)", R"("orders": 5, "x": [)"),        // not an array
      With(R"("orders": [)", R"("ord\u0065rs": [)"),           // escaped key
      With(R"("orders": [)", R"("orders": [], "orders": [)"),  // the first of a name counts
      With(R"("inventory": [)", R"("inventory": {"a": [)"),    // mismatched brackets
      With(R"("policy")", R"("locations": [], "policy")"),
      With(R"({"id": "o1")", R"(1, {"id": "o1")"),  // a scalar element
      With(
          R"(]
})",
          R"(], "tail": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]
})"),
      "",
      "  ",
      "[]",
      "{}",
      "null",
      "{\"orders\": []}",
      std::string(kDocument) + " {}",
  };
  for (size_t i = 0; i < documents.size(); ++i) {
    ExpectSameOutcome(documents[i], "document " + std::to_string(i));
  }
}

TEST(ScenarioSplitTest, EveryTruncationFailsAsWhole) {
  const std::string document = kDocument;
  for (size_t n = 0; n < document.size(); ++n) {
    ExpectSameOutcome(document.substr(0, n), "prefix of " + std::to_string(n) + " bytes");
  }
}

TEST(ScenarioSplitTest, RandomByteEditsComeOutAsWhole) {
  const std::string bytes = "{}[]\",:\\ 0a-.e\xff\x01";
  std::mt19937 rng(7);
  int accepted = 0;
  for (int trial = 0; trial < 3000; ++trial) {
    std::string document = kDocument;
    const int edits = 1 + static_cast<int>(rng() % 3);
    for (int e = 0; e < edits; ++e) {
      const size_t at = rng() % document.size();
      const char b = bytes[rng() % bytes.size()];
      switch (rng() % 3) {
        case 0:
          document[at] = b;
          break;
        case 1:
          document.insert(document.begin() + at, b);
          break;
        default:
          document.erase(at, 1);
          break;
      }
    }
    accepted += Outcome(document, 0).substr(0, 3) == "OK ";
    ExpectSameOutcome(document, "trial " + std::to_string(trial));
  }
  EXPECT_GT(accepted, 100);  // the edits also hit values that stay valid
}

TEST(ScenarioSplitTest, GeneratedScenarioReadsTheSameInAnyOrder) {
  absl::StatusOr<Scenario> generated =
      GenerateScenario({.locations = 12, .skus = 200, .orders = 400, .lines = 3, .seed = 5});
  ASSERT_TRUE(generated.ok()) << generated.status();
  const std::string json = ScenarioToJson(*generated);
  ExpectSameOutcome(json, "generated");

  const std::string path = ::testing::TempDir() + "/split_test.json";
  FILE* f = std::fopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  std::fwrite(json.data(), 1, json.size(), f);
  std::fclose(f);
  ScenarioLimits limits;
  limits.parse_chunk_bytes = 4096;
  absl::StatusOr<std::unique_ptr<ScenarioReader>> reader =
      ScenarioReader::FromFile(path, true, limits);
  ASSERT_TRUE(reader.ok()) << reader.status();
  ASSERT_EQ((*reader)->num_orders(), generated->orders.size());
  EXPECT_EQ((*reader)->header().inventory.size(), generated->inventory.size());
  // Backwards and then forwards: each order from whichever chunk holds it.
  Order order;
  for (size_t k = 0; k < 2 * generated->orders.size(); ++k) {
    const size_t n = generated->orders.size();
    const size_t i = k < n ? n - 1 - k : k - n;
    ASSERT_TRUE((*reader)->ReadOrder(i, &order).ok());
    const Order& want = generated->orders[i];
    ASSERT_EQ(order.id, want.id);
    ASSERT_EQ(order.lines.size(), want.lines.size());
    for (size_t l = 0; l < want.lines.size(); ++l) {
      EXPECT_EQ(order.lines[l].sku, want.lines[l].sku);
      EXPECT_EQ(order.lines[l].quantity, want.lines[l].quantity);
    }
    EXPECT_EQ(order.destination.lat, want.destination.lat);
  }
}

}  // namespace
}  // namespace allot
