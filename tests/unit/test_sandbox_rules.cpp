#include "sandbox/course_seed.hpp"
#include "sandbox/paging.hpp"
#include "sandbox/request_error.hpp"
#include "sandbox/scopes.hpp"
#include "sandbox/score_rules.hpp"
#include "sandbox/timestamps.hpp"
#include "support/scratch_dir.hpp"
#include "util/error.hpp"
#include "util/time_format.hpp"

#include <doctest/doctest.h>

#include <fstream>

using namespace gradepost;
using namespace gradepost::sandbox;

namespace {

ScoreSubmission score(std::optional<double> given, const char* grading, const char* timestamp) {
    ScoreSubmission submission;
    submission.user_id = "1001";
    submission.score_given = given;
    submission.score_maximum = 10;
    submission.activity_progress = "Completed";
    submission.grading_progress = grading;
    submission.timestamp = timestamp;
    submission.instant = *parse_timestamp(timestamp);
    return submission;
}

int refusal_status(const std::function<void()>& action) {
    try {
        action();
    } catch (const RequestError& error) {
        return error.status();
    }
    return 0;
}

} // namespace

TEST_SUITE("sandbox::rules") {

    TEST_CASE("ISO 8601 timestamps with Z, offsets and fractions parse; others do not") {
        CHECK(util::format_iso8601(*parse_timestamp("2026-11-22T14:03:00Z")) ==
              "2026-11-22T14:03:00.000000Z");
        CHECK(util::format_iso8601(*parse_timestamp("2026-11-22T14:03:00.123456789Z")) ==
              "2026-11-22T14:03:00.123456Z");
        CHECK(util::format_iso8601(*parse_timestamp("2026-11-22T15:03:00.5+01:00")) ==
              "2026-11-22T14:03:00.500000Z");
        CHECK(util::format_iso8601(*parse_timestamp("2026-11-22T09:03:00-0500")) ==
              "2026-11-22T14:03:00.000000Z");
        for (const char* bad :
             {"2026-11-22", "2026-11-22 14:03:00Z", "2026-11-22T14:03:00", "22/11/2026T14:03:00Z",
              "2026-11-22T14:03:00Zjunk", "", "2026-13-22T14:03:00Z"}) {
            CAPTURE(bad);
            CHECK_FALSE(parse_timestamp(bad));
        }
    }

    TEST_CASE("a --lineitem flag is LABEL:MAX with a positive maximum") {
        auto item = parse_line_item_flag("Week 3: essay:12.5");
        CHECK(item.label == "Week 3: essay");
        CHECK(item.score_maximum == 12.5);
        for (const char* bad :
             {"Quiz", "Quiz:", ":10", "Quiz:0", "Quiz:-3", "Quiz:ten", "Quiz:1e999"}) {
            CAPTURE(bad);
            CHECK_THROWS_AS(parse_line_item_flag(bad), util::UsageError);
        }
    }

    TEST_CASE("--scopes takes full URIs or short names, all by default") {
        CHECK(parse_scope_list("").size() == 5);
        CHECK(parse_scope_list("score, lineitem.readonly") ==
              ScopeSet{std::string(k_scope_score), std::string(k_scope_lineitem_readonly)});
        CHECK(parse_scope_list(std::string(k_scope_memberships)) ==
              ScopeSet{std::string(k_scope_memberships)});
        CHECK_THROWS_AS(parse_scope_list("score,grades"), util::UsageError);
    }

    TEST_CASE("generated students and the instructor") {
        SandboxOptions options;
        options.students = 3;
        auto course = load_course(options);
        REQUIRE(course.members.size() == 4);
        CHECK(course.members[2].user_id == "1003");
        CHECK(course.members[2].email == "student1003@example.edu");
        CHECK(course.members[2].sourcedid == "SIS1003");
        CHECK(course.members[2].is_student());
        CHECK(course.members[3].user_id == "9001");
        CHECK_FALSE(course.members[3].is_student());
        REQUIRE(course.line_items.size() == 1);
        CHECK(course.line_items[0].label == "Quiz 1");
        CHECK(course.line_items[0].id == 1);
    }

    TEST_CASE("a roster or seed file with a mistake is a usage error naming it") {
        testing::ScratchDir dir;
        std::ofstream(dir / "roster.csv") << "user_id,name,email,lis_person_sourcedid\nu1,Ada\n";
        std::ofstream(dir / "twice.csv") << "u1,Ada,a@x,S1\nu1,Bob,b@x,S2\n";
        std::ofstream(dir / "seed.json") << R"({"line_items": [{"label": "Quiz"}]})";
        SandboxOptions options;
        options.roster_file = (dir / "roster.csv").string();
        CHECK_THROWS_WITH_AS(load_course(options), doctest::Contains("roster.csv:2"),
                             util::UsageError);
        options.roster_file = (dir / "twice.csv").string();
        CHECK_THROWS_WITH_AS(load_course(options), doctest::Contains("u1"), util::UsageError);
        options.roster_file.clear();
        options.seed_file = (dir / "seed.json").string();
        CHECK_THROWS_WITH_AS(load_course(options), doctest::Contains("scoreMaximum"),
                             util::UsageError);
    }

    TEST_CASE("pages of a generic collection: limit, page and the links") {
        Quirks strict = quirks_for(QuirkMode::strict);
        auto page =
            paginate(7, {{"tag", "a b"}, {"limit", "3"}, {"page", "2"}}, strict, "http://h/items");
        CHECK(page.begin == 3);
        CHECK(page.end == 6);
        CHECK(page.link_header == "<http://h/items?tag=a%20b&limit=3&page=3>; rel=\"next\", "
                                  "<http://h/items?tag=a%20b&limit=3&page=1>; rel=\"prev\", "
                                  "<http://h/items?tag=a%20b&limit=3&page=1>; rel=\"first\", "
                                  "<http://h/items?tag=a%20b&limit=3&page=3>; rel=\"last\"");
        auto everything = paginate(7, {}, strict, "http://h/items");
        CHECK(everything.end == 7);
        CHECK(everything.link_header.empty());
        auto beyond = paginate(7, {{"limit", "3"}, {"page", "9"}}, strict, "http://h/items");
        CHECK(beyond.begin == beyond.end);
        CHECK(refusal_status([&] { paginate(7, {{"limit", "-1"}}, strict, "x"); }) == 400);
    }

    TEST_CASE("Canvas pages by 10 and caps the limit at 100") {
        Quirks canvas = quirks_for(QuirkMode::canvas);
        CHECK(paginate(250, {}, canvas, "x").end == 10);
        CHECK(paginate(250, {{"limit", "1000"}}, canvas, "x").end == 100);
    }

    TEST_CASE("the timestamp rules of each platform") {
        StoredResult stored;
        stored.timestamp = "2026-11-22T14:03:00.400Z";
        stored.instant = *parse_timestamp(stored.timestamp);
        auto status = [&](QuirkMode mode, const char* timestamp) {
            return refusal_status([&] {
                check_timestamp_order(quirks_for(mode), score(8, "FullyGraded", timestamp), stored);
            });
        };
        CHECK(status(QuirkMode::strict, "2026-11-22T14:03:00.400Z") == 0);
        CHECK(status(QuirkMode::strict, "2026-11-22T14:03:00.399Z") == 400);
        CHECK(status(QuirkMode::canvas, "2026-11-22T14:03:00.399Z") == 400);
        CHECK(status(QuirkMode::openedx, "2026-11-22T14:03:00.400Z") == 400);
        CHECK(status(QuirkMode::openedx, "2026-11-22T14:03:00.401Z") == 0);
        CHECK(status(QuirkMode::moodle, "2026-11-22T14:03:00.900Z") == 409);
        CHECK(status(QuirkMode::moodle, "2026-11-22T14:03:01Z") == 0);
    }

    TEST_CASE("what each platform stores for a non-final post") {
        StoredResult graded;
        graded.score_given = 8;
        graded.score_maximum = 10;
        auto pending = score(std::nullopt, "PendingManual", "2026-11-22T14:03:00Z");

        auto strict = next_result(quirks_for(QuirkMode::strict), pending, graded);
        CHECK_FALSE(strict.score_given);
        auto moodle = next_result(quirks_for(QuirkMode::moodle), pending, graded);
        CHECK_FALSE(moodle.score_given);
        CHECK(moodle.is_cleared);
        auto canvas = next_result(quirks_for(QuirkMode::canvas), pending, graded);
        CHECK_FALSE(canvas.score_given);
        pending.preserves_score = true;
        auto preserved = next_result(quirks_for(QuirkMode::canvas), pending, graded);
        CHECK(preserved.score_given == 8);
        CHECK(preserved.grading_progress == "PendingManual");
    }

    TEST_CASE("Canvas content items: files are kept on a new submission only") {
        auto body = nlohmann::json{
            {"userId", "1001"},
            {"scoreGiven", 8},
            {"scoreMaximum", 10},
            {"activityProgress", "Completed"},
            {"gradingProgress", "FullyGraded"},
            {"timestamp", "2026-11-22T14:03:00Z"},
            {k_canvas_extension,
             {{"content_items",
               {{{"type", "file"}, {"url", "https://f.example/a.pdf"}, {"title", "A"}},
                {{"type", "link"}, {"url", "https://f.example/ignored"}}}}}}};
        auto submission = parse_score(body);
        REQUIRE(submission.files.size() == 1);
        CHECK(submission.files[0].title == "A");
        auto stored = next_result(quirks_for(QuirkMode::canvas), submission, std::nullopt);
        CHECK(stored.attachments.size() == 1);

        body[k_canvas_extension]["new_submission"] = false;
        auto repost = next_result(quirks_for(QuirkMode::canvas), parse_score(body), stored);
        CHECK(repost.attachments.size() == 1);

        body[k_canvas_extension]["content_items"] = {{{"type", "file"}}};
        CHECK(refusal_status([&] { parse_score(body); }) == 422);
        body[k_canvas_extension]["content_items"] = "a.pdf";
        CHECK(refusal_status([&] { parse_score(body); }) == 400);
    }

    TEST_CASE("score value keys") {
        CHECK(score_value_key(8.0) == "8");
        CHECK(score_value_key(8.25) == "8.25");
        CHECK(score_value_key(std::nullopt) == "none");
    }
}
