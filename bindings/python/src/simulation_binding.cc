// The simulator (allot/simulation.h) for allot.simulate: the config goes in as
// JSON, the summary, CSV and table come back as text, and the Python package
// turns them into objects and plots (allot/simulate.py).
#include <optional>
#include <string>
#include <tuple>

#include "allot/simulation.h"
#include "bindings.h"

namespace allot::python {

void BindSimulation(py::module_& m) {
  m.def(
      "_simulate",
      [](const std::string& config_json, py::object progress) {
        SimulationConfig config = ValueOrThrow(ParseSimulationConfig(config_json));
        // Runs without the GIL; the callback takes it a few times a second to
        // report progress and to let Ctrl-C (or an exception in `progress`)
        // cancel the run.
        std::optional<py::error_already_set> failure;
        SimulationProgress on_progress = [&](int64_t done, int64_t total) {
          py::gil_scoped_acquire acquire;
          try {
            if (PyErr_CheckSignals() != 0) throw py::error_already_set();
            if (!progress.is_none()) progress(done, total);
          } catch (py::error_already_set& e) {
            failure.emplace(std::move(e));
            return false;
          }
          return true;
        };
        absl::StatusOr<SimulationResult> result;
        {
          py::gil_scoped_release release;
          result = Simulate(config, on_progress);
        }
        if (failure) throw std::move(*failure);
        ThrowIfError(result.status());
        std::string summary, csv, table;
        {
          py::gil_scoped_release release;
          summary = SimulationSummaryJson(*result);
          csv = SimulationCsv(*result);
          table = SimulationTable(*result);
        }
        return std::make_tuple(summary, csv, table);
      },
      py::arg("config_json"), py::arg("progress") = py::none(),
      "Runs a simulation (docs/simulation.md) from a config document; returns (summary JSON, "
      "CSV, console table). `progress(done, total)` is called a few times a second. Raises "
      "InvalidArgumentError for a bad config, NotFoundError for a missing file.");
  m.def(
      "_simulation_config",
      [](const std::string& config_json) {
        return SimulationConfigJson(ValueOrThrow(ParseSimulationConfig(config_json)));
      },
      py::arg("config_json"),
      "The config with every default filled in, as JSON; InvalidArgumentError when bad.");
}

}  // namespace allot::python
