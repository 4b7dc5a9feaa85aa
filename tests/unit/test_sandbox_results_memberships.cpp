#include "test_sandbox_support.hpp"

#include <doctest/doctest.h>

#include <fstream>

using namespace gradepost;
using gradepost::testing::post_score;
using gradepost::testing::RunningSandbox;
using gradepost::testing::score_body;

namespace {

constexpr const char* k_item = "/api/lti/courses/course-1/line_items/1";
constexpr const char* k_results = "/api/lti/courses/course-1/line_items/1/results";
constexpr const char* k_members = "/api/lti/courses/course-1/names_and_roles";

std::string next_link(const std::string& header) {
    auto at = header.find("rel=\"next\"");
    if (at == std::string::npos)
        return {};
    auto open = header.rfind('<', at);
    return header.substr(open + 1, header.find('>', open) - open - 1);
}

void post_scores(const RunningSandbox& sandbox, int students) {
    auto client = sandbox.client();
    auto headers = sandbox.auth(sandbox.token());
    for (int i = 1; i <= students; ++i) {
        int status = 0;
        post_score(client, headers, std::string(k_item) + "/scores",
                   score_body(std::to_string(1000 + i), i, 10, "2026-11-22T14:03:00Z"), &status);
        REQUIRE(status == 200);
    }
}

} // namespace

TEST_SUITE("sandbox::results_and_memberships") {

    TEST_CASE("results are the stored scores in the result container format") {
        RunningSandbox sandbox;
        post_scores(sandbox, 2);
        auto client = sandbox.client();
        auto result = client.Get(k_results, sandbox.auth(sandbox.token()));
        REQUIRE(result);
        CHECK(result->status == 200);
        CHECK(result->get_header_value("Content-Type") ==
              "application/vnd.ims.lis.v2.resultcontainer+json");
        auto results = nlohmann::json::parse(result->body);
        REQUIRE(results.size() == 2);
        CHECK(results[0] == nlohmann::json{{"id", sandbox.base_url() + k_results + "/1001"},
                                           {"scoreOf", sandbox.base_url() + k_item},
                                           {"userId", "1001"},
                                           {"resultScore", 1},
                                           {"resultMaximum", 10},
                                           {"timestamp", "2026-11-22T14:03:00Z"}});
    }

    TEST_CASE("results filter on user_id and page with limit") {
        RunningSandbox sandbox;
        post_scores(sandbox, 5);
        auto client = sandbox.client();
        auto headers = sandbox.auth(sandbox.token());
        auto one = client.Get((std::string(k_results) + "?user_id=1003").c_str(), headers);
        REQUIRE(one);
        auto filtered = nlohmann::json::parse(one->body);
        REQUIRE(filtered.size() == 1);
        CHECK(filtered[0]["resultScore"] == 3);

        std::vector<std::string> users;
        std::string next = std::string(k_results) + "?limit=2";
        while (!next.empty()) {
            auto page = client.Get(next.substr(next.find("/api/")).c_str(), headers);
            REQUIRE(page);
            for (const auto& entry : nlohmann::json::parse(page->body))
                users.push_back(entry["userId"]);
            next = next_link(page->get_header_value("Link"));
        }
        CHECK(users == std::vector<std::string>{"1001", "1002", "1003", "1004", "1005"});
    }

    TEST_CASE("results need result.readonly") {
        RunningSandbox sandbox;
        auto client = sandbox.client();
        auto lineitem_only =
            sandbox.auth(sandbox.token("https://purl.imsglobal.org/spec/lti-ags/scope/lineitem"));
        CHECK(client.Get(k_results, lineitem_only)->status == 403);
    }

    TEST_CASE("NRPS lists members with their roles, paged") {
        sandbox::SandboxOptions options;
        options.students = 5;
        RunningSandbox sandbox(options);
        auto client = sandbox.client();
        auto headers = sandbox.auth(sandbox.token());
        auto first = client.Get((std::string(k_members) + "?limit=4").c_str(), headers);
        REQUIRE(first);
        CHECK(first->get_header_value("Content-Type") ==
              "application/vnd.ims.lti-nrps.v2.membershipcontainer+json");
        auto body = nlohmann::json::parse(first->body);
        CHECK(body["id"] == sandbox.base_url() + k_members);
        CHECK(body["context"]["id"] == "course-1");
        REQUIRE(body["members"].size() == 4);
        CHECK(
            body["members"][0] ==
            nlohmann::json{{"user_id", "1001"},
                           {"name", "Student 1"},
                           {"given_name", "Student"},
                           {"family_name", "1"},
                           {"email", "student1001@example.edu"},
                           {"lis_person_sourcedid", "SIS1001"},
                           {"roles", {"http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"}},
                           {"status", "Active"}});

        std::string next = next_link(first->get_header_value("Link"));
        REQUIRE_FALSE(next.empty());
        auto second = client.Get(next.substr(next.find("/api/")).c_str(), headers);
        auto rest = nlohmann::json::parse(second->body)["members"];
        REQUIRE(rest.size() == 2);
        CHECK(rest[1]["user_id"] == "9001");
        CHECK(rest[1]["roles"][0] ==
              "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor");
        CHECK(next_link(second->get_header_value("Link")).empty());

        auto learners = client.Get((std::string(k_members) + "?role=Learner").c_str(), headers);
        CHECK(nlohmann::json::parse(learners->body)["members"].size() == 5);
    }

    TEST_CASE("NRPS needs the membership scope") {
        RunningSandbox sandbox;
        auto client = sandbox.client();
        auto ags_only =
            sandbox.auth(sandbox.token("https://purl.imsglobal.org/spec/lti-ags/scope/score"));
        CHECK(client.Get(k_members, ags_only)->status == 403);
    }

    TEST_CASE("no token, an unknown token or an expired token is 401") {
        sandbox::SandboxOptions options;
        options.token_lifetime_seconds = 0;
        RunningSandbox sandbox(options);
        auto client = sandbox.client();
        auto missing = client.Get(k_results);
        REQUIRE(missing);
        CHECK(missing->status == 401);
        CHECK(missing->get_header_value("WWW-Authenticate").find("Bearer") == 0);
        CHECK(client.Get(k_results, sandbox.auth("made-up-token"))->status == 401);
        CHECK(client.Get(k_members, sandbox.auth(sandbox.token()))->status == 401);
        int status = 0;
        post_score(client, sandbox.auth(sandbox.token()), std::string(k_item) + "/scores",
                   score_body("1001", 1, 10, "2026-11-22T14:03:00Z"), &status);
        CHECK(status == 401);
        CHECK(sandbox.admin("scores")["scores"].empty());
    }

    TEST_CASE("a roster file seeds the members") {
        gradepost::testing::ScratchDir dir;
        std::ofstream(dir / "roster.csv")
            << "user_id,name,email,lis_person_sourcedid,roles\n"
               "u1,Ada Lovelace,ada@example.edu,SIS-u1,Learner\n"
               "u2,Alan Turing,alan@example.edu,SIS-u2,TeachingAssistant;Learner\n";
        sandbox::SandboxOptions options;
        options.roster_file = (dir / "roster.csv").string();
        RunningSandbox sandbox(options);
        auto client = sandbox.client();
        auto body =
            nlohmann::json::parse(client.Get(k_members, sandbox.auth(sandbox.token()))->body);
        REQUIRE(body["members"].size() == 3);
        CHECK(body["members"][0]["family_name"] == "Lovelace");
        CHECK(body["members"][1]["roles"].size() == 2);
        CHECK(body["members"][2]["user_id"] == "9001");
    }
}
