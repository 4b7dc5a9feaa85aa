#include "lti/errors.hpp"
#include "lti/ltiaas_client.hpp"
#include "lti/ltiaas_urls.hpp"
#include "support/error_message.hpp"
#include "support/fake_transport.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace gradepost;
using testing::error_message_of;
using testing::header_of;
using testing::make_response;

namespace {

constexpr const char* k_base = "https://school.ltiaas.com";
constexpr const char* k_lms_item = "https://lms.example/api/lti/courses/7/line_items/3?x=1";
constexpr const char* k_encoded_item =
    "https%3A%2F%2Flms.example%2Fapi%2Flti%2Fcourses%2F7%2Fline_items%2F3%3Fx%3D1";

struct FakeLtiaas {
    testing::FakeTransport transport;
    lti::LtiaasClient client{
        transport, {"api-key-1", "service-key-2"}, k_base, lti::Platform::generic};
};

http::Response ltiaas_json(int status, const nlohmann::json& body) {
    return make_response(status, body.dump(), {{"Content-Type", "application/json"}});
}

} // namespace

TEST_CASE("LTIAAS URLs put the line item URL in one encoded path segment") {
    CHECK(lti::ltiaas_line_items_url("https://school.ltiaas.com/") ==
          "https://school.ltiaas.com/api/lineitems");
    CHECK(lti::ltiaas_line_item_url(k_base, k_lms_item) ==
          std::string(k_base) + "/api/lineitems/" + k_encoded_item);
    CHECK(lti::ltiaas_scores_url(k_base, k_lms_item) ==
          std::string(k_base) + "/api/lineitems/" + k_encoded_item + "/scores");
    CHECK(lti::ltiaas_memberships_url(k_base) == "https://school.ltiaas.com/api/memberships");
}

TEST_CASE("an LTIAAS next page is the LMS URL encoded as ?url= of the same endpoint") {
    std::string lms_next = "https://lms.example/api/lti/courses/7/line_items?page=2&limit=2";
    CHECK(lti::ltiaas_page_url("https://school.ltiaas.com/api/lineitems?limit=2", lms_next) ==
          "https://school.ltiaas.com/api/lineitems?url=https%3A%2F%2Flms.example%2Fapi%2Flti%2F"
          "courses%2F7%2Fline_items%3Fpage%3D2%26limit%3D2");
}

TEST_CASE("an LTIAAS error shows details.message, not the status word") {
    auto response = make_response(
        400, R"({"status":400,"error":"Bad Request","details":{"message":"scoreGiven too big"}})");
    CHECK(lti::platform_message(response) == "scoreGiven too big");
    auto bare = make_response(404, R"({"status":404,"error":"Not Found"})");
    CHECK(lti::platform_message(bare) == "Not Found");
}

TEST_CASE("the LTIAAS client sends the service key and follows next pages through ?url=") {
    FakeLtiaas ltiaas;
    std::string first = std::string(k_base) + "/api/lineitems?resourceLinkId=rl%201";
    std::string lms_next = "https://lms.example/api/lti/courses/7/line_items?page=2";
    std::string second = std::string(k_base) +
                         "/api/lineitems?url=https%3A%2F%2Flms.example%2Fapi%2Flti%2Fcourses%2F7%"
                         "2Fline_items%3Fpage%3D2";
    ltiaas.transport.on("GET", first,
                        ltiaas_json(200, {{"lineItems",
                                           {{{"id", "https://lms.example/li/1"},
                                             {"label", "Quiz 1"},
                                             {"scoreMaximum", 10},
                                             {"resourceLinkId", "rl 1"}}}},
                                          {"next", lms_next}}));
    ltiaas.transport.on("GET", second,
                        ltiaas_json(200, {{"lineItems",
                                           {{{"id", "https://lms.example/li/2"},
                                             {"label", "Quiz 2"},
                                             {"scoreMaximum", 20},
                                             {"resourceLinkId", "rl 1"}}}}}));

    lti::LineItemFilter filter;
    filter.resource_link_id = "rl 1";
    auto items = ltiaas.client.list_line_items(lti::ltiaas_line_items_url(k_base), filter);
    REQUIRE(items.size() == 2);
    CHECK(items[1].id == "https://lms.example/li/2");
    for (const auto& request : ltiaas.transport.requests()) {
        CHECK(header_of(request, "Authorization") == "SERVICE-AUTH-V1 api-key-1:service-key-2");
        CHECK(request.url.rfind(k_base, 0) == 0); // the LMS is never called
    }
    CHECK(ltiaas.transport.requests().size() == 2);
}

TEST_CASE("LTIAAS scores post to the encoded line item and 204 is a success") {
    FakeLtiaas ltiaas;
    std::string url = std::string(k_base) + "/api/lineitems/" + k_encoded_item + "/scores";
    ltiaas.transport.on("POST", url, make_response(204));
    lti::Score score;
    score.user_id = "1001";
    score.score_given = 8;
    score.score_maximum = 10;
    auto answers = ltiaas.client.post_scores(k_lms_item, std::span(&score, 1));
    REQUIRE(answers.size() == 1);
    CHECK(answers[0].is_success);
    auto body = nlohmann::json::parse(ltiaas.transport.requests().at(0).body);
    CHECK(body["userId"] == "1001");
    CHECK(body["scoreGiven"] == 8);
}

TEST_CASE("a refused LTIAAS key ends the run with a config error that holds no key") {
    FakeLtiaas ltiaas;
    ltiaas.transport.on("GET", std::string(k_base) + "/api/lineitems/*",
                        ltiaas_json(401, {{"status", 401},
                                          {"error", "Unauthorized"},
                                          {"details", {{"message", "Invalid service key"}}}}));
    std::string message = error_message_of<util::ConfigError>(
        [&] { ltiaas.client.results(k_lms_item, std::nullopt); });
    CHECK(message.find("Invalid service key") != std::string::npos);
    CHECK(message.find("service-key-2") == std::string::npos);
    CHECK(message.find("api-key-1") == std::string::npos);
}

TEST_CASE("a score LTIAAS refuses carries its details.message") {
    FakeLtiaas ltiaas;
    ltiaas.transport.on("POST", std::string(k_base) + "/api/lineitems/*",
                        ltiaas_json(422, {{"status", 422},
                                          {"error", "Unprocessable Entity"},
                                          {"details", {{"message", "User is not a student"}}}}));
    lti::Score score;
    score.user_id = "9001";
    auto answers = ltiaas.client.post_scores(k_lms_item, std::span(&score, 1));
    REQUIRE(answers.size() == 1);
    CHECK_FALSE(answers[0].is_success);
    CHECK(answers[0].error.find("User is not a student") != std::string::npos);
}
