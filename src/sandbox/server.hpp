#pragma once

#include "sandbox/options.hpp"

namespace gradepost::sandbox {

// `gradepost sandbox`: starts the platform, prints "sandbox listening on URL" on stdout,
// writes the --ready-file (atomically) and serves until SIGINT or SIGTERM. Returns 0 then;
// throws util::Error when it cannot start.
int run_sandbox(const SandboxOptions& options);

} // namespace gradepost::sandbox
