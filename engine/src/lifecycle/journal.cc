// The journal of allot/journal.h: record framing with a CRC-32, reading back
// with torn-tail detection, replay through the command reader of `allot
// apply`, and JournaledEngine.
#include "allot/journal.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <utility>

#include "absl/strings/str_cat.h"
#include "allot/snapshot.h"
#include "common/status_macros.h"
#include "io/json_reader.h"
#include "io/json_writer.h"
#include "lifecycle/command_json.h"
#include "lifecycle/durable_file.h"
#include "lifecycle/time.h"

namespace allot {
namespace {

using lifecycle_internal::Crc32;
using lifecycle_internal::ErrnoStatus;
using lifecycle_internal::GetU32;
using lifecycle_internal::PutU32;
using lifecycle_internal::WriteAll;

constexpr std::string_view kMagic = "ALLOTJ1\n";
constexpr size_t kHeaderBytes = 8;  // length + CRC

std::string Frame(std::string_view payload) {
  std::string out;
  out.reserve(kHeaderBytes + payload.size());
  PutU32(&out, static_cast<uint32_t>(payload.size()));
  PutU32(&out, Crc32(payload));
  out.append(payload);
  return out;
}

}  // namespace

absl::StatusOr<JournalContents> ReadJournal(const std::string& path) {
  absl::StatusOr<std::string> read = lifecycle_internal::ReadWholeFile(path);
  if (!read.ok()) {
    return absl::Status(read.status().code(), absl::StrCat("journal: ", read.status().message()));
  }
  const std::string& data = *read;

  JournalContents out;
  out.file_bytes = data.size();
  if (data.size() < kMagic.size() || std::string_view(data).substr(0, kMagic.size()) != kMagic) {
    return absl::DataLossError(absl::StrCat(path, ": not an Allot journal (bad magic)"));
  }
  size_t pos = kMagic.size();
  size_t records = 0;
  while (pos < data.size()) {
    std::string why;
    const size_t left = data.size() - pos;
    if (left < kHeaderBytes) {
      why = absl::StrCat("record header cut short (", left, " of 8 bytes)");
    } else {
      const uint32_t length = GetU32(data.data() + pos);
      const uint32_t crc = GetU32(data.data() + pos + 4);
      if (length > kMaxJournalRecordBytes) {
        why = absl::StrCat("record length ", length, " exceeds the limit ", kMaxJournalRecordBytes);
      } else if (length > left - kHeaderBytes) {
        why = absl::StrCat("record payload cut short (", left - kHeaderBytes, " of ", length,
                           " bytes)");
      } else {
        const std::string_view payload(data.data() + pos + kHeaderBytes, length);
        if (Crc32(payload) != crc) {
          why = "record CRC mismatch";
        } else {
          if (records == 0) {
            out.base = std::string(payload);
          } else {
            out.commands.emplace_back(payload);
          }
          ++records;
          pos += kHeaderBytes + length;
          continue;
        }
      }
    }
    out.dropped_tail =
        absl::StrCat("journal ", path, ": dropped a torn or corrupt tail of ", data.size() - pos,
                     " bytes at offset ", pos, " (record ", records, "): ", why);
    break;
  }
  out.valid_bytes = pos;
  if (records == 0) {
    return absl::DataLossError(absl::StrCat(path, ": journal has no intact base record",
                                            out.dropped_tail ? "; " : "",
                                            out.dropped_tail.value_or("")));
  }
  // The base's id and position; a base that does not parse is ReplayJournal's to report.
  io_internal::dom::parser parser;
  io_internal::Problems problems;
  if (std::optional<io_internal::dom::element> base =
          io_internal::ParseDocument(parser, out.base, 64, problems)) {
    std::string_view id;
    if (!(*base)["journal_id"].get_string().get(id)) out.journal_id = std::string(id);
    int64_t first = 0;
    if (!(*base)["first_command"].get_int64().get(first) && first >= 0) out.first_command = first;
  }
  return out;
}

std::string JournalBaseRecord(const Scenario& scenario, int64_t now, std::string_view journal_id) {
  std::string out = "{\"allot_journal\":1,\"journal_id\":";
  io_internal::AppendJsonString(&out, journal_id);
  out.append(",\"now\":");
  io_internal::AppendJsonString(&out, lifecycle_internal::FormatTimeExact(now));
  out.append(",\"scenario\":");
  out.append(ScenarioToJson(scenario));
  out.push_back('}');
  return out;
}

std::string JournalSegmentRecord(std::string_view journal_id, int64_t first_command) {
  std::string out = "{\"allot_journal\":1,\"journal_id\":";
  io_internal::AppendJsonString(&out, journal_id);
  out.append(",\"first_command\":");
  io_internal::AppendJsonInt(&out, first_command);
  out.push_back('}');
  return out;
}

std::string NewJournalId() {
  std::random_device device;
  std::string out;
  for (int i = 0; i < 4; ++i) absl::StrAppend(&out, absl::Hex(device(), absl::kZeroPad8));
  return out;
}

namespace {

// Runs journal commands [from, end) on `engine`; DataLoss naming the first
// that fails (`first_command` numbers them in the whole journal).
absl::Status ReplayCommands(Engine& engine, const JournalContents& contents, size_t from) {
  namespace dom = io_internal::dom;
  dom::parser parser;
  io_internal::Problems problems;
  for (size_t i = from; i < contents.commands.size(); ++i) {
    const std::string path =
        absl::StrCat("journal command ", contents.first_command + static_cast<int64_t>(i) + 1);
    std::optional<dom::element> command =
        io_internal::ParseDocument(parser, contents.commands[i], 64, problems);
    lifecycle_internal::CommandOutcome outcome;
    if (command) {
      outcome = lifecycle_internal::ApplyCommand(engine, *command, path);
    } else {
      outcome.status = problems.FirstToStatus();
    }
    if (!outcome.status.ok()) {
      return absl::DataLossError(absl::StrCat(
          path, " was applied once but fails on replay (journal from another engine version?): ",
          outcome.status.ToString()));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<Engine>> ReplayJournal(const JournalContents& contents) {
  namespace dom = io_internal::dom;
  if (contents.first_command != 0) {
    return absl::DataLossError(
        absl::StrCat("journal segment starts after command ", contents.first_command,
                     ": it continues a snapshot; recover it with that snapshot (--snapshot)"));
  }
  dom::parser parser;
  io_internal::Problems problems;
  std::optional<dom::element> base =
      io_internal::ParseDocument(parser, contents.base, ScenarioLimits{}.max_depth, problems);
  if (!base) {
    return absl::DataLossError(
        absl::StrCat("journal base record: ", problems.FirstToStatus().message()));
  }
  std::string_view now_text;
  dom::element scenario_element;
  if ((*base)["now"].get_string().get(now_text) || (*base)["scenario"].get(scenario_element)) {
    return absl::DataLossError("journal base record: needs \"now\" and \"scenario\"");
  }
  std::optional<int64_t> now = lifecycle_internal::ParseTime(now_text);
  if (!now) return absl::DataLossError("journal base record: bad \"now\"");
  absl::StatusOr<Scenario> scenario = ParseScenario(simdjson::minify(scenario_element));
  if (!scenario.ok()) {
    return absl::DataLossError(
        absl::StrCat("journal base record: scenario: ", scenario.status().message()));
  }
  absl::StatusOr<std::unique_ptr<Engine>> engine =
      Engine::Create(*std::move(scenario), {.now = *now});
  if (!engine.ok()) {
    return absl::DataLossError(absl::StrCat("journal base record: ", engine.status().message()));
  }
  RETURN_IF_ERROR(ReplayCommands(**engine, contents, 0));
  return engine;
}

absl::StatusOr<RecoveredEngine> RecoverEngine(const std::string& journal_path,
                                              const std::string& snapshot_path) {
  ASSIGN_OR_RETURN(JournalContents contents, ReadJournal(journal_path));
  RecoveredEngine out;
  out.journal_id = contents.journal_id;
  out.journal_valid_bytes = contents.valid_bytes;
  out.dropped_tail = contents.dropped_tail;
  const int64_t first = contents.first_command;
  const int64_t end = first + static_cast<int64_t>(contents.commands.size());
  std::optional<LoadedSnapshot> snapshot;
  if (!snapshot_path.empty()) {
    absl::StatusOr<LoadedSnapshot> read = ReadSnapshot(snapshot_path);
    if (read.ok()) {
      snapshot = *std::move(read);
    } else if (read.status().code() != absl::StatusCode::kNotFound) {
      return absl::DataLossError(absl::StrCat(
          read.status().message(),
          first == 0 ? "; the journal starts from its scenario: move the snapshot away to "
                       "recover from the journal alone"
                     : ""));
    }
  }
  if (!snapshot) {
    ASSIGN_OR_RETURN(out.engine, ReplayJournal(contents));
    out.commands = end;
    out.replayed = end;
    return out;
  }
  const int64_t at = snapshot->position.journal_commands;
  if (snapshot->position.journal_id != contents.journal_id) {
    return absl::DataLossError(absl::StrCat("snapshot ", snapshot_path, " belongs to journal \"",
                                            snapshot->position.journal_id, "\", not to ",
                                            journal_path, " (\"", contents.journal_id, "\")"));
  }
  if (at < first) {
    return absl::DataLossError(absl::StrCat(
        "snapshot ", snapshot_path, " includes ", at, " commands but journal ", journal_path,
        " starts after command ", first, ": the commands between are lost"));
  }
  out.engine = std::move(snapshot->engine);
  out.snapshot_commands = at;
  if (at > end) {
    out.commands = at;
    out.needs_new_segment = true;
    return out;
  }
  RETURN_IF_ERROR(ReplayCommands(*out.engine, contents, static_cast<size_t>(at - first)));
  out.commands = end;
  out.replayed = end - at;
  return out;
}

// --- JournalWriter. ---

absl::StatusOr<std::unique_ptr<JournalWriter>> JournalWriter::Create(
    const std::string& path, std::string_view base, const JournalOptions& options) {
  if (base.size() > kMaxJournalRecordBytes) {
    return absl::InvalidArgumentError("journal base record exceeds 64 MiB");
  }
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return ErrnoStatus("cannot create journal", path);
  struct stat st;
  if (::fstat(fd, &st) != 0 || st.st_size != 0) {
    ::close(fd);
    return absl::AlreadyExistsError(
        absl::StrCat("journal ", path, " exists and is not empty; recover from it instead"));
  }
  std::unique_ptr<JournalWriter> writer(new JournalWriter(fd, options));
  std::string first(kMagic);
  first.append(Frame(base));
  RETURN_IF_ERROR(WriteAll(fd, first));
  if (options.sync_every_record) {
    if (::fdatasync(fd) != 0) return ErrnoStatus("cannot sync journal", path);
    RETURN_IF_ERROR(lifecycle_internal::SyncParentDirectory(path));
  }
  return writer;
}

absl::StatusOr<std::unique_ptr<JournalWriter>> JournalWriter::CreateSegment(
    const std::string& path, std::string_view base, const JournalOptions& options) {
  if (base.size() > kMaxJournalRecordBytes) {
    return absl::InvalidArgumentError("journal base record exceeds 64 MiB");
  }
  std::string first(kMagic);
  first.append(Frame(base));
  RETURN_IF_ERROR(lifecycle_internal::ReplaceFileAtomically(path, first));
  const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus("cannot open journal", path);
  return std::unique_ptr<JournalWriter>(new JournalWriter(fd, options));
}

absl::StatusOr<std::unique_ptr<JournalWriter>> JournalWriter::OpenForAppend(
    const std::string& path, uint64_t valid_bytes, const JournalOptions& options) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus("cannot open journal", path);
  std::unique_ptr<JournalWriter> writer(new JournalWriter(fd, options));
  struct stat st;
  if (::fstat(fd, &st) != 0) return ErrnoStatus("cannot stat journal", path);
  if (static_cast<uint64_t>(st.st_size) > valid_bytes) {
    // Cut the torn tail, durably, before anything lands after it.
    if (::ftruncate(fd, static_cast<off_t>(valid_bytes)) != 0 || ::fsync(fd) != 0) {
      return ErrnoStatus("cannot truncate the torn tail of journal", path);
    }
  }
  return writer;
}

JournalWriter::~JournalWriter() { ::close(fd_); }

absl::Status JournalWriter::Append(std::string_view payload) {
  if (broken_) return absl::DataLossError("journal writer failed earlier; recover the journal");
  if (payload.size() > kMaxJournalRecordBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("journal record of ", payload.size(), " bytes exceeds the limit of 64 MiB"));
  }
  // One write() per record: a process killed mid-stream leaves whole records
  // (and at worst one torn record at the end, which the CRC catches).
  absl::Status s = WriteAll(fd_, Frame(payload));
  if (s.ok() && options_.sync_every_record && ::fdatasync(fd_) != 0) {
    s = absl::DataLossError(absl::StrCat("journal sync failed: ", std::strerror(errno)));
  }
  if (!s.ok()) broken_ = true;
  return s;
}

absl::Status JournalWriter::Sync() {
  if (broken_) return absl::DataLossError("journal writer failed earlier; recover the journal");
  if (::fdatasync(fd_) != 0) {
    broken_ = true;
    return absl::DataLossError(absl::StrCat("journal sync failed: ", std::strerror(errno)));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<JournalWriter>> SnapshotAndStartSegment(
    const Engine& engine, int64_t commands, const std::string& journal_id,
    const std::string& journal_path, const std::string& snapshot_path, JournalWriter* current,
    const JournalOptions& options) {
  // Never let the snapshot get ahead of the journal on disk.
  if (current != nullptr) RETURN_IF_ERROR(current->Sync());
  RETURN_IF_ERROR(WriteSnapshot(snapshot_path, engine,
                                {.journal_commands = commands, .journal_id = journal_id}));
  return JournalWriter::CreateSegment(journal_path, JournalSegmentRecord(journal_id, commands),
                                      options);
}

// --- JournaledEngine. ---

absl::StatusOr<std::unique_ptr<JournaledEngine>> JournaledEngine::Create(
    const std::string& path, Scenario scenario, int64_t now, const JournalOptions& options) {
  struct stat st;
  if (!options.snapshot_path.empty() && ::stat(options.snapshot_path.c_str(), &st) == 0) {
    return absl::AlreadyExistsError(
        absl::StrCat("snapshot ", options.snapshot_path, " exists; recover from it or remove it"));
  }
  const std::string id = NewJournalId();
  const std::string base = JournalBaseRecord(scenario, now, id);
  ASSIGN_OR_RETURN(std::unique_ptr<Engine> engine,
                   Engine::Create(std::move(scenario), {.now = now}));
  ASSIGN_OR_RETURN(std::unique_ptr<JournalWriter> writer,
                   JournalWriter::Create(path, base, options));
  return std::unique_ptr<JournaledEngine>(
      new JournaledEngine(std::move(engine), std::move(writer), 0, path, id, options));
}

absl::StatusOr<std::unique_ptr<JournaledEngine>> JournaledEngine::Recover(
    const std::string& path, const JournalOptions& options,
    std::optional<std::string>* dropped_tail) {
  ASSIGN_OR_RETURN(RecoveredEngine recovered, RecoverEngine(path, options.snapshot_path));
  std::unique_ptr<JournalWriter> writer;
  if (recovered.needs_new_segment) {
    ASSIGN_OR_RETURN(
        writer, JournalWriter::CreateSegment(
                    path, JournalSegmentRecord(recovered.journal_id, recovered.commands), options));
  } else {
    ASSIGN_OR_RETURN(writer,
                     JournalWriter::OpenForAppend(path, recovered.journal_valid_bytes, options));
  }
  if (dropped_tail != nullptr) *dropped_tail = recovered.dropped_tail;
  std::unique_ptr<JournaledEngine> j(new JournaledEngine(std::move(recovered.engine),
                                                         std::move(writer), recovered.commands,
                                                         path, recovered.journal_id, options));
  WriterMutexLock lock(&j->mu_);
  j->snapshot_commands_ = recovered.snapshot_commands;
  return j;
}

absl::StatusOr<std::vector<std::string>> JournaledEngine::Apply(std::string_view command_json) {
  namespace dom = io_internal::dom;
  dom::parser parser;
  io_internal::Problems problems;
  std::optional<dom::element> command =
      io_internal::ParseDocument(parser, command_json, 64, problems);
  if (!command) return problems.FirstToStatus();
  WriterMutexLock lock(&mu_);
  if (!broken_.ok()) return broken_;
  lifecycle_internal::CommandOutcome outcome =
      lifecycle_internal::ApplyCommand(*engine_, *command, "command");
  if (!outcome.status.ok()) return outcome.status;
  absl::Status s = writer_->Append(simdjson::minify(*command));
  if (!s.ok()) {
    broken_ =
        absl::DataLossError(absl::StrCat("a command was applied but not journaled: ", s.message()));
    return broken_;
  }
  ++commands_;
  if (options_.snapshot_every > 0 && !options_.snapshot_path.empty() &&
      commands_ - std::max<int64_t>(snapshot_commands_, 0) >= options_.snapshot_every) {
    // The command is durable whatever happens here.
    last_snapshot_status_ = SnapshotLocked();
  }
  return std::move(outcome.created);
}

absl::Status JournaledEngine::Snapshot() {
  WriterMutexLock lock(&mu_);
  return SnapshotLocked();
}

absl::Status JournaledEngine::SnapshotLocked() {
  if (!broken_.ok()) return broken_;
  if (options_.snapshot_path.empty()) {
    return absl::FailedPreconditionError("no snapshot path (JournalOptions::snapshot_path)");
  }
  // Sync the current segment first: a failure there is the journal's.
  if (absl::Status s = writer_->Sync(); !s.ok()) {
    broken_ = s;
    return s;
  }
  if (absl::Status s = WriteSnapshot(options_.snapshot_path, *engine_,
                                     {.journal_commands = commands_, .journal_id = journal_id_});
      !s.ok()) {
    return s;  // the old snapshot and the journal stand; nothing is lost
  }
  snapshot_commands_ = commands_;
  absl::StatusOr<std::unique_ptr<JournalWriter>> segment =
      JournalWriter::CreateSegment(path_, JournalSegmentRecord(journal_id_, commands_), options_);
  if (!segment.ok()) {
    // The rename may or may not have happened: the old writer may point at
    // a replaced file. Stop; recovery sorts it out from the snapshot.
    broken_ = absl::DataLossError(absl::StrCat(
        "snapshot written but the new journal segment failed: ", segment.status().message()));
    return broken_;
  }
  writer_ = *std::move(segment);
  return absl::OkStatus();
}

int64_t JournaledEngine::commands() const {
  ReaderMutexLock lock(&mu_);
  return commands_;
}

int64_t JournaledEngine::snapshot_commands() const {
  ReaderMutexLock lock(&mu_);
  return snapshot_commands_;
}

absl::Status JournaledEngine::last_snapshot_status() const {
  ReaderMutexLock lock(&mu_);
  return last_snapshot_status_;
}

}  // namespace allot
