#pragma once

#include "sandbox/fault_settings.hpp"
#include "sandbox/quirks.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gradepost::sandbox {

// Everything `gradepost sandbox` is told on its command line (see cmd_sandbox.cpp for the
// flags). Defaults make a usable course: 10 students, one line item "Quiz 1" out of 10.
struct SandboxOptions {
    int port = 0; // 0: any free port
    std::string ready_file;
    std::optional<int> students;         // generated students 1001…; default 10
    std::string roster_file;             // CSV user_id,name,email,lis_person_sourcedid[,roles]
    std::vector<std::string> line_items; // "LABEL:MAX"; default "Quiz 1:10"
    std::string seed_file;               // JSON, see course_seed.hpp
    std::string client_id = "sandbox-tool";
    std::string public_key_file;   // PEM or JWKS of the tool
    std::string write_profile_dir; // generate a key pair and a ready config.json
    int token_lifetime_seconds = 3600;
    std::string scopes; // allowed scopes, comma or space separated; empty: all
    QuirkMode quirks = QuirkMode::strict;
    int canvas_attempts = 0; // 0: unlimited
    FaultSettings faults;
    std::optional<bool> canvas_throttle;     // unset: on in canvas mode only
    std::optional<std::uint64_t> fault_seed; // unset: random
    int clock_offset_seconds = 0; // --clock-offset: the platform's clock runs this far ahead
    std::size_t log_capacity = 100'000;
    int worker_threads = 64;
    // --ltiaas: also serve the LTIAAS API; the keys are generated at start and written to the
    // profile (--write-profile), which then talks to LTIAAS instead of the platform.
    bool ltiaas = false;
    int ltiaas_page_size = 100; // --ltiaas-page-size: items per LTIAAS page without a limit
    std::string ltiaas_api_key;
    std::string ltiaas_service_key;
};

} // namespace gradepost::sandbox
