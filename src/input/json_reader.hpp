#pragma once

#include "input/read_attempts.hpp"

#include <string_view>

namespace gradepost::input {

// Reads a JSON export, one object per attempt, in any of three shapes:
//   [ {...}, {...} ]                 an array of objects
//   { "attempts": [ {...}, ... ] }   an object with an "attempts" array (other keys ignored)
//   {...}\n{...}\n                   NDJSON, one object per line (also a lone object)
// Keys are matched like CSV columns. Values are strings, numbers or null (null = empty).
// Every message carries the line where the object starts; a syntax error its line and column.
// `is_ndjson` (from the extension) skips the whole-document attempt.
ReadResult read_json(std::string_view text, std::string_view file_name, const ReadOptions& options,
                     bool is_ndjson);

} // namespace gradepost::input
