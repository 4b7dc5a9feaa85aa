#include "model/attempt_key.hpp"

#include "util/text.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace gradepost::model {

namespace {

constexpr std::string_view k_compact_prefix = "k:";
constexpr char k_hex_digits[] = "0123456789abcdef";

struct Hex16 {
    char digits[16];
    std::string_view view() const { return {digits, sizeof digits}; }
};

Hex16 hex16(std::uint64_t value) {
    Hex16 hex;
    for (int i = 15; i >= 0; --i, value >>= 4)
        hex.digits[i] = k_hex_digits[value & 0xf];
    return hex;
}

// Continues `hash` with the decimal digits of `value`, as std::to_string writes them.
std::uint64_t fnv1a_decimal(std::int64_t value, std::uint64_t hash) {
    char digits[24];
    auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    return util::fnv1a(std::string_view(digits, static_cast<std::size_t>(end - digits)), hash);
}

// The fingerprint behind an "at:" key: user, submitted time (microseconds) and attempt
// number, separated by U+001F, "-" for a missing part.
std::uint64_t fingerprint(const AttemptKeyParts& parts) {
    std::uint64_t hash = util::fnv1a(parts.user_id);
    hash = util::fnv1a("\x1f", hash);
    hash = parts.submitted_at ? fnv1a_decimal(parts.submitted_at->time_since_epoch().count(), hash)
                              : util::fnv1a("-", hash);
    hash = util::fnv1a("\x1f", hash);
    return parts.attempt_number ? fnv1a_decimal(*parts.attempt_number, hash)
                                : util::fnv1a("-", hash);
}

AttemptKeyParts parts_of(const Attempt& attempt) {
    return {attempt.user_id, attempt.attempt_id, attempt.submitted_at, attempt.attempt_number};
}

} // namespace

std::optional<std::string> attempt_key_text(const AttemptKeyParts& parts) {
    if (!parts.attempt_id.empty())
        return "id:" + std::string(parts.attempt_id);
    if (!parts.submitted_at && !parts.attempt_number)
        return std::nullopt;
    return "at:" + std::string(hex16(fingerprint(parts)).view());
}

std::optional<std::string> attempt_key_text(const Attempt& attempt) {
    return attempt_key_text(parts_of(attempt));
}

std::optional<AttemptKey> attempt_key(const AttemptKeyParts& parts) {
    if (!parts.attempt_id.empty())
        return AttemptKey{util::fnv1a(parts.attempt_id, util::fnv1a("id:"))};
    if (!parts.submitted_at && !parts.attempt_number)
        return std::nullopt;
    return AttemptKey{util::fnv1a(hex16(fingerprint(parts)).view(), util::fnv1a("at:"))};
}

std::optional<AttemptKey> attempt_key(const Attempt& attempt) {
    return attempt_key(parts_of(attempt));
}

AttemptKey parse_attempt_key(std::string_view text) {
    if (!text.starts_with(k_compact_prefix))
        return AttemptKey{util::fnv1a(text)};
    auto hex = text.substr(k_compact_prefix.size());
    std::uint64_t value = 0;
    auto [end, error] = std::from_chars(hex.data(), hex.data() + hex.size(), value, 16);
    bool is_lower_hex = hex.find_first_not_of(k_hex_digits) == std::string_view::npos;
    if (hex.size() != 16 || !is_lower_hex || error != std::errc{} || end != hex.data() + hex.size())
        throw std::invalid_argument("attempt key \"" + std::string(text) +
                                    "\" is not k: and 16 hex digits");
    return AttemptKey{value};
}

std::string to_text(AttemptKey key) {
    return std::string(k_compact_prefix) + std::string(hex16(key.hash).view());
}

std::vector<AttemptKey> parse_attempt_keys(const std::vector<std::string>& texts) {
    std::vector<AttemptKey> keys;
    keys.reserve(texts.size());
    for (const auto& text : texts)
        keys.push_back(parse_attempt_key(text));
    sort_distinct(keys);
    return keys;
}

void sort_distinct(std::vector<AttemptKey>& keys) {
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
}

std::vector<std::string> to_texts(const std::vector<AttemptKey>& keys) {
    std::vector<std::string> texts;
    texts.reserve(keys.size());
    for (AttemptKey key : keys)
        texts.push_back(to_text(key));
    return texts;
}

bool is_legacy_key_text(std::string_view text) {
    return text.starts_with("fp:");
}

} // namespace gradepost::model
