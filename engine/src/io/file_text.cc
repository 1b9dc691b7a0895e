#include "io/file_text.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"

namespace allot::io_internal {
namespace {

absl::Status OpenError(const std::string& path, int error) {
  const std::string msg = absl::StrCat(path, ": cannot open: ", std::strerror(error));
  if (error == ENOENT) return absl::NotFoundError(msg);
  if (error == EACCES) return absl::PermissionDeniedError(msg);
  return absl::InvalidArgumentError(msg);
}

absl::Status TooLarge(const std::string& path, size_t max_bytes) {
  return absl::InvalidArgumentError(
      absl::StrCat(path, ": larger than the limit of ", max_bytes, " bytes"));
}

// An open descriptor, closed on every path out.
class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  ~Descriptor() {
    if (fd_ >= 0) close(fd_);
  }

 private:
  int fd_;
};

// Reads until end of stream: whatever a size said, the stream decides
// (pipes have none, and a file may change while read).
absl::Status ReadAll(const std::string& path, int fd, size_t max_bytes, std::string* out) {
  out->clear();
  char buf[1 << 16];
  while (true) {
    const ssize_t n = read(fd, buf, sizeof(buf));
    if (n == 0) return absl::OkStatus();
    if (n < 0) {
      if (errno == EINTR) continue;
      return absl::InvalidArgumentError(
          absl::StrCat(path, ": cannot read: ", std::strerror(errno)));
    }
    if (out->size() + static_cast<size_t>(n) > max_bytes) return TooLarge(path, max_bytes);
    out->append(buf, static_cast<size_t>(n));
  }
}

// Opens `path` for reading; fills *st. Directories are refused.
absl::StatusOr<int> OpenForReading(const std::string& path, struct stat* st) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return OpenError(path, errno);
  if (fstat(fd, st) != 0) {
    const int error = errno;
    close(fd);
    return OpenError(path, error);
  }
  if (S_ISDIR(st->st_mode)) {
    close(fd);
    return absl::InvalidArgumentError(absl::StrCat(path, ": is a directory"));
  }
  return fd;
}

}  // namespace

absl::StatusOr<FileText> FileText::Open(const std::string& path, size_t max_bytes) {
  struct stat st;
  absl::StatusOr<int> fd = OpenForReading(path, &st);
  if (!fd.ok()) return fd.status();
  Descriptor closer(*fd);
  FileText file;
  if (S_ISREG(st.st_mode) && st.st_size > 0) {
    const size_t size = static_cast<size_t>(st.st_size);
    if (size > max_bytes) return TooLarge(path, max_bytes);
    void* map = mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, *fd, 0);
    if (map != MAP_FAILED) {
      file.mapped_ = static_cast<const char*>(map);
      file.size_ = size;
      return file;
    }
    // Some file systems cannot map: read instead.
  }
  if (absl::Status s = ReadAll(path, *fd, max_bytes, &file.read_); !s.ok()) return s;
  return file;
}

FileText::FileText(FileText&& other) noexcept
    : mapped_(std::exchange(other.mapped_, nullptr)),
      size_(std::exchange(other.size_, 0)),
      read_(std::move(other.read_)) {}

FileText& FileText::operator=(FileText&& other) noexcept {
  if (this != &other) {
    if (mapped_ != nullptr) munmap(const_cast<char*>(mapped_), size_);
    mapped_ = std::exchange(other.mapped_, nullptr);
    size_ = std::exchange(other.size_, 0);
    read_ = std::move(other.read_);
  }
  return *this;
}

FileText::~FileText() {
  if (mapped_ != nullptr) munmap(const_cast<char*>(mapped_), size_);
}

absl::Status ReadWholeFile(const std::string& path, size_t max_bytes, std::string* out) {
  struct stat st;
  absl::StatusOr<int> fd = OpenForReading(path, &st);
  if (!fd.ok()) return fd.status();
  Descriptor closer(*fd);
  if (S_ISREG(st.st_mode)) {
    if (static_cast<size_t>(st.st_size) > max_bytes) return TooLarge(path, max_bytes);
    out->reserve(static_cast<size_t>(st.st_size));
  }
  return ReadAll(path, *fd, max_bytes, out);
}

}  // namespace allot::io_internal
