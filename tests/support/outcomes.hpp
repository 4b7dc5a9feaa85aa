#pragma once

#include "model/outcome.hpp"

#include <optional>
#include <string>

namespace gradepost::testing {

// One student's outcome with the fields a report shows first, the rest left at their defaults.
inline model::Outcome outcome(std::string user, model::Action action, std::optional<double> given,
                              std::optional<double> maximum, int http_status, std::string error,
                              std::string reason) {
    model::Outcome result;
    result.user_id = std::move(user);
    result.action = action;
    result.given = given;
    result.maximum = maximum;
    result.http_status = http_status;
    result.error = std::move(error);
    result.reason = std::move(reason);
    return result;
}

} // namespace gradepost::testing
