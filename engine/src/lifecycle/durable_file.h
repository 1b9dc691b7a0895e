// File helpers shared by the journal and snapshots (docs/reliability.md):
// CRC-32, little-endian integers, whole writes and reads, and the atomic
// replacement of a file (temporary file, fsync, rename, fsync of the
// directory).
#ifndef ALLOT_LIFECYCLE_DURABLE_FILE_H_
#define ALLOT_LIFECYCLE_DURABLE_FILE_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace allot::lifecycle_internal {

// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), as zlib computes it.
// Debian's Abseil 20220623 predates absl/crc.
uint32_t Crc32(std::string_view data);

void PutU32(std::string* out, uint32_t v);
void PutU64(std::string* out, uint64_t v);
uint32_t GetU32(const char* p);
uint64_t GetU64(const char* p);

// A Status for the errno of a failed call: NotFound (ENOENT), PermissionDenied
// (EACCES, EPERM), else DataLoss; the message is "<what> <path>: <strerror>".
absl::Status ErrnoStatus(std::string_view what, const std::string& path);

// Writes all of `data` to `fd` (retrying short writes); DataLoss on failure.
absl::Status WriteAll(int fd, std::string_view data);

// The whole file. NotFound / PermissionDenied / DataLoss as ErrnoStatus.
absl::StatusOr<std::string> ReadWholeFile(const std::string& path);

// fsyncs the directory that holds `path`, making a created or renamed entry
// durable. DataLoss when the directory cannot be opened or synced.
absl::Status SyncParentDirectory(const std::string& path);

// Replaces `path` with `data` atomically: writes "<path>.tmp", fsyncs it,
// renames it over `path`, fsyncs the directory. After a crash at any point
// `path` holds either its old content or `data`, never a mix; a leftover
// "<path>.tmp" is garbage and is overwritten by the next call.
absl::Status ReplaceFileAtomically(const std::string& path, std::string_view data);

}  // namespace allot::lifecycle_internal

#endif  // ALLOT_LIFECYCLE_DURABLE_FILE_H_
