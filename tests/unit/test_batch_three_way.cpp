#include "batch/three_way.hpp"

#include "lti/make_score.hpp"

#include <doctest/doctest.h>

using namespace gradepost;
using policy::Select;

namespace {

model::PlanEntry entry(std::string user, double given, std::optional<double> last_posted,
                       bool is_selected = true, std::string reason = "changed") {
    model::PlanEntry planned;
    planned.score.user_id = std::move(user);
    planned.score.given = given;
    planned.score.maximum = 10;
    planned.is_selected = is_selected;
    planned.reason = std::move(reason);
    if (last_posted) {
        model::LedgerEntry previous;
        previous.last_posted = model::SentScore{};
        previous.last_posted->given = *last_posted;
        previous.last_posted->maximum = 10;
        planned.previous = std::make_shared<const model::LedgerEntry>(previous);
    }
    return planned;
}

lti::Result result(std::string user, double score, double maximum) {
    lti::Result held;
    held.user_id = std::move(user);
    held.result_score = score;
    held.result_maximum = maximum;
    return held;
}

} // namespace

TEST_SUITE("batch::three_way") {

    TEST_CASE("a grade that is not what gradepost last posted is a hand edit, left alone") {
        std::vector entries{entry("u1", 5, 7)};
        batch::check_against_lms(entries, {result("u1", 9.5, 10)}, Select::changed, false);
        CHECK_FALSE(entries[0].is_selected);
        CHECK(entries[0].reason == "edited in the LMS");
        CHECK(entries[0].lms_score == 9.5);
        CHECK(entries[0].lms_maximum == 10);
    }

    TEST_CASE("a grade gradepost never posted is a hand edit too") {
        std::vector entries{entry("u1", 5, std::nullopt, true, "new")};
        batch::check_against_lms(entries, {result("u1", 3, 10)}, Select::fresh, false);
        CHECK_FALSE(entries[0].is_selected);
        CHECK(entries[0].reason == "edited in the LMS");
    }

    TEST_CASE("--force and --select all overwrite hand edits and mark them") {
        for (auto [select, is_forced] : {std::pair{Select::changed, true}, {Select::all, false}}) {
            std::vector entries{entry("u1", 5, 7)};
            batch::check_against_lms(entries, {result("u1", 9.5, 10)}, select, is_forced);
            CHECK(entries[0].is_selected);
            CHECK(entries[0].overrides_lms_edit);
        }
    }

    TEST_CASE("what gradepost last posted, rescaled and rounded by the platform, is no edit") {
        // 2/3 of 10 posted; Moodle keeps 66.67 on a 100-point item.
        auto regraded = entry("u1", 5, 20.0 / 3);
        std::vector entries{regraded};
        batch::check_against_lms(entries, {result("u1", 66.67, 100)}, Select::changed, false);
        CHECK(entries[0].is_selected);
        CHECK_FALSE(entries[0].is_lms_edited);
        CHECK_FALSE(entries[0].overrides_lms_edit);
    }

    TEST_CASE("a score the LMS already holds is not sent again, whichever ledger") {
        std::vector entries{entry("u1", 8, std::nullopt, true, "new")};
        batch::check_against_lms(entries, {result("u1", 80, 100)}, Select::fresh, false);
        CHECK_FALSE(entries[0].is_selected);
        CHECK(entries[0].reason == "already in the LMS");
    }

    TEST_CASE("no grade in the LMS: nothing to protect") {
        std::vector entries{entry("u1", 8, 7)};
        batch::check_against_lms(entries, {}, Select::changed, false);
        CHECK(entries[0].is_selected);
        CHECK_FALSE(entries[0].lms_score);
    }

    TEST_CASE("a student with nothing to post whose grade was edited is reported as edited") {
        std::vector entries{entry("u1", 7, 7, false, "unchanged")};
        batch::check_against_lms(entries, {result("u1", 2, 10)}, Select::changed, false);
        CHECK(entries[0].reason == "edited in the LMS");
    }

    TEST_CASE("Canvas is asked to keep hand-set grades unless the post overrides one") {
        model::KeptScore kept;
        kept.user_id = "u1";
        kept.given = 8;
        kept.maximum = 10;
        model::Timestamp now{std::chrono::seconds(1'800'000'000)};
        auto normal = lti::make_score(kept, nullptr, now, lti::Platform::canvas, {}, false);
        CHECK(normal.score.canvas.prioritize_non_tool_grade == true);
        auto overriding = lti::make_score(kept, nullptr, now, lti::Platform::canvas, {}, true);
        CHECK_FALSE(overriding.score.canvas.prioritize_non_tool_grade.has_value());
        auto generic = lti::make_score(kept, nullptr, now, lti::Platform::generic, {}, false);
        CHECK_FALSE(generic.score.canvas.prioritize_non_tool_grade.has_value());
    }

} // TEST_SUITE
