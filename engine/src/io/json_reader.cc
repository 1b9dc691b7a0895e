#include "io/json_reader.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/strings.h"
#include "io/json_writer.h"

namespace allot::io_internal {

void Problems::Add(std::string_view path, std::string_view message) {
  ++count_;
  if (lines_.size() < max_listed_) {
    lines_.push_back(absl::StrCat(ToAbsl(path), ": ", ToAbsl(message)));
  }
}

absl::Status Problems::ToStatus() const {
  if (count_ == 0) return absl::OkStatus();
  std::string text = absl::StrJoin(lines_, "\n");
  if (count_ > lines_.size()) {
    absl::StrAppend(&text, "\n... and ", count_ - lines_.size(), " more problems");
  }
  return absl::InvalidArgumentError(text);
}

absl::Status Problems::FirstToStatus() const {
  if (count_ == 0) return absl::OkStatus();
  return absl::InvalidArgumentError(lines_.front());
}

std::string FieldPath(std::string_view parent, std::string_view key) {
  std::string out(parent);
  if (!out.empty()) out.push_back('.');
  out.append(key);
  return out;
}

std::string IndexPath(std::string_view parent, size_t index) {
  return absl::StrCat(ToAbsl(parent), "[", index, "]");
}

std::string Describe(dom::element value) {
  std::string out;
  switch (value.type()) {
    case dom::element_type::ARRAY:
      return "an array";
    case dom::element_type::OBJECT:
      return "an object";
    case dom::element_type::INT64:
      AppendJsonInt(&out, value.get_int64().value_unsafe());
      return out;
    case dom::element_type::UINT64:
      return absl::StrCat(value.get_uint64().value_unsafe());
    case dom::element_type::DOUBLE:
      AppendJsonDouble(&out, value.get_double().value_unsafe());
      if (out.find_first_of(".e") == std::string::npos) out.append(".0");
      return out;
    case dom::element_type::STRING: {
      std::string_view s = value.get_string().value_unsafe();
      if (s.size() > 40) return absl::StrCat("a string of ", s.size(), " bytes");
      AppendJsonString(&out, s);
      return out;
    }
    case dom::element_type::BOOL:
      return value.get_bool().value_unsafe() ? "true" : "false";
    case dom::element_type::NULL_VALUE:
      return "null";
  }
  return "a value";
}

std::optional<dom::element> ParseDocument(dom::parser& parser, std::string_view json,
                                          size_t max_depth, Problems& problems, bool padded) {
  if (auto err = parser.allocate(std::max<size_t>(json.size(), 64), max_depth); err) {
    problems.Add("(document)", absl::StrCat("cannot parse: ", simdjson::error_message(err)));
    return std::nullopt;
  }
  dom::element root;
  if (auto err = parser.parse(json.data(), json.size(), /*realloc_if_needed=*/!padded).get(root);
      err) {
    std::string why;
    switch (err) {
      case simdjson::DEPTH_ERROR:
        why = absl::StrCat("JSON nested deeper than ", max_depth, " levels");
        break;
      case simdjson::UTF8_ERROR:
        why = "not valid UTF-8";
        break;
      case simdjson::NUMBER_ERROR:
      case simdjson::NUMBER_OUT_OF_RANGE:
        why = "not valid JSON: a number is malformed or out of range";
        break;
      case simdjson::EMPTY:
        why = "empty document, want a JSON object";
        break;
      default:
        why = absl::StrCat("not valid JSON: ", simdjson::error_message(err));
    }
    problems.Add("(document)", why);
    return std::nullopt;
  }
  return root;
}

std::optional<dom::element> GetField(dom::object object, std::string_view key) {
  dom::element value;
  if (object.at_key(key).get(value)) return std::nullopt;
  return value;
}

std::string LazyPath::ToString() const {
  if (parent_ == nullptr) return std::string(root_);
  if (is_index_) return IndexPath(parent_->ToString(), index_);
  return FieldPath(parent_->ToString(), key_);
}

namespace {

// A path known in full, or a (parent, key) pair spelled out on demand.
struct FullPath {
  std::string_view path;
  std::string_view str() const { return path; }
};
struct ChildPath {
  const LazyPath& parent;
  std::string_view key;
  LazyPath str() const { return LazyPath(parent, key); }
};

struct GivenPath {
  const LazyPath& path;
  const LazyPath& str() const { return path; }
};

template <typename P>
void AddAt(Problems& problems, const P& path, std::string_view message) {
  problems.Add(path.str(), message);
}

// The field's value when present; a problem when required and missing.
template <typename P>
std::optional<dom::element> Present(dom::object object, std::string_view key, const P& path,
                                    Need need, Problems& problems) {
  std::optional<dom::element> value = GetField(object, key);
  if (!value && need == Need::kRequired) AddAt(problems, path, "is required");
  return value;
}

template <typename P>
std::optional<dom::object> AsObjectAt(dom::element value, const P& path, Problems& problems) {
  dom::object object;
  if (value.get_object().get(object)) {
    AddAt(problems, path, absl::StrCat("must be an object, got ", Describe(value)));
    return std::nullopt;
  }
  return object;
}

template <typename P>
std::optional<dom::object> GetObjectAt(dom::object object, std::string_view key, const P& path,
                                       Need need, Problems& problems) {
  std::optional<dom::element> value = Present(object, key, path, need, problems);
  if (!value) return std::nullopt;
  return AsObjectAt(*value, path, problems);
}

template <typename P>
std::optional<dom::array> GetArrayAt(dom::object object, std::string_view key, const P& path,
                                     Need need, Problems& problems) {
  std::optional<dom::element> value = Present(object, key, path, need, problems);
  if (!value) return std::nullopt;
  dom::array array;
  if (value->get_array().get(array)) {
    AddAt(problems, path, absl::StrCat("must be an array, got ", Describe(*value)));
    return std::nullopt;
  }
  return array;
}

template <typename P>
std::optional<std::string_view> GetStringAt(dom::object object, std::string_view key, const P& path,
                                            Need need, bool non_empty, size_t max_bytes,
                                            Problems& problems) {
  std::optional<dom::element> value = Present(object, key, path, need, problems);
  if (!value) return std::nullopt;
  std::string_view s;
  if (value->get_string().get(s)) {
    AddAt(problems, path, absl::StrCat("must be a string, got ", Describe(*value)));
    return std::nullopt;
  }
  if (non_empty && s.empty()) {
    AddAt(problems, path, "must be a non-empty string");
    return std::nullopt;
  }
  if (s.size() > max_bytes) {
    AddAt(problems, path, absl::StrCat("must be at most ", max_bytes, " bytes, got ", s.size()));
    return std::nullopt;
  }
  return s;
}

template <typename P>
std::optional<double> GetNumberAt(dom::object object, std::string_view key, const P& path,
                                  Need need, Problems& problems) {
  std::optional<dom::element> value = Present(object, key, path, need, problems);
  if (!value) return std::nullopt;
  double v;
  if (value->get_double().get(v) || !std::isfinite(v)) {
    AddAt(problems, path, absl::StrCat("must be a finite number, got ", Describe(*value)));
    return std::nullopt;
  }
  return v;
}

template <typename P>
std::optional<int64_t> GetIntegerAt(dom::object object, std::string_view key, const P& path,
                                    Need need, int64_t min, int64_t max, Problems& problems) {
  std::optional<dom::element> value = Present(object, key, path, need, problems);
  if (!value) return std::nullopt;
  int64_t v;
  const bool ok = value->type() == dom::element_type::INT64 && !value->get_int64().get(v) &&
                  v >= min && v <= max;
  if (ok) return v;
  std::string range = max == kMaxJsonInteger && min >= 0
                          ? absl::StrCat(">= ", min, " and <= ", max)
                          : absl::StrCat("in [", min, ", ", max, "]");
  AddAt(problems, path, absl::StrCat("must be an integer ", range, ", got ", Describe(*value)));
  return std::nullopt;
}

template <typename P>
std::optional<bool> GetBoolAt(dom::object object, std::string_view key, const P& path, Need need,
                              Problems& problems) {
  std::optional<dom::element> value = Present(object, key, path, need, problems);
  if (!value) return std::nullopt;
  bool b;
  if (value->get_bool().get(b)) {
    AddAt(problems, path, absl::StrCat("must be true or false, got ", Describe(*value)));
    return std::nullopt;
  }
  return b;
}

}  // namespace

std::optional<dom::object> AsObject(dom::element value, std::string_view path, Problems& problems) {
  return AsObjectAt(value, FullPath{path}, problems);
}
std::optional<dom::object> AsObject(dom::element value, const LazyPath& path, Problems& problems) {
  return AsObjectAt(value, GivenPath{path}, problems);
}

std::optional<dom::object> GetObject(dom::object object, std::string_view key,
                                     std::string_view path, Need need, Problems& problems) {
  return GetObjectAt(object, key, FullPath{path}, need, problems);
}
std::optional<dom::object> GetObject(dom::object object, std::string_view key,
                                     const LazyPath& parent, Need need, Problems& problems) {
  return GetObjectAt(object, key, ChildPath{parent, key}, need, problems);
}

std::optional<dom::array> GetArray(dom::object object, std::string_view key, std::string_view path,
                                   Need need, Problems& problems) {
  return GetArrayAt(object, key, FullPath{path}, need, problems);
}
std::optional<dom::array> GetArray(dom::object object, std::string_view key, const LazyPath& parent,
                                   Need need, Problems& problems) {
  return GetArrayAt(object, key, ChildPath{parent, key}, need, problems);
}

std::optional<std::string_view> GetString(dom::object object, std::string_view key,
                                          std::string_view path, Need need, bool non_empty,
                                          size_t max_bytes, Problems& problems) {
  return GetStringAt(object, key, FullPath{path}, need, non_empty, max_bytes, problems);
}
std::optional<std::string_view> GetString(dom::object object, std::string_view key,
                                          const LazyPath& parent, Need need, bool non_empty,
                                          size_t max_bytes, Problems& problems) {
  return GetStringAt(object, key, ChildPath{parent, key}, need, non_empty, max_bytes, problems);
}

std::optional<double> GetNumber(dom::object object, std::string_view key, std::string_view path,
                                Need need, Problems& problems) {
  return GetNumberAt(object, key, FullPath{path}, need, problems);
}
std::optional<double> GetNumber(dom::object object, std::string_view key, const LazyPath& parent,
                                Need need, Problems& problems) {
  return GetNumberAt(object, key, ChildPath{parent, key}, need, problems);
}

std::optional<int64_t> GetInteger(dom::object object, std::string_view key, std::string_view path,
                                  Need need, int64_t min, int64_t max, Problems& problems) {
  return GetIntegerAt(object, key, FullPath{path}, need, min, max, problems);
}
std::optional<int64_t> GetInteger(dom::object object, std::string_view key, const LazyPath& parent,
                                  Need need, int64_t min, int64_t max, Problems& problems) {
  return GetIntegerAt(object, key, ChildPath{parent, key}, need, min, max, problems);
}

std::optional<bool> GetBool(dom::object object, std::string_view key, std::string_view path,
                            Need need, Problems& problems) {
  return GetBoolAt(object, key, FullPath{path}, need, problems);
}
std::optional<bool> GetBool(dom::object object, std::string_view key, const LazyPath& parent,
                            Need need, Problems& problems) {
  return GetBoolAt(object, key, ChildPath{parent, key}, need, problems);
}

}  // namespace allot::io_internal
