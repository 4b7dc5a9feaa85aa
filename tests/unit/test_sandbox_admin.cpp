#include "test_sandbox_support.hpp"

#include <doctest/doctest.h>

#include <fstream>

using namespace gradepost;
using gradepost::testing::post_score;
using gradepost::testing::RunningSandbox;
using gradepost::testing::score_body;

namespace {

constexpr const char* k_scores = "/api/lti/courses/course-1/line_items/1/scores";

} // namespace

TEST_SUITE("sandbox::admin") {

    TEST_CASE("the log records method, path, status, user id and duration of every request") {
        RunningSandbox sandbox;
        auto client = sandbox.client();
        auto headers = sandbox.auth(sandbox.token());
        int status = 0;
        post_score(client, headers, k_scores, score_body("1002", 8, 10, "2026-11-22T14:03:00Z"),
                   &status);
        post_score(client, headers, k_scores, score_body("9001", 8, 10, "2026-11-22T14:03:00Z"),
                   &status);
        client.Get("/nowhere");

        auto log = sandbox.admin("log");
        auto entries = log["entries"];
        REQUIRE(entries.size() == 4);
        CHECK(entries[1]["method"] == "POST");
        CHECK(entries[1]["path"] == k_scores);
        CHECK(entries[1]["status"] == 200);
        CHECK(entries[1]["user_id"] == "1002");
        CHECK(entries[1]["fault"].is_null());
        CHECK(entries[1]["duration_ms"].is_number());
        CHECK(entries[2]["status"] == 422);
        CHECK(entries[2]["user_id"] == "9001");
        CHECK(entries[3]["status"] == 404);

        auto since = sandbox.admin("log?since=" + std::to_string(entries[2]["seq"].get<int>()));
        CHECK(since["entries"].size() == 1);
    }

    TEST_CASE("stats count requests, scores accepted and refused") {
        RunningSandbox sandbox;
        auto client = sandbox.client();
        auto headers = sandbox.auth(sandbox.token());
        int status = 0;
        post_score(client, headers, k_scores, score_body("1001", 8, 10, "2026-11-22T14:03:00Z"),
                   &status);
        post_score(client, headers, k_scores, score_body("1001", 8, 10, "2026-11-22T14:00:00Z"),
                   &status);
        auto stats = sandbox.admin("stats");
        CHECK(stats["requests"] == 3);
        CHECK(stats["scores_accepted"] == 1);
        CHECK(stats["scores_refused"] == 1);
        CHECK(stats["faults_injected"] == 0);
    }

    TEST_CASE("reset forgets results, counts and the log but keeps tokens and line items") {
        RunningSandbox sandbox;
        auto client = sandbox.client();
        auto headers = sandbox.auth(sandbox.token());
        int status = 0;
        post_score(client, headers, k_scores, score_body("1001", 8, 10, "2026-11-22T14:03:00Z"),
                   &status);
        auto reset = client.Post("/_sandbox/reset", "", "application/json");
        REQUIRE(reset);
        CHECK(reset->status == 200);
        CHECK(sandbox.admin("scores")["scores"].empty());
        CHECK(sandbox.admin("log")["entries"].empty());
        CHECK(sandbox.admin("stats")["requests"] == 0);
        // An older timestamp is accepted again: nothing is stored any more.
        post_score(client, headers, k_scores, score_body("1001", 5, 10, "2026-11-22T14:00:00Z"),
                   &status);
        CHECK(status == 200);
    }

    TEST_CASE("fault settings change at run time and bad ones are refused whole") {
        RunningSandbox sandbox;
        auto client = sandbox.client();
        auto changed =
            client.Post("/_sandbox/faults", R"({"fail_rate": 1, "latency_ms": 1, "fault_seed": 3})",
                        "application/json");
        REQUIRE(changed);
        CHECK(changed->status == 200);
        CHECK(nlohmann::json::parse(changed->body)["fail_rate"] == 1);
        auto token = sandbox.token();
        auto failed = client.Get("/api/lti/courses/course-1/line_items", sandbox.auth(token));
        CHECK(failed->status >= 500);

        for (const char* bad :
             {R"({"fail_rate": 2})", R"({"fail_rate": "high"})", R"({"nonsense": 1})",
              R"({"latency_ms": 5, "drop_rate": -1})", "[]", "not json"}) {
            CAPTURE(bad);
            CHECK(client.Post("/_sandbox/faults", bad, "application/json")->status == 400);
        }
        auto settings = sandbox.admin("faults");
        CHECK(settings["latency_ms"] == 1);
        CHECK(settings["drop_rate"] == 0);

        client.Post("/_sandbox/faults", R"({"fail_rate": 0})", "application/json");
        CHECK(client.Get("/api/lti/courses/course-1/line_items", sandbox.auth(token))->status ==
              200);
    }

    TEST_CASE("config names the URLs a tool needs") {
        sandbox::SandboxOptions options;
        options.line_items = {"Quiz 1:10", "Essay:20"};
        options.client_id = "tool-7";
        RunningSandbox sandbox(options);
        auto config = sandbox.admin("config");
        CHECK(config["base_url"] == sandbox.base_url());
        CHECK(config["client_id"] == "tool-7");
        CHECK(config["platform"] == "generic");
        CHECK(config["token_url"] == sandbox.base_url() + "/token");
        CHECK(config["lineitems_url"] ==
              sandbox.base_url() + "/api/lti/courses/course-1/line_items");
        CHECK(config["memberships_url"] ==
              sandbox.base_url() + "/api/lti/courses/course-1/names_and_roles");
        REQUIRE(config["line_items"].size() == 2);
        CHECK(config["line_items"][1]["url"] ==
              sandbox.base_url() + "/api/lti/courses/course-1/line_items/2");
    }

    TEST_CASE("a seed file gives the course id, students and line items") {
        gradepost::testing::ScratchDir dir;
        std::ofstream(dir / "seed.json") << R"({
        "course_id": "c-77",
        "students": [{"user_id": "u1", "name": "Ada Lovelace", "email": "ada@example.edu"},
                     {"user_id": "u2", "name": "Alan Turing"}],
        "line_items": [{"label": "Final", "scoreMaximum": 100, "tag": "exam"}]
    })";
        sandbox::SandboxOptions options;
        options.seed_file = (dir / "seed.json").string();
        RunningSandbox sandbox(options);
        auto config = sandbox.admin("config");
        CHECK(config["course_id"] == "c-77");
        CHECK(config["line_items"][0]["label"] == "Final");
        auto client = sandbox.client();
        auto headers = sandbox.auth(sandbox.token());
        int status = 0;
        post_score(client, headers, "/api/lti/courses/c-77/line_items/1/scores",
                   score_body("u2", 80, 100, "2026-11-22T14:03:00Z"), &status);
        CHECK(status == 200);
        CHECK(client.Get("/api/lti/courses/course-1/line_items", headers)->status == 404);
    }
}
