#pragma once

#include <string>

namespace gradepost::testing {

// The message of the `Error` that `action` throws, or "no error": for checks on the words a
// user reads. Any other exception propagates and fails the test.
template <typename Error, typename Action> std::string error_message_of(Action&& action) {
    try {
        action();
    } catch (const Error& error) {
        return error.what();
    }
    return "no error";
}

} // namespace gradepost::testing
