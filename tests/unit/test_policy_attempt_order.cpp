#include "policy/attempt_order.hpp"

#include <doctest/doctest.h>

#include <chrono>

using gradepost::model::Attempt;
using gradepost::model::Timestamp;
using gradepost::policy::order_attempts;

namespace {

Attempt numbered(std::int64_t number, std::optional<Timestamp> submitted_at) {
    Attempt attempt;
    attempt.user_id = "u1";
    attempt.attempt_number = number;
    attempt.submitted_at = submitted_at;
    return attempt;
}

} // namespace

TEST_SUITE("policy::attempt_order") {

    TEST_CASE("only the rows given are ordered, and only their keys decide") {
        const Timestamp morning{std::chrono::seconds{1'790'000'000}};
        const std::vector<Attempt> attempts = {
            numbered(1, morning + std::chrono::hours{2}),
            numbered(3, std::nullopt), // undated: when it is among the rows, times are not used
            numbered(2, morning),
        };
        CHECK(order_attempts(attempts, {0, 2}) == std::vector<std::size_t>{2, 0});
        CHECK(order_attempts(attempts, {0, 1, 2}) == std::vector<std::size_t>{0, 2, 1});
        CHECK(order_attempts(attempts, {}).empty());
    }

} // TEST_SUITE
