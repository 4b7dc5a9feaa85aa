#include "state/ledger_codec.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

using namespace gradepost;

namespace {

// Each read gets a store that holds one key in memory: any more go to its file.
model::SentScore read(const std::string& text) {
    model::SentScore score;
    state::read_keys_json(text, score, std::make_shared<model::AttemptKeys::Store>(1));
    return score;
}

} // namespace

TEST_SUITE("state::ledger_codec") {

    TEST_CASE("attempt keys alone stay a JSON array of compact keys, sorted") {
        model::SentScore score;
        score.attempt_keys = model::parse_attempt_keys({"id:a2", "id:a1"});
        auto keys = score.attempt_keys.to_vector();
        auto text = state::keys_to_json(score);
        CHECK(text ==
              R"([")" + model::to_text(keys[0]) + R"(",")" + model::to_text(keys[1]) + R"("])");
        CHECK(keys[0] < keys[1]);
        auto back = read(text);
        CHECK(back.attempt_keys == score.attempt_keys);
        CHECK_FALSE(back.has_legacy_keys);
        CHECK(back.attachment.empty());
    }

    TEST_CASE("keys of earlier releases read equal to the same keys computed today") {
        model::AttemptKeyParts by_id;
        by_id.attempt_id = "quiz 7/3";
        model::AttemptKeyParts by_time;
        by_time.user_id = "u17";
        by_time.attempt_number = 2;
        auto today = std::vector{*model::attempt_key(by_id), *model::attempt_key(by_time)};
        std::sort(today.begin(), today.end());
        auto older = read(R"([")" + *model::attempt_key_text(by_id) + R"(",")" +
                          *model::attempt_key_text(by_time) + R"("])");
        CHECK(older.attempt_keys == today);
        CHECK_FALSE(older.has_legacy_keys);
    }

    TEST_CASE("\"fp:\" keys mark the entry legacy, and a rewrite keeps it so") {
        auto legacy = read(R"(["fp:216352991904377c","fp:00000000000000a1"])");
        CHECK(legacy.has_legacy_keys);
        CHECK(legacy.attempt_keys.empty());
        auto rewritten = state::keys_to_json(legacy);
        CHECK(rewritten == R"(["fp:"])");
        CHECK(read(rewritten).has_legacy_keys);
        CHECK_FALSE(read(R"(["id:1"])").has_legacy_keys);
    }

    TEST_CASE("with a Canvas attachment the column holds both, and reads back") {
        model::SentScore score;
        score.attempt_keys = model::parse_attempt_keys({"id:a1"});
        score.attachment = "sha256:00ff";
        auto text = state::keys_to_json(score);
        CHECK(text == R"({"attachment":"sha256:00ff","attempts":[")" +
                          model::to_text(score.attempt_keys.to_vector()[0]) + R"("]})");
        auto back = read(text);
        CHECK(back.attempt_keys == score.attempt_keys);
        CHECK(back.attachment == "sha256:00ff");
        auto older = read(R"({"attachment":"sha256:00ff","attempts":["id:a1"]})");
        CHECK(older.attempt_keys == score.attempt_keys);
        CHECK(older.attachment == "sha256:00ff");
    }

    TEST_CASE("an empty column is no keys") {
        auto score = read("");
        CHECK(score.attempt_keys.empty());
        CHECK_FALSE(score.has_legacy_keys);
    }

    TEST_CASE("a compact key that is not 16 hex digits is refused") {
        CHECK_THROWS_AS(read(R"(["k:12"])"), std::invalid_argument);
        CHECK_THROWS_AS(read(R"(["k:0123456789ABCDEF"])"), std::invalid_argument);
    }

    TEST_CASE("the entries of one read share a store; those past its memory read back from "
              "its file") {
        auto store = std::make_shared<model::AttemptKeys::Store>(16);
        std::vector<model::SentScore> read_back(1'000);
        std::vector<std::vector<model::AttemptKey>> expected;
        for (std::size_t i = 0; i < read_back.size(); ++i) {
            auto texts =
                std::vector<std::string>{"id:" + std::to_string(i), "id:x" + std::to_string(i),
                                         "id:y" + std::to_string(i % 7)};
            expected.push_back(model::parse_attempt_keys(texts));
            model::SentScore written;
            written.attempt_keys = expected.back();
            state::read_keys_json(state::keys_to_json(written), read_back[i], store);
        }
        REQUIRE(store->has_spilled());
        CHECK(store->size() == 3'000);
        for (std::size_t i = 0; i < read_back.size(); ++i)
            CHECK(read_back[i].attempt_keys.to_vector() == expected[i]);
    }

    TEST_CASE("columns of other shapes read as a document would, or are refused the same way") {
        auto id_a1 = model::parse_attempt_keys({"id:a1"});
        // Members it does not know are passed over, scalar or not, before or after the keys.
        auto extra = read(R"({"note":1,"attempts":["id:a1"],"more":{"x":[1]},"attachment":"d"})");
        CHECK(extra.attempt_keys == id_a1);
        CHECK(extra.attachment == "d");
        auto reordered = read(R"({"attachment":"d","flag":true,"attempts":["id:a1","fp:"]})");
        CHECK(reordered.attempt_keys == id_a1);
        CHECK(reordered.has_legacy_keys);
        // Repeated texts count once.
        CHECK(read(R"(["id:a1","id:a1"])").attempt_keys == id_a1);

        for (const char* damaged :
             {R"(["id:a1")", R"(["id:a1", 7])", R"({"attachment":"d"})", R"({"attempts":"id:a1"})",
              R"({"attempts":["id:a1"],"attachment":5})", R"("id:a1")", R"(["id:a1"] [])",
              R"([["id:a1"]])"}) {
            CAPTURE(damaged);
            CHECK_THROWS_AS(read(damaged), nlohmann::json::exception);
        }
    }
}
