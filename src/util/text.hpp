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
std::uint64_t fnv1a(std::string_view text);

} // namespace gradepost::util
