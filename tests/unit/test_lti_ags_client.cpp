#include "config/private_key.hpp"
#include "lti/ags_client.hpp"
#include "lti/media_types.hpp"
#include "support/error_message.hpp"
#include "support/fake_clock.hpp"
#include "support/fake_transport.hpp"
#include "support/test_credentials.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

using namespace gradepost;
using testing::header_of;
using testing::make_response;

using testing::test_key;

namespace {

constexpr const char* k_token_url = "https://lms.example/login/oauth2/token";
constexpr const char* k_container = "https://lms.example/api/lti/courses/7/line_items";
constexpr const char* k_line_item = "https://lms.example/api/lti/courses/7/line_items/3";
constexpr const char* k_moodle_item =
    "https://moodle.example/mod/lti/services.php/2/lineitems/3/lineitem?type_id=1";

lti::Credentials credentials() {
    return testing::test_credentials(k_token_url);
}

// A platform whose token endpoint hands out tok-1, tok-2, ... in turn.
struct FakePlatform {
    testing::FakeTransport transport;
    testing::FakeClock clock;
    lti::TokenSource tokens{transport, credentials(), &test_key(), {}, clock};
    int tokens_issued = 0;

    explicit FakePlatform(lti::Platform kind = lti::Platform::generic)
        : client(transport, tokens, kind,
                 lti::OriginPolicy({k_token_url, k_container, k_moodle_item}, {})) {
        transport.on("POST", k_token_url, [this](const http::Request&) {
            ++tokens_issued;
            nlohmann::json body{{"access_token", "tok-" + std::to_string(tokens_issued)},
                                {"expires_in", 3600}};
            return make_response(200, body.dump());
        });
    }
    lti::AgsClient client;

    // Answers 401 unless the request carries `token`.
    void require_token(const std::string& method, const std::string& url, const std::string& token,
                       http::Response response) {
        transport.on(method, url, [token, response](const http::Request& request) {
            if (header_of(request, "Authorization") != "Bearer " + token)
                return make_response(401, R"({"errors":[{"message":"Invalid access token."}]})");
            return response;
        });
    }
};

http::Response json_page(const nlohmann::json& body, const std::string& next = "") {
    http::Headers headers{{"Content-Type", "application/json"}};
    if (!next.empty())
        headers.emplace_back("Link", "<" + next + ">; rel=\"next\"");
    return make_response(200, body.dump(), headers);
}

nlohmann::json item_json(int id, const std::string& tag, const std::string& resource_link_id) {
    return {{"id", std::string(k_container) + "/" + std::to_string(id)},
            {"label", "Quiz " + std::to_string(id)},
            {"scoreMaximum", 20},
            {"tag", tag},
            {"resourceLinkId", resource_link_id}};
}

std::vector<lti::Score> scores_for(std::initializer_list<const char*> users) {
    std::vector<lti::Score> scores;
    for (const char* user : users) {
        lti::Score score;
        score.user_id = user;
        score.score_given = 10;
        score.score_maximum = 20;
        scores.push_back(score);
    }
    return scores;
}

} // namespace

TEST_SUITE("lti::ags_client") {

    TEST_CASE("line items are read over three pages with one token and the exact media type") {
        FakePlatform platform;
        std::string page2 = std::string(k_container) + "?page=2";
        platform.transport.on("GET", k_container,
                              json_page(nlohmann::json::array({item_json(1, "quiz", "r1")}),
                                        "/api/lti/courses/7/line_items?page=2"));
        platform.transport.on(
            "GET", page2,
            json_page(nlohmann::json::array({item_json(2, "quiz", "r2")}), "?page=3"));
        platform.transport.on("GET", std::string(k_container) + "?page=3",
                              json_page(nlohmann::json::array({item_json(3, "quiz", "r3")})));

        auto items = platform.client.list_line_items(k_container, {});
        REQUIRE(items.size() == 3);
        CHECK(items[0].label == "Quiz 1");
        CHECK(items[2].id == std::string(k_container) + "/3");
        CHECK(items[2].score_maximum == 20);
        CHECK(platform.tokens_issued == 1);

        auto gets = platform.transport.requests_to("GET", k_container);
        REQUIRE(gets.size() == 3);
        for (const auto& request : gets) {
            CHECK(header_of(request, "Accept") == lti::k_media_line_item_container);
            CHECK(header_of(request, "Authorization") == "Bearer tok-1");
        }
    }

    TEST_CASE("line item filters are sent as query parameters and applied client-side too") {
        FakePlatform platform;
        platform.transport.on("GET", std::string(k_container) + "*",
                              json_page({item_json(1, "quiz", "r1"), item_json(2, "exam", "r1"),
                                         item_json(3, "quiz", "r2")}));
        lti::LineItemFilter filter;
        filter.tag = "quiz";
        filter.resource_link_id = "r1";
        filter.limit = 50;
        auto items = platform.client.list_line_items(k_container, filter);
        REQUIRE(items.size() == 1);
        CHECK(items[0].label == "Quiz 1");
        CHECK(platform.transport.requests().back().url ==
              std::string(k_container) + "?resource_link_id=r1&tag=quiz&limit=50");
    }

    TEST_CASE("pagination stops when a next link leads back to a page already read") {
        FakePlatform platform;
        std::string page2 = std::string(k_container) + "?page=2";
        platform.transport.on("GET", k_container,
                              json_page(nlohmann::json::array({item_json(1, "", "")}), page2));
        platform.transport.on(
            "GET", page2, json_page(nlohmann::json::array({item_json(2, "", "")}), k_container));
        CHECK(platform.client.list_line_items(k_container, {}).size() == 2);
        CHECK(platform.transport.requests_to("GET", k_container).size() == 2);
    }

    TEST_CASE("results follow pages and are filtered by user client-side") {
        FakePlatform platform;
        std::string results = std::string(k_line_item) + "/results?user_id=u2";
        platform.transport.on(
            "GET", results,
            json_page(
                nlohmann::json::array(
                    {{{"id", "r1"}, {"userId", "u1"}, {"resultScore", 5}, {"resultMaximum", 20}},
                     {{"id", "r2"},
                      {"userId", "u2"},
                      {"resultScore", 15},
                      {"resultMaximum", 20},
                      {"comment", "ok"}}}),
                results + "&page=2"));
        platform.transport.on("GET", results + "&page=2",
                              json_page(nlohmann::json::array({{{"id", "r3"}, {"userId", "u3"}}})));
        auto found = platform.client.results(k_line_item, std::string("u2"));
        REQUIRE(found.size() == 1);
        CHECK(found[0].user_id == "u2");
        CHECK(found[0].result_score == 15);
        CHECK(found[0].comment == "ok");
        CHECK(header_of(platform.transport.requests().back(), "Accept") ==
              lti::k_media_result_container);
    }

    TEST_CASE("all results of a line item, numbers and ids as the platform writes them") {
        FakePlatform platform;
        platform.transport.on("GET", std::string(k_line_item) + "/results",
                              json_page(nlohmann::json::array(
                                  {{{"userId", 2}, {"resultScore", "7.5"}}, {{"userId", "3"}}})));
        auto found = platform.client.results(k_line_item, std::nullopt);
        REQUIRE(found.size() == 2);
        CHECK(found[0].user_id == "2");
        CHECK(found[0].result_score == 7.5);
        CHECK_FALSE(found[1].result_score.has_value());
    }

    TEST_CASE("Open edX gets no user_id (it ignores it); the filter still applies") {
        FakePlatform platform(lti::Platform::openedx);
        platform.transport.on(
            "GET", std::string(k_line_item) + "/results",
            json_page(nlohmann::json::array({{{"userId", "a"}}, {{"userId", "b"}}})));
        auto found = platform.client.results(k_line_item, std::string("b"));
        REQUIRE(found.size() == 1);
        CHECK(found[0].user_id == "b");
    }

    TEST_CASE("Moodle: results keep ?type_id=, never get limit, and user_id only when numeric") {
        FakePlatform platform(lti::Platform::moodle);
        std::string base =
            "https://moodle.example/mod/lti/services.php/2/lineitems/3/lineitem/results?type_id=1";
        platform.transport.on(
            "GET", base + "*",
            json_page(nlohmann::json::array({{{"userId", "17"}}, {{"userId", "x"}}})));
        CHECK(platform.client.results(k_moodle_item, std::string("17")).size() == 1);
        CHECK(platform.transport.requests().back().url == base + "&user_id=17");
        CHECK(platform.client.results(k_moodle_item, std::string("x")).size() == 1);
        CHECK(platform.transport.requests().back().url == base);
        for (const auto& request : platform.transport.requests())
            CHECK(request.url.find("limit") == std::string::npos);
    }

    TEST_CASE("a line item that does not exist is a usage error naming it") {
        FakePlatform platform;
        platform.transport.on("GET", k_line_item, make_response(404, "{}"));
        platform.transport.on("GET", std::string(k_line_item) + "/results",
                              make_response(404, "{}"));
        CHECK_THROWS_WITH_AS(platform.client.get_line_item(k_line_item),
                             (std::string("line item not found: ") + k_line_item).c_str(),
                             util::UsageError);
        CHECK_THROWS_WITH_AS(platform.client.results(k_line_item, std::nullopt),
                             (std::string("line item not found: ") + k_line_item).c_str(),
                             util::UsageError);
    }

    TEST_CASE("a line item is read with the line item media type") {
        FakePlatform platform;
        platform.transport.on("GET", k_moodle_item,
                              make_response(200, R"({"label":"Quiz","scoreMaximum":"10"})",
                                            {{"Content-Type", "application/json"}}));
        auto item = platform.client.get_line_item(k_moodle_item);
        CHECK(item.id == k_moodle_item);
        CHECK(item.label == "Quiz");
        CHECK(item.score_maximum == 10);
        CHECK(header_of(platform.transport.requests().back(), "Accept") == lti::k_media_line_item);
    }

    TEST_CASE("a 401 renews the token and sends again; a renewed token refused at once ends it") {
        FakePlatform platform;
        platform.require_token("GET", k_line_item, "tok-2", make_response(200, R"({"label":"Q"})"));
        CHECK(platform.client.get_line_item(k_line_item).label == "Q");
        CHECK(platform.tokens_issued == 2);
        CHECK(platform.transport.requests_to("GET", k_line_item).size() == 2);

        // tok-2 has worked, so a later 401 is a new expiry and earns a new token.
        platform.require_token("GET", std::string(k_line_item) + "/results", "tok-3",
                               json_page(nlohmann::json::array()));
        CHECK(platform.client.results(k_line_item, std::nullopt).empty());
        CHECK(platform.tokens_issued == 3);

        std::string other_item = std::string(k_line_item) + "9";
        platform.require_token("GET", other_item, "never", make_response(200, "{}"));
        try {
            platform.client.get_line_item(other_item);
            FAIL("no error");
        } catch (const util::ConfigError& error) {
            CHECK(std::string(error.what()) ==
                  "the platform refused the token: Invalid access token.; check the scopes granted "
                  "to the tool");
        }
        CHECK(platform.tokens_issued == 4);
    }

    TEST_CASE("statuses of reads map to the exit code classes") {
        FakePlatform platform;
        SUBCASE("403 is a configuration error with the platform's message") {
            platform.transport.on(
                "GET", k_line_item,
                make_response(403, R"({"errors":[{"message":"missing scope"}]})"));
            CHECK_THROWS_WITH_AS(platform.client.get_line_item(k_line_item),
                                 doctest::Contains("missing scope"), util::ConfigError);
        }
        SUBCASE("Canvas throttling that outlasted the retries is 'unreachable'") {
            platform.transport.on("GET", k_line_item, make_response(403, "Rate Limit Exceeded"));
            CHECK_THROWS_AS(platform.client.get_line_item(k_line_item), util::UnreachableError);
        }
        SUBCASE("500 is unreachable with the status") {
            platform.transport.on("GET", k_line_item, make_response(500, ""));
            CHECK_THROWS_WITH_AS(platform.client.get_line_item(k_line_item),
                                 doctest::Contains("answered HTTP 500: Internal Server Error"),
                                 util::UnreachableError);
        }
        SUBCASE("no response is unreachable with the transport's error") {
            http::Response refused;
            refused.transport_error = "Connection refused";
            platform.transport.on("GET", k_line_item, refused);
            CHECK_THROWS_WITH_AS(
                platform.client.get_line_item(k_line_item),
                (std::string("cannot reach ") + k_line_item + ": Connection refused").c_str(),
                util::UnreachableError);
        }
        SUBCASE("an HTML page instead of JSON is a configuration error") {
            platform.transport.on(
                "GET", k_line_item,
                make_response(200, "<html>Log in</html>", {{"Content-Type", "text/html"}}));
            CHECK_THROWS_WITH_AS(
                platform.client.get_line_item(k_line_item),
                doctest::Contains("did not answer with JSON (Content-Type: text/html)"),
                util::ConfigError);
        }
    }

    TEST_CASE("a line item is created with a POST of the line item document") {
        FakePlatform platform;
        platform.transport.on("POST", k_container,
                              make_response(201, item_json(9, "quiz", "r1").dump()));
        lti::LineItem wanted;
        wanted.label = "Quiz 9";
        wanted.score_maximum = 20;
        wanted.tag = "quiz";
        wanted.resource_link_id = "r1";
        auto created = platform.client.create_line_item(k_container, wanted);
        CHECK(created.id == std::string(k_container) + "/9");

        const auto& request = platform.transport.requests().back();
        CHECK(header_of(request, "Content-Type") == lti::k_media_line_item);
        CHECK(nlohmann::json::parse(request.body) == nlohmann::json{{"label", "Quiz 9"},
                                                                    {"scoreMaximum", 20.0},
                                                                    {"tag", "quiz"},
                                                                    {"resourceLinkId", "r1"}});
    }

    TEST_CASE("members are read over pages with the NRPS media type") {
        FakePlatform platform;
        std::string url = "https://lms.example/api/lti/courses/7/names_and_roles";
        platform.transport.on(
            "GET", url,
            json_page(
                {{"id", url},
                 {"members",
                  {{{"user_id", "u1"},
                    {"name", "Ada Lovelace"},
                    {"email", "ada@example.edu"},
                    {"roles", {"http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"}}}}}},
                url + "?page=2"));
        platform.transport.on(
            "GET", url + "?page=2",
            json_page({{"members", {{{"user_id", "u2"}, {"status", "Inactive"}}}}}));
        auto members = platform.client.members(url);
        REQUIRE(members.size() == 2);
        CHECK(members[0].email == "ada@example.edu");
        CHECK(members[0].roles.size() == 1);
        CHECK(members[0].status == "Active");
        CHECK(members[1].status == "Inactive");
        CHECK(header_of(platform.transport.requests().back(), "Accept") ==
              lti::k_media_membership_container);
    }

    TEST_CASE("scores are posted to <line item>/scores before the query, any 2xx a success") {
        FakePlatform platform(lti::Platform::moodle);
        std::string scores_url =
            "https://moodle.example/mod/lti/services.php/2/lineitems/3/lineitem/scores?type_id=1";
        platform.transport.on("POST", scores_url, make_response(200, ""), 1);
        platform.transport.on("POST", scores_url, make_response(201, ""), 1);
        platform.transport.on("POST", scores_url, make_response(204, ""), 1);
        platform.transport.on("POST", scores_url,
                              make_response(400, "[]", {}, "Incorrect score received"), 1);
        auto scores = scores_for({"1", "2", "3", "4"});
        std::vector<std::size_t> done;
        auto answers = platform.client.post_scores(
            k_moodle_item, scores,
            [&](std::size_t index, const lti::PostAnswer&) { done.push_back(index); });

        REQUIRE(answers.size() == 4);
        CHECK(answers[0].is_success);
        CHECK(answers[1].is_success);
        CHECK(answers[2].is_success);
        CHECK_FALSE(answers[3].is_success);
        CHECK(answers[3].http_status == 400);
        CHECK(answers[3].error == "Incorrect score received");
        CHECK(done == std::vector<std::size_t>{0, 1, 2, 3});

        auto posts = platform.transport.requests_to("POST", "/scores");
        REQUIRE(posts.size() == 4);
        CHECK(header_of(posts[0], "Content-Type") == lti::k_media_score);
        CHECK(header_of(posts[0], "Authorization") == "Bearer tok-1");
        auto body = nlohmann::json::parse(posts[1].body);
        CHECK(body["userId"] == "2");
        CHECK(body["scoreGiven"] == 10.0);
    }

    TEST_CASE(
        "a failed score post carries the platform's message, a hint and may_have_been_applied") {
        FakePlatform platform(lti::Platform::canvas);
        std::string scores_url = std::string(k_line_item) + "/scores";
        platform.transport.on(
            "POST", scores_url,
            make_response(
                422, R"({"errors":[{"message":"User not found in course or is not a student"}]})"),
            1);
        http::Response timed_out;
        timed_out.transport_error = "Operation timed out";
        timed_out.may_have_been_applied = true;
        timed_out.attempts = 6;
        platform.transport.on("POST", scores_url, timed_out, 1);
        auto answers = platform.client.post_scores(k_line_item, scores_for({"u1", "u2"}));
        CHECK(
            answers[0].error.ends_with("is the user a student of the course? (course unpublished, "
                                       "test student, or teacher)"));
        CHECK_FALSE(answers[0].may_have_been_applied);
        CHECK(answers[1].http_status == 0);
        CHECK(answers[1].may_have_been_applied);
        CHECK(answers[1].error == "no response: Operation timed out");
    }

    TEST_CASE("a 401 on a batch of scores holds the rest back, renews once and re-sends") {
        FakePlatform platform;
        std::string scores_url = std::string(k_line_item) + "/scores";
        platform.require_token("POST", scores_url, "tok-2", make_response(200, ""));
        auto scores = scores_for({"u1", "u2", "u3", "u4", "u5"});
        int done = 0;
        auto answers = platform.client.post_scores(k_line_item, scores,
                                                   [&](std::size_t, const lti::PostAnswer& answer) {
                                                       CHECK(answer.is_success);
                                                       ++done;
                                                   });
        CHECK(done == 5);
        for (const auto& answer : answers)
            CHECK(answer.is_success);
        CHECK(platform.tokens_issued == 2);
        // One refused send (the fake has one request in flight at a time), then all five.
        CHECK(platform.transport.requests_to("POST", "/scores").size() == 6);
    }

    TEST_CASE("a second round of 401s on scores ends the run with a configuration error") {
        FakePlatform platform;
        std::string scores_url = std::string(k_line_item) + "/scores";
        platform.require_token("POST", scores_url, "never", make_response(200, ""));
        CHECK_THROWS_AS(platform.client.post_scores(k_line_item, scores_for({"u1", "u2"})),
                        util::ConfigError);
        CHECK(platform.tokens_issued == 2);
        CHECK(platform.transport.requests_to("POST", "/scores").size() == 2);
    }

    TEST_CASE("a token that expires every few posts is renewed once per expiry") {
        FakePlatform platform;
        std::string scores_url = std::string(k_line_item) + "/scores";
        std::map<std::string, int> uses; // posts accepted per token
        platform.transport.on("POST", scores_url, [&uses](const http::Request& request) {
            if (++uses[header_of(request, "Authorization")] > 2)
                return make_response(401, R"({"errors":[{"message":"expired"}]})");
            return make_response(200, "");
        });
        auto answers = platform.client.post_scores(
            k_line_item, scores_for({"u1", "u2", "u3", "u4", "u5", "u6", "u7"}));
        for (const auto& answer : answers)
            CHECK(answer.is_success);
        CHECK(platform.tokens_issued == 4); // 2 + 2 + 2 + 1 posts
    }

    TEST_CASE("scores go to the transport 4,096 at a time, and a token refused as a window "
              "starts is renewed there") {
        FakePlatform platform;
        std::string scores_url = std::string(k_line_item) + "/scores";
        // The first token takes 5,000 posts (it runs out in the second window), the next ones
        // 3,192 each: the second runs out exactly as the third window begins.
        std::map<std::string, int> uses;
        platform.transport.on("POST", scores_url, [&uses](const http::Request& request) {
            auto token = header_of(request, "Authorization");
            if (++uses[token] > (token == "Bearer tok-1" ? 5'000 : 3'192))
                return make_response(401, R"({"errors":[{"message":"expired"}]})");
            return make_response(200, "");
        });
        std::vector<lti::Score> scores;
        for (int i = 0; i < 10'000; ++i)
            scores.push_back(scores_for({"u"}).front());
        std::size_t done = 0;
        auto answers = platform.client.post_scores(
            k_line_item, scores, [&](std::size_t, const lti::PostAnswer&) { ++done; });
        CHECK(done == 10'000);
        CHECK(std::all_of(answers.begin(), answers.end(),
                          [](const lti::PostAnswer& answer) { return answer.is_success; }));
        CHECK(platform.transport.largest_batch() == 4'096);
        CHECK(platform.tokens_issued == 3); // 5,000 + 3,192 + 1,808 posts
        CHECK(platform.transport.requests_to("POST", "/scores").size() == 10'002);
    }

} // TEST_SUITE

TEST_SUITE("lti::ags_client origins") {
    TEST_CASE("a next page link on another host is refused before the token goes there") {
        FakePlatform platform;
        platform.transport.on("GET", k_container,
                              json_page(nlohmann::json::array({item_json(1, "", "")}),
                                        "https://elsewhere.example/line_items?page=2"));
        auto message = testing::error_message_of<util::UnreachableError>(
            [&] { platform.client.list_line_items(k_container, {}); });
        CHECK(message.find("https://elsewhere.example:443") != std::string::npos);
        CHECK(message.find("https://lms.example:443") != std::string::npos);
        CHECK(message.find("--allow-origin") != std::string::npos);
        for (const auto& request : platform.transport.requests())
            CHECK(request.url.find("elsewhere") == std::string::npos);
    }

    TEST_CASE("results and memberships paging share the check") {
        FakePlatform platform;
        std::string results_url = std::string(k_line_item) + "/results";
        platform.transport.on("GET", results_url,
                              json_page(nlohmann::json::array(), "http://lms.example/next"));
        CHECK_THROWS_AS(platform.client.results(k_line_item, std::nullopt), util::UnreachableError);
        std::string members_url = "https://lms.example/api/lti/courses/7/names_and_roles";
        platform.transport.on("GET", members_url,
                              json_page(nlohmann::json{{"members", nlohmann::json::array()}},
                                        "https://lms.example:8443/next"));
        CHECK_THROWS_AS(platform.client.members(members_url), util::UnreachableError);
    }

    TEST_CASE("a line item on another origin gets no score") {
        FakePlatform platform;
        std::vector<lti::Score> scores(1);
        scores[0].user_id = "u1";
        CHECK_THROWS_AS(platform.client.post_scores("http://lms.example/api/lti/courses/7/"
                                                    "line_items/3",
                                                    scores),
                        util::UnreachableError);
        CHECK(platform.transport.requests().empty());
    }
}

TEST_SUITE("lti::ags_client paging") {
    TEST_CASE("a listing that still has pages after the cap is an error, not a partial answer") {
        FakePlatform platform;
        std::string results_url = std::string(k_line_item) + "/results";
        platform.transport.on("GET", results_url + "*", [&](const http::Request& request) {
            auto page = request.url.size() > results_url.size()
                            ? std::stoi(request.url.substr(results_url.size() + 6))
                            : 1;
            return json_page(nlohmann::json::array(),
                             results_url + "?page=" + std::to_string(page + 1));
        });
        auto message = testing::error_message_of<util::UnreachableError>(
            [&] { platform.client.results(k_line_item, std::nullopt); });
        CHECK(message.find("still more pages after 10000") != std::string::npos);
        CHECK(message.find("incomplete") != std::string::npos);
    }
}
