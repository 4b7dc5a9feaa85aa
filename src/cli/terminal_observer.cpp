#include "cli/terminal_observer.hpp"

#include "cli/connection.hpp"
#include "report/terminal.hpp"
#include "util/error.hpp"
#include "util/log.hpp"

#include <fmt/format.h>

#include <unistd.h>

namespace gradepost::cli {

TerminalObserver::TerminalObserver(const GlobalOptions& globals) : m_globals(globals) {}

void TerminalObserver::settled(std::size_t count) {
    util::info("settled {} posts left unconfirmed by an earlier run", count);
}

bool TerminalObserver::approve_overrides(const model::Plan& plan, std::size_t count) {
    if (!isatty(STDIN_FILENO))
        throw util::UsageError("--select all overrides grades changed by hand in the LMS; "
                               "pass --yes to confirm when not on a terminal");
    if (!confirm(fmt::format("Post {} scores to {}, overriding any grade changed by hand?", count,
                             plan.line_item_url)))
        throw util::UsageError("not confirmed; nothing was posted");
    return true;
}

void TerminalObserver::posting_started(std::size_t total) {
    m_progress.emplace("posting", total,
                       !m_globals.json && !m_globals.quiet && report::is_terminal(STDERR_FILENO));
}

void TerminalObserver::score_done() {
    if (m_progress)
        m_progress->advance();
}

void TerminalObserver::posting_finished() {
    if (m_progress)
        m_progress->finish();
}

} // namespace gradepost::cli
