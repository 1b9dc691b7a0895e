#include "exit_codes.h"

#include "absl/strings/str_split.h"

namespace allot::cli {

int ReportError(const absl::Status& status) {
  for (absl::string_view line : absl::StrSplit(status.message(), '\n')) {
    std::fprintf(stderr, "error: %.*s\n", static_cast<int>(line.size()), line.data());
  }
  switch (status.code()) {
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kNotFound:
    case absl::StatusCode::kPermissionDenied:
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kAlreadyExists:
      return kExitBadInput;
    default:
      return kExitFailure;
  }
}

bool Output::Flush(size_t threshold) {
  if (buffer_.size() <= threshold) return true;
  const size_t size = buffer_.size();
  const size_t written = std::fwrite(buffer_.data(), 1, size, stdout);
  buffer_.clear();
  if (written != size) return false;
  if (threshold == 0 && std::fflush(stdout) != 0) return false;
  return true;
}

}  // namespace allot::cli
