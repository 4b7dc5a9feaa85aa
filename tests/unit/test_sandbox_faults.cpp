#include "test_sandbox_support.hpp"

#include <doctest/doctest.h>

#include <future>
#include <map>

using namespace gradepost;
using gradepost::testing::post_score;
using gradepost::testing::RunningSandbox;
using gradepost::testing::score_body;

namespace {

constexpr const char* k_container = "/api/lti/courses/course-1/line_items";
constexpr const char* k_scores = "/api/lti/courses/course-1/line_items/1/scores";

// The statuses of `count` line item GETs; a dropped connection counts as 0.
std::vector<int> statuses(const RunningSandbox& sandbox, const std::string& token, int count) {
    std::vector<int> seen;
    auto client = sandbox.client();
    for (int i = 0; i < count; ++i) {
        auto result = client.Get(k_container, sandbox.auth(token));
        seen.push_back(result ? result->status : 0);
    }
    return seen;
}

sandbox::SandboxOptions with_seed(std::uint64_t seed) {
    sandbox::SandboxOptions options;
    options.fault_seed = seed;
    return options;
}

} // namespace

TEST_SUITE("sandbox::faults") {

    TEST_CASE("throttling answers 429 with Retry-After: 1") {
        auto options = with_seed(7);
        options.faults.throttle_rate = 1;
        RunningSandbox sandbox(options);
        auto client = sandbox.client();
        auto result = client.Get(k_container, sandbox.auth("any"));
        REQUIRE(result);
        CHECK(result->status == 429);
        CHECK(result->get_header_value("Retry-After") == "1");
        CHECK(sandbox.admin("stats")["faults"]["throttle"] == 1);
    }

    TEST_CASE("failures are 500, 502 or 503, and the same seed gives the same sequence") {
        auto options = with_seed(42);
        options.faults.fail_rate = 0.5;
        std::vector<int> first, second;
        {
            RunningSandbox sandbox(options);
            first = statuses(sandbox, sandbox.token(), 40);
        }
        {
            RunningSandbox sandbox(options);
            second = statuses(sandbox, sandbox.token(), 40);
        }
        CHECK(first == second);
        std::map<int, int> counts;
        for (int status : first)
            ++counts[status];
        CHECK(counts[200] > 5);
        CHECK(counts[500] + counts[502] + counts[503] > 5);
        CHECK(counts[200] + counts[500] + counts[502] + counts[503] == 40);
    }

    TEST_CASE("a dropped connection gets no response and the score is not stored") {
        auto options = with_seed(1);
        options.faults.drop_rate = 1;
        RunningSandbox sandbox(options);
        std::string token = sandbox.token(); // the token endpoint is not faulted by default
        auto client = sandbox.client();
        auto result = client.Post(k_scores, sandbox.auth(token),
                                  score_body("1001", 8, 10, "2026-11-22T14:03:00Z").dump(),
                                  "application/vnd.ims.lis.v1.score+json");
        CHECK_FALSE(result);
        CHECK(sandbox.admin("scores")["scores"].empty());
        auto entry = sandbox.admin("log")["entries"].back();
        CHECK(entry["fault"] == "drop");
        CHECK(entry["status"] == 0);
    }

    TEST_CASE("faults can reach the token endpoint when asked") {
        auto options = with_seed(1);
        RunningSandbox sandbox(options);
        auto client = sandbox.client();
        REQUIRE(client
                    .Post("/_sandbox/faults", R"({"throttle_rate": 1, "on_token": true})",
                          "application/json")
                    ->status == 200);
        auto result = sandbox.request_token(sandbox.key().sign(
            {{"alg", "RS256"}}, gradepost::testing::assertion_claims(sandbox.token_url())));
        REQUIRE(result);
        CHECK(result->status == 429);
    }

    TEST_CASE("latency delays every platform request") {
        auto options = with_seed(1);
        options.faults.latency_ms = 120;
        RunningSandbox sandbox(options);
        auto token = sandbox.token();
        auto started = std::chrono::steady_clock::now();
        statuses(sandbox, token, 2);
        CHECK(std::chrono::steady_clock::now() - started >= std::chrono::milliseconds(240));
        CHECK(sandbox.admin("log")["entries"].back()["duration_ms"].get<double>() >= 120);
    }

    TEST_CASE("the Canvas bucket reports X-Rate-Limit-Remaining and answers 403 when empty") {
        auto options = with_seed(1);
        options.canvas_throttle = true;
        options.faults.bucket_size = 200;
        options.faults.bucket_drain = 0;
        options.faults.request_cost = 60;
        RunningSandbox sandbox(options);
        auto client = sandbox.client();
        auto headers = sandbox.auth(sandbox.token());

        auto first = client.Get(k_container, headers);
        REQUIRE(first);
        CHECK(first->status == 200);
        CHECK(std::stod(first->get_header_value("X-Rate-Limit-Remaining")) ==
              doctest::Approx(140).epsilon(0.01));
        CHECK(first->has_header("X-Request-Cost"));
        CHECK(client.Get(k_container, headers)->status == 200); // 80 left
        CHECK(client.Get(k_container, headers)->status == 200); // 20 left
        auto throttled = client.Get(k_container, headers);
        REQUIRE(throttled);
        CHECK(throttled->status == 403);
        CHECK(throttled->body == "403 Forbidden (Rate Limit Exceeded)");
        CHECK(std::stod(throttled->get_header_value("X-Rate-Limit-Remaining")) < 50);
        CHECK(sandbox.admin("stats")["faults"]["canvas_throttle"] == 1);
    }

    TEST_CASE("the Canvas bucket's up-front cost throttles parallel requests") {
        auto options = with_seed(1);
        options.canvas_throttle = true;
        options.faults.bucket_size = 120; // two requests in flight at most
        options.faults.latency_ms = 300;
        RunningSandbox sandbox(options);
        std::string token = sandbox.token();
        std::vector<std::future<int>> requests;
        for (int i = 0; i < 4; ++i)
            requests.push_back(std::async(std::launch::async, [&] {
                auto result = sandbox.client().Get(k_container, sandbox.auth(token));
                return result ? result->status : 0;
            }));
        std::map<int, int> counts;
        for (auto& request : requests)
            ++counts[request.get()];
        CHECK(counts[200] == 2);
        CHECK(counts[403] == 2);
    }

    TEST_CASE("requests above the rps cap get 429") {
        auto options = with_seed(1);
        options.faults.rps_cap = 3;
        RunningSandbox sandbox(options);
        auto seen = statuses(sandbox, sandbox.token(), 5);
        CHECK(seen == std::vector<int>{200, 200, 200, 429, 429});
    }

    TEST_CASE("a token stops working after --expire-tokens-every requests") {
        auto options = with_seed(1);
        options.faults.expire_tokens_every = 3;
        RunningSandbox sandbox(options);
        auto seen = statuses(sandbox, sandbox.token(), 4);
        CHECK(seen == std::vector<int>{200, 200, 200, 401});
        CHECK(statuses(sandbox, sandbox.token(), 1) == std::vector<int>{200});
        CHECK(sandbox.admin("stats")["faults"]["token_expired"] == 1);
    }

    TEST_CASE("faults never touch /_sandbox/") {
        auto options = with_seed(1);
        options.faults.fail_rate = 1;
        options.faults.drop_rate = 1;
        RunningSandbox sandbox(options);
        CHECK(sandbox.admin("stats")["requests"] == 0);
        CHECK(sandbox.admin("config")["client_id"] == "sandbox-tool");
    }
}
