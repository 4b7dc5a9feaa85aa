#include "model/attempt_key.hpp"

#include <doctest/doctest.h>

#include <chrono>

using gradepost::model::Attempt;
using gradepost::model::attempt_key;
using gradepost::model::Timestamp;

namespace {

Timestamp at(int day, int hour, int minute) {
    using namespace std::chrono;
    return Timestamp{sys_days{year{2026} / November / day} + hours{hour} + minutes{minute}};
}

Attempt known_attempt() {
    Attempt attempt;
    attempt.user_id = "u17";
    attempt.score = 18;
    attempt.maximum = 20;
    attempt.submitted_at = at(22, 14, 3);
    attempt.attempt_number = 2;
    return attempt;
}

} // namespace

TEST_SUITE("model::attempt_key") {

    TEST_CASE("an attempt column gives the key verbatim, whatever else the row holds") {
        Attempt attempt = known_attempt();
        attempt.attempt_id = "quiz-7/att 3";
        CHECK(attempt_key(attempt) == "id:quiz-7/att 3");
        attempt.score = 3;
        attempt.submitted_at.reset();
        CHECK(attempt_key(attempt) == "id:quiz-7/att 3");
    }

    // The keys are stored in ledgers: if these values change, existing ledgers see every attempt
    // as new. Change the recipe only together with a way to read the old keys.
    TEST_CASE("the fingerprint recipe is pinned") {
        CHECK(attempt_key(known_attempt()) == "at:1ce0e4f41e6046d3");
        Attempt numbered;
        numbered.user_id = "u17";
        numbered.attempt_number = 1;
        numbered.score = 8.5;
        CHECK(attempt_key(numbered) == "at:12802664a4280608");
    }

    TEST_CASE("a regrade keeps the attempt: the fingerprint covers user, time and number only") {
        const auto base = attempt_key(known_attempt());
        REQUIRE(base.has_value());

        Attempt regraded = known_attempt();
        regraded.score = 19;
        regraded.maximum = 25;
        regraded.comment = "well done";
        regraded.where = {"week4.csv", 99, 0};
        CHECK(attempt_key(regraded) == base);

        Attempt other_user = known_attempt();
        other_user.user_id = "u18";
        Attempt other_time = known_attempt();
        other_time.submitted_at = at(22, 14, 4);
        Attempt other_number = known_attempt();
        other_number.attempt_number = 3;
        Attempt undated = known_attempt();
        undated.submitted_at.reset();
        for (const Attempt& changed : {other_user, other_time, other_number, undated}) {
            auto key = attempt_key(changed);
            REQUIRE(key.has_value());
            CAPTURE(*key);
            CHECK(key != base);
            CHECK(key->starts_with("at:"));
            CHECK(key->size() == 3 + 16);
        }
    }

    TEST_CASE("an attempt with neither time nor number has no identity") {
        Attempt bare;
        bare.user_id = "u17";
        bare.score = 8.5;
        CHECK_FALSE(attempt_key(bare).has_value());
    }

} // TEST_SUITE
