#include "policy/attempt_order.hpp"

#include <algorithm>

namespace gradepost::policy {

std::vector<std::size_t> order_attempts(std::span<const model::AttemptTable::Row> attempts,
                                        std::vector<std::size_t> rows) {
    using Table = model::AttemptTable;
    const bool all_dated = std::all_of(rows.begin(), rows.end(), [&](std::size_t row) {
        return attempts[row].has(Table::k_submitted);
    });
    const bool all_numbered = std::all_of(rows.begin(), rows.end(), [&](std::size_t row) {
        return attempts[row].has(Table::k_attempt_number);
    });
    std::sort(rows.begin(), rows.end(), [&](std::size_t left, std::size_t right) {
        const auto& a = attempts[left];
        const auto& b = attempts[right];
        if (all_dated && a.submitted != b.submitted)
            return a.submitted < b.submitted;
        if (all_numbered && a.attempt_number != b.attempt_number)
            return a.attempt_number < b.attempt_number;
        return left < right;
    });
    return rows;
}

std::vector<std::size_t> order_attempts(std::span<const model::Attempt> attempts,
                                        std::vector<std::size_t> rows) {
    const model::AttemptTable table(attempts);
    std::vector<model::AttemptTable::Row> table_rows;
    for (std::size_t index = 0; index < table.size(); ++index)
        table_rows.push_back(table.row(index));
    return order_attempts(table_rows, std::move(rows));
}

} // namespace gradepost::policy
