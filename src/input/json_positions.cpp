#include "input/json_positions.hpp"

#include <algorithm>

namespace gradepost::input {

namespace {

bool is_json_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Offset of the quote closing the string opened at `open`.
std::size_t string_end(std::string_view json, std::size_t open) {
    std::size_t i = open + 1;
    while (i < json.size() && json[i] != '"')
        i += json[i] == '\\' ? 2 : 1;
    return std::min(i, json.size());
}

bool is_number_character(char c) {
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

// Offset of the first character after `offset` that is not JSON white space.
std::size_t skip_space(std::string_view json, std::size_t offset) {
    while (offset < json.size() && is_json_space(json[offset]))
        ++offset;
    return offset;
}

} // namespace

std::size_t token_offset(std::string_view json, JsonToken kind, std::size_t ordinal) {
    std::size_t seen = 0;
    for (std::size_t i = 0; i < json.size(); ++i) {
        char c = json[i];
        if (c == '"') {
            std::size_t end = string_end(json, i);
            std::size_t next = skip_space(json, end + 1);
            if (kind == JsonToken::key && next < json.size() && json[next] == ':' &&
                seen++ == ordinal)
                return i;
            i = end;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            if (kind == JsonToken::number && seen++ == ordinal)
                return i;
            while (i + 1 < json.size() && is_number_character(json[i + 1]))
                ++i;
        }
    }
    return json.size();
}

std::optional<std::size_t> member_value_offset(std::string_view json, std::size_t object,
                                               std::string_view key) {
    int depth = 0;
    for (std::size_t i = object; i < json.size(); ++i) {
        char c = json[i];
        if (c == '"') {
            std::size_t end = string_end(json, i);
            std::size_t next = skip_space(json, end + 1);
            if (depth == 1 && next < json.size() && json[next] == ':' &&
                json.substr(i + 1, end - i - 1) == key)
                return skip_space(json, next + 1);
            i = end;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            if (--depth == 0)
                break;
        }
    }
    return std::nullopt;
}

std::vector<std::size_t> find_record_offsets(std::string_view json, RecordArray where) {
    const int record_depth = where == RecordArray::top_level ? 1 : 2;
    std::vector<std::size_t> offsets;
    int depth = 0;
    bool is_in_records = false;
    bool is_expecting_record = false;
    std::string_view last_top_level_string;
    for (std::size_t i = 0; i < json.size(); ++i) {
        char c = json[i];
        if (is_json_space(c))
            continue;
        if (is_expecting_record) {
            is_expecting_record = false;
            if (c != ']')
                offsets.push_back(i);
        }
        switch (c) {
        case '"': {
            std::size_t end = string_end(json, i);
            // Inside the top-level object a key directly precedes its value, so the last
            // string seen before a '[' is that array's key.
            if (depth == 1)
                last_top_level_string = json.substr(i + 1, end - i - 1);
            i = end;
            break;
        }
        case '{':
        case '[':
            ++depth;
            if (c == '[' && depth == record_depth &&
                (where == RecordArray::top_level || last_top_level_string == "attempts")) {
                is_in_records = true;
                is_expecting_record = true;
            }
            break;
        case '}':
        case ']':
            if (depth == record_depth)
                is_in_records = false;
            --depth;
            break;
        case ',':
            if (is_in_records && depth == record_depth)
                is_expecting_record = true;
            break;
        default:
            break;
        }
    }
    return offsets;
}

TextPosition position_of(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    TextPosition position;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++position.line;
            line_start = i + 1;
        }
    }
    position.column = offset - line_start + 1;
    return position;
}

std::vector<std::size_t> lines_of(std::string_view text, const std::vector<std::size_t>& offsets) {
    std::vector<std::size_t> lines;
    lines.reserve(offsets.size());
    std::size_t line = 1;
    std::size_t counted = 0;
    for (std::size_t offset : offsets) {
        offset = std::min(offset, text.size());
        line += static_cast<std::size_t>(
            std::count(text.begin() + static_cast<std::ptrdiff_t>(counted),
                       text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
        counted = offset;
        lines.push_back(line);
    }
    return lines;
}

} // namespace gradepost::input
