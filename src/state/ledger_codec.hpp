#pragma once

#include "model/last_post.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// How both ledgers store values: times as microseconds since 1970, states as names, attempt
// keys as a sorted JSON array; with a Canvas attachment, the same column holds
// {"attempts": [...], "attachment": "sha256:..."} (no schema change, and older rows read as
// they are).

namespace gradepost::state {

std::int64_t to_micros(model::Timestamp timestamp);
model::Timestamp from_micros(std::int64_t micros);
std::int64_t now_micros();
std::string_view state_name(model::PostState state);
model::PostState parse_state(const std::string& name);
std::string keys_to_json(const std::vector<std::string>& keys, const std::string& attachment);
// Fills `score.attempt_keys` and `score.attachment` from the column's text.
void read_keys_json(const std::string& text, model::SentScore& score);

} // namespace gradepost::state
