#pragma once

#include "model/attempt.hpp"

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gradepost::model {

// A stable identity for an attempt, so that a re-exported file selects the same way and a
// regraded attempt stays the same attempt. Its text is "id:<attempt column>" when the export
// has one, else "at:<16 hex digits>", an FNV-1a fingerprint of user, submitted time and
// attempt number, when it has either; else none (such an export cannot tell attempts apart,
// and `--select new` then means students never posted).
//
// In memory, ledgers and plan files an attempt is the 64-bit FNV-1a hash of that text
// (8 bytes a graded attempt instead of a string), stored as "k:<16 hex digits>". Keys are
// only ever compared within one student and line item, a handful at a time, so a 64-bit
// collision is not a practical concern. Never change the recipe without a way to read the
// old keys: texts of earlier releases ("id:", "at:", and "fp:", which also covered the
// score) are hashed on read and then compare equal to the same text computed today.
struct AttemptKey {
    std::uint64_t hash = 0;
    friend constexpr auto operator<=>(const AttemptKey&, const AttemptKey&) = default;
};

// The parts of an attempt that its key comes from (rows of a model::AttemptTable).
struct AttemptKeyParts {
    std::string_view user_id;
    std::string_view attempt_id;
    std::optional<Timestamp> submitted_at;
    std::optional<std::int64_t> attempt_number;
};

// The key's text, as earlier releases stored it.
std::optional<std::string> attempt_key_text(const AttemptKeyParts& parts);
std::optional<std::string> attempt_key_text(const Attempt& attempt);

// The hash of attempt_key_text(), computed without building the text.
std::optional<AttemptKey> attempt_key(const AttemptKeyParts& parts);
std::optional<AttemptKey> attempt_key(const Attempt& attempt);

// The key of a stored text: "k:<16 hex digits>" as written by to_text(), any other text
// (the older forms) hashed. Throws std::invalid_argument for a "k:" text that is not 16 hex
// digits.
AttemptKey parse_attempt_key(std::string_view text);
// "k:<16 lowercase hex digits>".
std::string to_text(AttemptKey key);
// Sorts `keys` and drops repeated ones: the order every stored or compared key set has.
void sort_distinct(std::vector<AttemptKey>& keys);
// The keys of stored texts, sorted and distinct; and their texts, for storing.
std::vector<AttemptKey> parse_attempt_keys(const std::vector<std::string>& texts);
std::vector<std::string> to_texts(const std::vector<AttemptKey>& keys);
// Whether a stored text is a legacy "fp:" key, which covered the score (policy/select.cpp).
bool is_legacy_key_text(std::string_view text);

} // namespace gradepost::model
