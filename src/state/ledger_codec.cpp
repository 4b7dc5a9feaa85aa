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

namespace {

// A stored "fp:" text with no fingerprint: what keeps a rewritten legacy entry legacy.
constexpr const char* k_legacy_marker = "fp:";

// Reads the two shapes keys_to_json() writes, an array of key texts or an object with
// "attempts" and "attachment", event by event: each text becomes a key as the parser meets
// it, with no document and no string kept. A ledger of a large class holds millions of keys,
// and a document a column was most of the time spent reading it. Any other shape stops the
// reading (return false), for read_keys_document() to report.
class KeysReader final : public nlohmann::json_sax<nlohmann::json> {
public:
    std::vector<model::AttemptKey> keys;
    bool has_legacy_keys = false;
    std::string attachment;

    // Whether the text held one of the two shapes, whole.
    bool is_complete() const { return m_place == Place::done; }

    // One stored key text. "fp:" keys covered the score and never equal a key of today: only
    // their presence counts.
    void add(std::string_view text) {
        if (model::is_legacy_key_text(text))
            has_legacy_keys = true;
        else
            keys.push_back(model::parse_attempt_key(text));
    }

    bool string(string_t& text) override {
        if (m_place == Place::object) {
            if (m_member == "attachment")
                attachment = std::move(text);
            return true;
        }
        if (m_place != Place::keys && m_place != Place::attempts)
            return false;
        add(text);
        return true;
    }
    bool start_array(std::size_t) override {
        if (m_place == Place::start)
            return move_to(Place::keys);
        if (m_place == Place::object && m_member == "attempts") {
            m_has_attempts = true;
            return move_to(Place::attempts);
        }
        return false;
    }
    bool end_array() override {
        if (m_place == Place::keys)
            return move_to(Place::done);
        return m_place == Place::attempts && move_to(Place::object);
    }
    bool start_object(std::size_t) override {
        return m_place == Place::start && move_to(Place::object);
    }
    bool key(string_t& name) override {
        m_member = std::move(name);
        return m_place == Place::object;
    }
    bool end_object() override {
        return m_place == Place::object && m_has_attempts && move_to(Place::done);
    }
    // Scalars of other members are passed over, as the document reading ignores them.
    bool null() override { return is_other_member(); }
    bool boolean(bool) override { return is_other_member(); }
    bool number_integer(number_integer_t) override { return is_other_member(); }
    bool number_unsigned(number_unsigned_t) override { return is_other_member(); }
    bool number_float(number_float_t, const string_t&) override { return is_other_member(); }
    bool binary(binary_t&) override { return false; }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
        return false;
    }

private:
    enum class Place { start, keys, object, attempts, done };

    bool move_to(Place place) {
        m_place = place;
        return true;
    }
    bool is_other_member() const {
        return m_place == Place::object && m_member != "attempts" && m_member != "attachment";
    }

    Place m_place = Place::start;
    std::string m_member;
    bool m_has_attempts = false;
};

// The general reading, for a column the event reader stopped on: its errors name what is wrong.
void read_keys_document(const std::string& text, KeysReader& reader) {
    auto value = nlohmann::json::parse(text);
    std::vector<std::string> texts;
    if (value.is_object()) {
        texts = value.at("attempts").get<std::vector<std::string>>();
        reader.attachment = value.value("attachment", "");
    } else {
        texts = value.get<std::vector<std::string>>();
    }
    reader.keys.clear();
    reader.has_legacy_keys = false;
    for (const auto& key : texts)
        reader.add(key);
}

} // namespace

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
    KeysReader reader;
    if (!nlohmann::json::sax_parse(text, &reader) || !reader.is_complete())
        read_keys_document(text, reader);
    model::sort_distinct(reader.keys);
    score.attempt_keys = model::AttemptKeys::append_to(keys, reader.keys);
    score.has_legacy_keys = reader.has_legacy_keys;
    score.attachment = std::move(reader.attachment);
}

} // namespace gradepost::state
