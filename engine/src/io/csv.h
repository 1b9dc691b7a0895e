// Reading line-based text and splitting CSV records (RFC 4180: quoted
// fields, "" for a quote inside one), for the built-in city table and for
// order logs.
#ifndef ALLOT_IO_CSV_H_
#define ALLOT_IO_CSV_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace allot::io_internal {

// The fields of one record; `line` holds no line break (a trailing \r is
// dropped). Always at least one field.
std::vector<std::string> SplitCsvRecord(std::string_view line);

// Hands out `text` one line at a time, without its '\n'; a last line
// without one counts too, an empty text has no lines.
class LineReader {
 public:
  explicit LineReader(std::string_view text) : rest_(text) {}

  // The next line, false at the end.
  bool Next(std::string_view* line) {
    if (rest_.empty()) return false;
    const size_t end = rest_.find('\n');
    *line = rest_.substr(0, end);
    rest_.remove_prefix(end == std::string_view::npos ? rest_.size() : end + 1);
    ++number_;
    return true;
  }
  // The number of the line Next returned last, from 1.
  int64_t number() const { return number_; }

 private:
  std::string_view rest_;
  int64_t number_ = 0;
};

}  // namespace allot::io_internal

#endif  // ALLOT_IO_CSV_H_
