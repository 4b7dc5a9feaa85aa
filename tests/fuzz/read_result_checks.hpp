#pragma once

#include "check.hpp"
#include "input/read_attempts.hpp"
#include "input/user_id.hpp"
#include "input/utf8.hpp"

#include <algorithm>
#include <cmath>
#include <string_view>

namespace gradepost::fuzz {

// What read_attempts promises about any result, whatever the text: diagnostics point into
// the file and are valid UTF-8 (they end up in --json output); attempts are complete and
// within their maximum.
inline void check_read_result(const input::ReadResult& result, std::string_view text,
                              std::string_view file_name, const input::ReadOptions& options) {
    // Any line break counts: an upper bound for both CSV (CR, LF, CRLF) and JSON (LF) lines.
    auto last_line = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n') +
                                              std::count(text.begin(), text.end(), '\r') + 1);
    check(result.attempts.size() <= result.rows, "no more attempts than rows");
    for (const auto& error : result.errors) {
        check(error.where.file == file_name, "diagnostic names the file");
        check(error.where.line <= last_line, "diagnostic line is within the file");
        check(!error.message.empty(), "diagnostic has a message");
        check(input::is_valid_utf8(error.message), "diagnostic is valid UTF-8");
        (void)input::format_diagnostic(error);
    }
    for (const auto& attempt : result.attempts) {
        check(!attempt.user_id.empty(), "attempt has a user");
        check(!input::user_id_problem(attempt.user_id),
              "user id is at most 255 bytes, with no invisible character");
        check(input::is_valid_utf8(attempt.user_id) && input::is_valid_utf8(attempt.attempt_id) &&
                  input::is_valid_utf8(attempt.comment),
              "attempt text is valid UTF-8");
        check(attempt.where.line >= 1 && attempt.where.line <= last_line,
              "attempt line is within the file");
        if (attempt.maximum)
            check(std::isfinite(*attempt.maximum) && *attempt.maximum > 0,
                  "maximum is finite and above 0");
        if (attempt.score) {
            check(std::isfinite(*attempt.score) && *attempt.score >= 0,
                  "score is finite and not negative");
            if (attempt.maximum && !options.allow_over_max)
                check(*attempt.score <= *attempt.maximum, "score is within the maximum");
        }
    }
}

} // namespace gradepost::fuzz
