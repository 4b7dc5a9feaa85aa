#pragma once

#include "model/last_post.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

// How both ledgers store values: times as microseconds since 1970, states as names, attempt
// keys as a sorted JSON array of "k:<16 hex>" texts; with a Canvas attachment, the same column
// holds {"attempts": [...], "attachment": "sha256:..."} (no schema change). Older rows read as
// they are: their "id:", "at:" and "fp:" texts are hashed on read (model/attempt_key.hpp),
// and an entry with "fp:" keys is written back with an "fp:" marker so it stays legacy.

namespace gradepost::state {

std::int64_t to_micros(model::Timestamp timestamp);
model::Timestamp from_micros(std::int64_t micros);
std::int64_t now_micros();
std::string_view state_name(model::PostState state);
model::PostState parse_state(const std::string& name);
// The column's text for `score.attempt_keys`, `has_legacy_keys` and `attachment`.
std::string keys_to_json(const model::SentScore& score);
// Fills `score.attempt_keys`, `has_legacy_keys` and `attachment` from the column's text; the
// keys go to `keys`, one store for all the entries a ledger reads at once.
void read_keys_json(const std::string& text, model::SentScore& score,
                    const std::shared_ptr<model::AttemptKeys::Store>& keys);

} // namespace gradepost::state
