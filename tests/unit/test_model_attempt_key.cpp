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
    // as new. Change the recipe only together with a ledger migration.
    TEST_CASE("the fingerprint recipe is pinned") {
        CHECK(attempt_key(known_attempt()) == "fp:216352991904377c");
        Attempt bare;
        bare.user_id = "u17";
        bare.score = 8.5;
        CHECK(attempt_key(bare) == "fp:b5174cc969945a02");
    }

    TEST_CASE("the fingerprint covers user, time, number, score and maximum only") {
        const auto base = attempt_key(known_attempt());

        Attempt relocated = known_attempt();
        relocated.comment = "well done";
        relocated.where = {"week4.csv", 99, 0};
        CHECK(attempt_key(relocated) == base);

        Attempt other_user = known_attempt();
        other_user.user_id = "u18";
        Attempt other_time = known_attempt();
        other_time.submitted_at = at(22, 14, 4);
        Attempt other_number = known_attempt();
        other_number.attempt_number = 3;
        Attempt regraded = known_attempt();
        regraded.score = 19;
        Attempt other_maximum = known_attempt();
        other_maximum.maximum = 25;
        Attempt undated = known_attempt();
        undated.submitted_at.reset();
        for (const Attempt& changed :
             {other_user, other_time, other_number, regraded, other_maximum, undated}) {
            CAPTURE(attempt_key(changed));
            CHECK(attempt_key(changed) != base);
            CHECK(attempt_key(changed).starts_with("fp:"));
            CHECK(attempt_key(changed).size() == 3 + 16);
        }
    }

} // TEST_SUITE
