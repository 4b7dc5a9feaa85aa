#include "state/ledger.hpp"

#include "state/sqlite.hpp"
#include "support/error_message.hpp"
#include "support/scratch_dir.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <functional>
#include <sstream>

using gradepost::model::LedgerEntry;
using gradepost::model::PostState;
using gradepost::model::SentScore;
using gradepost::model::Timestamp;
using gradepost::state::Ledger;
using gradepost::state::PendingScore;
using gradepost::state::PostResult;
using gradepost::state::Target;
using gradepost::testing::ScratchDir;
namespace sqlite = gradepost::state::sqlite;

namespace {

const Target k_target{"https://sso.example/token 10000000000123",
                      "https://lms.example/api/lti/courses/7/line_items/3"};

Timestamp second(int offset) {
    return Timestamp{std::chrono::seconds{1'790'000'000 + offset}} +
           std::chrono::microseconds{123456};
}

PendingScore pending(const std::string& user, std::optional<double> given, int at,
                     std::vector<std::string> keys = {}) {
    PendingScore score;
    score.user_id = user;
    score.score.given = given;
    score.score.maximum = given ? std::optional<double>(20) : std::nullopt;
    score.score.comment = "comment of " + user;
    score.score.attempt_keys = gradepost::model::parse_attempt_keys(keys);
    score.score.timestamp = second(at);
    return score;
}

PostResult posted(const std::string& user, int status = 200) {
    PostResult result;
    result.user_id = user;
    result.is_posted = true;
    result.http_status = status;
    return result;
}

PostResult failed(const std::string& user, int status, const std::string& error) {
    PostResult result;
    result.user_id = user;
    result.http_status = status;
    result.error = error;
    return result;
}

void mark(Ledger& ledger, std::vector<PendingScore> scores, const Target& target = k_target) {
    ledger.mark_pending(target, scores);
}

void record(Ledger& ledger, std::vector<PostResult> results, const Target& target = k_target) {
    ledger.record_results(target, results);
}

LedgerEntry entry_of(const Ledger& ledger, const std::string& user) {
    auto entries = ledger.entries(k_target);
    auto found = entries.find(user);
    REQUIRE(found != entries.end());
    return found->second;
}

unsigned permissions(const std::filesystem::path& path) {
    struct stat status {};
    REQUIRE(::stat(path.c_str(), &status) == 0);
    return status.st_mode & 07777;
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

std::string config_error_of(const std::function<void()>& action) {
    return gradepost::testing::error_message_of<gradepost::util::ConfigError>(action);
}

// A child process that runs `body`, says so through a pipe, then waits to be killed. The
// child never returns into the test runner.
class Child {
public:
    explicit Child(const std::function<void()>& body) {
        int pipe_ends[2];
        REQUIRE(::pipe(pipe_ends) == 0);
        m_pid = ::fork();
        REQUIRE(m_pid >= 0);
        if (m_pid == 0) {
            ::close(pipe_ends[0]);
            char outcome = 'R';
            try {
                body();
            } catch (...) {
                outcome = 'E';
            }
            [[maybe_unused]] auto written = ::write(pipe_ends[1], &outcome, 1);
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

    // True when the body ran without an exception (waits up to 10 s).
    bool is_ready() {
        pollfd ready{m_ready, POLLIN, 0};
        char outcome = 0;
        return ::poll(&ready, 1, 10'000) == 1 && ::read(m_ready, &outcome, 1) == 1 &&
               outcome == 'R';
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

TEST_SUITE("state::ledger") {

    TEST_CASE("a score marked pending and then posted reads back as the last posted score") {
        ScratchDir scratch;
        {
            auto ledger = Ledger::open(scratch / "state.db");
            mark(ledger, {pending("u1", 18, 10, {"id:a1", "id:a2"}), pending("u2", 12.5, 11)});
            record(ledger, {posted("u1"), posted("u2", 201)});
        }
        auto ledger = Ledger::open(scratch / "state.db");
        auto entries = ledger.entries(k_target);
        REQUIRE(entries.size() == 2);
        const LedgerEntry& u1 = entries.at("u1");
        CHECK(u1.user_id == "u1");
        CHECK(u1.state == PostState::posted);
        CHECK(u1.http_status == 200);
        CHECK(u1.error.empty());
        CHECK_FALSE(u1.in_flight.has_value());
        REQUIRE(u1.last_posted.has_value());
        CHECK(u1.last_posted->given == 18);
        CHECK(u1.last_posted->maximum == 20);
        CHECK(u1.last_posted->comment == "comment of u1");
        CHECK(u1.last_posted->attempt_keys ==
              gradepost::model::parse_attempt_keys({"id:a1", "id:a2"}));
        CHECK(u1.last_posted->timestamp == second(10)); // microseconds kept exactly
        CHECK(u1.last_timestamp == second(10));
        CHECK(entries.at("u2").http_status == 201);
        CHECK(entries.at("u2").last_posted->given == 12.5);
    }

    TEST_CASE("the file and its parent directories are created, readable by the owner only") {
        ScratchDir scratch;
        auto path = scratch / "deep/er/state.db";
        auto old_mask = ::umask(0); // the worst case: nothing masked
        {
            auto ledger = Ledger::open(path);
            mark(ledger, {pending("u1", 1, 1)});
            CHECK(permissions(path) == 0600);
            for (const char* suffix : {"-wal", "-shm"}) {
                auto companion = std::filesystem::path(path.string() + suffix);
                if (std::filesystem::exists(companion))
                    CHECK(permissions(companion) == 0600);
            }
        }
        ::umask(old_mask);
    }

    TEST_CASE("an existing file readable by others is tightened to 0600") {
        ScratchDir scratch;
        auto path = scratch / "state.db";
        Ledger::open(path);
        ::chmod(path.c_str(), 0644);
        Ledger::open(path);
        CHECK(permissions(path) == 0600);
    }

    TEST_CASE("the schema version is recorded once and reopening keeps the data") {
        ScratchDir scratch;
        auto path = scratch / "state.db";
        {
            auto ledger = Ledger::open(path);
            mark(ledger, {pending("u1", 5, 1)});
        }
        Ledger::open(path);
        Ledger::open(path);
        auto connection = sqlite::Connection::open(path, sqlite::Connection::Mode::read_only);
        auto versions = connection.prepare("SELECT version FROM schema_version ORDER BY version");
        for (int version : {1, 2}) {
            REQUIRE(versions.step());
            CHECK(versions.integer(0) == version);
        }
        CHECK_FALSE(versions.step());
        auto mode = connection.prepare("PRAGMA journal_mode");
        REQUIRE(mode.step());
        CHECK(mode.text(0) == "wal");
        CHECK(entry_of(Ledger::open_read_only(path), "u1").state == PostState::pending);
    }

    TEST_CASE("a version 1 ledger is migrated in place and keeps its data") {
        ScratchDir scratch;
        auto path = scratch / "state.db";
        {
            auto ledger = Ledger::open(path);
            mark(ledger, {pending("u1", 5, 1)});
        }
        {
            // What version 1 left: its index, and no row for version 2.
            auto connection = sqlite::Connection::open(path, sqlite::Connection::Mode::read_write);
            connection.execute("CREATE INDEX posts_by_student ON posts (target_id, user_id);"
                               "DELETE FROM schema_version WHERE version = 2");
        }
        Ledger::open(path);
        auto connection = sqlite::Connection::open(path, sqlite::Connection::Mode::read_only);
        auto index = connection.prepare(
            "SELECT count(*) FROM sqlite_master WHERE name = 'posts_by_student'");
        REQUIRE(index.step());
        CHECK(index.integer(0) == 0);
        auto version = connection.prepare("SELECT max(version) FROM schema_version");
        REQUIRE(version.step());
        CHECK(version.integer(0) == 2);
        CHECK(entry_of(Ledger::open_read_only(path), "u1").state == PostState::pending);
    }

    TEST_CASE("a ledger from a newer release is refused, not downgraded") {
        ScratchDir scratch;
        auto path = scratch / "state.db";
        Ledger::open(path);
        {
            auto connection = sqlite::Connection::open(path, sqlite::Connection::Mode::read_write);
            connection.execute("INSERT INTO schema_version (version, applied_at) VALUES (99, 0)");
        }
        for (auto open : {&Ledger::open, &Ledger::open_read_only}) {
            auto message = config_error_of([&] { open(path); });
            CHECK(message.find(path.string()) != std::string::npos);
            CHECK(message.find("newer") != std::string::npos);
        }
    }

    TEST_CASE("a file that is not a ledger is refused and left as it was") {
        ScratchDir scratch;
        SUBCASE("not SQLite at all") {
            auto path = scratch / "notes.txt";
            std::ofstream(path) << "user_id,score\nu1,18\n";
            for (auto open : {&Ledger::open, &Ledger::open_read_only}) {
                auto message = config_error_of([&] { open(path); });
                CHECK(message.find(path.string()) != std::string::npos);
                CHECK(message.find("not a database") != std::string::npos);
            }
            CHECK(read_file(path) == "user_id,score\nu1,18\n");
        }
        SUBCASE("another program's SQLite database") {
            auto path = scratch / "other.db";
            std::ofstream(path).close();
            {
                auto connection =
                    sqlite::Connection::open(path, sqlite::Connection::Mode::read_write);
                connection.execute("CREATE TABLE bookmarks (url TEXT)");
            }
            auto message = config_error_of([&] { Ledger::open(path); });
            CHECK(message.find(path.string()) != std::string::npos);
            CHECK(message.find("not a gradepost ledger") != std::string::npos);
        }
    }

    TEST_CASE("a missing file opened read-only is an empty ledger that cannot be written") {
        ScratchDir scratch;
        auto path = scratch / "absent/state.db";
        auto ledger = Ledger::open_read_only(path);
        CHECK(ledger.entries(k_target).empty());
        CHECK(ledger.line_items().empty());
        CHECK_THROWS_AS(mark(ledger, {pending("u1", 1, 1)}), std::logic_error);
        CHECK_THROWS_AS(record(ledger, {posted("u1")}), std::logic_error);
        CHECK_THROWS_AS(ledger.forget(k_target, std::nullopt), std::logic_error);
        CHECK_FALSE(std::filesystem::exists(path));
        CHECK_FALSE(std::filesystem::exists(path.parent_path()));
    }

    TEST_CASE("a read-only ledger reads what was written, also after the writer closed") {
        ScratchDir scratch;
        auto path = scratch / "state.db";
        auto writer = std::make_optional(Ledger::open(path));
        mark(*writer, {pending("u1", 7, 1)});
        CHECK(Ledger::open_read_only(path).entries(k_target).size() == 1);
        writer.reset();
        auto reader = Ledger::open_read_only(path);
        CHECK(reader.entries(k_target).size() == 1);
        CHECK_THROWS_AS(mark(reader, {pending("u2", 1, 1)}), std::logic_error);
        CHECK(reader.entries(k_target).size() == 1);
    }

    TEST_CASE("pending, posted, pending again, failed: the accepted score survives a failure") {
        ScratchDir scratch;
        auto ledger = Ledger::open(scratch / "state.db");

        mark(ledger, {pending("u1", 15, 100, {"id:a1"})});
        auto entry = entry_of(ledger, "u1");
        CHECK(entry.state == PostState::pending);
        CHECK_FALSE(entry.last_posted.has_value());
        REQUIRE(entry.in_flight.has_value());
        CHECK(entry.in_flight->given == 15);
        CHECK(entry.http_status == 0);

        record(ledger, {posted("u1")});
        entry = entry_of(ledger, "u1");
        CHECK(entry.state == PostState::posted);
        CHECK(entry.last_posted->given == 15);

        mark(ledger, {pending("u1", 19, 50, {"id:a1", "id:a2"})}); // an older timestamp, somehow
        entry = entry_of(ledger, "u1");
        CHECK(entry.state == PostState::pending);
        CHECK(entry.last_posted->given == 15);
        CHECK(entry.in_flight->given == 19);
        CHECK(entry.last_timestamp == second(100)); // never goes back

        record(ledger, {failed("u1", 422, "user not found in course")});
        entry = entry_of(ledger, "u1");
        CHECK(entry.state == PostState::failed);
        CHECK(entry.http_status == 422);
        CHECK(entry.error == "user not found in course");
        CHECK_FALSE(entry.in_flight.has_value());
        REQUIRE(entry.last_posted.has_value());
        CHECK(entry.last_posted->given == 15);
        CHECK(entry.last_posted->attempt_keys == gradepost::model::parse_attempt_keys({"id:a1"}));

        mark(ledger, {pending("u1", 19, 200, {"id:a1", "id:a2"})});
        CHECK(entry_of(ledger, "u1").error.empty());
        record(ledger, {posted("u1", 204)});
        entry = entry_of(ledger, "u1");
        CHECK(entry.state == PostState::posted);
        CHECK(entry.last_posted->given == 19);
        CHECK(entry.last_posted->timestamp == second(200));
        CHECK(entry.last_timestamp == second(200));
    }

    TEST_CASE("a withdrawn intent leaves the entry as its history last recorded it") {
        ScratchDir scratch;
        auto ledger = Ledger::open(scratch / "state.db");
        mark(ledger, {pending("posted", 15, 1), pending("refused", 4, 1)});
        record(ledger, {posted("posted", 200), failed("refused", 422, "not in course")});
        mark(ledger, {pending("posted", 18, 2), pending("refused", 5, 2), pending("new", 7, 2)});

        std::vector<std::string> never_sent{"posted", "refused", "new"};
        ledger.withdraw_pending(k_target, never_sent);

        auto entries = ledger.entries(k_target);
        CHECK_FALSE(entries.contains("new")); // nothing was ever sent for this student
        auto was_posted = entry_of(ledger, "posted");
        CHECK(was_posted.state == PostState::posted);
        CHECK(was_posted.http_status == 200);
        CHECK_FALSE(was_posted.in_flight.has_value());
        REQUIRE(was_posted.last_posted.has_value());
        CHECK(was_posted.last_posted->given == 15);
        auto was_refused = entry_of(ledger, "refused");
        CHECK(was_refused.state == PostState::failed);
        CHECK(was_refused.http_status == 422);
        CHECK(was_refused.error == "not in course");
        CHECK_FALSE(was_refused.in_flight.has_value());

        // Not an outcome: the history holds only the two answers.
        auto contents = ledger.contents();
        REQUIRE(contents.size() == 1);
        CHECK(contents[0].history.size() == 2);
        // Only pending intents are withdrawn.
        ledger.withdraw_pending(k_target, never_sent);
        CHECK(entry_of(ledger, "posted").state == PostState::posted);
    }

    TEST_CASE("a pending (ungraded) post has no score") {
        ScratchDir scratch;
        auto ledger = Ledger::open(scratch / "state.db");
        mark(ledger, {pending("u1", std::nullopt, 1)});
        record(ledger, {posted("u1")});
        auto entry = entry_of(ledger, "u1");
        REQUIRE(entry.last_posted.has_value());
        CHECK_FALSE(entry.last_posted->given.has_value());
        CHECK_FALSE(entry.last_posted->maximum.has_value());
    }

    TEST_CASE("a result without a pending post only records the state and status") {
        ScratchDir scratch;
        auto ledger = Ledger::open(scratch / "state.db");
        record(ledger, {posted("stranger")});
        auto stranger = entry_of(ledger, "stranger");
        CHECK(stranger.state == PostState::posted);
        CHECK(stranger.http_status == 200);
        CHECK_FALSE(stranger.last_posted.has_value());

        mark(ledger, {pending("u1", 9, 1)});
        record(ledger, {posted("u1")});
        record(ledger, {posted("u1", 201)}); // answered twice: nothing in flight the second time
        auto u1 = entry_of(ledger, "u1");
        CHECK(u1.http_status == 201);
        REQUIRE(u1.last_posted.has_value());
        CHECK(u1.last_posted->given == 9);
    }

    TEST_CASE("attempt keys and comments keep any character") {
        ScratchDir scratch;
        auto ledger = Ledger::open(scratch / "state.db");
        auto score = pending("u1", 1, 1, {"id:a \"quoted\"", "id:line\nbreak", "id:ünï"});
        score.score.comment = "Très bien\n\"second line\"";
        mark(ledger, {score});
        record(ledger, {posted("u1")});
        auto entry = entry_of(ledger, "u1");
        CHECK(entry.last_posted->attempt_keys == score.score.attempt_keys);
        CHECK(entry.last_posted->comment == score.score.comment);
    }

    TEST_CASE("rows of earlier releases, with text keys, read as today's keys and are rewritten "
              "compactly") {
        ScratchDir scratch;
        auto path = scratch / "state.db";
        {
            auto ledger = Ledger::open(path);
            mark(ledger, {pending("u1", 18, 10), pending("u2", 12, 10)});
            record(ledger, {posted("u1"), posted("u2")});
        }
        {
            // What earlier releases wrote: "id:" and "at:" keys, and "fp:" keys before them.
            auto connection = sqlite::Connection::open(path, sqlite::Connection::Mode::read_write);
            connection.execute(R"(UPDATE entries SET posted_attempt_keys =
                                   '["at:1ce0e4f41e6046d3","id:a1"]' WHERE user_id = 'u1';
                                  UPDATE entries SET posted_attempt_keys =
                                   '["fp:216352991904377c"]' WHERE user_id = 'u2')");
        }
        auto ledger = Ledger::open(path);
        auto u1 = entry_of(ledger, "u1");
        gradepost::model::AttemptKeyParts by_id;
        by_id.attempt_id = "a1";
        auto expected = std::vector{*gradepost::model::attempt_key(by_id),
                                    gradepost::model::parse_attempt_key("at:1ce0e4f41e6046d3")};
        std::sort(expected.begin(), expected.end());
        CHECK(u1.last_posted->attempt_keys == expected);
        CHECK_FALSE(u1.last_posted->has_legacy_keys);
        auto u2 = entry_of(ledger, "u2");
        CHECK(u2.last_posted->has_legacy_keys);
        CHECK(u2.last_posted->attempt_keys.empty());

        mark(ledger, {pending("u1", 18, 20, {"id:a1"})});
        record(ledger, {posted("u1")});
        auto connection = sqlite::Connection::open(path, sqlite::Connection::Mode::read_only);
        auto stored =
            connection.prepare("SELECT posted_attempt_keys FROM entries WHERE user_id = 'u1'");
        REQUIRE(stored.step());
        auto compact = gradepost::model::to_text(*gradepost::model::attempt_key(by_id));
        CHECK(compact.starts_with("k:"));
        CHECK(stored.text(0) == "[\"" + compact + "\"]");
    }

    TEST_CASE("line items and platforms are kept apart") {
        ScratchDir scratch;
        auto ledger = Ledger::open(scratch / "state.db");
        const Target other_item{k_target.platform, k_target.line_item + "0"};
        const Target other_platform{"https://other.example/token 5", k_target.line_item};
        mark(ledger, {pending("u1", 1, 1)});
        mark(ledger, {pending("u1", 2, 1), pending("u2", 2, 1)}, other_item);
        record(ledger, {failed("u1", 500, "boom")}, other_item);
        mark(ledger, {pending("u1", 3, 1)}, other_platform);
        CHECK(ledger.entries(k_target).size() == 1);
        CHECK(ledger.entries(other_item).size() == 2);
        CHECK(ledger.entries(other_platform).at("u1").in_flight->given == 3);
        CHECK(entry_of(ledger, "u1").state == PostState::pending);

        auto summaries = ledger.line_items(); // ordered by platform, then line item
        REQUIRE(summaries.size() == 3);
        CHECK(summaries[0].platform == other_platform.platform);
        const auto& item = summaries[1];
        CHECK(item.platform == k_target.platform);
        CHECK(item.line_item == k_target.line_item);
        CHECK(item.students == 1);
        CHECK(item.pending == 1);
        CHECK(item.last_post == second(1));
        CHECK(summaries[2].line_item == other_item.line_item);
        CHECK(summaries[2].students == 2);
        CHECK(summaries[2].failed == 1);
        CHECK(summaries[2].pending == 1);
        CHECK(summaries[2].posted == 0);
    }

    TEST_CASE("forget removes one user or a whole line item") {
        ScratchDir scratch;
        auto ledger = Ledger::open(scratch / "state.db");
        mark(ledger, {pending("u1", 1, 1), pending("u2", 1, 1), pending("u3", 1, 1)});
        record(ledger, {posted("u1"), posted("u2"), posted("u3")});

        CHECK(ledger.forget(k_target, std::string("u2")) == 1);
        CHECK(ledger.forget(k_target, std::string("u2")) == 0);
        auto entries = ledger.entries(k_target);
        CHECK(entries.size() == 2);
        CHECK_FALSE(entries.contains("u2"));

        CHECK(ledger.forget(Target{"nobody", "nothing"}, std::nullopt) == 0);
        CHECK(ledger.forget(k_target, std::nullopt) == 2);
        CHECK(ledger.entries(k_target).empty());
        CHECK(ledger.line_items().empty());

        // Forgotten students are new again.
        mark(ledger, {pending("u1", 4, 2)});
        CHECK_FALSE(entry_of(ledger, "u1").last_posted.has_value());
    }

    TEST_CASE("contents hold every line item's entries, pending intents and history") {
        ScratchDir scratch;
        auto ledger = Ledger::open(scratch / "state.db");
        mark(ledger, {pending("u1", 3, 1), pending("u2", 4, 1)});
        record(ledger, {posted("u1"), failed("u2", 500, "server error")});
        mark(ledger, {pending("u2", 5, 2)});
        const Target other{k_target.platform, k_target.line_item + "0"};
        mark(ledger, {pending("u9", 1, 1)}, other);

        auto contents = ledger.contents();
        REQUIRE(contents.size() == 2);
        CHECK(contents[0].target.line_item == k_target.line_item);
        REQUIRE(contents[0].entries.size() == 2);
        CHECK(contents[0].entries[0].last_posted->given == 3);
        CHECK(contents[0].entries[1].state == PostState::pending);
        CHECK(contents[0].entries[1].in_flight->given == 5);
        REQUIRE(contents[0].history.size() == 2);
        CHECK(contents[0].history[1].error == "server error");
        CHECK(contents[0].history[1].given == 4);
        CHECK(contents[1].history.empty());
        CHECK(contents[1].entries[0].in_flight->timestamp == second(1));

        // Only PostgreSQL takes a copy.
        CHECK(config_error_of([&] { ledger.import(contents); }).find("PostgreSQL") !=
              std::string::npos);
    }

    TEST_CASE("a run killed after marking pending leaves those users pending, the rest intact") {
        ScratchDir scratch;
        auto path = scratch / "state.db";
        {
            auto ledger = Ledger::open(path);
            mark(ledger, {pending("u1", 10, 1), pending("u2", 11, 1)});
            record(ledger, {posted("u1"), posted("u2")});
        }
        {
            Child run([&] {
                auto ledger = Ledger::open(path);
                mark(ledger, {pending("u2", 16, 5), pending("u3", 17, 5)});
            });
            REQUIRE(run.is_ready());
            run.kill(); // before any result is recorded
        }
        auto ledger = Ledger::open(path);
        auto entries = ledger.entries(k_target);
        REQUIRE(entries.size() == 3);
        CHECK(entries.at("u1").state == PostState::posted);
        CHECK(entries.at("u1").last_posted->given == 10);
        CHECK(entries.at("u2").state == PostState::pending);
        CHECK(entries.at("u2").last_posted->given == 11);
        CHECK(entries.at("u2").in_flight->given == 16);
        CHECK(entries.at("u2").last_timestamp == second(5));
        CHECK(entries.at("u3").state == PostState::pending);
        CHECK_FALSE(entries.at("u3").last_posted.has_value());
        CHECK(entries.at("u3").in_flight->given == 17);
    }

} // TEST_SUITE
