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
// A journal may be cut into segments by snapshots (allot/snapshot.h): a new
// segment replaces the file and starts with the base record
// {"allot_journal":1,"journal_id":"...","first_command":N}, N being the
// commands its snapshot includes; its later records are the commands after
// those. Recovery = the snapshot + the journal's commands from the
// snapshot's position on (RecoverEngine; docs/reliability.md has the
// procedure and why a crash between its steps is safe).
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
  // Where JournaledEngine keeps its snapshot (allot/snapshot.h); empty: no
  // snapshots, recovery replays the whole journal.
  std::string snapshot_path;
  // With snapshot_path: JournaledEngine::Apply takes a snapshot and starts a
  // new journal segment after every this many journaled commands; 0: only
  // when JournaledEngine::Snapshot is called.
  int64_t snapshot_every = 0;
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
  // From the base record: the journal's id ("" for journals written before
  // ids existed), and the number of commands before this segment (0 for a
  // journal that starts from a scenario; a snapshot's position otherwise).
  std::string journal_id;
  int64_t first_command = 0;
  uint64_t valid_bytes = 0;  // length of the intact prefix of the file
  uint64_t file_bytes = 0;
  // Set when a torn or corrupt tail was dropped: where, how many bytes, why.
  std::optional<std::string> dropped_tail;
};

// Reads a journal. NotFound / PermissionDenied when it cannot be opened,
// DataLoss when it is not a journal (bad magic) or has no intact base
// record. A torn tail is not an error: see dropped_tail.
absl::StatusOr<JournalContents> ReadJournal(const std::string& path);

// The base record for an engine created from `scenario` at `now` (exact to
// the microsecond).
std::string JournalBaseRecord(const Scenario& scenario, int64_t now,
                              std::string_view journal_id = "");
// The base record of a segment that continues journal `journal_id` after a
// snapshot of its first `first_command` commands.
std::string JournalSegmentRecord(std::string_view journal_id, int64_t first_command);
// A new random journal id (32 hex digits), which ties snapshots to their journal.
std::string NewJournalId();

// Rebuilds the engine a journal describes: Engine::Create from the base,
// then every command. A command that fails on replay means the journal does
// not belong to this engine version (or was edited): DataLoss naming the
// record. DataLoss too for a segment that starts after a snapshot (use
// RecoverEngine with the snapshot).
absl::StatusOr<std::unique_ptr<Engine>> ReplayJournal(const JournalContents& contents);

// What RecoverEngine rebuilt, and from what.
struct RecoveredEngine {
  std::unique_ptr<Engine> engine;
  std::string journal_id;
  int64_t commands = 0;            // journal commands the state includes (its position)
  int64_t snapshot_commands = -1;  // the position of the snapshot loaded; -1: none
  int64_t replayed = 0;            // journal commands replayed (after the snapshot)
  uint64_t journal_valid_bytes = 0;
  std::optional<std::string> dropped_tail;  // as JournalContents
  // The journal ends before the snapshot's position (a journal written
  // without sync lost records in a power failure after the snapshot was
  // taken; the snapshot has them): start a new segment before appending.
  bool needs_new_segment = false;
};

// Recovery = the snapshot at `snapshot_path` (when the path is not empty and
// the file exists) + the journal's commands after the snapshot's position,
// or the whole journal when there is no snapshot. DataLoss when the snapshot
// is torn or corrupt, belongs to another journal, or starts after the
// journal's first command, or when a segment that starts after a snapshot
// has none; the journal's errors as ReadJournal and ReplayJournal.
absl::StatusOr<RecoveredEngine> RecoverEngine(const std::string& journal_path,
                                              const std::string& snapshot_path = "");

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
  // Replaces `path`, atomically, with a new journal (segment) whose first
  // record is `base`: "<path>.tmp" is written and synced, renamed over
  // `path`, and the directory synced. A crash leaves the old file or the new
  // one.
  static absl::StatusOr<std::unique_ptr<JournalWriter>> CreateSegment(
      const std::string& path, std::string_view base, const JournalOptions& options = {});
  ~JournalWriter();
  JournalWriter(const JournalWriter&) = delete;
  JournalWriter& operator=(const JournalWriter&) = delete;

  // Appends one record and returns once it is written (and synced, by
  // default). InvalidArgument when longer than kMaxJournalRecordBytes;
  // DataLoss when the write or the sync fails, after which the writer
  // refuses every append (the file may end in a torn record; recover).
  absl::Status Append(std::string_view payload);
  // fdatasync of what was appended. DataLoss when it fails.
  absl::Status Sync();

 private:
  JournalWriter(int fd, const JournalOptions& options) : fd_(fd), options_(options) {}
  int fd_;
  JournalOptions options_;
  bool broken_ = false;
};

// Takes a snapshot of `engine`, which includes the first `commands` commands
// of journal `journal_id`, and starts a new segment of the journal at
// `journal_path` after them; returns the writer of the new segment. In
// order: `current` (the writer of the journal so far, may be null) is synced,
// so that the journal on disk reaches the snapshot's position; the snapshot
// is written atomically; the new segment replaces the journal atomically. A
// crash between the steps leaves the new snapshot with the old journal,
// whose commands after the snapshot's position recovery replays. On an
// error, the snapshot may be written but the journal is the old one, and
// `current` stays usable unless the error is from its sync.
absl::StatusOr<std::unique_ptr<JournalWriter>> SnapshotAndStartSegment(
    const Engine& engine, int64_t commands, const std::string& journal_id,
    const std::string& journal_path, const std::string& snapshot_path, JournalWriter* current,
    const JournalOptions& options);

// An Engine whose applied commands go to a journal: after Apply returns
// success, the command is in the journal (and on disk, by default). Safe for
// concurrent use: commands are applied and journaled under one lock, so the
// journal order is the order the engine applied them. Reads go straight to
// engine(), which is itself thread-safe.
class JournaledEngine {
 public:
  // A new engine from `scenario` at `now`, and a new journal at `path`.
  // AlreadyExists when options.snapshot_path names an existing file (it
  // belongs to another journal: recover, or remove it).
  static absl::StatusOr<std::unique_ptr<JournaledEngine>> Create(
      const std::string& path, Scenario scenario, int64_t now, const JournalOptions& options = {});
  // The engine a journal (and options.snapshot_path's snapshot, when it
  // exists) describes, as RecoverEngine; a torn tail is cut off, and
  // described in *dropped_tail when given.
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

  // Takes a snapshot at options.snapshot_path and starts a new journal
  // segment after it (SnapshotAndStartSegment), between two commands.
  // FailedPrecondition without a snapshot path. When the new segment could
  // not be started after the snapshot was written, the engine refuses every
  // later Apply (DataLoss): recover.
  absl::Status Snapshot() ABSL_LOCKS_EXCLUDED(mu_);

  const Engine& engine() const { return *engine_; }
  // Commands journaled so far, the recovered ones included: the journal
  // position of the state.
  int64_t commands() const ABSL_LOCKS_EXCLUDED(mu_);
  // The journal position of the last snapshot taken or loaded; -1: none.
  int64_t snapshot_commands() const ABSL_LOCKS_EXCLUDED(mu_);
  // The error of the last automatic snapshot (options.snapshot_every), OK
  // when it succeeded or none was due. Apply does not fail for it: the
  // command is journaled; the journal just grows until a snapshot succeeds.
  absl::Status last_snapshot_status() const ABSL_LOCKS_EXCLUDED(mu_);

 private:
  JournaledEngine(std::unique_ptr<Engine> engine, std::unique_ptr<JournalWriter> writer,
                  int64_t commands, std::string path, std::string journal_id,
                  JournalOptions options)
      : engine_(std::move(engine)),
        path_(std::move(path)),
        journal_id_(std::move(journal_id)),
        options_(std::move(options)),
        writer_(std::move(writer)),
        commands_(commands) {}
  absl::Status SnapshotLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  mutable SharedMutex mu_;  // one command at a time, through the journal
  const std::unique_ptr<Engine> engine_;
  const std::string path_;
  const std::string journal_id_;
  const JournalOptions options_;
  std::unique_ptr<JournalWriter> writer_ ABSL_GUARDED_BY(mu_);
  int64_t commands_ ABSL_GUARDED_BY(mu_);
  int64_t snapshot_commands_ ABSL_GUARDED_BY(mu_) = -1;
  absl::Status last_snapshot_status_ ABSL_GUARDED_BY(mu_);
  absl::Status broken_ ABSL_GUARDED_BY(mu_);
};

}  // namespace allot

#endif  // ALLOT_JOURNAL_H_
