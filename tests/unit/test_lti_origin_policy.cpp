#include "lti/origin_policy.hpp"
#include "support/error_message.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

using namespace gradepost;

namespace {

lti::OriginPolicy https_profile(std::vector<std::string> allowed = {}) {
    return lti::OriginPolicy({"https://sso.lms.example/login/oauth2/token",
                              "https://lms.example/api/lti/courses/7/line_items", ""},
                             allowed);
}

} // namespace

TEST_SUITE("lti::origin_policy") {
    TEST_CASE("an origin is scheme, host and port, with the scheme's default port") {
        auto origin = lti::parse_origin("HTTPS://LMS.Example/api?x=http://evil");
        REQUIRE(origin);
        CHECK(origin->text() == "https://lms.example:443");
        CHECK(lti::parse_origin("http://127.0.0.2:8080")->text() == "http://127.0.0.2:8080");
        CHECK(lti::parse_origin("http://[::1]:99/x")->text() == "http://[::1]:99");
        CHECK(lti::parse_origin("https://lms.example@evil.example/x")->host == "evil.example");
        CHECK(*lti::parse_origin("https://lms.example:443/a") ==
              *lti::parse_origin("https://lms.example/b"));
    }

    TEST_CASE("what is not an absolute http(s) URL has no origin") {
        CHECK_FALSE(lti::parse_origin("/api/next"));
        CHECK_FALSE(lti::parse_origin("ftp://lms.example/x"));
        CHECK_FALSE(lti::parse_origin("https://lms.example:99999/x"));
        CHECK_FALSE(lti::parse_origin("https://lms.example:8x/x"));
        CHECK_FALSE(lti::parse_origin("https:///x"));
    }

    TEST_CASE("the profile's origins receive the token, others do not") {
        auto policy = https_profile();
        CHECK_FALSE(policy.refusal("https://lms.example/api/lti/courses/7/line_items/3", "x"));
        CHECK_FALSE(policy.refusal("https://sso.lms.example/other", "x"));
        CHECK(policy.refusal("https://lms.example:8443/x", "x"));
        CHECK(policy.refusal("https://evil.example/x", "x"));
        CHECK(policy.refusal("https://lms.example.evil.example/x", "x"));
        CHECK(policy.refusal("not a url", "x"));
    }

    TEST_CASE("the refusal names both origins and the way to widen them") {
        auto message = testing::error_message_of<util::UnreachableError>(
            [] { https_profile().check("https://cdn.example/page2", "the next page link of X"); });
        CHECK(message.find("https://cdn.example:443") != std::string::npos);
        CHECK(message.find("https://lms.example:443") != std::string::npos);
        CHECK(message.find("the next page link of X") != std::string::npos);
        CHECK(message.find("--allow-origin https://cdn.example:443") != std::string::npos);
    }

    TEST_CASE("--allow-origin widens the set") {
        auto policy = https_profile({"https://cdn.example"});
        CHECK_FALSE(policy.refusal("https://cdn.example/page2", "x"));
        CHECK(policy.refusal("https://cdn.example:444/page2", "x"));
    }

    TEST_CASE("https is never downgraded to http, whatever the flag") {
        auto policy = https_profile({"http://lms.example", "http://cdn.example"});
        auto same_host = policy.refusal("http://lms.example/api/lti/courses/7/line_items/3", "x");
        REQUIRE(same_host);
        CHECK(same_host->find("downgrade") != std::string::npos);
        CHECK(same_host->find("http://lms.example:80") != std::string::npos);
        CHECK(same_host->find("https://lms.example:443") != std::string::npos);
        CHECK(policy.refusal("http://cdn.example/x", "x"));
    }

    TEST_CASE("an http profile may widen to another http origin") {
        lti::OriginPolicy policy({"http://127.0.0.1:4000/line_items"}, {"http://127.0.0.2:5000"});
        CHECK_FALSE(policy.refusal("http://127.0.0.2:5000/next", "x"));
        CHECK(policy.refusal("http://127.0.0.2:5001/next", "x"));
    }

    TEST_CASE("an --allow-origin that is no URL is a usage error") {
        CHECK_THROWS_AS(lti::OriginPolicy({}, {"lms.example"}), util::UsageError);
    }

    TEST_CASE("a profile naming no origin takes the first URL given") {
        lti::OriginPolicy policy({"", ""}, {});
        CHECK(policy.names_no_origin());
        policy.add_profile_url("http://127.0.0.1:9/line_items/1");
        CHECK_FALSE(policy.names_no_origin());
        CHECK_FALSE(policy.refusal("http://127.0.0.1:9/line_items/1/scores", "x"));
        CHECK(policy.refusal("http://127.0.0.2:9/x", "x"));
    }
}
