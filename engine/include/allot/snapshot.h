// Snapshots: the full state of an Engine in one file, written atomically, so
// that recovery is "load the snapshot, replay the journal records after it"
// instead of replaying the whole journal (docs/reliability.md).
//
// File format (integers little-endian):
//   8 bytes   magic "ALLOTS1\n"
//   8 bytes   payload length
//   4 bytes   CRC-32 (IEEE 802.3, as zlib) of the payload
//   payload   JSON: {"allot_snapshot":1,"journal_id":"...","journal_commands":N,
//                    "engine":{...}}
// The file must be exactly 20 bytes plus the payload: a snapshot cut short,
// one with bytes after the payload, and one whose CRC does not match are
// refused (DataLoss), never half-loaded. "engine" holds everything
// Engine::FromSnapshotJson needs to rebuild the engine exactly: the clock in
// microseconds, the scenario policy, the locations with their current
// active/ships flags, the SKU table in id order, every inventory level with
// the reserved units the scenario gave it (the base of the stock invariant),
// the orders, FOs and fulfillments with every field and counter, and the
// whole event log (so events(after_seq) and the next seq continue exactly).
// "journal_commands" is the number of journal commands the state includes
// (the journal position); "journal_id" names the journal it belongs to.
//
// Writing is atomic: "<path>.tmp", fsync, rename over <path>, fsync of the
// directory. A crash leaves the old snapshot or the new one, never a mix.
#ifndef ALLOT_SNAPSHOT_H_
#define ALLOT_SNAPSHOT_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "allot/engine.h"

namespace allot {

inline constexpr int kSnapshotFormatVersion = 1;

// Where a snapshot stands in its journal.
struct SnapshotPosition {
  // Journal commands the snapshot's state includes: recovery replays the
  // journal's commands from this position on.
  int64_t journal_commands = 0;
  // The id of the journal (its base record's "journal_id"); empty for a
  // snapshot that belongs to no journal.
  std::string journal_id;
};

struct LoadedSnapshot {
  std::unique_ptr<Engine> engine;
  SnapshotPosition position;
  uint64_t file_bytes = 0;
};

// The snapshot file's bytes for `engine` (one consistent view of it).
std::string EncodeSnapshot(const Engine& engine, const SnapshotPosition& position);
// Rebuilds the engine from a snapshot file's bytes. DataLoss naming what is
// wrong (`name` is the file, for messages) when the bytes are not a whole,
// intact snapshot of a known version, or when the state is inconsistent.
absl::StatusOr<LoadedSnapshot> DecodeSnapshot(std::string_view bytes,
                                              std::string_view name = "snapshot");

// Writes a snapshot of `engine` to `path` atomically (see above). DataLoss
// (or NotFound / PermissionDenied) when a step fails; `path` then still holds
// the previous snapshot, if any.
absl::Status WriteSnapshot(const std::string& path, const Engine& engine,
                           const SnapshotPosition& position);
// Reads a snapshot file: NotFound when it does not exist, DataLoss as
// DecodeSnapshot.
absl::StatusOr<LoadedSnapshot> ReadSnapshot(const std::string& path);

}  // namespace allot

#endif  // ALLOT_SNAPSHOT_H_
