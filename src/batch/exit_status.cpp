#include "batch/exit_status.hpp"

#include <algorithm>

namespace gradepost::batch {

util::ExitCode exit_code_of(const model::RunReport& report) {
    if (report.interrupted)
        return util::ExitCode::interrupted;
    if (report.counts.failed == 0)
        return report.is_plan_stale ? util::ExitCode::some_failed : util::ExitCode::ok;
    bool is_platform_down = std::ranges::all_of(report.scores, [](const model::Outcome& outcome) {
        return outcome.action != model::Action::failed || outcome.fault == model::Fault::platform;
    });
    return is_platform_down ? util::ExitCode::unreachable : util::ExitCode::some_failed;
}

} // namespace gradepost::batch
