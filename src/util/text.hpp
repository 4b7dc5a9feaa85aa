#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gradepost::util {

// `text` without leading and trailing ASCII blanks (space, tab, CR, LF, vertical tab, form
// feed): for header values, cells and list items. Other bytes, UTF-8 included, are kept.
std::string_view trim(std::string_view text);

// `text` with every `from` replaced by `to`, left to right, replacements not rescanned.
std::string replace_all(std::string_view text, std::string_view from, std::string_view to);

// 64-bit FNV-1a: a stable, dependency-free hash for short keys that are stored or named on
// disk (attempt fingerprints, lock file names). Not for anything an adversary controls.
// Pass the hash of a prefix as `hash` to continue it: fnv1a(b, fnv1a(a)) == fnv1a(a + b).
inline constexpr std::uint64_t k_fnv1a_offset = 14695981039346656037ULL;
std::uint64_t fnv1a(std::string_view text, std::uint64_t hash = k_fnv1a_offset);

} // namespace gradepost::util
