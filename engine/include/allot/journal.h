// Durable engine state: an append-only journal of the commands an Engine
// applied (docs/reliability.md).
//
// File format: the 8-byte magic "ALLOTJ1\n", then records. A record is
//   uint32 little-endian  payload length (at most kMaxJournalRecordBytes)
//   uint32 little-endian  CRC-32 (IEEE 802.3, as zlib) of the payload
//   payload bytes
// The first record is the base: {"allot_journal":1,"now":"<RFC 3339>",
// "scenario":{...}} (the scenario as formats.md describes it, orders
// included). Every later record is one command object of `allot apply` that
// succeeded, in the order the engine applied it; commands that failed change
// nothing and are not journaled. Replaying the base and the commands rebuilds
// exactly the state (routing and every command are deterministic).
//
// A crash can leave a torn last record (a length or payload cut short, or a
// CRC that does not match). Reading stops at the first such record and
// reports what it dropped; recovery truncates the file there before
// appending again. Every record before it was written completely, and, with
// the default sync policy, reached the disk before its command was
// acknowledged.
#ifndef ALLOT_JOURNAL_H_
#define ALLOT_JOURNAL_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "allot/engine.h"
#include "allot/mutex.h"
#include "allot/scenario.h"

namespace allot {

// Records longer than this are refused when written and treated as corrupt
// when read.
inline constexpr uint32_t kMaxJournalRecordBytes = 64u << 20;  // 64 MiB

struct JournalOptions {
  // true (default): fdatasync after every record, before Append returns, so
  // an acknowledged command survives a power failure or kernel crash.
  // false: the record is in the OS page cache when Append returns; it
  // survives the process being killed (SIGKILL, a crash) but not the machine
  // going down. About 100x faster on a disk with a real flush.
  bool sync_every_record = true;
};

// The records of a journal file, read back.
struct JournalContents {
  std::string base;                   // the first record
  std::vector<std::string> commands;  // the later records, in order
  uint64_t valid_bytes = 0;           // length of the intact prefix of the file
  uint64_t file_bytes = 0;
  // Set when a torn or corrupt tail was dropped: where, how many bytes, why.
  std::optional<std::string> dropped_tail;
};

// Reads a journal. NotFound / PermissionDenied when it cannot be opened,
// DataLoss when it is not a journal (bad magic) or has no intact base
// record. A torn tail is not an error: see dropped_tail.
absl::StatusOr<JournalContents> ReadJournal(const std::string& path);

// The base record for an engine created from `scenario` at `now`.
std::string JournalBaseRecord(const Scenario& scenario, int64_t now);

// Rebuilds the engine a journal describes: Engine::Create from the base,
// then every command. A command that fails on replay means the journal does
// not belong to this engine version (or was edited): DataLoss naming the
// record.
absl::StatusOr<std::unique_ptr<Engine>> ReplayJournal(const JournalContents& contents);

// Appends records to a journal file. Not thread-safe: JournaledEngine
// serializes its use.
class JournalWriter {
 public:
  // Creates `path` with the magic and `base` as its first record.
  // AlreadyExists when the file exists and is not empty.
  static absl::StatusOr<std::unique_ptr<JournalWriter>> Create(const std::string& path,
                                                               std::string_view base,
                                                               const JournalOptions& options = {});
  // Opens an existing journal for appending after its first `valid_bytes`
  // (JournalContents::valid_bytes): a torn tail beyond them is cut off first,
  // and the cut is synced.
  static absl::StatusOr<std::unique_ptr<JournalWriter>> OpenForAppend(
      const std::string& path, uint64_t valid_bytes, const JournalOptions& options = {});
  ~JournalWriter();
  JournalWriter(const JournalWriter&) = delete;
  JournalWriter& operator=(const JournalWriter&) = delete;

  // Appends one record and returns once it is written (and synced, by
  // default). InvalidArgument when longer than kMaxJournalRecordBytes;
  // DataLoss when the write or the sync fails, after which the writer
  // refuses every append (the file may end in a torn record; recover).
  absl::Status Append(std::string_view payload);

 private:
  JournalWriter(int fd, const JournalOptions& options) : fd_(fd), options_(options) {}
  int fd_;
  JournalOptions options_;
  bool broken_ = false;
};

// An Engine whose applied commands go to a journal: after Apply returns
// success, the command is in the journal (and on disk, by default). Safe for
// concurrent use: commands are applied and journaled under one lock, so the
// journal order is the order the engine applied them. Reads go straight to
// engine(), which is itself thread-safe.
class JournaledEngine {
 public:
  // A new engine from `scenario` at `now`, and a new journal at `path`.
  static absl::StatusOr<std::unique_ptr<JournaledEngine>> Create(
      const std::string& path, Scenario scenario, int64_t now, const JournalOptions& options = {});
  // The engine a journal describes (ReadJournal + ReplayJournal); a torn tail
  // is cut off, and described in *dropped_tail when given.
  static absl::StatusOr<std::unique_ptr<JournaledEngine>> Recover(
      const std::string& path, const JournalOptions& options = {},
      std::optional<std::string>* dropped_tail = nullptr);

  // Runs one command object of `allot apply` (JSON text) and journals it when
  // it succeeds. Returns the ids it created, or the command's error (nothing
  // journaled), or DataLoss when journaling failed: the command is applied in
  // memory but not durable, and every later Apply fails; recover from the
  // journal.
  absl::StatusOr<std::vector<std::string>> Apply(std::string_view command_json)
      ABSL_LOCKS_EXCLUDED(mu_);

  const Engine& engine() const { return *engine_; }
  // Commands journaled so far, the recovered ones included.
  int64_t commands() const ABSL_LOCKS_EXCLUDED(mu_);

 private:
  JournaledEngine(std::unique_ptr<Engine> engine, std::unique_ptr<JournalWriter> writer,
                  int64_t commands)
      : engine_(std::move(engine)), writer_(std::move(writer)), commands_(commands) {}

  mutable SharedMutex mu_;  // one command at a time, through the journal
  const std::unique_ptr<Engine> engine_;
  std::unique_ptr<JournalWriter> writer_ ABSL_GUARDED_BY(mu_);
  int64_t commands_ ABSL_GUARDED_BY(mu_);
  absl::Status broken_ ABSL_GUARDED_BY(mu_);
};

}  // namespace allot

#endif  // ALLOT_JOURNAL_H_
