#pragma once

#include <string>
#include <string_view>

namespace gradepost::report {

// The --json document of a run that ended in an error (DESIGN.md, "Output"):
// {"error": {"code": 2, "kind": "input", "message": "...", "file": "...", "line": 12,
// "column": 3}}. file, line and column come from a message whose first line starts
// "file:line[:column]: " (how input errors name the place) and are left out otherwise.
std::string error_json(int code, std::string_view kind, std::string_view message);

} // namespace gradepost::report
