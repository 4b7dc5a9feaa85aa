#include "state/run_lock.hpp"

#include "support/scratch_dir.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <functional>
#include <optional>
#include <sstream>
#include <thread>

using gradepost::state::RunLock;
using gradepost::state::Target;
using gradepost::testing::ScratchDir;

namespace {

using std::chrono::seconds;

const Target k_target{"https://sso.example/token 10000000000123",
                      "https://lms.example/api/lti/courses/7/line_items/3"};

std::string locked_message(const std::filesystem::path& ledger, const Target& target,
                           seconds wait) {
    try {
        RunLock::acquire(ledger, target, wait);
    } catch (const gradepost::util::LockedError& error) {
        CHECK(error.code() == gradepost::util::ExitCode::locked);
        return error.what();
    }
    return "(acquired)";
}

std::filesystem::path only_lock_file(const std::filesystem::path& ledger) {
    std::filesystem::path directory = ledger.string() + ".locks";
    std::vector<std::filesystem::path> files;
    for (const auto& item : std::filesystem::directory_iterator(directory))
        files.push_back(item.path());
    REQUIRE(files.size() == 1);
    return files.front();
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream file(path);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

unsigned permissions(const std::filesystem::path& path) {
    struct stat status {};
    REQUIRE(::stat(path.c_str(), &status) == 0);
    return status.st_mode & 07777;
}

// A child process that runs `body(ready)`; `ready()` tells the parent through a pipe. After
// the body the child waits to be killed; it never returns into the test runner.
class Child {
public:
    explicit Child(const std::function<void(const std::function<void()>& ready)>& body) {
        int pipe_ends[2];
        REQUIRE(::pipe(pipe_ends) == 0);
        m_pid = ::fork();
        REQUIRE(m_pid >= 0);
        if (m_pid == 0) {
            ::close(pipe_ends[0]);
            try {
                body([&] {
                    char byte = 'R';
                    [[maybe_unused]] auto written = ::write(pipe_ends[1], &byte, 1);
                });
            } catch (...) {
                ::_exit(1);
            }
            for (;;)
                ::pause();
        }
        ::close(pipe_ends[1]);
        m_ready = pipe_ends[0];
    }
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;
    ~Child() {
        kill();
        ::close(m_ready);
    }

    pid_t pid() const { return m_pid; }

    // True once the child called ready() (waits up to 10 s).
    bool is_ready() {
        pollfd ready{m_ready, POLLIN, 0};
        char byte = 0;
        return ::poll(&ready, 1, 10'000) == 1 && ::read(m_ready, &byte, 1) == 1;
    }

    void kill() {
        if (m_pid <= 0)
            return;
        ::kill(m_pid, SIGKILL);
        ::waitpid(m_pid, nullptr, 0);
        m_pid = -1;
    }

private:
    pid_t m_pid = -1;
    int m_ready = -1;
};

} // namespace

TEST_SUITE("state::run_lock") {

    TEST_CASE("the lock file sits beside the ledger, private, and names its holder") {
        ScratchDir scratch;
        auto ledger = scratch / "state/state.db";
        auto lock = RunLock::acquire(ledger, k_target, seconds{0});
        auto file = only_lock_file(ledger);
        CHECK(file.filename().string().size() == 16 + std::string(".lock").size());
        CHECK(file.extension() == ".lock");
        CHECK(permissions(file.parent_path()) == 0700);
        CHECK(permissions(file) == 0600);
        auto holder = read_file(file);
        CHECK(holder.find("pid=" + std::to_string(::getpid()) + "\n") == 0);
        CHECK(holder.find("\nhost=") != std::string::npos);
        CHECK(holder.find("\nstarted=20") != std::string::npos);
        CHECK(holder.find("\nline_item=" + k_target.line_item + "\n") != std::string::npos);
    }

    TEST_CASE("a held lock is refused at once with wait 0, and free again after release") {
        ScratchDir scratch;
        auto ledger = scratch / "state.db";
        {
            auto lock = RunLock::acquire(ledger, k_target, seconds{0});
            auto moved = std::move(lock); // the moved-from lock releases nothing
            auto message = locked_message(ledger, k_target, seconds{0});
            CHECK(message.find("pid " + std::to_string(::getpid())) != std::string::npos);
        }
        CHECK(locked_message(ledger, k_target, seconds{0}) == "(acquired)");
    }

    TEST_CASE("other line items and platforms have their own locks") {
        ScratchDir scratch;
        auto ledger = scratch / "state.db";
        auto lock = RunLock::acquire(ledger, k_target, seconds{0});
        auto other_item =
            RunLock::acquire(ledger, {k_target.platform, k_target.line_item + "0"}, seconds{0});
        auto other_platform = RunLock::acquire(ledger, {"other", k_target.line_item}, seconds{0});
    }

    TEST_CASE("another process holding the lock is named in the refusal") {
        ScratchDir scratch;
        auto ledger = scratch / "state.db";
        Child holder([&](const auto& ready) {
            auto lock = RunLock::acquire(ledger, k_target, seconds{0});
            ready();
            for (;;)
                ::pause();
        });
        REQUIRE(holder.is_ready());
        auto message = locked_message(ledger, k_target, seconds{0});
        CHECK(message.find("another gradepost run (pid " + std::to_string(holder.pid()) + " on ") ==
              0);
        CHECK(message.find(", started 20") != std::string::npos);
        CHECK(message.find("is posting to " + k_target.line_item +
                           "; try again later or pass "
                           "--wait-lock SECONDS") != std::string::npos);
    }

    TEST_CASE("with a wait, the lock is taken when the other process releases it") {
        ScratchDir scratch;
        auto ledger = scratch / "state.db";
        Child holder([&](const auto& ready) {
            {
                auto lock = RunLock::acquire(ledger, k_target, seconds{0});
                ready();
                std::this_thread::sleep_for(std::chrono::milliseconds(500));
            }
            for (;;)
                ::pause();
        });
        REQUIRE(holder.is_ready());
        auto started = std::chrono::steady_clock::now();
        auto lock = RunLock::acquire(ledger, k_target, seconds{2});
        CHECK(std::chrono::steady_clock::now() - started >= std::chrono::milliseconds(100));
        CHECK(read_file(only_lock_file(ledger)).find("pid=" + std::to_string(::getpid())) == 0);
    }

    TEST_CASE("the lock of a killed process is taken over at once") {
        ScratchDir scratch;
        auto ledger = scratch / "state.db";
        Child holder([&](const auto& ready) {
            auto lock = RunLock::acquire(ledger, k_target, seconds{0});
            ready();
            for (;;)
                ::pause();
        });
        REQUIRE(holder.is_ready());
        REQUIRE(locked_message(ledger, k_target, seconds{0}) != "(acquired)");
        holder.kill();
        auto lock = RunLock::acquire(ledger, k_target, seconds{0});
        CHECK(read_file(only_lock_file(ledger)).find("pid=" + std::to_string(::getpid())) == 0);
    }

} // TEST_SUITE
