// Splitting CSV records (RFC 4180: quoted fields, "" for a quote inside
// one), for the built-in city table and for order logs.
#ifndef ALLOT_IO_CSV_H_
#define ALLOT_IO_CSV_H_

#include <string>
#include <string_view>
#include <vector>

namespace allot::io_internal {

// The fields of one record; `line` holds no line break (a trailing \r is
// dropped). Always at least one field.
std::vector<std::string> SplitCsvRecord(std::string_view line);

}  // namespace allot::io_internal

#endif  // ALLOT_IO_CSV_H_
