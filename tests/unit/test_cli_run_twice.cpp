#include "cli/run.hpp"
#include "state/ledger.hpp"
#include "support/captured_stderr.hpp"
#include "support/scratch_dir.hpp"

#include <doctest/doctest.h>

#include <fcntl.h>
#include <unistd.h>

#include <string>
#include <vector>

using namespace gradepost;

namespace {

constexpr const char* k_platform = "https://lms.example/login/oauth2/token client-17";
constexpr const char* k_line_item = "https://lms.example/api/lti/courses/7/line_items/3";

// cli::run with these arguments after the program name, off a terminal (stdin /dev/null, so
// nothing prompts), with stderr kept out of the test's output.
int run(std::vector<std::string> arguments) {
    arguments.insert(arguments.begin(), "gradepost");
    std::vector<char*> argv;
    for (auto& argument : arguments)
        argv.push_back(argument.data());
    argv.push_back(nullptr);
    int saved_stdin = dup(STDIN_FILENO);
    int null_input = open("/dev/null", O_RDONLY);
    dup2(null_input, STDIN_FILENO);
    close(null_input);
    int code = 0;
    {
        testing::CapturedStderr captured;
        code = cli::run(static_cast<int>(arguments.size()), argv.data());
    }
    dup2(saved_stdin, STDIN_FILENO);
    close(saved_stdin);
    return code;
}

void record_posted(const std::filesystem::path& ledger_path, std::vector<std::string> users) {
    auto ledger = state::Ledger::open(ledger_path);
    state::Target target{k_platform, k_line_item};
    std::vector<state::PendingScore> pending;
    std::vector<state::PostResult> results;
    for (const auto& user : users) {
        model::SentScore sent;
        sent.given = 8;
        sent.maximum = 10;
        pending.push_back({user, sent});
        results.push_back({user, true, 200, ""});
    }
    ledger.mark_pending(target, pending);
    ledger.record_results(target, results);
}

std::size_t entries_in(const std::filesystem::path& ledger_path) {
    return state::Ledger::open_read_only(ledger_path).entries({k_platform, k_line_item}).size();
}

} // namespace

TEST_SUITE("cli::run") {

    TEST_CASE("a second run in one process starts from fresh options") {
        testing::ScratchDir dir;
        auto ledger = (dir / "state.db").string();
        record_posted(ledger, {"u1", "u2"});

        CHECK(run({"--state", ledger, "state", "forget", "--line-item", k_line_item, "--user", "u1",
                   "--yes"}) == 0);
        CHECK(entries_in(ledger) == 1);

        // Without --yes, and off a terminal, forgetting is refused: the first run's --yes
        // does not carry over.
        CHECK(run({"--state", ledger, "state", "forget", "--line-item", k_line_item}) == 2);
        CHECK(entries_in(ledger) == 1);

        // Nor does its --user: the whole line item goes.
        CHECK(run({"--state", ledger, "state", "forget", "--line-item", k_line_item, "--yes"}) ==
              0);
        CHECK(entries_in(ledger) == 0);
    }
}
