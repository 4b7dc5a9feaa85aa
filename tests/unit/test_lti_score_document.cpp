#include "lti/score_document.hpp"

#include <doctest/doctest.h>

using namespace gradepost;
using namespace gradepost::lti;

namespace {

model::Timestamp at(long long seconds, long long microseconds = 0) {
    return model::Timestamp{std::chrono::seconds(seconds)} +
           std::chrono::microseconds(microseconds);
}

Score full_score() {
    Score score;
    score.user_id = "u17";
    score.score_given = 18;
    score.score_maximum = 20;
    score.timestamp = at(1'790'000'000, 123'456);
    return score;
}

} // namespace

TEST_SUITE("lti::score_document") {

    TEST_CASE("a graded score has the AGS fields and a timestamp with microseconds") {
        auto document = score_document(full_score(), Platform::generic);
        CHECK(document == nlohmann::json{{"userId", "u17"},
                                         {"scoreGiven", 18.0},
                                         {"scoreMaximum", 20.0},
                                         {"activityProgress", "Completed"},
                                         {"gradingProgress", "FullyGraded"},
                                         {"timestamp", "2026-09-21T14:13:20.123456Z"}});
    }

    TEST_CASE("scores are left out when not given; submission and comment when known") {
        Score score = full_score();
        score.score_given.reset();
        score.score_maximum.reset();
        score.grading_progress = "PendingManual";
        score.activity_progress = "Submitted";
        score.submitted_at = at(1'789'990'000);
        score.comment = "Well done";
        auto document = score_document(score, Platform::moodle);
        CHECK_FALSE(document.contains("scoreGiven"));
        CHECK_FALSE(document.contains("scoreMaximum"));
        CHECK(document["gradingProgress"] == "PendingManual");
        CHECK(document["activityProgress"] == "Submitted");
        CHECK(document["submission"] ==
              nlohmann::json{{"submittedAt", "2026-09-21T11:26:40.000000Z"}});
        CHECK(document["comment"] == "Well done");
    }

    TEST_CASE("the Canvas extension goes only to Canvas, with only the fields set") {
        constexpr const char* k_key = "https://canvas.instructure.com/lti/submission";
        Score score = full_score();
        score.canvas.new_submission = false;
        score.canvas.submitted_at = at(1'789'990'000);
        score.canvas.content_item_url = "https://tool.example/attempt/9";

        auto canvas = score_document(score, Platform::canvas);
        REQUIRE(canvas.contains(k_key));
        CHECK(canvas[k_key] ==
              nlohmann::json{{"new_submission", false},
                             {"submitted_at", "2026-09-21T11:26:40.000000Z"},
                             {"submission_type", "online_url"},
                             {"submission_data", "https://tool.example/attempt/9"}});
        for (auto platform : {Platform::generic, Platform::moodle, Platform::blackboard})
            CHECK_FALSE(score_document(score, platform).contains(k_key));

        Score plain = full_score();
        CHECK_FALSE(score_document(plain, Platform::canvas).contains(k_key));

        plain.canvas.preserve_score = true;
        plain.canvas.prioritize_non_tool_grade = true;
        CHECK(score_document(plain, Platform::canvas)[k_key] ==
              nlohmann::json{{"preserve_score", true}, {"prioritize_non_tool_grade", true}});
    }

} // TEST_SUITE
