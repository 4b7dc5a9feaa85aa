#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace gradepost::input {

// ordered_json keeps the keys in file order, so messages list them as the user wrote them.
using Json = nlohmann::ordered_json;

// A document that is valid JSON but that an export must not be: an object with the same key
// twice (nlohmann/json keeps the last one, silently), or a number too small for a double that
// would read as 0 (1e-400).
class StrictJsonError : public std::runtime_error {
public:
    StrictJsonError(std::size_t offset, const std::string& message)
        : std::runtime_error(message), m_offset(offset) {}

    std::size_t offset() const { return m_offset; } // byte offset of the key or number

private:
    std::size_t m_offset;
};

// Json::parse(text), stricter. Throws Json::exception on bad syntax as Json::parse does, and
// StrictJsonError for a repeated key or an underflowing number.
Json parse_strict_json(std::string_view text);

} // namespace gradepost::input
