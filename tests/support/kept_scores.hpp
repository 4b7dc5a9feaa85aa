#pragma once

#include "model/kept_score.hpp"

#include <string>

namespace gradepost::testing {

// A kept score as the keep policy would make it, for tests of what comes after.
inline model::KeptScore kept_score(std::string user, model::KeptKind kind, double given,
                                   double maximum) {
    model::KeptScore score;
    score.user_id = std::move(user);
    score.kind = kind;
    score.given = given;
    score.maximum = maximum;
    return score;
}

} // namespace gradepost::testing
