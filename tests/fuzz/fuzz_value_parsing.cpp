// Cell values: numbers, scores ("85%", "17/20", "EX"), maxima, attempt numbers, statuses and
// submission times, each with its promise checked.
#include "check.hpp"
#include "input/dates.hpp"
#include "input/value_parsing.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>

using namespace gradepost;

namespace {

// ISO 8601 with microseconds, which parse_timestamp must read back to the same instant.
std::string iso_text(model::Timestamp time) {
    auto days = std::chrono::floor<std::chrono::days>(time);
    std::chrono::year_month_day date{days};
    std::chrono::hh_mm_ss clock{time - days};
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z", static_cast<int>(date.year()),
                       static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                       clock.hours().count(), clock.minutes().count(), clock.seconds().count(),
                       clock.subseconds().count());
}

void check_numbers(std::string_view text, bool decimal_comma) {
    auto number = input::parse_number(text, "score", decimal_comma);
    fuzz::check(number.value.has_value() != !number.ok(), "a number is a value or an error");

    auto score = input::parse_score(text, decimal_comma);
    fuzz::check(score.value.has_value() == score.ok(), "a score cell is a value or an error");
    if (score.value) {
        if (score.value->score)
            fuzz::check(std::isfinite(*score.value->score), "score is finite");
        if (score.value->maximum)
            fuzz::check(std::isfinite(*score.value->maximum), "score's maximum is finite");
    }

    auto maximum = input::parse_maximum(text, decimal_comma);
    if (maximum.value)
        fuzz::check(std::isfinite(*maximum.value) && *maximum.value > 0,
                    "maximum is finite and above 0");
    fuzz::check(!(maximum.value && !maximum.ok()), "a maximum is not both value and error");
}

void check_timestamp(std::string_view text) {
    auto time = input::parse_timestamp(text);
    if (!time)
        return;
    auto year = static_cast<int>(
        std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(*time)}.year());
    if (year < 0 || year > 9999)
        return;
    fuzz::check(input::parse_timestamp(iso_text(*time)) == time,
                "a parsed time reads back from ISO 8601");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text = fuzz::as_text(data, size);
    check_numbers(text, false);
    check_numbers(text, true);

    if (auto integer = input::parse_integer(text))
        fuzz::check(input::parse_integer(std::to_string(*integer)) == integer,
                    "an integer reads back");
    (void)input::parse_status(text);
    check_timestamp(text);
    return 0;
}
