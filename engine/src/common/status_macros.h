// RETURN_IF_ERROR and ASSIGN_OR_RETURN, which Abseil 20220623 lacks (the
// shape follows OR-Tools' status_macros.h).
#ifndef ALLOT_COMMON_STATUS_MACROS_H_
#define ALLOT_COMMON_STATUS_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define ALLOT_STATUS_CONCAT_INNER_(a, b) a##b
#define ALLOT_STATUS_CONCAT_(a, b) ALLOT_STATUS_CONCAT_INNER_(a, b)

// Returns the status from the enclosing function when it is not OK.
#define RETURN_IF_ERROR(expr)                                                           \
  do {                                                                                  \
    if (absl::Status _allot_status = (expr); !_allot_status.ok()) return _allot_status; \
  } while (0)

// ASSIGN_OR_RETURN(lhs, expr): evaluates the StatusOr `expr`; returns its
// status when not OK, else moves its value into `lhs` (which may declare).
#define ASSIGN_OR_RETURN(lhs, expr) \
  ALLOT_ASSIGN_OR_RETURN_IMPL_(ALLOT_STATUS_CONCAT_(_allot_statusor_, __LINE__), lhs, expr)
#define ALLOT_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, expr)  \
  auto statusor = (expr);                                  \
  if (!statusor.ok()) return std::move(statusor).status(); \
  lhs = std::move(statusor).value()

#endif  // ALLOT_COMMON_STATUS_MACROS_H_
