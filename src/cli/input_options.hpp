#pragma once

#include "batch/plan.hpp"

#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace gradepost::cli {

// The flags that say how to read exports and keep one score per student (post, dry-run,
// diff).
struct InputOptions {
    std::vector<std::string> files;
    std::string format = "auto";
    std::vector<std::string> maps;
    std::string delimiter;
    bool decimal_comma = false;
    std::optional<double> maximum;
    bool allow_over_max = false;
    bool skip_invalid = false;
    std::string match;
    std::string roster_file;
    std::string keep = "highest";
    bool complete = false;
    bool post_pending = false;
    std::string comment;

    // --match other than user_id without --roster: the roster comes from NRPS.
    bool needs_nrps() const;
};

void add_input_options(CLI::App& command, InputOptions& options);

// The request the flags describe; selection is left at its defaults. Throws
// util::UsageError for a malformed --map or --delimiter.
batch::PlanRequest plan_request(const InputOptions& options);

} // namespace gradepost::cli
