#include "input/read_options.hpp"

#include "input/text.hpp"

#include <array>
#include <utility>

namespace gradepost::input {

std::optional<Field> parse_field(std::string_view key) {
    static constexpr std::array<std::pair<std::string_view, Field>, 9> k_keys = {{
        {"user", Field::user},
        {"score", Field::score},
        {"max", Field::maximum},
        {"maximum", Field::maximum},
        {"submitted", Field::submitted},
        {"attempt", Field::attempt},
        {"comment", Field::comment},
        {"status", Field::status},
        {"url", Field::url},
    }};
    key = trim(key);
    for (const auto& [name, field] : k_keys)
        if (equals_ignoring_case(key, name))
            return field;
    return std::nullopt;
}

std::string_view field_key(Field field) {
    switch (field) {
    case Field::user:
        return "user";
    case Field::score:
        return "score";
    case Field::maximum:
        return "max";
    case Field::submitted:
        return "submitted";
    case Field::attempt:
        return "attempt";
    case Field::comment:
        return "comment";
    case Field::status:
        return "status";
    case Field::url:
        return "url";
    }
    return "field";
}

} // namespace gradepost::input
