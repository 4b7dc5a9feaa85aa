#include "policy/attempt_order.hpp"

#include <algorithm>

namespace gradepost::policy {

std::vector<std::size_t> order_attempts(std::span<const model::Attempt> attempts,
                                        std::vector<std::size_t> rows) {
    const bool all_dated = std::all_of(rows.begin(), rows.end(), [&](std::size_t row) {
        return attempts[row].submitted_at.has_value();
    });
    const bool all_numbered = std::all_of(rows.begin(), rows.end(), [&](std::size_t row) {
        return attempts[row].attempt_number.has_value();
    });
    std::sort(rows.begin(), rows.end(), [&](std::size_t left, std::size_t right) {
        const auto& a = attempts[left];
        const auto& b = attempts[right];
        if (all_dated && *a.submitted_at != *b.submitted_at)
            return *a.submitted_at < *b.submitted_at;
        if (all_numbered && *a.attempt_number != *b.attempt_number)
            return *a.attempt_number < *b.attempt_number;
        return left < right;
    });
    return rows;
}

} // namespace gradepost::policy
