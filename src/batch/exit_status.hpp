#pragma once

#include "model/outcome.hpp"
#include "util/error.hpp"

namespace gradepost::batch {

// The exit code of a finished run (DESIGN.md, "Exit codes"): 130 when interrupted; 0 when
// nothing failed; 5 when every failure was the platform's (down, throttling, unreachable
// after the retries), so a cron job simply retries later; 1 when a score was refused for its
// own sake and a person must look, or when a planned student's LMS grade changed since the
// plan. The one mapping from outcomes to exit codes.
util::ExitCode exit_code_of(const model::RunReport& report);

} // namespace gradepost::batch
