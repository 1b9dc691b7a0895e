// Snapshots (allot/snapshot.h): the round trip rebuilds the engine exactly,
// recovery = snapshot + journal tail equals a full replay (also after a
// crash between taking the snapshot and starting the new segment), and a
// torn or corrupt snapshot is refused with a clear message.
#include "allot/snapshot.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "allot/journal.h"
#include "engine/lifecycle/lifecycle_fixture.h"
#include "gtest/gtest.h"
#include "lifecycle/command_json.h"
#include "lifecycle/state_json.h"

namespace allot::testing {
namespace {

constexpr int64_t kNow = 1'795'510'800 * kMicrosPerSecond;

std::string TempPath(const std::string& name) { return testing::TempPath("allot_snapshot", name); }

// Command `i` of a deterministic stream that touches every part of the
// state: routes (with fractional fulfill_at, unknown SKUs, other policies),
// reroutes, holds with notes, fulfillments with tracking and shipment
// events, cancellations, requests to the 3PL, clock moves, stock and
// location changes. Many fail; that is part of the test.
std::string Command(int i) {
  // A scripted start that reaches every corner of the state; random after.
  static const std::vector<std::string> kStory = {
      R"({"op":"route","order":{"id":"s1","destination":{"lat":42.36,"lon":-71.06,"country":"US"},"lines":[{"sku":"A","quantity":3}]}})",
      R"({"op":"create_fulfillment","fulfillment_orders":[{"id":"s1-F1","lines":[{"line":0,"quantity":1}]}],"tracking":{"number":"1Zs1","url":"https://t.test/1"}})",
      R"({"op":"fulfillment_event","fulfillment":"s1.1","status":"in_transit"})",
      R"({"op":"route","order":{"id":"s0","destination":{"lat":42.36,"lon":-71.06,"country":"US"},"lines":[{"sku":"A","quantity":1}]}})",
      R"({"op":"create_fulfillment","fulfillment_orders":[{"id":"s0-F1"}]})",
      R"({"op":"route","order":{"id":"s2","destination":{"lat":42.36,"lon":-71.06,"country":"US"},"lines":[{"sku":"B","quantity":1}]}})",
      R"({"op":"hold","fulfillment_order":"s2-F1","reason":"other","notes":"n-s2","handle":"h"})",
      R"({"op":"route","order":{"id":"s3","destination":{"lat":41.88,"lon":-87.63,"country":"US"},"lines":[{"sku":"C","quantity":1}]},"policy":{"name":"nearest"}})",
      R"({"op":"submit_fulfillment_request","fulfillment_order":"s3-F1","message":"go"})",
      R"({"op":"route","order":{"id":"s4","destination":{"lat":41.88,"lon":-87.63,"country":"US"},"lines":[{"sku":"C","quantity":1}]},"policy":{"name":"nearest"}})",
      R"({"op":"submit_fulfillment_request","fulfillment_order":"s4-F1"})",
      R"({"op":"accept_fulfillment_request","actor":"service:3PL","fulfillment_order":"s4-F1"})",
      R"({"op":"route","order":{"id":"s5","destination":{"lat":42.36,"lon":-71.06,"country":"US"},"lines":[{"sku":"Q","quantity":1},{"sku":"A","quantity":1}]},"fulfill_at":"2027-01-01T00:00:00.25Z"})",
  };
  if (static_cast<size_t>(i) < kStory.size()) return kStory[i];
  std::mt19937 rng(i * 7919 + 1);
  auto r = [&](int n) { return static_cast<int>(rng() % n); };
  // Every third command routes order "o<i>"; the others name one of those.
  const std::string order = "o" + std::to_string(3 * r(i / 3 + 1));
  const std::string fo = "\"" + order + "-F" + std::to_string(1 + r(2)) + "\"";
  const std::string sku = std::string(1, "ABCQ"[r(4)]);
  switch (i % 3 == 0 ? 99 : r(16)) {
    case 0:
      return R"({"op":"receive","location":")" + std::string(r(2) ? "NJ" : "LA") + R"(","sku":")" +
             sku + R"(","quantity":)" + std::to_string(1 + r(4)) + "}";
    case 1:
      return R"({"op":"create_fulfillment","fulfillment_orders":[{"id":)" + fo +
             R"(,"lines":[{"line":0,"quantity":1}]}],"tracking":{"number":"1Z)" +
             std::to_string(i) + R"(","company":"UPS"}})";
    case 2:
      return R"({"op":"hold","fulfillment_order":)" + fo +
             R"(,"reason":"awaiting_payment","notes":"n)" + std::to_string(i) + "\"}";
    case 3:
      return R"({"op":"release_hold","fulfillment_order":)" + fo + "}";
    case 4:
      return R"({"op":"move","fulfillment_order":)" + fo + R"(,"location":"LA"})";
    case 5:
      return R"({"op":"cancel_fulfillment","fulfillment":")" + order + ".1\"}";
    case 6:
    case 14:
      return R"({"op":"fulfillment_event","fulfillment":")" + order +
             R"(.1","status":"in_transit"})";
    case 7:
      return R"({"op":"reroute","order":")" + order + "\"}";
    case 8:
      return R"({"op":"advance_clock","to":"2026-11-24T09:)" + std::to_string(10 + i / 10 % 50) +
             R"(:00.25Z"})";
    case 9:
      return R"({"op":"cancel_order","order":")" + order + "\"}";
    case 10:
      return R"({"op":"submit_fulfillment_request","fulfillment_order":)" + fo + "}";
    case 11:
    case 15:
      return R"({"op":"accept_fulfillment_request","actor":"service:3PL","fulfillment_order":)" +
             fo + "}";
    case 12:
      return R"({"op":"set_location","location":"NJ","active":)" +
             std::string(r(3) ? "true" : "false") + "}";
    case 13:
      return R"({"op":"split","fulfillment_order":)" + fo +
             R"(,"lines":[{"line":0,"quantity":1}]})";
    default: {
      std::string cmd =
          R"({"op":"route","order":{"id":"o)" + std::to_string(i - i % 3) +
          R"(","destination":{"lat":41.88,"lon":-87.63,"country":"US"},"lines":[{"sku":")" + sku +
          R"(","quantity":)" + std::to_string(1 + r(3)) + "}]}";
      if (r(3) == 0) cmd += R"(,"fulfill_at":"2026-11-25T09:30:00.5Z")";
      if (r(2) == 0) cmd += R"(,"policy":{"name":"nearest"})";
      return cmd + "}";
    }
  }
}

struct Outcome {
  absl::StatusCode code;
  std::vector<std::string> created;
  bool operator==(const Outcome&) const = default;
};

Outcome RunCommand(Engine& engine, const std::string& json) {
  io_internal::dom::parser parser;
  io_internal::dom::element e;
  EXPECT_FALSE(parser.parse(json).get(e)) << json;
  lifecycle_internal::CommandOutcome o = lifecycle_internal::ApplyCommand(engine, e, "command");
  return {o.status.code(), o.created};
}

std::string Events(const Engine& engine) {
  std::string out;
  lifecycle_internal::AppendEventsJson(engine.events(), &out);
  return out;
}

std::unique_ptr<Engine> NewEngine() {
  absl::StatusOr<std::unique_ptr<Engine>> e = Engine::Create(StoryScenario(), {.now = kNow});
  EXPECT_TRUE(e.ok()) << e.status();
  return *std::move(e);
}

TEST(Snapshot, RoundTripRebuildsTheEngineExactly) {
  constexpr int kCommands = 400;
  std::unique_ptr<Engine> a = NewEngine();
  int ok = 0;
  std::string seen;  // the snapshots checked, for the coverage check below
  for (int i = 0; i < kCommands; ++i) {
    ok += RunCommand(*a, Command(i)).code == absl::StatusCode::kOk;
    if (i % 97 != 50 && i != 12) continue;
    seen += a->SnapshotJson();
    // A copy from the snapshot, then the rest of the stream on both.
    absl::StatusOr<std::unique_ptr<Engine>> b = Engine::FromSnapshotJson(a->SnapshotJson());
    ASSERT_TRUE(b.ok()) << b.status();
    EXPECT_EQ(lifecycle_internal::StateJson(**b), lifecycle_internal::StateJson(*a));
    EXPECT_EQ(Events(**b), Events(*a));
    EXPECT_EQ((*b)->SnapshotJson(), a->SnapshotJson());
    std::unique_ptr<Engine> a2 = Engine::FromSnapshotJson(a->SnapshotJson()).value();
    for (int k = i + 1; k < kCommands; ++k) {
      ASSERT_EQ(RunCommand(**b, Command(k)), RunCommand(*a2, Command(k))) << "command " << k;
    }
    EXPECT_EQ(lifecycle_internal::StateJson(**b), lifecycle_internal::StateJson(*a2));
    EXPECT_EQ(Events(**b), Events(*a2));
  }
  EXPECT_GT(ok, kCommands / 4);
  // The stream reached the corners: FOs of several statuses, holds,
  // fulfillments with tracking, a scheduled FO, a sub-second clock.
  const std::string snapshot = seen + a->SnapshotJson();
  for (const char* part :
       {"\"on_hold\"", "\"scheduled\"", "\"in_progress\"", "\"closed\"", "\"cancelled\"",
        "\"in_transit\"", "\"number\":\"1Z", "\"notes\":\"n", "\"submitted\"", "\"accepted\""}) {
    EXPECT_NE(snapshot.find(part), std::string::npos) << part;
  }
  EXPECT_NE(a->now() % kMicrosPerSecond, 0);
}

TEST(Snapshot, FileRoundTripKeepsThePosition) {
  const std::string path = TempPath("file");
  std::unique_ptr<Engine> a = NewEngine();
  for (int i = 0; i < 120; ++i) RunCommand(*a, Command(i));
  ASSERT_TRUE(WriteSnapshot(path, *a, {.journal_commands = 77, .journal_id = "abc"}).ok());
  absl::StatusOr<LoadedSnapshot> s = ReadSnapshot(path);
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->position.journal_commands, 77);
  EXPECT_EQ(s->position.journal_id, "abc");
  EXPECT_EQ(lifecycle_internal::StateJson(*s->engine), lifecycle_internal::StateJson(*a));
  EXPECT_EQ(Events(*s->engine), Events(*a));
  EXPECT_EQ(ReadSnapshot(TempPath("missing")).status().code(), absl::StatusCode::kNotFound);
  std::remove(path.c_str());
}

TEST(Snapshot, TornOrCorruptSnapshotIsRefused) {
  std::unique_ptr<Engine> a = NewEngine();
  for (int i = 0; i < 60; ++i) RunCommand(*a, Command(i));
  const std::string whole = EncodeSnapshot(*a, {.journal_commands = 5});
  ASSERT_TRUE(DecodeSnapshot(whole).ok());
  int refused = 0;
  auto expect_refused = [&](const std::string& bytes, const std::string& what) {
    absl::StatusOr<LoadedSnapshot> s = DecodeSnapshot(bytes, "S");
    ASSERT_FALSE(s.ok()) << what;
    EXPECT_EQ(s.status().code(), absl::StatusCode::kDataLoss) << what;
    EXPECT_NE(s.status().message().find("snapshot S is torn or corrupt and was not loaded"),
              std::string::npos)
        << what << ": " << s.status();
    ++refused;
  };
  // Every cut (a torn write), a sample of flipped bytes, and extra bytes.
  for (size_t cut = 0; cut < whole.size(); cut += (cut < 64 ? 1 : 37)) {
    expect_refused(whole.substr(0, cut), "cut at " + std::to_string(cut));
  }
  for (size_t at = 0; at < whole.size(); at += 13) {
    std::string bad = whole;
    bad[at] ^= 0x20;
    expect_refused(bad, "flipped byte " + std::to_string(at));
  }
  expect_refused(whole + "x", "a byte too many");
  EXPECT_GT(refused, 100);
  // A sound frame around an inconsistent state is refused too.
  std::string json = a->SnapshotJson();
  const size_t at = json.find("\"base_reserved\":0");
  ASSERT_NE(at, std::string::npos);
  json.replace(at, 17, "\"base_reserved\":3");
  absl::StatusOr<std::unique_ptr<Engine>> e = Engine::FromSnapshotJson(json);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(e.status().message().find("does not match"), std::string::npos) << e.status();
  // So is a level outside the inventory's domain, naming the record and field.
  json = a->SnapshotJson();
  const size_t on_hand = json.find("\"on_hand\":");
  ASSERT_NE(on_hand, std::string::npos);
  const size_t digits = json.find_first_not_of("0123456789", on_hand + 10) - (on_hand + 10);
  json.replace(on_hand + 10, digits, "2100000000");  // an int32, above kMaxQuantity
  e = Engine::FromSnapshotJson(json);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(e.status().message().find("inventory[0].on_hand: out of range"), std::string::npos)
      << e.status();
}

// Recovery = snapshot + the journal after it gives the state of replaying
// the whole stream, with automatic snapshots every 17 commands, after an
// explicit snapshot, and after a crash between the snapshot and the new
// segment.
TEST(SnapshotRecovery, SnapshotPlusTailEqualsFullReplay) {
  const std::string journal = TempPath("journal");
  const std::string snap = TempPath("journal.snap");
  std::remove(journal.c_str());
  std::remove(snap.c_str());
  const JournalOptions options{
      .snapshot_path = snap, .snapshot_every = 17, .sync_every_record = false};
  std::unique_ptr<Engine> reference = NewEngine();
  {
    auto j = JournaledEngine::Create(journal, StoryScenario(), kNow, options);
    ASSERT_TRUE(j.ok()) << j.status();
    for (int i = 0; i < 300; ++i) {
      const bool applied = (*j)->Apply(Command(i)).ok();
      EXPECT_EQ(applied, RunCommand(*reference, Command(i)).code == absl::StatusCode::kOk) << i;
      ASSERT_TRUE((*j)->last_snapshot_status().ok()) << (*j)->last_snapshot_status();
    }
    EXPECT_GT((*j)->snapshot_commands(), 0);
    EXPECT_GE((*j)->commands() - (*j)->snapshot_commands(), 0);
    EXPECT_LT((*j)->commands() - (*j)->snapshot_commands(), 17);
  }
  absl::StatusOr<RecoveredEngine> r = RecoverEngine(journal, snap);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_GT(r->snapshot_commands, 0);
  EXPECT_LT(r->replayed, 17);
  EXPECT_EQ(lifecycle_internal::StateJson(*r->engine), lifecycle_internal::StateJson(*reference));
  EXPECT_EQ(Events(*r->engine), Events(*reference));
  // The journal is a segment now: without its snapshot it cannot be replayed.
  absl::StatusOr<RecoveredEngine> alone = RecoverEngine(journal);
  ASSERT_FALSE(alone.ok());
  EXPECT_NE(alone.status().message().find("recover it with that snapshot"), std::string::npos);

  // A crash after the snapshot, before the new segment: an old journal and a
  // newer snapshot. Recovery replays only the journal after the snapshot.
  auto j = JournaledEngine::Recover(journal, {.snapshot_path = snap});
  ASSERT_TRUE(j.ok()) << j.status();
  for (int i = 300; i < 340; ++i) {
    EXPECT_EQ((*j)->Apply(Command(i)).ok(),
              RunCommand(*reference, Command(i)).code == absl::StatusCode::kOk);
  }
  ASSERT_TRUE(WriteSnapshot(snap, (*j)->engine(),
                            {.journal_commands = (*j)->commands(), .journal_id = r->journal_id})
                  .ok());
  for (int i = 340; i < 350; ++i) {
    EXPECT_EQ((*j)->Apply(Command(i)).ok(),
              RunCommand(*reference, Command(i)).code == absl::StatusCode::kOk);
  }
  j->reset();
  r = RecoverEngine(journal, snap);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(lifecycle_internal::StateJson(*r->engine), lifecycle_internal::StateJson(*reference));
  EXPECT_EQ(Events(*r->engine), Events(*reference));
  EXPECT_LE(r->replayed, 10);

  // A snapshot of another journal is refused.
  ASSERT_TRUE(WriteSnapshot(snap, *reference, {.journal_commands = 1, .journal_id = "other"}).ok());
  r = RecoverEngine(journal, snap);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("belongs to journal"), std::string::npos) << r.status();
  // A torn snapshot is refused, naming the file.
  WriteAll(snap, EncodeSnapshot(*reference, {.journal_commands = 1}).substr(0, 100));
  r = RecoverEngine(journal, snap);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(r.status().message().find("is torn or corrupt"), std::string::npos) << r.status();
  std::remove(journal.c_str());
  std::remove(snap.c_str());
}

// A journal that lost its tail (written without sync, then a power failure)
// behind a snapshot: the snapshot wins and a new segment starts at it.
TEST(SnapshotRecovery, SnapshotAheadOfTheJournalStartsANewSegment) {
  const std::string journal = TempPath("ahead");
  const std::string snap = TempPath("ahead.snap");
  std::remove(journal.c_str());
  std::remove(snap.c_str());
  std::unique_ptr<Engine> reference = NewEngine();
  {
    auto j = JournaledEngine::Create(journal, StoryScenario(), kNow, {.snapshot_path = snap});
    ASSERT_TRUE(j.ok()) << j.status();
    for (int i = 0; i < 50; ++i) {
      (*j)->Apply(Command(i)).IgnoreError();
      RunCommand(*reference, Command(i));
    }
    const std::string id = ReadJournal(journal)->journal_id;
    ASSERT_TRUE(WriteSnapshot(snap, (*j)->engine(),
                              {.journal_commands = (*j)->commands(), .journal_id = id})
                    .ok());
  }
  absl::StatusOr<JournalContents> c = ReadJournal(journal);
  ASSERT_TRUE(c.ok());
  const std::string whole = ReadAll(journal);
  WriteAll(journal, whole.substr(0, whole.size() - c->commands.back().size() - 8));
  auto j = JournaledEngine::Recover(journal, {.snapshot_path = snap});
  ASSERT_TRUE(j.ok()) << j.status();
  EXPECT_EQ(lifecycle_internal::StateJson((*j)->engine()),
            lifecycle_internal::StateJson(*reference));
  for (int i = 50; i < 80; ++i) {
    EXPECT_EQ((*j)->Apply(Command(i)).ok(),
              RunCommand(*reference, Command(i)).code == absl::StatusCode::kOk);
  }
  j->reset();
  absl::StatusOr<RecoveredEngine> r = RecoverEngine(journal, snap);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(lifecycle_internal::StateJson(*r->engine), lifecycle_internal::StateJson(*reference));
  std::remove(journal.c_str());
  std::remove(snap.c_str());
}

}  // namespace
}  // namespace allot::testing
