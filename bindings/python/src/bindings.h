// Shared declarations of the native module allot._allot: one Bind* per
// component binding file, and the one place that turns an absl::Status into a
// Python exception (status_binding.cc).
#ifndef ALLOT_BINDINGS_PYTHON_BINDINGS_H_
#define ALLOT_BINDINGS_PYTHON_BINDINGS_H_

#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "allot/order.h"
#include "allot/routing.h"
#include "pybind11/pybind11.h"

namespace allot::python {

namespace py = pybind11;

void BindStatus(py::module_& m);
void BindRouting(py::module_& m);
void BindIo(py::module_& m);
void BindSimulation(py::module_& m);
void BindLifecycle(py::module_& m);

// Raises the Python exception for a non-OK status (allot.Error and its
// subclasses; see status_binding.cc for the mapping). Needs the GIL.
void ThrowIfError(const absl::Status& status);

template <typename T>
T ValueOrThrow(absl::StatusOr<T> value) {
  ThrowIfError(value.status());
  return *std::move(value);
}

// A policy from Python: None (the default), a name ("min_cost") or a dict as
// in scenario files ({"name": "rules", "rules": [...], "max_shipments": 2}).
// InvalidArgument when malformed.
absl::StatusOr<RoutingPolicy> PolicyFromPython(py::handle policy, const RoutingPolicy& fallback);
// A policy as a dict in the scenario format.
py::dict PolicyToPython(const RoutingPolicy& policy);
// An order from a dict in the scenario format ({"id", "destination", "lines"}).
absl::StatusOr<Order> OrderFromPython(py::handle order);
// json.dumps / json.loads.
std::string JsonDumps(py::handle value);
py::object JsonLoads(const std::string& text);

}  // namespace allot::python

#endif  // ALLOT_BINDINGS_PYTHON_BINDINGS_H_
