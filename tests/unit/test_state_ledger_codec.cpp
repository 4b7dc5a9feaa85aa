#include "state/ledger_codec.hpp"

#include <doctest/doctest.h>

using namespace gradepost;

TEST_SUITE("state::ledger_codec") {

    TEST_CASE("attempt keys alone stay a JSON array, as older ledgers hold them") {
        CHECK(state::keys_to_json({"a1", "a2"}, "") == R"(["a1","a2"])");
        model::SentScore score;
        state::read_keys_json(R"(["a1","a2"])", score);
        CHECK(score.attempt_keys == std::vector<std::string>{"a1", "a2"});
        CHECK(score.attachment.empty());
    }

    TEST_CASE("with a Canvas attachment the column holds both, and reads back") {
        auto text = state::keys_to_json({"a1"}, "sha256:00ff");
        CHECK(text == R"({"attachment":"sha256:00ff","attempts":["a1"]})");
        model::SentScore score;
        state::read_keys_json(text, score);
        CHECK(score.attempt_keys == std::vector<std::string>{"a1"});
        CHECK(score.attachment == "sha256:00ff");
    }

    TEST_CASE("an empty column is no keys") {
        model::SentScore score;
        state::read_keys_json("", score);
        CHECK(score.attempt_keys.empty());
    }
}
