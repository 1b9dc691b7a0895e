// Debian's Abseil 20220623 has its own absl::string_view
// (ABSL_OPTION_USE_STD_STRING_VIEW is 0); the public API speaks
// std::string_view, so convert explicitly at the boundary.
#ifndef ALLOT_COMMON_STRINGS_H_
#define ALLOT_COMMON_STRINGS_H_

#include <string_view>

#include "absl/strings/string_view.h"

namespace allot {

inline absl::string_view ToAbsl(std::string_view s) { return {s.data(), s.size()}; }

}  // namespace allot

#endif  // ALLOT_COMMON_STRINGS_H_
