#include "batch/reconcile.hpp"

#include <doctest/doctest.h>

using namespace gradepost;

namespace {

model::LedgerEntry pending_entry(std::string user, double given, double maximum) {
    model::LedgerEntry entry;
    entry.user_id = std::move(user);
    entry.state = model::PostState::pending;
    model::SentScore sent;
    sent.given = given;
    sent.maximum = maximum;
    sent.attempt_keys = model::parse_attempt_keys({"id:1"});
    entry.in_flight = sent;
    return entry;
}

lti::Result result(std::string user, double score, std::optional<double> maximum) {
    lti::Result value;
    value.user_id = std::move(user);
    value.result_score = score;
    value.result_maximum = maximum;
    return value;
}

} // namespace

TEST_SUITE("batch::reconcile") {
    TEST_CASE("a pending post the platform holds becomes posted; one it lacks becomes failed") {
        std::map<std::string, model::LedgerEntry> entries{
            {"u1", pending_entry("u1", 8, 10)},
            {"u2", pending_entry("u2", 6, 10)},
            {"u3", pending_entry("u3", 7, 10)},
        };
        auto settled = batch::reconcile(entries, {result("u1", 8, 10), result("u2", 5, 10)});
        REQUIRE(settled.size() == 3);
        std::map<std::string, bool> is_posted;
        for (const auto& item : settled)
            is_posted[item.user_id] = item.is_posted;
        CHECK(is_posted["u1"]);
        CHECK_FALSE(is_posted["u2"]);
        CHECK_FALSE(is_posted["u3"]);
    }

    TEST_CASE("results scaled to another maximum compare as fractions") {
        std::map<std::string, model::LedgerEntry> entries{{"u1", pending_entry("u1", 8, 10)}};
        auto settled = batch::reconcile(entries, {result("u1", 80, 100)});
        REQUIRE(settled.size() == 1);
        CHECK(settled[0].is_posted);
    }

    TEST_CASE("result_holds compares fractions when both sides have a maximum") {
        CHECK(batch::result_holds(result("u1", 80, 100), 8.0, 10.0));
        CHECK_FALSE(batch::result_holds(result("u1", 70, 100), 8.0, 10.0));
        CHECK(batch::result_holds(result("u1", 8, std::nullopt), 8.0, 10.0));
        CHECK_FALSE(batch::result_holds(result("u1", 8, 10), std::nullopt, 10.0));
    }

    TEST_CASE("entries that are not pending are left alone") {
        auto entry = pending_entry("u1", 8, 10);
        entry.state = model::PostState::posted;
        std::map<std::string, model::LedgerEntry> entries{{"u1", entry}};
        CHECK(batch::reconcile(entries, {}).empty());
    }

    TEST_CASE("apply_results moves the in-flight score to last posted, as the ledger does") {
        std::map<std::string, model::LedgerEntry> entries{{"u1", pending_entry("u1", 8, 10)},
                                                          {"u2", pending_entry("u2", 6, 10)}};
        batch::apply_results(entries, {{"u1", true, 200, ""}, {"u2", false, 0, "gone"}});
        CHECK(entries["u1"].state == model::PostState::posted);
        REQUIRE(entries["u1"].last_posted);
        CHECK(*entries["u1"].last_posted->given == 8);
        CHECK_FALSE(entries["u1"].in_flight);
        CHECK(entries["u2"].state == model::PostState::failed);
        CHECK_FALSE(entries["u2"].last_posted);
        CHECK(entries["u2"].error == "gone");
    }
}
