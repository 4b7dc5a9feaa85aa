#include "model/attempt_key.hpp"

#include "util/text.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <stdexcept>
#include <vector>

using gradepost::model::Attempt;
using gradepost::model::attempt_key;
using gradepost::model::attempt_key_text;
using gradepost::model::AttemptKey;
using gradepost::model::parse_attempt_key;
using gradepost::model::Timestamp;
using gradepost::model::to_text;

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
        CHECK(attempt_key_text(attempt) == "id:quiz-7/att 3");
        attempt.score = 3;
        attempt.submitted_at.reset();
        CHECK(attempt_key_text(attempt) == "id:quiz-7/att 3");
    }

    // The keys are stored in ledgers: if these values change, existing ledgers see every attempt
    // as new. Change the recipe only together with a way to read the old keys.
    TEST_CASE("the fingerprint recipe is pinned") {
        CHECK(attempt_key_text(known_attempt()) == "at:1ce0e4f41e6046d3");
        Attempt numbered;
        numbered.user_id = "u17";
        numbered.attempt_number = 1;
        numbered.score = 8.5;
        CHECK(attempt_key_text(numbered) == "at:12802664a4280608");
    }

    TEST_CASE("a regrade keeps the attempt: the fingerprint covers user, time and number only") {
        const auto base = attempt_key_text(known_attempt());
        REQUIRE(base.has_value());

        Attempt regraded = known_attempt();
        regraded.score = 19;
        regraded.maximum = 25;
        regraded.comment = "well done";
        regraded.where = {"week4.csv", 99, 0};
        CHECK(attempt_key_text(regraded) == base);

        Attempt other_user = known_attempt();
        other_user.user_id = "u18";
        Attempt other_time = known_attempt();
        other_time.submitted_at = at(22, 14, 4);
        Attempt other_number = known_attempt();
        other_number.attempt_number = 3;
        Attempt undated = known_attempt();
        undated.submitted_at.reset();
        for (const Attempt& changed : {other_user, other_time, other_number, undated}) {
            auto key = attempt_key_text(changed);
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
        CHECK_FALSE(attempt_key_text(bare).has_value());
    }

    // The compact key is the FNV-1a hash of the text, so that texts stored by earlier releases
    // read equal; it is computed from the parts without the text.
    TEST_CASE("the compact key is the hash of the text, computed from the parts") {
        Attempt by_id = known_attempt();
        by_id.attempt_id = "quiz-7/att 3 ünï";
        Attempt numbered;
        numbered.user_id = "u17";
        numbered.attempt_number = -4;
        Attempt dated = known_attempt();
        dated.attempt_number.reset();
        dated.submitted_at = Timestamp{std::chrono::microseconds{-1}};
        for (const Attempt& attempt : {known_attempt(), by_id, numbered, dated}) {
            auto text = attempt_key_text(attempt);
            REQUIRE(text.has_value());
            CAPTURE(*text);
            CHECK(attempt_key(attempt) == parse_attempt_key(*text));
            CHECK(attempt_key(attempt)->hash == gradepost::util::fnv1a(*text));
        }
        CHECK(attempt_key(known_attempt())->hash == 0x5d8b81c1b504b41fULL);
        Attempt bare;
        bare.user_id = "u17";
        CHECK_FALSE(attempt_key(bare).has_value());
    }

    TEST_CASE("the stored form \"k:<16 hex>\" reads back as the same key") {
        for (std::uint64_t hash : {0ULL, 1ULL, 0x5d8b81c1b504b41fULL, ~0ULL}) {
            AttemptKey key{hash};
            auto text = to_text(key);
            CAPTURE(text);
            CHECK(text.size() == 2 + 16);
            CHECK(text.starts_with("k:"));
            CHECK(parse_attempt_key(text) == key);
        }
        CHECK(to_text(AttemptKey{0xabcULL}) == "k:0000000000000abc");
        CHECK_THROWS_AS(parse_attempt_key("k:abc"), std::invalid_argument);
        CHECK_THROWS_AS(parse_attempt_key("k:000000000000000g"), std::invalid_argument);
        CHECK_THROWS_AS(parse_attempt_key("k:+000000000000000"), std::invalid_argument);
    }

    TEST_CASE("stored texts become sorted, distinct keys; legacy texts are recognised") {
        auto keys = gradepost::model::parse_attempt_keys({"id:b", "id:a", "id:b"});
        REQUIRE(keys.size() == 2);
        CHECK(keys[0] < keys[1]);
        CHECK(gradepost::model::to_texts(keys) == std::vector{to_text(keys[0]), to_text(keys[1])});
        CHECK(gradepost::model::is_legacy_key_text("fp:216352991904377c"));
        CHECK_FALSE(gradepost::model::is_legacy_key_text("id:fp:1"));
    }

} // TEST_SUITE
