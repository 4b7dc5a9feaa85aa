#include "batch/exit_status.hpp"
#include "batch/post_run.hpp"
#include "config/private_key.hpp"
#include "lti/ags_client.hpp"
#include "state/ledger.hpp"
#include "support/captured_stderr.hpp"
#include "support/fake_clock.hpp"
#include "support/fake_transport.hpp"
#include "support/scratch_dir.hpp"
#include "support/test_credentials.hpp"
#include "util/time_format.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <set>

using namespace gradepost;
using testing::make_response;

using testing::test_key;

namespace {

constexpr const char* k_token_url = "https://lms.example/login/oauth2/token";
constexpr const char* k_line_item = "https://lms.example/api/lti/courses/7/line_items/3";
constexpr const char* k_platform_key = "https://lms.example/login/oauth2/token client-17";

lti::Credentials credentials() {
    return testing::test_credentials(k_token_url);
}

// How the fake LMS answers one student's score POST.
enum class Answer {
    accept, // stores the score, 201
    refuse, // 422, stores nothing
    lost,   // stores the score, but no answer came back (timeouts after the retries)
    down,   // 503 after the retries, an earlier send unanswered; stores nothing
};

// An LMS behind a FakeTransport: a token endpoint, a gradebook that score POSTs write to and
// results GETs read, and per-student answers. It is the batch's PlatformPort.
class FakeLms final : public batch::PlatformPort {
public:
    testing::FakeTransport transport;
    testing::FakeClock clock;
    std::map<std::string, double> gradebook;     // user → resultScore (maximum 10)
    std::map<std::string, Answer> answer_of;     // user → how its POST is answered (accept)
    int results_reads_failing_after = 1'000'000; // results GETs answered 503 after this many
    int results_reads = 0;

    FakeLms() {
        transport.on("POST", k_token_url, [](const http::Request&) {
            nlohmann::json body{{"access_token", "tok-1"}, {"expires_in", 3600}};
            return make_response(200, body.dump());
        });
        transport.on("GET", std::string(k_line_item) + "/results*",
                     [this](const http::Request&) { return read_results(); });
        transport.on("POST", std::string(k_line_item) + "/scores",
                     [this](const http::Request& request) { return post_score(request); });
    }

    std::string platform_key() override { return k_platform_key; }
    lti::Platform platform() override { return lti::Platform::generic; }
    lti::AgsClient& client() override { return m_client; }
    model::Roster roster() override { return {}; }
    std::string line_item() override { return k_line_item; }

    // The score POSTs that reached the transport, by user.
    std::vector<std::string> posted_users() const {
        std::vector<std::string> users;
        for (const auto& request : transport.requests_to("POST", "/scores"))
            users.push_back(nlohmann::json::parse(request.body).at("userId").get<std::string>());
        return users;
    }
    std::size_t score_posts() const { return transport.requests_to("POST", "/scores").size(); }

private:
    http::Response read_results() {
        if (++results_reads > results_reads_failing_after)
            return make_response(503, "down for maintenance");
        auto body = nlohmann::json::array();
        for (const auto& [user, score] : gradebook)
            body.push_back({{"id", std::string(k_line_item) + "/results/" + user},
                            {"userId", user},
                            {"resultScore", score},
                            {"resultMaximum", 10}});
        return make_response(200, body.dump(), {{"Content-Type", "application/json"}});
    }

    http::Response post_score(const http::Request& request) {
        auto document = nlohmann::json::parse(request.body);
        auto user = document.at("userId").get<std::string>();
        auto found = answer_of.find(user);
        Answer answer = found == answer_of.end() ? Answer::accept : found->second;
        if (answer == Answer::accept || answer == Answer::lost)
            gradebook[user] = document.at("scoreGiven").get<double>();
        if (answer == Answer::accept)
            return make_response(201, "");
        if (answer == Answer::refuse)
            return make_response(
                422, R"({"errors":[{"message":"User not found in course or is not a student"}]})");
        http::Response response;
        response.attempts = 6;
        response.may_have_been_applied = true;
        if (answer == Answer::lost) {
            response.transport_error = "Operation timed out";
            response.failure = http::Failure::no_answer;
        } else {
            response = make_response(503, "Service Unavailable");
            response.attempts = 6;
            response.may_have_been_applied = true;
        }
        return response;
    }

    lti::TokenSource m_tokens{transport, credentials(), &test_key(), {}, clock};
    lti::AgsClient m_client{transport, m_tokens, lti::Platform::generic,
                            lti::OriginPolicy({k_token_url, k_line_item}, {})};
};

// Records what the use case tells; says yes to overriding hand edits when told to.
class RecordingObserver final : public batch::RunObserver {
public:
    bool approves = false;
    std::size_t settled_count = 0;
    int approvals_asked = 0;

    void settled(std::size_t count) override { settled_count += count; }
    bool approve_overrides(const model::Plan&, const std::vector<std::string>&) override {
        ++approvals_asked;
        return approves;
    }
};

// An export with one attempt per student, scored out of 10.
std::filesystem::path write_export(const testing::ScratchDir& dir, const std::string& name,
                                   const std::vector<std::pair<std::string, double>>& scores) {
    auto path = dir / name;
    std::ofstream out(path, std::ios::binary);
    out << "user_id,score,max,attempt\n";
    for (const auto& [user, score] : scores)
        out << user << ',' << score << ",10,1\n";
    return path;
}

batch::PostRequest request_for(const testing::ScratchDir& dir, const std::filesystem::path& file,
                               policy::Select select = policy::Select::fresh) {
    batch::PostRequest request;
    request.plan.files = {file};
    request.plan.select.select = select;
    request.ledger = dir / "state.db";
    return request;
}

state::Target target() {
    return {k_platform_key, k_line_item};
}

std::map<std::string, model::LedgerEntry> ledger_entries(const testing::ScratchDir& dir) {
    return state::Ledger::open_read_only(dir / "state.db").entries(target());
}

const model::Outcome& outcome_of(const model::RunReport& report, const std::string& user) {
    for (const auto& outcome : report.scores)
        if (outcome.user_id == user)
            return outcome;
    FAIL("no outcome for " << user);
    throw std::logic_error("unreachable");
}

std::set<std::string> users_with(const model::RunReport& report, model::Action action) {
    std::set<std::string> users;
    for (const auto& outcome : report.scores)
        if (outcome.action == action)
            users.insert(outcome.user_id);
    return users;
}

// Marks `scores` pending in the ledger, as a run that crashed right after journaling would.
void journal_pending(const testing::ScratchDir& dir, const std::filesystem::path& file,
                     util::Instant when) {
    auto request = request_for(dir, file);
    auto kept = batch::read_and_keep(request.plan, {});
    std::vector<state::PendingScore> pending;
    for (const auto& score : kept.kept) {
        model::SentScore sent;
        sent.given = score.given;
        sent.maximum = score.maximum;
        sent.attempt_keys = score.attempt_keys.to_vector();
        sent.timestamp = when;
        pending.push_back({score.user_id, sent});
    }
    state::Ledger::open(dir / "state.db").mark_pending(target(), pending);
}

} // namespace

TEST_SUITE("batch::post_run") {

    TEST_CASE("each selection mode plans against a ledger holding earlier posts") {
        testing::ScratchDir dir;
        FakeLms lms;
        RecordingObserver observer;
        auto first = write_export(dir, "first.csv", {{"u1", 8}, {"u2", 6}});
        auto report = batch::run_post(request_for(dir, first), lms, lms.clock, observer);
        REQUIRE(users_with(report, model::Action::posted) == std::set<std::string>{"u1", "u2"});

        // u1 unchanged, u2 regraded on the same attempt, u3 new.
        auto second = write_export(dir, "second.csv", {{"u1", 8}, {"u2", 7}, {"u3", 9}});
        auto posts_before = lms.score_posts();
        auto plan_for = [&](policy::Select select) {
            auto request = request_for(dir, second, select);
            request.is_dry_run = true;
            return batch::run_post(request, lms, lms.clock, observer);
        };

        auto fresh = plan_for(policy::Select::fresh);
        CHECK(users_with(fresh, model::Action::would_post) == std::set<std::string>{"u3"});
        CHECK(outcome_of(fresh, "u3").reason == "new");
        CHECK(outcome_of(fresh, "u1").reason == "already posted");
        CHECK(outcome_of(fresh, "u2").reason == "already posted");

        auto changed = plan_for(policy::Select::changed);
        CHECK(users_with(changed, model::Action::would_post) == std::set<std::string>{"u2", "u3"});
        CHECK(outcome_of(changed, "u2").reason == "changed");
        CHECK(outcome_of(changed, "u1").reason == "unchanged");
        CHECK(outcome_of(changed, "u2").last_posted_score == 6);
        CHECK(outcome_of(changed, "u2").lms_score == 6);

        auto all = plan_for(policy::Select::all);
        CHECK(users_with(all, model::Action::would_post) ==
              std::set<std::string>{"u1", "u2", "u3"});
        CHECK(all.counts.selected == 3);

        // Planning sent nothing.
        CHECK(lms.score_posts() == posts_before);
    }

    TEST_CASE("select all overwrites what the LMS holds only with a yes") {
        testing::ScratchDir dir;
        FakeLms lms;
        RecordingObserver observer;
        auto file = write_export(dir, "scores.csv", {{"u1", 8}});
        batch::run_post(request_for(dir, file), lms, lms.clock, observer);
        auto posts_before = lms.score_posts();

        CHECK_THROWS_AS(
            batch::run_post(request_for(dir, file, policy::Select::all), lms, lms.clock, observer),
            util::UsageError);
        CHECK(observer.approvals_asked == 1);
        CHECK(lms.score_posts() == posts_before);

        observer.approves = true;
        auto report =
            batch::run_post(request_for(dir, file, policy::Select::all), lms, lms.clock, observer);
        CHECK(users_with(report, model::Action::posted) == std::set<std::string>{"u1"});
        CHECK(lms.score_posts() == posts_before + 1);
    }

    TEST_CASE("a refused score fails for its own sake: ledger failed, exit code 1") {
        testing::ScratchDir dir;
        FakeLms lms;
        RecordingObserver observer;
        lms.answer_of["u2"] = Answer::refuse;
        auto file = write_export(dir, "scores.csv", {{"u1", 8}, {"u2", 6}});
        auto report = batch::run_post(request_for(dir, file), lms, lms.clock, observer);

        CHECK(outcome_of(report, "u1").action == model::Action::posted);
        const auto& refused = outcome_of(report, "u2");
        CHECK(refused.action == model::Action::failed);
        CHECK(refused.fault == model::Fault::refused);
        CHECK(refused.http_status == 422);
        CHECK(refused.error.find("User not found in course") != std::string::npos);
        CHECK(report.counts.failed == 1);
        CHECK(batch::exit_code_of(report) == util::ExitCode::some_failed);

        auto entries = ledger_entries(dir);
        CHECK(entries.at("u1").state == model::PostState::posted);
        CHECK(entries.at("u2").state == model::PostState::failed);
        CHECK(entries.at("u2").http_status == 422);
        CHECK_FALSE(entries.at("u2").last_posted);

        // A failure is selected again; fixed on the platform's side, it goes through.
        lms.answer_of.erase("u2");
        auto again = batch::run_post(request_for(dir, file), lms, lms.clock, observer);
        CHECK(lms.posted_users() == std::vector<std::string>{"u1", "u2", "u2"});
        CHECK(outcome_of(again, "u2").action == model::Action::posted);
        CHECK(batch::exit_code_of(again) == util::ExitCode::ok);
    }

    TEST_CASE("posts without an answer are settled from the results after posting") {
        testing::ScratchDir dir;
        FakeLms lms;
        RecordingObserver observer;
        lms.answer_of["u1"] = Answer::lost; // landed, the answer did not come back
        lms.answer_of["u2"] = Answer::down; // 503 after the retries, never landed
        auto file = write_export(dir, "scores.csv", {{"u1", 8}, {"u2", 6}, {"u3", 7}});
        auto report = batch::run_post(request_for(dir, file), lms, lms.clock, observer);

        CHECK(outcome_of(report, "u1").action == model::Action::posted);
        CHECK(outcome_of(report, "u1").fault == model::Fault::none);
        CHECK(outcome_of(report, "u2").action == model::Action::failed);
        CHECK(outcome_of(report, "u2").fault == model::Fault::platform);
        CHECK(outcome_of(report, "u3").action == model::Action::posted);
        // Every failure was the platform's: a cron job retries later.
        CHECK(batch::exit_code_of(report) == util::ExitCode::unreachable);

        auto entries = ledger_entries(dir);
        CHECK(entries.at("u1").state == model::PostState::posted);
        REQUIRE(entries.at("u1").last_posted);
        CHECK(entries.at("u1").last_posted->given == 8);
        CHECK(entries.at("u2").state == model::PostState::failed);
        CHECK(lms.score_posts() == 3);
    }

    TEST_CASE("an unanswered post stays pending when the results cannot be read, and the next "
              "run settles it without sending it again") {
        testing::ScratchDir dir;
        FakeLms lms;
        RecordingObserver observer;
        lms.answer_of["u1"] = Answer::lost;
        lms.results_reads_failing_after = 1; // the gradebook is read, then the LMS goes down
        auto file = write_export(dir, "scores.csv", {{"u1", 8}});
        testing::CapturedStderr captured;
        auto report = batch::run_post(request_for(dir, file), lms, lms.clock, observer);
        CHECK(captured.text().find("could not read results to confirm 1 unanswered posts") !=
              std::string::npos);

        CHECK(outcome_of(report, "u1").action == model::Action::failed);
        CHECK(outcome_of(report, "u1").http_status == 0);
        CHECK(ledger_entries(dir).at("u1").state == model::PostState::pending);
        CHECK(lms.score_posts() == 1);

        lms.results_reads_failing_after = 1'000'000;
        lms.answer_of.erase("u1");
        auto next = batch::run_post(request_for(dir, file), lms, lms.clock, observer);
        CHECK(observer.settled_count == 1);
        CHECK(outcome_of(next, "u1").action == model::Action::skipped);
        CHECK(lms.score_posts() == 1);
        auto entries = ledger_entries(dir);
        CHECK(entries.at("u1").state == model::PostState::posted);
        REQUIRE(entries.at("u1").last_posted);
        CHECK(entries.at("u1").last_posted->given == 8);
    }

    TEST_CASE("a crash's pending posts: one the results show is recorded without re-sending, "
              "one they do not show is sent again") {
        testing::ScratchDir dir;
        FakeLms lms;
        RecordingObserver observer;
        auto file = write_export(dir, "scores.csv", {{"u1", 8}, {"u2", 6}});
        journal_pending(dir, file, lms.clock.now() - std::chrono::minutes(5));
        lms.gradebook["u1"] = 8; // u1's post landed before the crash, u2's did not

        auto report = batch::run_post(request_for(dir, file), lms, lms.clock, observer);

        CHECK(observer.settled_count == 2);
        CHECK(outcome_of(report, "u1").action == model::Action::skipped);
        CHECK(outcome_of(report, "u2").action == model::Action::posted);
        CHECK(lms.posted_users() == std::vector<std::string>{"u2"});
        auto entries = ledger_entries(dir);
        CHECK(entries.at("u1").state == model::PostState::posted);
        CHECK(entries.at("u2").state == model::PostState::posted);
        CHECK(lms.gradebook.at("u2") == 6);
    }

    TEST_CASE("a crash's pending posts with --trust-ledger are settled from results read for "
              "the purpose") {
        testing::ScratchDir dir;
        FakeLms lms;
        RecordingObserver observer;
        auto file = write_export(dir, "scores.csv", {{"u1", 8}, {"u2", 6}});
        journal_pending(dir, file, lms.clock.now() - std::chrono::minutes(5));
        lms.gradebook["u1"] = 8;

        auto request = request_for(dir, file);
        request.trusts_ledger = true;
        batch::run_post(request, lms, lms.clock, observer);

        CHECK(lms.results_reads >= 1);
        CHECK(lms.posted_users() == std::vector<std::string>{"u2"});
        CHECK(ledger_entries(dir).at("u2").state == model::PostState::posted);
    }

    TEST_CASE("the ledger records what was posted, and a second run of select new posts "
              "nothing") {
        testing::ScratchDir dir;
        FakeLms lms;
        RecordingObserver observer;
        std::vector<std::pair<std::string, double>> scores{{"u1", 8}, {"u2", 6.5}, {"u3", 10}};
        auto file = write_export(dir, "scores.csv", scores);
        auto report = batch::run_post(request_for(dir, file), lms, lms.clock, observer);
        CHECK(report.counts.posted == 3);
        CHECK(batch::exit_code_of(report) == util::ExitCode::ok);

        auto entries = ledger_entries(dir);
        REQUIRE(entries.size() == scores.size());
        for (const auto& user_and_score : scores) {
            const auto& user = user_and_score.first; // a plain name: CAPTURE's lambda takes it
            double score = user_and_score.second;
            CAPTURE(user);
            const auto& entry = entries.at(user);
            CHECK(entry.state == model::PostState::posted);
            REQUIRE(entry.last_posted);
            CHECK(entry.last_posted->given == score);
            CHECK(entry.last_posted->maximum == 10);
            CHECK_FALSE(entry.in_flight);
            CHECK(lms.gradebook.at(user) == score);
        }
        // What was sent is what the ledger holds, timestamp included.
        for (const auto& request : lms.transport.requests_to("POST", "/scores")) {
            auto document = nlohmann::json::parse(request.body);
            const auto& entry = entries.at(document.at("userId").get<std::string>());
            CHECK(document.at("scoreGiven").get<double>() == entry.last_posted->given);
            CHECK(document.at("timestamp").get<std::string>() ==
                  util::format_iso8601(entry.last_posted->timestamp));
        }

        lms.clock.advance(std::chrono::minutes(1));
        auto second = batch::run_post(request_for(dir, file), lms, lms.clock, observer);
        CHECK(second.counts.selected == 0);
        CHECK(second.counts.skipped == 3);
        CHECK(lms.score_posts() == 3);
    }

    TEST_CASE("a dry run writes nothing to the ledger") {
        testing::ScratchDir dir;
        FakeLms lms;
        RecordingObserver observer;
        auto file = write_export(dir, "scores.csv", {{"u1", 8}, {"u2", 6}});
        auto request = request_for(dir, file);
        request.is_dry_run = true;

        // Without a ledger: none is created.
        auto report = batch::run_post(request, lms, lms.clock, observer);
        CHECK(users_with(report, model::Action::would_post) == std::set<std::string>{"u1", "u2"});
        CHECK_FALSE(std::filesystem::exists(dir / "state.db"));

        // With one holding a crash's pending post the LMS shows: the plan settles it in
        // memory, the ledger keeps it pending.
        journal_pending(dir, write_export(dir, "u1.csv", {{"u1", 8}}),
                        lms.clock.now() - std::chrono::minutes(5));
        lms.gradebook["u1"] = 8;
        auto before = ledger_entries(dir);
        auto settled = batch::run_post(request, lms, lms.clock, observer);
        CHECK(users_with(settled, model::Action::would_post) == std::set<std::string>{"u2"});
        auto after = ledger_entries(dir);
        CHECK(after.size() == before.size());
        CHECK(after.at("u1").state == model::PostState::pending);
        CHECK(after.count("u2") == 0);
        CHECK(lms.score_posts() == 0);
    }
}
