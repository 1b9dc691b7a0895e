// The journal of allot/journal.h: record framing with a CRC-32, reading back
// with torn-tail detection, replay through the command reader of `allot
// apply`, and JournaledEngine.
#include "allot/journal.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "io/json_reader.h"
#include "io/json_writer.h"
#include "lifecycle/command_json.h"
#include "lifecycle/time.h"

namespace allot {
namespace {

constexpr std::string_view kMagic = "ALLOTJ1\n";
constexpr size_t kHeaderBytes = 8;  // length + CRC

// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), as zlib computes it.
// Debian's Abseil 20220623 predates absl/crc.
uint32_t Crc32(std::string_view data) {
  static const std::array<uint32_t, 256> kTable = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  uint32_t c = 0xFFFFFFFFu;
  for (unsigned char b : data) c = kTable[(c ^ b) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

void PutU32(std::string* out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

uint32_t GetU32(const char* p) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v |= uint32_t{static_cast<unsigned char>(p[i])} << (8 * i);
  return v;
}

absl::Status ErrnoStatus(std::string_view what, const std::string& path) {
  const int e = errno;
  const std::string message =
      absl::StrCat(absl::string_view(what.data(), what.size()), " ", path, ": ", std::strerror(e));
  if (e == ENOENT) return absl::NotFoundError(message);
  if (e == EACCES || e == EPERM) return absl::PermissionDeniedError(message);
  return absl::DataLossError(message);
}

absl::Status WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return absl::DataLossError(absl::StrCat("journal write failed: ", std::strerror(errno)));
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return absl::OkStatus();
}

// Makes a new file's directory entry durable too.
void SyncParentDirectory(const std::string& path) {
  const size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : path.substr(0, slash + 1);
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

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
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus("cannot open journal", path);
  std::string data;
  char buffer[1 << 16];
  while (true) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      absl::Status s = ErrnoStatus("cannot read journal", path);
      ::close(fd);
      return s;
    }
    if (n == 0) break;
    data.append(buffer, static_cast<size_t>(n));
  }
  ::close(fd);

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
  return out;
}

std::string JournalBaseRecord(const Scenario& scenario, int64_t now) {
  std::string out = "{\"allot_journal\":1,\"now\":";
  io_internal::AppendJsonString(&out, lifecycle_internal::FormatTime(now));
  out.append(",\"scenario\":");
  out.append(ScenarioToJson(scenario));
  out.push_back('}');
  return out;
}

absl::StatusOr<std::unique_ptr<Engine>> ReplayJournal(const JournalContents& contents) {
  namespace dom = io_internal::dom;
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
  for (size_t i = 0; i < contents.commands.size(); ++i) {
    const std::string path = absl::StrCat("journal command ", i + 1);
    std::optional<dom::element> command =
        io_internal::ParseDocument(parser, contents.commands[i], 64, problems);
    lifecycle_internal::CommandOutcome outcome;
    if (command) {
      outcome = lifecycle_internal::ApplyCommand(**engine, *command, path);
    } else {
      outcome.status = problems.FirstToStatus();
    }
    if (!outcome.status.ok()) {
      return absl::DataLossError(absl::StrCat(
          path, " was applied once but fails on replay (journal from another engine version?): ",
          outcome.status.ToString()));
    }
  }
  return engine;
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
    SyncParentDirectory(path);
  }
  return writer;
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

// --- JournaledEngine. ---

absl::StatusOr<std::unique_ptr<JournaledEngine>> JournaledEngine::Create(
    const std::string& path, Scenario scenario, int64_t now, const JournalOptions& options) {
  const std::string base = JournalBaseRecord(scenario, now);
  ASSIGN_OR_RETURN(std::unique_ptr<Engine> engine,
                   Engine::Create(std::move(scenario), {.now = now}));
  ASSIGN_OR_RETURN(std::unique_ptr<JournalWriter> writer,
                   JournalWriter::Create(path, base, options));
  return std::unique_ptr<JournaledEngine>(
      new JournaledEngine(std::move(engine), std::move(writer), 0));
}

absl::StatusOr<std::unique_ptr<JournaledEngine>> JournaledEngine::Recover(
    const std::string& path, const JournalOptions& options,
    std::optional<std::string>* dropped_tail) {
  ASSIGN_OR_RETURN(JournalContents contents, ReadJournal(path));
  ASSIGN_OR_RETURN(std::unique_ptr<Engine> engine, ReplayJournal(contents));
  ASSIGN_OR_RETURN(std::unique_ptr<JournalWriter> writer,
                   JournalWriter::OpenForAppend(path, contents.valid_bytes, options));
  if (dropped_tail != nullptr) *dropped_tail = contents.dropped_tail;
  return std::unique_ptr<JournaledEngine>(new JournaledEngine(
      std::move(engine), std::move(writer), static_cast<int64_t>(contents.commands.size())));
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
  return std::move(outcome.created);
}

int64_t JournaledEngine::commands() const {
  ReaderMutexLock lock(&mu_);
  return commands_;
}

}  // namespace allot
