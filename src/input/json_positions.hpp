#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace gradepost::input {

// nlohmann/json does not say where a value starts, and messages need the line of each
// record, so a light scan of the (already validated) text finds them: the byte offsets of the
// elements of the top-level array, or of the "attempts" array of the top-level object.
enum class RecordArray { top_level, attempts_member };

std::vector<std::size_t> find_record_offsets(std::string_view json, RecordArray where);

// Byte offset of the `ordinal`-th (0-based, in file order) object key or number literal of
// valid JSON; the text's size when there are fewer.
enum class JsonToken { key, number };

std::size_t token_offset(std::string_view json, JsonToken kind, std::size_t ordinal);

// Byte offset of the value of member `key` of the object starting at `object` (its '{'),
// when the key is written without escapes.
std::optional<std::size_t> member_value_offset(std::string_view json, std::size_t object,
                                               std::string_view key);

// 1-based line and column of a byte offset.
struct TextPosition {
    std::size_t line = 1;
    std::size_t column = 1;
};

TextPosition position_of(std::string_view text, std::size_t offset);

// The 1-based line of each of `offsets` (ascending), in one pass.
std::vector<std::size_t> lines_of(std::string_view text, const std::vector<std::size_t>& offsets);

} // namespace gradepost::input
