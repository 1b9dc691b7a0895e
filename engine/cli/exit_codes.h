// Exit statuses of `allot` (docs/formats.md): 0 success, 2 the input's fault
// (refused file, wrong usage), 1 anything else (out of memory, failed write).
#ifndef ALLOT_CLI_EXIT_CODES_H_
#define ALLOT_CLI_EXIT_CODES_H_

#include <cstdio>
#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace allot::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitBadInput = 2;

// Prints each line of the status message as "error: <line>" on stderr and
// returns the exit status for it.
int ReportError(const absl::Status& status);

// Buffered stdout: collects output and writes it in large blocks.
class Output {
 public:
  std::string& buffer() { return buffer_; }
  // Writes the buffer when it holds more than `threshold` bytes (0: always).
  // False when the write failed.
  bool Flush(size_t threshold = 0);

 private:
  std::string buffer_;
};

}  // namespace allot::cli

#endif  // ALLOT_CLI_EXIT_CODES_H_
