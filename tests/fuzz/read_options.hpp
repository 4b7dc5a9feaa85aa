#pragma once

#include "input/read_options.hpp"

#include <cstdint>
#include <string_view>

namespace gradepost::fuzz {

// Reader inputs that start with "\x01" take their options from the next byte, so real exports
// (samples/, tests/data/input/) work as seeds unchanged and the fuzzer still reaches every
// option by prepending two bytes.
struct ReaderInput {
    input::ReadOptions options;
    std::uint8_t flags = 0;
    std::string_view text;
};

constexpr std::uint8_t k_ndjson = 0x40; // the JSON target reads the text as fuzz.ndjson

inline ReaderInput split_reader_input(std::string_view data) {
    ReaderInput result;
    if (data.size() >= 2 && data[0] == '\x01') {
        result.flags = static_cast<std::uint8_t>(data[1]);
        data.remove_prefix(2);
    }
    result.text = data;
    auto& options = result.options;
    constexpr char k_delimiters[] = {0, ',', ';', '\t'};
    if (char delimiter = k_delimiters[result.flags & 0x03])
        options.delimiter = delimiter;
    options.decimal_comma = (result.flags & 0x04) != 0;
    options.allow_over_max = (result.flags & 0x08) != 0;
    if (result.flags & 0x10)
        options.default_maximum = 10;
    if (result.flags & 0x20) // --map, as for a Moodle export: Email address and the grade
        options.column_for = {{input::Field::user, "Email address"}, {input::Field::score, "Note"}};
    return result;
}

} // namespace gradepost::fuzz
