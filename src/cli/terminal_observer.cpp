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

namespace {

// "u1, u2, ... and 14 more": the first 20 students, so the question fits on a screen.
std::string name_students(const std::vector<std::string>& users) {
    constexpr std::size_t k_named = 20;
    std::string names;
    for (std::size_t i = 0; i < users.size() && i < k_named; ++i)
        names += (i == 0 ? "" : ", ") + users[i];
    if (users.size() > k_named)
        names += fmt::format(" and {} more", users.size() - k_named);
    return names;
}

} // namespace

bool TerminalObserver::approve_overrides(const model::Plan& plan,
                                         const std::vector<std::string>& edited) {
    std::size_t selected = 0;
    for (const auto& entry : plan.entries)
        selected += entry.is_selected;
    std::string what =
        edited.empty()
            ? fmt::format("Post {} scores to {}, overriding any grade changed by hand", selected,
                          plan.line_item_url)
            : fmt::format("Post {} scores to {}, overwriting {} grades changed by hand in the "
                          "LMS ({})",
                          selected, plan.line_item_url, edited.size(), name_students(edited));
    if (!isatty(STDIN_FILENO))
        throw util::UsageError(what + ": pass --yes to confirm when not on a terminal");
    if (!confirm(what + "?"))
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
