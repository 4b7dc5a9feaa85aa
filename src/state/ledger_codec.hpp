#pragma once

#include "model/last_post.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// How both ledgers store values: times as microseconds since 1970, states as names, attempt
// keys as a sorted JSON array.

namespace gradepost::state {

std::int64_t to_micros(model::Timestamp timestamp);
model::Timestamp from_micros(std::int64_t micros);
std::int64_t now_micros();
std::string_view state_name(model::PostState state);
model::PostState parse_state(const std::string& name);
std::string keys_to_json(const std::vector<std::string>& keys);
std::vector<std::string> keys_from_json(const std::string& text);

} // namespace gradepost::state
