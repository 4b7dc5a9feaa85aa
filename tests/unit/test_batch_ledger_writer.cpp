#include "batch/ledger_writer.hpp"

#include "support/scratch_dir.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <stdexcept>

using namespace gradepost;

namespace {

const state::Target k_writer_target{"https://sso.example/token 10000000000123",
                                    "https://lms.example/api/lti/courses/7/line_items/3"};

std::vector<state::PendingScore> intents(int first, int count) {
    std::vector<state::PendingScore> scores;
    for (int user = first; user < first + count; ++user) {
        state::PendingScore score;
        score.user_id = "u" + std::to_string(user);
        score.score.given = user % 10;
        score.score.maximum = 10;
        score.score.timestamp = model::Timestamp{std::chrono::seconds{1'790'000'000 + user}};
        scores.push_back(score);
    }
    return scores;
}

} // namespace

TEST_SUITE("batch::ledger_writer") {

    TEST_CASE("writes land in the order asked, an intent before its answer") {
        testing::ScratchDir scratch;
        auto ledger = state::Ledger::open(scratch / "state.db");
        {
            batch::LedgerWriter writer(ledger, k_writer_target);
            auto first = writer.journal(intents(0, 3));
            auto second = writer.journal(intents(3, 3));
            writer.wait_for(first);
            writer.record({{"u0", true, 200, ""}, {"u4", false, 422, "unknown user"}});
            writer.wait_for(second);
            writer.finish();
        }
        auto entries = ledger.entries(k_writer_target);
        REQUIRE(entries.size() == 6);
        CHECK(entries.at("u0").state == model::PostState::posted);
        CHECK(entries.at("u1").state == model::PostState::pending);
        CHECK(entries.at("u5").state == model::PostState::pending);
    }

    TEST_CASE("a failed write is rethrown, and later writes are skipped") {
        testing::ScratchDir scratch;
        state::Ledger::open(scratch / "state.db");
        auto read_only = state::Ledger::open_read_only(scratch / "state.db");
        batch::LedgerWriter writer(read_only, k_writer_target);
        auto ticket = writer.journal(intents(0, 2));
        CHECK_THROWS(writer.wait_for(ticket));
        writer.record({{"u0", true, 200, ""}});
        CHECK_THROWS(writer.finish());
        CHECK(read_only.entries(k_writer_target).empty());
    }
}
