// allot._allot: the native half of the Python package `allot`. The package
// (bindings/python/allot) re-exports what users need; see docs/python.md.
#include "bindings.h"

PYBIND11_MODULE(_allot, m) {
  m.doc() = "Native bindings of the Allot fulfillment routing engine (use the `allot` package).";
  allot::python::BindStatus(m);
  allot::python::BindRouting(m);
  allot::python::BindIo(m);
  allot::python::BindSimulation(m);
  allot::python::BindLifecycle(m);
}
