#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace gradepost::config {

// JSON allows an object to repeat a key and nlohmann/json keeps one of the values silently;
// in a config file that is a typo that changes which URL or key is used, so it is an error.
struct DuplicateKey {
    std::string key;        // as written between its quotes
    std::size_t offset = 0; // byte offset of the second occurrence's opening quote
};

// The first key that repeats within one object of `json`, which must already be valid JSON.
std::optional<DuplicateKey> find_duplicate_key(std::string_view json);

} // namespace gradepost::config
