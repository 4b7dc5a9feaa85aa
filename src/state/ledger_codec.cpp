#include "state/ledger_codec.hpp"

#include "util/clock.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace gradepost::state {

using model::PostState;

std::int64_t to_micros(model::Timestamp timestamp) {
    return timestamp.time_since_epoch().count();
}

model::Timestamp from_micros(std::int64_t micros) {
    return model::Timestamp{std::chrono::microseconds{micros}};
}

std::int64_t now_micros() {
    return to_micros(util::system_clock().now());
}

std::string_view state_name(PostState state) {
    switch (state) {
    case PostState::pending:
        return "pending";
    case PostState::posted:
        return "posted";
    case PostState::failed:
        return "failed";
    }
    return "failed";
}

PostState parse_state(const std::string& name) {
    if (name == "pending")
        return PostState::pending;
    if (name == "posted")
        return PostState::posted;
    return PostState::failed;
}

// A stored "fp:" text with no fingerprint: what keeps a rewritten legacy entry legacy.
constexpr const char* k_legacy_marker = "fp:";

std::string keys_to_json(const model::SentScore& score) {
    auto texts = model::to_texts(score.attempt_keys.to_vector());
    if (score.has_legacy_keys)
        texts.emplace_back(k_legacy_marker);
    if (score.attachment.empty())
        return nlohmann::json(texts).dump();
    return nlohmann::json{{"attempts", texts}, {"attachment", score.attachment}}.dump();
}

void read_keys_json(const std::string& text, model::SentScore& score,
                    const std::shared_ptr<model::AttemptKeys::Store>& keys) {
    if (text.empty())
        return;
    auto value = nlohmann::json::parse(text);
    std::vector<std::string> texts;
    if (value.is_object()) {
        texts = value.at("attempts").get<std::vector<std::string>>();
        score.attachment = value.value("attachment", "");
    } else {
        texts = value.get<std::vector<std::string>>();
    }
    // "fp:" keys covered the score and never equal a key of today: only their presence counts.
    auto legacy = std::remove_if(texts.begin(), texts.end(), [](const std::string& key) {
        return model::is_legacy_key_text(key);
    });
    score.has_legacy_keys = legacy != texts.end();
    texts.erase(legacy, texts.end());
    score.attempt_keys = model::AttemptKeys::append_to(keys, model::parse_attempt_keys(texts));
}

} // namespace gradepost::state
