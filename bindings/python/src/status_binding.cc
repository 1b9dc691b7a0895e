// The one place where an absl::Status becomes a Python exception.
//
// The classes live in allot/errors.py (allot.Error and one subclass per
// status code, each also deriving from the matching built-in exception):
//   INVALID_ARGUMENT    InvalidArgumentError(Error, ValueError)
//   NOT_FOUND           NotFoundError(Error, KeyError)
//   PERMISSION_DENIED   PermissionDeniedError(Error, PermissionError)
//   ALREADY_EXISTS      AlreadyExistsError(Error)
//   FAILED_PRECONDITION FailedPreconditionError(Error)
//   CANCELLED           CancelledError(Error)
//   anything else       Error
// Each carries `code` (the status code's name) and `message`.
#include <string>

#include "absl/status/status.h"
#include "bindings.h"

namespace allot::python {
namespace {

const char* ClassFor(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kOutOfRange:
      return "InvalidArgumentError";
    case absl::StatusCode::kNotFound:
      return "NotFoundError";
    case absl::StatusCode::kPermissionDenied:
      return "PermissionDeniedError";
    case absl::StatusCode::kAlreadyExists:
      return "AlreadyExistsError";
    case absl::StatusCode::kFailedPrecondition:
      return "FailedPreconditionError";
    case absl::StatusCode::kCancelled:
      return "CancelledError";
    default:
      return "Error";
  }
}

}  // namespace

void ThrowIfError(const absl::Status& status) {
  if (status.ok()) return;
  // A Python exception already pending (raised by a callback) wins.
  if (PyErr_Occurred()) throw py::error_already_set();
  const std::string name = absl::StatusCodeToString(status.code());
  py::object cls = py::module_::import("allot.errors").attr(ClassFor(status.code()));
  py::object error = cls(std::string(status.message()), name);
  PyErr_SetObject(cls.ptr(), error.ptr());
  throw py::error_already_set();
}

void BindStatus(py::module_& m) {
  m.def(
      "_raise_status",
      [](int code, const std::string& message) {
        ThrowIfError(absl::Status(static_cast<absl::StatusCode>(code), message));
      },
      py::arg("code"), py::arg("message"),
      "Raises the exception allot maps an absl::StatusCode (an int) to; for tests.");
}

std::string JsonDumps(py::handle value) {
  return py::module_::import("json").attr("dumps")(value).cast<std::string>();
}

py::object JsonLoads(const std::string& text) {
  return py::module_::import("json").attr("loads")(py::str(text));
}

}  // namespace allot::python
