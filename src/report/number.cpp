#include "report/number.hpp"
#include "report/render.hpp"

#include <fmt/format.h>

#include <cmath>
#include <iterator>

namespace gradepost::report {

namespace {

// Beyond this, fixed notation would print a long run of digits no score ever has.
constexpr double k_fixed_limit = 1e15;

} // namespace

void append_number(std::string& out, double value) {
    if (!std::isfinite(value)) {
        out.append(std::isnan(value) ? "nan" : value < 0 ? "-inf" : "inf");
        return;
    }
    if (std::fabs(value) >= k_fixed_limit) {
        fmt::format_to(std::back_inserter(out), "{}", value);
        return;
    }
    // Most scores are whole numbers; they need no rounding and no trailing-zero stripping.
    if (value == std::trunc(value)) {
        fmt::format_int digits(static_cast<long long>(value));
        out.append(digits.data(), digits.size());
        return;
    }
    // Six decimals hide binary noise (18.000000001 prints as 18) and keep 1/3 readable.
    fmt::memory_buffer buffer;
    fmt::format_to(std::back_inserter(buffer), "{:.6f}", value);
    std::string_view text(buffer.data(), buffer.size());
    text = text.substr(0, text.find_last_not_of('0') + 1);
    if (text.back() == '.')
        text.remove_suffix(1);
    if (text == "-0")
        text = "0";
    out.append(text);
}

std::string format_number(double value) {
    std::string result;
    append_number(result, value);
    return result;
}

} // namespace gradepost::report
