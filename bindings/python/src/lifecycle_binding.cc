// The lifecycle engine (allot/engine.h) for allot.Engine. Commands travel as
// the command objects of `allot apply` (docs/formats.md), so that Python and
// the CLI share one reader and one set of rules; allot/engine.py gives each
// command a Python method. Reads come back JSON-shaped (the `state` of
// `allot apply`), events as dicts.
//
// Thread safety: every call takes the engine's mutex with the GIL released.
// Subscribers are called after the command, with the GIL held and the mutex
// released, so a subscriber may issue commands itself.
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "allot/engine.h"
#include "bindings.h"
#include "io/json_reader.h"
#include "lifecycle/command_json.h"
#include "lifecycle/state_json.h"
#include "lifecycle/time.h"
#include "pybind11/functional.h"
#include "pybind11/stl.h"

namespace allot::python {
namespace {

struct PyEngine {
  std::unique_ptr<Engine> engine;
  std::mutex mu;                                        // guards engine and pending
  std::vector<std::string> pending;                     // events (as JSON) not yet delivered
  std::vector<std::pair<int, py::object>> subscribers;  // touched with the GIL only
  int next_token = 1;
};

// Engine microseconds to whole seconds, rounded towards the past.
int64_t FloorSeconds(int64_t micros) {
  return micros / kMicrosPerSecond - (micros % kMicrosPerSecond < 0 ? 1 : 0);
}

// Delivers the events the last command logged (GIL held).
void Deliver(PyEngine& self) {
  std::vector<std::string> events;
  {
    py::gil_scoped_release release;
    std::lock_guard<std::mutex> lock(self.mu);
    events.swap(self.pending);
  }
  if (events.empty() || self.subscribers.empty()) return;
  auto subscribers = self.subscribers;  // a subscriber may unsubscribe
  for (const std::string& e : events) {
    py::object event = JsonLoads(e);
    for (auto& [token, callback] : subscribers) callback(event);
  }
}

}  // namespace

void BindLifecycle(py::module_& m) {
  py::class_<PyEngine>(m, "_Engine", "The native half of allot.Engine (use allot.Engine).")
      .def(py::init([](Scenario& scenario, int64_t now) {
             auto self = std::make_unique<PyEngine>();
             absl::StatusOr<std::unique_ptr<Engine>> engine;
             {
               py::gil_scoped_release release;
               engine = Engine::Create(scenario, {.now = now * kMicrosPerSecond});
             }
             self->engine = ValueOrThrow(std::move(engine));
             PyEngine* raw = self.get();
             // Runs inside a command, under mu.
             raw->engine->Subscribe([raw](const Event& e) {
               std::string json;
               lifecycle_internal::AppendEventJson(e, &json);
               raw->pending.push_back(std::move(json));
             });
             return self;
           }),
           py::arg("scenario"), py::arg("now") = 0)
      .def(
          "_apply",
          [](PyEngine& self, const std::string& command_json) {
            lifecycle_internal::CommandOutcome outcome;
            {
              py::gil_scoped_release release;
              io_internal::dom::parser parser;
              io_internal::Problems problems;
              std::optional<io_internal::dom::element> e =
                  io_internal::ParseDocument(parser, command_json, 64, problems);
              if (!e) {
                outcome.status = problems.FirstToStatus();
              } else {
                std::lock_guard<std::mutex> lock(self.mu);
                outcome = lifecycle_internal::ApplyCommand(*self.engine, *e, "command");
              }
            }
            Deliver(self);
            ThrowIfError(outcome.status);
            return outcome.created;
          },
          py::arg("command_json"),
          "Runs one command object of `allot apply`; returns the ids it created.")
      .def(
          "_state",
          [](PyEngine& self) {
            std::string out;
            {
              py::gil_scoped_release release;
              std::lock_guard<std::mutex> lock(self.mu);
              lifecycle_internal::AppendStateJson(*self.engine, &out);
            }
            return JsonLoads(out);
          },
          "The state of `allot apply` as a dict.")
      .def(
          "_events",
          [](PyEngine& self, int64_t since) {
            std::string out;
            {
              py::gil_scoped_release release;
              std::lock_guard<std::mutex> lock(self.mu);
              std::vector<Event> later;
              for (const Event& e : self.engine->events()) {
                if (e.seq > since) later.push_back(e);
              }
              lifecycle_internal::AppendEventsJson(later, &out);
            }
            return JsonLoads(out);
          },
          py::arg("since") = 0)
      .def_property_readonly(
          "now",
          [](PyEngine& self) {
            std::lock_guard<std::mutex> lock(self.mu);
            return FloorSeconds(self.engine->now());
          },
          "The engine clock, whole seconds since the epoch (UTC); the engine keeps "
          "microseconds.")
      .def(
          "subscribe",
          [](PyEngine& self, py::function callback) {
            const int token = self.next_token++;
            self.subscribers.emplace_back(token, std::move(callback));
            return token;
          },
          py::arg("callback"),
          "Calls callback(event: dict) for every later event, after the command that caused it "
          "returns, in the calling thread. Returns a token for unsubscribe().")
      .def(
          "unsubscribe",
          [](PyEngine& self, int token) {
            std::erase_if(self.subscribers, [&](const auto& s) { return s.first == token; });
          },
          py::arg("token"), "Stops the subscription `token` (no-op when unknown).");
  m.def(
      "_parse_time",
      [](const std::string& text) -> std::optional<int64_t> {
        std::optional<int64_t> micros = lifecycle_internal::ParseTime(text);
        if (!micros) return std::nullopt;
        return FloorSeconds(*micros);
      },
      py::arg("text"), "RFC 3339 text to whole epoch seconds (the fraction cut off), or None.");
  m.def(
      "_format_time",
      [](int64_t seconds) { return lifecycle_internal::FormatTime(seconds * kMicrosPerSecond); },
      py::arg("seconds"), "Epoch seconds to YYYY-MM-DDTHH:MM:SSZ.");
}

}  // namespace allot::python
