#include "state/ledger_codec.hpp"

#include "util/clock.hpp"

#include <nlohmann/json.hpp>

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

std::string keys_to_json(const std::vector<std::string>& keys, const std::string& attachment) {
    if (attachment.empty())
        return nlohmann::json(keys).dump();
    return nlohmann::json{{"attempts", keys}, {"attachment", attachment}}.dump();
}

void read_keys_json(const std::string& text, model::SentScore& score) {
    if (text.empty())
        return;
    auto value = nlohmann::json::parse(text);
    if (value.is_object()) {
        score.attempt_keys = value.at("attempts").get<std::vector<std::string>>();
        score.attachment = value.value("attachment", "");
    } else {
        score.attempt_keys = value.get<std::vector<std::string>>();
    }
}

} // namespace gradepost::state
