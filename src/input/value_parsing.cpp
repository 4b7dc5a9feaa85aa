#include "input/value_parsing.hpp"

#include "input/text.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <utility>

namespace gradepost::input {

namespace {

// Longer numbers than this are not scores; the limit keeps the conversion buffer on the stack.
constexpr std::size_t k_longest_number = 64;

std::string not_a_number(std::string_view what, std::string_view text, bool decimal_comma) {
    std::string message = std::string(what) + " " + quoted_text(text) + " is not a number";
    if (!decimal_comma && text.find(',') != std::string_view::npos)
        message += " (use --decimal-comma?)";
    return message;
}

// Digits, optionally a point and more digits: nearly every score and maximum. Up to 15 digits
// make an exact integer and 10^15 is exact, so one division gives the correctly rounded value
// from_chars gives, several times faster. nullopt for any other shape.
constexpr std::size_t k_most_exact_digits = 15;

std::optional<double> plain_decimal(std::string_view text) {
    static constexpr double k_powers_of_ten[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                                 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    if (text.empty() || text.size() > k_most_exact_digits + 1)
        return std::nullopt;
    std::uint64_t digits = 0;
    std::size_t point = text.size();
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c >= '0' && c <= '9')
            digits = digits * 10 + static_cast<std::uint64_t>(c - '0');
        else if (c == '.' && point == text.size() && i > 0 && i + 1 < text.size())
            point = i;
        else
            return std::nullopt;
    }
    std::size_t decimals = point == text.size() ? 0 : text.size() - point - 1;
    std::size_t digit_count = text.size() - (point == text.size() ? 0 : 1);
    if (digit_count > k_most_exact_digits)
        return std::nullopt;
    return static_cast<double>(digits) / k_powers_of_ten[decimals];
}

// from_chars wants '.', no leading '+' and no spaces; exports write all three.
std::optional<double> to_double(std::string_view text, bool decimal_comma) {
    text = trim(text);
    if (!text.empty() && text.front() == '+')
        text.remove_prefix(1);
    if (auto value = plain_decimal(text))
        return value;
    if (text.empty() || text.size() > k_longest_number)
        return std::nullopt;
    std::array<char, k_longest_number> buffer;
    bool has_comma = false;
    bool has_point = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == ',') {
            has_comma = true;
            c = '.';
        } else if (c == '.') {
            has_point = true;
        }
        buffer[i] = c;
    }
    if (has_comma && (!decimal_comma || has_point))
        return std::nullopt;
    double value = 0;
    auto [end, error] = std::from_chars(buffer.data(), buffer.data() + text.size(), value);
    if (error != std::errc() || end != buffer.data() + text.size())
        return std::nullopt;
    return value;
}

bool is_no_value(std::string_view text) {
    return text.empty() || text == "-";
}

Parsed<double> finite_number(std::string_view text, std::string_view what, bool decimal_comma) {
    Parsed<double> parsed = parse_number(text, what, decimal_comma);
    if (parsed.value && !std::isfinite(*parsed.value)) {
        parsed.error =
            std::string(what) + " " + quoted_text(trim(text)) + " is not a finite number";
        parsed.value.reset();
    }
    return parsed;
}

} // namespace

Parsed<double> parse_number(std::string_view text, std::string_view what, bool decimal_comma) {
    if (auto value = to_double(text, decimal_comma))
        return {value, {}};
    return {std::nullopt, not_a_number(what, trim(text), decimal_comma)};
}

Parsed<ScoreCell> parse_score(std::string_view text, bool decimal_comma) {
    text = trim(text);
    ScoreCell cell;
    if (is_no_value(text))
        return {cell, {}};
    if (equals_ignoring_case(text, "EX")) {
        cell.is_excused = true;
        return {cell, {}};
    }
    auto fail = [&](std::string message) { return Parsed<ScoreCell>{std::nullopt, message}; };
    if (text.back() == '%') {
        auto percent = to_double(text.substr(0, text.size() - 1), decimal_comma);
        if (!percent)
            return fail(not_a_number("score", text, decimal_comma));
        if (!std::isfinite(*percent))
            return fail("score " + quoted_text(text) + " is not a finite number");
        cell.score = percent;
        cell.maximum = 100.0;
        return {cell, {}};
    }
    if (auto slash = text.find('/'); slash != std::string_view::npos) {
        auto given = to_double(text.substr(0, slash), decimal_comma);
        auto out_of = to_double(text.substr(slash + 1), decimal_comma);
        if (!given || !out_of)
            return fail(not_a_number("score", text, decimal_comma));
        if (!std::isfinite(*given) || !std::isfinite(*out_of))
            return fail("score " + quoted_text(text) + " is not a finite number");
        cell.score = given;
        cell.maximum = out_of;
        return {cell, {}};
    }
    auto number = finite_number(text, "score", decimal_comma);
    if (!number.ok())
        return fail(number.error);
    cell.score = number.value;
    return {cell, {}};
}

Parsed<double> parse_maximum(std::string_view text, bool decimal_comma) {
    text = trim(text);
    if (is_no_value(text))
        return {};
    auto number = finite_number(text, "maximum", decimal_comma);
    if (number.value && *number.value <= 0)
        return {std::nullopt, "maximum " + quoted_text(text) + " must be greater than 0"};
    return number;
}

std::optional<std::int64_t> parse_integer(std::string_view text) {
    text = trim(text);
    if (!text.empty() && text.front() == '+')
        text.remove_prefix(1);
    std::int64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

std::optional<RowStatus> parse_status(std::string_view text) {
    static const std::pair<std::string_view, RowStatus> k_statuses[] = {
        {"graded", RowStatus::graded},
        {"fullygraded", RowStatus::graded},
        {"finished", RowStatus::graded},
        {"terminé", RowStatus::graded},
        {"pending", RowStatus::pending},
        {"needsgrading", RowStatus::pending},
        {"pendingmanual", RowStatus::pending},
        {"submitted", RowStatus::pending},
        {"inprogress", RowStatus::pending},
        {"overdue", RowStatus::pending},
        {"encours", RowStatus::pending},
        {"enretard", RowStatus::pending},
        {"excused", RowStatus::excused},
        {"ex", RowStatus::excused},
        {"neversubmitted", RowStatus::not_submitted},
        {"notsubmitted", RowStatus::not_submitted},
        {"abandoned", RowStatus::not_submitted},
        {"jamaisremis", RowStatus::not_submitted},
        {"abandonné", RowStatus::not_submitted},
    };
    std::string normalized = normalize_name(trim(text));
    for (const auto& [name, status] : k_statuses)
        if (normalized == name)
            return status;
    return std::nullopt;
}

} // namespace gradepost::input
