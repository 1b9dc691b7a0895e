// The bytes of an input file. Regular files are mapped read-only: no copy,
// and their pages are the page cache's rather than fresh memory the kernel
// must clear (a 400 MB scenario read into a buffer cost more kernel time
// than its parse). Pipes and other streams are read into memory.
#ifndef ALLOT_IO_FILE_TEXT_H_
#define ALLOT_IO_FILE_TEXT_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace allot::io_internal {

class FileText {
 public:
  // NotFound / PermissionDenied when the file cannot be opened,
  // InvalidArgument when it is a directory, unreadable or above max_bytes.
  static absl::StatusOr<FileText> Open(const std::string& path, size_t max_bytes);

  FileText() = default;
  FileText(FileText&& other) noexcept;
  FileText& operator=(FileText&& other) noexcept;
  ~FileText();

  // Valid while this object lives. A mapped file that another process
  // truncates meanwhile is beyond what a reader can defend against.
  std::string_view text() const { return mapped_ ? std::string_view(mapped_, size_) : read_; }

 private:
  const char* mapped_ = nullptr;
  size_t size_ = 0;
  std::string read_;
};

// Reads a whole file or stream into *out, with Open's errors.
absl::Status ReadWholeFile(const std::string& path, size_t max_bytes, std::string* out);

}  // namespace allot::io_internal

#endif  // ALLOT_IO_FILE_TEXT_H_
