#pragma once

#include "model/plan.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace gradepost::batch {

// What the post use case tells the world while it runs, and the one question it asks. The
// CLI draws a progress bar and prompts on a terminal; tests record. The hooks do nothing by
// default; approve_overrides refuses by default.
class RunObserver {
public:
    virtual ~RunObserver() = default;

    // Posts left unconfirmed by a crashed run were settled against the platform's results.
    virtual void settled(std::size_t /*count*/) {}

    // The plan overwrites grades that were (`edited`, by user id) or may have been set by
    // hand in the LMS (`--select all` overwrites whatever the LMS holds), and the request did
    // not say yes. Return true to go on; throw or return false to stop with nothing posted.
    virtual bool approve_overrides(const model::Plan& /*plan*/,
                                   const std::vector<std::string>& /*edited*/) {
        return false;
    }

    virtual void posting_started(std::size_t /*total*/) {}
    virtual void score_done() {}
    virtual void posting_finished() {}
};

} // namespace gradepost::batch
