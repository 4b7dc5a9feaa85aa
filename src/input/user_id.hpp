#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace gradepost::input {

// The one rule for a user id read from an export or a roster: at most 255 bytes, and no
// character that is invisible or looks like another: ASCII and C1 control characters, Unicode
// format characters (category Cf: zero-width space, joiners, bidi controls, the byte order
// mark, the soft hyphen...) and spaces other than U+0020 (no-break, figure, narrow...). Two
// ids that print alike must be the same id, and a copied id must not carry hidden bytes.
// `id` is valid UTF-8 (the readers check that first).

constexpr std::size_t k_longest_user_id = 255;

struct UserIdProblem {
    std::size_t offset = 0; // byte offset of the character in the id
    std::string message;    // "user id "ab\u200b" holds U+200B zero-width space"
};

std::optional<UserIdProblem> user_id_problem(std::string_view id);

} // namespace gradepost::input
