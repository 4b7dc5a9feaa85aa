#include "test_sandbox_support.hpp"

#include "sandbox/score_rules.hpp"

#include <doctest/doctest.h>

using namespace gradepost;
using gradepost::testing::post_score;
using gradepost::testing::RunningSandbox;
using gradepost::testing::score_body;

namespace {

constexpr const char* k_scores = "/api/lti/courses/course-1/line_items/1/scores";

nlohmann::json first_error(const std::string& body) {
    return nlohmann::json::parse(body)["errors"][0]["message"];
}

} // namespace

TEST_SUITE("sandbox::scores") {

    TEST_CASE("a valid score is stored, counted and answered 200 with {}") {
        RunningSandbox sandbox;
        auto client = sandbox.client();
        auto headers = sandbox.auth(sandbox.token());
        int status = 0;
        auto body = score_body("1001", 8, 10, "2026-11-22T14:03:00.123456Z");
        body["comment"] = "Well done";
        body[sandbox::k_canvas_extension] = {{"new_submission", false},
                                             {"submitted_at", "2026-11-20T10:00:00Z"}};
        body["submission"] = {{"submittedAt", "2026-11-20T10:00:00Z"}};
        CHECK(post_score(client, headers, k_scores, body, &status) == "{}");
        CHECK(status == 200);

        auto scores = sandbox.admin("scores")["scores"];
        REQUIRE(scores.size() == 1);
        CHECK(scores[0]["user_id"] == "1001");
        CHECK(scores[0]["accepted_posts"] == 1);
        CHECK(scores[0]["accepted_posts_by_score"]["8"] == 1);
        CHECK(scores[0]["result"]["score_given"] == 8);
        CHECK(scores[0]["result"]["comment"] == "Well done");
        CHECK(scores[0]["result"]["timestamp"] == "2026-11-22T14:03:00.123456Z");
    }

    TEST_CASE("each rule of score validation answers 400 or 422 and stores nothing") {
        RunningSandbox sandbox;
        auto client = sandbox.client();
        auto headers = sandbox.auth(sandbox.token());
        auto valid = score_body("1001", 8, 10, "2026-11-22T14:03:00Z");

        struct Case {
            const char* name;
            std::function<void(nlohmann::json&)> change;
            int status;
        };
        std::vector<Case> cases = {
            {"userId missing", [](auto& body) { body.erase("userId"); }, 400},
            {"activityProgress missing", [](auto& body) { body.erase("activityProgress"); }, 400},
            {"gradingProgress missing", [](auto& body) { body.erase("gradingProgress"); }, 400},
            {"timestamp missing", [](auto& body) { body.erase("timestamp"); }, 400},
            {"unknown activityProgress", [](auto& body) { body["activityProgress"] = "Done"; },
             400},
            {"unknown gradingProgress", [](auto& body) { body["gradingProgress"] = "Graded"; },
             400},
            {"timestamp not ISO 8601", [](auto& body) { body["timestamp"] = "22/11/2026 14:03"; },
             400},
            {"scoreGiven without scoreMaximum", [](auto& body) { body.erase("scoreMaximum"); },
             422},
            {"negative scoreGiven", [](auto& body) { body["scoreGiven"] = -1; }, 400},
            {"scoreMaximum of 0", [](auto& body) { body["scoreMaximum"] = 0; }, 400},
            {"scoreGiven not a number", [](auto& body) { body["scoreGiven"] = "8"; }, 400},
            {"unknown user", [](auto& body) { body["userId"] = "4242"; }, 422},
            {"the instructor", [](auto& body) { body["userId"] = "9001"; }, 422},
            {"Canvas extension not an object",
             [](auto& body) { body[sandbox::k_canvas_extension] = "yes"; }, 400},
        };
        for (const auto& test : cases) {
            CAPTURE(test.name);
            auto body = valid;
            test.change(body);
            int status = 0;
            auto answer = post_score(client, headers, k_scores, body, &status);
            CHECK(status == test.status);
            CHECK(first_error(answer).is_string());
        }
        int status = 0;
        post_score(client, headers, k_scores, valid, &status);
        CHECK(status == 200);
        CHECK(sandbox.admin("stats")["scores_refused"] == cases.size());
        CHECK(sandbox.admin("scores")["scores"].size() == 1);
    }

    TEST_CASE("an unknown user or the instructor gets Canvas's message") {
        RunningSandbox sandbox;
        auto client = sandbox.client();
        int status = 0;
        auto answer = post_score(client, sandbox.auth(sandbox.token()), k_scores,
                                 score_body("9001", 8, 10, "2026-11-22T14:03:00Z"), &status);
        CHECK(status == 422);
        CHECK(nlohmann::json::parse(answer) ==
              nlohmann::json::parse(
                  R"({"errors":[{"message":"User not found in course or is not a student"}]})"));
    }

    TEST_CASE("a body that is not JSON or not the score media type is refused") {
        RunningSandbox sandbox;
        auto client = sandbox.client();
        auto headers = sandbox.auth(sandbox.token());
        auto not_json =
            client.Post(k_scores, headers, "{userId:", "application/vnd.ims.lis.v1.score+json");
        REQUIRE(not_json);
        CHECK(not_json->status == 400);
        auto wrong_type =
            client.Post(k_scores, headers, score_body("1001", 1, 10, "2026-11-22T14:03:00Z").dump(),
                        "text/plain");
        REQUIRE(wrong_type);
        CHECK(wrong_type->status == 415);
    }

    TEST_CASE("a timestamp older than the stored one is refused with Canvas's message") {
        RunningSandbox sandbox;
        auto client = sandbox.client();
        auto headers = sandbox.auth(sandbox.token());
        int status = 0;
        post_score(client, headers, k_scores, score_body("1001", 8, 10, "2026-11-22T14:03:00Z"),
                   &status);
        REQUIRE(status == 200);
        auto answer = post_score(client, headers, k_scores,
                                 score_body("1001", 9, 10, "2026-11-22T14:02:59.999Z"), &status);
        CHECK(status == 400);
        CHECK(first_error(answer) == "Provided timestamp of 2026-11-22T14:02:59.999Z before last "
                                     "updated timestamp of 2026-11-22T14:03:00Z");
        CHECK(sandbox.admin("scores")["scores"][0]["result"]["score_given"] == 8);
    }

    TEST_CASE(
        "an equal timestamp: strict accepts, Open edX refuses, Moodle refuses within the second") {
        SUBCASE("strict") {
            RunningSandbox sandbox;
            auto client = sandbox.client();
            auto headers = sandbox.auth(sandbox.token());
            int first = 0, second = 0;
            post_score(client, headers, k_scores, score_body("1001", 8, 10, "2026-11-22T14:03:00Z"),
                       &first);
            post_score(client, headers, k_scores, score_body("1001", 9, 10, "2026-11-22T14:03:00Z"),
                       &second);
            CHECK(first == 200);
            CHECK(second == 200);
        }
        SUBCASE("openedx") {
            sandbox::SandboxOptions options;
            options.quirks = sandbox::QuirkMode::openedx;
            RunningSandbox sandbox(options);
            auto client = sandbox.client();
            auto headers = sandbox.auth(sandbox.token());
            int first = 0, second = 0, later = 0;
            post_score(client, headers, k_scores, score_body("1001", 8, 10, "2026-11-22T14:03:00Z"),
                       &first);
            post_score(client, headers, k_scores, score_body("1001", 9, 10, "2026-11-22T14:03:00Z"),
                       &second);
            post_score(client, headers, k_scores,
                       score_body("1001", 9, 10, "2026-11-22T14:03:00.5Z"), &later);
            CHECK(first == 201);
            CHECK(second == 400);
            CHECK(later == 201);
        }
        SUBCASE("moodle") {
            sandbox::SandboxOptions options;
            options.quirks = sandbox::QuirkMode::moodle;
            RunningSandbox sandbox(options);
            auto client = sandbox.client();
            auto headers = sandbox.auth(sandbox.token());
            const char* scores =
                "/mod/lti/services.php/course-1/lineitems/1/lineitem/scores?type_id=1";
            int first = 0, same_second = 0, next_second = 0;
            post_score(client, headers, scores,
                       score_body("1001", 8, 10, "2026-11-22T14:03:00.100Z"), &first);
            post_score(client, headers, scores,
                       score_body("1001", 9, 10, "2026-11-22T14:03:00.900Z"), &same_second);
            post_score(client, headers, scores, score_body("1001", 9, 10, "2026-11-22T14:03:01Z"),
                       &next_second);
            CHECK(first == 200);
            CHECK(same_second == 409);
            CHECK(next_second == 200);
        }
    }

    TEST_CASE("posts are counted per student and per score value") {
        RunningSandbox sandbox;
        auto client = sandbox.client();
        auto headers = sandbox.auth(sandbox.token());
        int status = 0;
        post_score(client, headers, k_scores, score_body("1001", 8, 10, "2026-11-22T14:03:00Z"),
                   &status);
        post_score(client, headers, k_scores, score_body("1001", 8, 10, "2026-11-22T14:04:00Z"),
                   &status);
        post_score(client, headers, k_scores, score_body("1001", 9.5, 10, "2026-11-22T14:05:00Z"),
                   &status);
        post_score(client, headers, k_scores, score_body("1002", 7, 10, "2026-11-22T14:05:00Z"),
                   &status);
        auto scores = sandbox.admin("scores");
        CHECK(scores["max_posts"] == 3);
        REQUIRE(scores["scores"].size() == 2);
        auto first = scores["scores"][0];
        CHECK(first["user_id"] == "1001");
        CHECK(first["accepted_posts"] == 3);
        CHECK(first["accepted_posts_by_score"] == nlohmann::json{{"8", 2}, {"9.5", 1}});
        CHECK(first["result"]["score_given"] == 9.5);
        CHECK(scores["scores"][1]["accepted_posts"] == 1);
    }

    TEST_CASE("a score-less post is stored without a score") {
        RunningSandbox sandbox;
        auto client = sandbox.client();
        auto body = score_body("1001", 0, 10, "2026-11-22T14:03:00Z");
        body.erase("scoreGiven");
        body.erase("scoreMaximum");
        body["activityProgress"] = "Submitted";
        body["gradingProgress"] = "PendingManual";
        int status = 0;
        post_score(client, sandbox.auth(sandbox.token()), k_scores, body, &status);
        CHECK(status == 200);
        auto row = sandbox.admin("scores")["scores"][0];
        CHECK(row["result"]["score_given"].is_null());
        CHECK(row["accepted_posts_by_score"]["none"] == 1);
    }

    TEST_CASE("a score for a line item that does not exist is 404") {
        RunningSandbox sandbox;
        auto client = sandbox.client();
        int status = 0;
        post_score(client, sandbox.auth(sandbox.token()),
                   "/api/lti/courses/course-1/line_items/7/scores",
                   score_body("1001", 8, 10, "2026-11-22T14:03:00Z"), &status);
        CHECK(status == 404);
    }
}
