#pragma once

#include "batch/observer.hpp"
#include "cli/command.hpp"
#include "report/progress.hpp"

#include <optional>

namespace gradepost::cli {

// A run as a person sees it: a progress bar on stderr when it is a terminal (never with
// --quiet or --json), an info line for settled posts, and a yes/no question before grades
// that may have been set by hand are overwritten.
class TerminalObserver : public batch::RunObserver {
public:
    explicit TerminalObserver(const GlobalOptions& globals);

    void settled(std::size_t count) override;
    bool approve_overrides(const model::Plan& plan,
                           const std::vector<std::string>& edited) override;
    void posting_started(std::size_t total) override;
    void score_done() override;
    void posting_finished() override;

private:
    const GlobalOptions& m_globals;
    std::optional<report::Progress> m_progress;
};

} // namespace gradepost::cli
