// Reading validated fields out of a simdjson DOM, collecting every problem
// with the path of the field it concerns ("orders[3].lines[0].quantity").
//
// Each Get* returns nullopt when the field is absent (a problem only when it
// is required) or present with a wrong type or value (always a problem).
#ifndef ALLOT_IO_JSON_READER_H_
#define ALLOT_IO_JSON_READER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "simdjson.h"

namespace allot::io_internal {

namespace dom = simdjson::dom;

// Integers in scenario and command files: quantities, ranks, limits.
inline constexpr int64_t kMaxJsonInteger = 1'000'000'000;

// A JSON path that is only spelled out when a problem is reported: the hot
// path of a million-order file builds no strings. Lives on the stack; a
// child must not outlive its parent.
class LazyPath {
 public:
  explicit LazyPath(std::string_view root) : root_(root) {}
  LazyPath(const LazyPath& parent, std::string_view key) : parent_(&parent), key_(key) {}
  LazyPath(const LazyPath& parent, size_t index)
      : parent_(&parent), index_(index), is_index_(true) {}

  // "orders[3].lines[0].quantity".
  std::string ToString() const;

 private:
  const LazyPath* parent_ = nullptr;
  std::string_view root_;
  std::string_view key_;
  size_t index_ = 0;
  bool is_index_ = false;
};

class Problems {
 public:
  explicit Problems(size_t max_listed = 50) : max_listed_(max_listed) {}

  void Add(std::string_view path, std::string_view message);
  void Add(const LazyPath& path, std::string_view message) { Add(path.ToString(), message); }
  bool empty() const { return count_ == 0; }
  size_t count() const { return count_; }
  // InvalidArgument with one "path: message" line per problem.
  absl::Status ToStatus() const;
  // The first problem alone, for one-line errors (lifecycle commands).
  absl::Status FirstToStatus() const;

 private:
  size_t max_listed_;
  size_t count_ = 0;
  std::vector<std::string> lines_;
};

// "parent.key" (or "key" at the top).
std::string FieldPath(std::string_view parent, std::string_view key);
// "parent[i]".
std::string IndexPath(std::string_view parent, size_t index);
// A short rendering of a value for messages: 2.5, "abc", an object, null.
std::string Describe(dom::element value);

enum class Need { kOptional, kRequired };

// Parses a document, refusing nesting deeper than max_depth. On failure adds
// a problem at "(document)" and returns nullopt.
// With `padded`, json.data() is followed by simdjson::SIMDJSON_PADDING
// readable bytes and is parsed in place instead of copied.
std::optional<dom::element> ParseDocument(dom::parser& parser, std::string_view json,
                                          size_t max_depth, Problems& problems,
                                          bool padded = false);

std::optional<dom::element> GetField(dom::object object, std::string_view key);
std::optional<dom::object> GetObject(dom::object object, std::string_view key,
                                     std::string_view path, Need need, Problems& problems);
std::optional<dom::array> GetArray(dom::object object, std::string_view key, std::string_view path,
                                   Need need, Problems& problems);
// A string of at most max_bytes; with non_empty, "" is a problem.
std::optional<std::string_view> GetString(dom::object object, std::string_view key,
                                          std::string_view path, Need need, bool non_empty,
                                          size_t max_bytes, Problems& problems);
// A finite JSON number.
std::optional<double> GetNumber(dom::object object, std::string_view key, std::string_view path,
                                Need need, Problems& problems);
// A JSON integer written without fraction or exponent, in [min, max].
std::optional<int64_t> GetInteger(dom::object object, std::string_view key, std::string_view path,
                                  Need need, int64_t min, int64_t max, Problems& problems);
std::optional<bool> GetBool(dom::object object, std::string_view key, std::string_view path,
                            Need need, Problems& problems);
// The same readers with the field's path given lazily as (parent, key).
std::optional<dom::object> GetObject(dom::object object, std::string_view key,
                                     const LazyPath& parent, Need need, Problems& problems);
std::optional<dom::array> GetArray(dom::object object, std::string_view key, const LazyPath& parent,
                                   Need need, Problems& problems);
std::optional<std::string_view> GetString(dom::object object, std::string_view key,
                                          const LazyPath& parent, Need need, bool non_empty,
                                          size_t max_bytes, Problems& problems);
std::optional<double> GetNumber(dom::object object, std::string_view key, const LazyPath& parent,
                                Need need, Problems& problems);
std::optional<int64_t> GetInteger(dom::object object, std::string_view key, const LazyPath& parent,
                                  Need need, int64_t min, int64_t max, Problems& problems);
std::optional<bool> GetBool(dom::object object, std::string_view key, const LazyPath& parent,
                            Need need, Problems& problems);
std::optional<dom::object> AsObject(dom::element value, const LazyPath& path, Problems& problems);

// The element itself as an object, or a problem at `path`.
std::optional<dom::object> AsObject(dom::element value, std::string_view path, Problems& problems);

}  // namespace allot::io_internal

#endif  // ALLOT_IO_JSON_READER_H_
