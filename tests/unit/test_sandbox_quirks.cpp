#include "test_sandbox_support.hpp"

#include "sandbox/score_rules.hpp"

#include <doctest/doctest.h>

using namespace gradepost;
using gradepost::testing::post_score;
using gradepost::testing::RunningSandbox;
using gradepost::testing::score_body;

namespace {

constexpr const char* k_moodle_items = "/mod/lti/services.php/course-1/lineitems?type_id=1";
constexpr const char* k_moodle_item =
    "/mod/lti/services.php/course-1/lineitems/1/lineitem?type_id=1";
constexpr const char* k_moodle_scores =
    "/mod/lti/services.php/course-1/lineitems/1/lineitem/scores?type_id=1";
constexpr const char* k_moodle_results =
    "/mod/lti/services.php/course-1/lineitems/1/lineitem/results?type_id=1";
constexpr const char* k_moodle_members =
    "/mod/lti/services.php/CourseSection/course-1/bindings/1/memberships";
constexpr const char* k_container_type = "application/vnd.ims.lis.v2.lineitemcontainer+json";
constexpr const char* k_canvas_scores = "/api/lti/courses/course-1/line_items/1/scores";

sandbox::SandboxOptions mode(sandbox::QuirkMode quirks) {
    sandbox::SandboxOptions options;
    options.quirks = quirks;
    return options;
}

} // namespace

TEST_SUITE("sandbox::quirks") {

    TEST_CASE("moodle: Moodle's URLs, token answered as text/html") {
        RunningSandbox sandbox(mode(sandbox::QuirkMode::moodle));
        auto result = sandbox.request_token(sandbox.key().sign(
            {{"alg", "RS256"}}, gradepost::testing::assertion_claims(sandbox.token_url())));
        REQUIRE(result);
        CHECK(result->status == 200);
        CHECK(result->get_header_value("Content-Type").rfind("text/html", 0) == 0);
        CHECK(nlohmann::json::parse(result->body).contains("access_token"));

        auto config = sandbox.admin("config");
        CHECK(config["platform"] == "moodle");
        CHECK(config["token_url"] == sandbox.base_url() + "/mod/lti/token.php");
        CHECK(config["lineitems_url"] == sandbox.base_url() + k_moodle_items);
        CHECK(config["memberships_url"] == sandbox.base_url() + k_moodle_members);

        auto client = sandbox.client();
        auto token = sandbox.token();
        auto items = client.Get(k_moodle_items, sandbox.auth(token, k_container_type));
        REQUIRE(items);
        CHECK(items->status == 200);
        CHECK(nlohmann::json::parse(items->body)[0]["id"] == sandbox.base_url() + k_moodle_item);
        auto item = client.Get(k_moodle_item,
                               sandbox.auth(token, "application/vnd.ims.lis.v2.lineitem+json"));
        CHECK(item->status == 200);
        CHECK(client.Get("/api/lti/courses/course-1/line_items", sandbox.auth(token))->status ==
              404);
    }

    TEST_CASE("moodle: Accept */* is refused with 400, the message in the status line") {
        RunningSandbox sandbox(mode(sandbox::QuirkMode::moodle));
        auto client = sandbox.client();
        auto result = client.Get(k_moodle_items, sandbox.auth(sandbox.token(), "*/*"));
        REQUIRE(result);
        CHECK(result->status == 400);
        CHECK(result->body == "[]");
        CHECK(result->reason ==
              "Accept must name application/vnd.ims.lis.v2.lineitemcontainer+json");
        CHECK(result->get_header_value("X-Moodle-Error") == result->reason);
    }

    TEST_CASE("moodle: paging with limit and from, a typographic next link") {
        sandbox::SandboxOptions options = mode(sandbox::QuirkMode::moodle);
        options.line_items = {"A:1", "B:1", "C:1"};
        RunningSandbox sandbox(options);
        auto client = sandbox.client();
        auto headers = sandbox.auth(sandbox.token(), k_container_type);
        auto all = client.Get(k_moodle_items, headers);
        CHECK(nlohmann::json::parse(all->body).size() == 3);
        CHECK_FALSE(all->has_header("Link"));

        auto first = client.Get((std::string(k_moodle_items) + "&limit=2").c_str(), headers);
        REQUIRE(first);
        CHECK(nlohmann::json::parse(first->body).size() == 2);
        CHECK(first->get_header_value("Link") ==
              "Link: <" + sandbox.base_url() +
                  "/mod/lti/services.php/course-1/lineitems?type_id=1"
                  "&amp;limit=2&amp;from=2>; rel=\xE2\x80\x9Cnext\xE2\x80\x9D");
        auto second =
            client.Get((std::string(k_moodle_items) + "&limit=2&from=2").c_str(), headers);
        CHECK(nlohmann::json::parse(second->body)[0]["label"] == "C");
        CHECK_FALSE(second->has_header("Link"));
    }

    TEST_CASE("moodle: a non-final or score-less post clears the grade; scores are capped") {
        RunningSandbox sandbox(mode(sandbox::QuirkMode::moodle));
        auto client = sandbox.client();
        auto headers = sandbox.auth(sandbox.token());
        int status = 0;
        post_score(client, headers, k_moodle_scores,
                   score_body("1001", 12, 10, "2026-11-22T14:03:00Z"), &status);
        CHECK(status == 200);
        CHECK(sandbox.admin("scores")["scores"][0]["result"]["score_given"] == 10);

        auto pending = score_body("1001", 7, 10, "2026-11-22T14:04:00Z");
        pending["gradingProgress"] = "Pending";
        post_score(client, headers, k_moodle_scores, pending, &status);
        CHECK(status == 200);
        auto result = sandbox.admin("scores")["scores"][0]["result"];
        CHECK(result["score_given"].is_null());
        CHECK(result["cleared"] == true);
    }

    TEST_CASE("moodle: results take a numeric user_id only, and no limit") {
        RunningSandbox sandbox(mode(sandbox::QuirkMode::moodle));
        auto client = sandbox.client();
        auto headers =
            sandbox.auth(sandbox.token(), "application/vnd.ims.lis.v2.resultcontainer+json");
        int status = 0;
        post_score(client, headers, k_moodle_scores,
                   score_body("1001", 8, 10, "2026-11-22T14:03:00Z"), &status);
        auto numeric =
            client.Get((std::string(k_moodle_results) + "&user_id=1001").c_str(), headers);
        REQUIRE(numeric);
        CHECK(nlohmann::json::parse(numeric->body).size() == 1);
        CHECK(
            client.Get((std::string(k_moodle_results) + "&user_id=abc").c_str(), headers)->status ==
            400);
        CHECK(client.Get((std::string(k_moodle_results) + "&limit=5").c_str(), headers)->status ==
              400);
    }

    TEST_CASE("moodle: NRPS at the CourseSection URL") {
        RunningSandbox sandbox(mode(sandbox::QuirkMode::moodle));
        auto client = sandbox.client();
        auto result =
            client.Get(k_moodle_members,
                       sandbox.auth(sandbox.token(),
                                    "application/vnd.ims.lti-nrps.v2.membershipcontainer+json"));
        REQUIRE(result);
        CHECK(result->status == 200);
        CHECK(nlohmann::json::parse(result->body)["members"].size() == 11);
    }

    TEST_CASE("canvas: line items page by 10 by default, at most 100") {
        sandbox::SandboxOptions options = mode(sandbox::QuirkMode::canvas);
        for (int i = 1; i <= 12; ++i)
            options.line_items.push_back("Quiz " + std::to_string(i) + ":10");
        RunningSandbox sandbox(options);
        auto client = sandbox.client();
        auto headers = sandbox.auth(sandbox.token());
        auto first = client.Get("/api/lti/courses/course-1/line_items", headers);
        REQUIRE(first);
        CHECK(nlohmann::json::parse(first->body).size() == 10);
        CHECK(first->get_header_value("Link").find("rel=\"next\"") != std::string::npos);
        CHECK(first->has_header("X-Rate-Limit-Remaining"));
        auto big = client.Get("/api/lti/courses/course-1/line_items?limit=500", headers);
        CHECK(nlohmann::json::parse(big->body).size() == 12);
    }

    TEST_CASE("canvas: LTI user ids, a comment per post, {resultUrl} answers") {
        RunningSandbox sandbox(mode(sandbox::QuirkMode::canvas));
        auto client = sandbox.client();
        auto headers = sandbox.auth(sandbox.token());
        int status = 0;
        auto first =
            score_body("00000000-0000-4000-8000-000000001001", 8, 10, "2026-11-22T14:03:00Z");
        first["comment"] = "Good";
        auto answer = post_score(client, headers, k_canvas_scores, first, &status);
        CHECK(status == 200);
        CHECK(nlohmann::json::parse(answer)["resultUrl"] ==
              sandbox.base_url() + "/api/lti/courses/course-1/line_items/1/results/1001");
        auto second = score_body("1001", 9, 10, "2026-11-22T14:04:00Z");
        second["comment"] = "Good";
        post_score(client, headers, k_canvas_scores, second, &status);
        auto row = sandbox.admin("scores")["scores"][0];
        CHECK(row["user_id"] == "1001");
        CHECK(row["result"]["comments"] == nlohmann::json{"Good", "Good"});
        CHECK(row["accepted_posts"] == 2);
    }

    TEST_CASE("canvas: attempts run out with 422 unless new_submission is false") {
        sandbox::SandboxOptions options = mode(sandbox::QuirkMode::canvas);
        options.canvas_attempts = 2;
        RunningSandbox sandbox(options);
        auto client = sandbox.client();
        auto headers = sandbox.auth(sandbox.token());
        int first = 0, second = 0, third = 0, regrade = 0;
        post_score(client, headers, k_canvas_scores,
                   score_body("1001", 5, 10, "2026-11-22T14:01:00Z"), &first);
        post_score(client, headers, k_canvas_scores,
                   score_body("1001", 6, 10, "2026-11-22T14:02:00Z"), &second);
        post_score(client, headers, k_canvas_scores,
                   score_body("1001", 7, 10, "2026-11-22T14:03:00Z"), &third);
        auto not_new = score_body("1001", 7, 10, "2026-11-22T14:04:00Z");
        not_new[sandbox::k_canvas_extension] = {{"new_submission", false}};
        post_score(client, headers, k_canvas_scores, not_new, &regrade);
        CHECK(first == 200);
        CHECK(second == 200);
        CHECK(third == 422);
        CHECK(regrade == 200);
    }

    TEST_CASE("canvas: a non-final post erases the score unless preserve_score") {
        RunningSandbox sandbox(mode(sandbox::QuirkMode::canvas));
        auto client = sandbox.client();
        auto headers = sandbox.auth(sandbox.token());
        int status = 0;
        post_score(client, headers, k_canvas_scores,
                   score_body("1001", 8, 10, "2026-11-22T14:01:00Z"), &status);
        post_score(client, headers, k_canvas_scores,
                   score_body("1002", 8, 10, "2026-11-22T14:01:00Z"), &status);
        auto pending = [](const char* user, const char* time) {
            auto body = score_body(user, 0, 10, time);
            body.erase("scoreGiven");
            body["gradingProgress"] = "PendingManual";
            body["activityProgress"] = "Submitted";
            return body;
        };
        post_score(client, headers, k_canvas_scores, pending("1001", "2026-11-22T14:02:00Z"),
                   &status);
        auto preserved = pending("1002", "2026-11-22T14:02:00Z");
        preserved[sandbox::k_canvas_extension] = {{"preserve_score", true}};
        post_score(client, headers, k_canvas_scores, preserved, &status);
        auto scores = sandbox.admin("scores")["scores"];
        CHECK(scores[0]["result"]["score_given"].is_null());
        CHECK(scores[1]["result"]["score_given"] == 8);
        CHECK(scores[1]["result"]["grading_progress"] == "PendingManual");
    }

    TEST_CASE("openedx: user_id is ignored on results") {
        RunningSandbox sandbox(mode(sandbox::QuirkMode::openedx));
        auto client = sandbox.client();
        auto headers = sandbox.auth(sandbox.token());
        int status = 0;
        post_score(client, headers, k_canvas_scores,
                   score_body("1001", 8, 10, "2026-11-22T14:01:00Z"), &status);
        post_score(client, headers, k_canvas_scores,
                   score_body("1002", 8, 10, "2026-11-22T14:01:00Z"), &status);
        auto results =
            client.Get("/api/lti/courses/course-1/line_items/1/results?user_id=1001", headers);
        CHECK(nlohmann::json::parse(results->body).size() == 2);
    }
}
