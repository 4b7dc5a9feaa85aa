#include "policy/keep.hpp"

#include "model/attempt_key.hpp"
#include "policy/attempt_order.hpp"
#include "util/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <span>
#include <string_view>

namespace gradepost::policy {

namespace {

using model::AttemptStatus;
using model::AttemptTable;
using model::KeptKind;
using model::KeptScore;
using Row = AttemptTable::Row;

// One student's rows (positions below index them) and the table that holds their texts.
struct StudentRows {
    const AttemptTable& table;
    std::span<const Row> rows;

    const Row& row(std::size_t position) const { return rows[position]; }
    std::string_view user_id(std::uint32_t student) const { return table.user_id(student); }
    std::string_view text(std::uint32_t number) const { return table.text(number); }
    const std::string& file(std::uint16_t number) const { return table.file(number); }
};

std::vector<std::size_t> rows_where(const StudentRows& attempts, auto predicate) {
    std::vector<std::size_t> matching;
    for (std::size_t position = 0; position < attempts.rows.size(); ++position)
        if (predicate(attempts.row(position)))
            matching.push_back(position);
    return matching;
}

double fraction(const Row& row) {
    return row.score / row.maximum;
}

// A mean of fractions such as 0.85, 0.9 and 0.95 times 20 comes out as 18.000000000000004;
// ten decimals is far below any grade's precision and far above double's noise. Beyond 1e5
// the scaled value would not fit a double's exact integers, and the noise is smaller there.
double without_float_noise(double value) {
    if (std::abs(value) >= 1e5)
        return value;
    return std::round(value * 1e10) / 1e10;
}

std::string where(const StudentRows& attempts, std::size_t index) {
    const Row& row = attempts.row(index);
    const std::string& file = attempts.file(row.file);
    if (file.empty())
        return fmt::format("user {}", attempts.user_id(row.student));
    return fmt::format("{}:{}: user {}", file, row.line, attempts.user_id(row.student));
}

std::optional<model::AttemptKey> key_of(const StudentRows& attempts, std::size_t index) {
    const Row& row = attempts.row(index);
    model::AttemptKeyParts parts;
    parts.user_id = attempts.user_id(row.student);
    parts.attempt_id = attempts.text(row.attempt_id);
    if (!parts.attempt_id.empty())
        return model::attempt_key(parts);
    if (row.has(AttemptTable::k_submitted))
        parts.submitted_at = model::Timestamp(std::chrono::microseconds(row.submitted));
    if (row.has(AttemptTable::k_attempt_number))
        parts.attempt_number = row.attempt_number;
    return model::attempt_key(parts);
}

std::vector<model::AttemptKey> sorted_keys(const StudentRows& attempts,
                                           const std::vector<std::size_t>& rows) {
    std::vector<model::AttemptKey> keys;
    keys.reserve(rows.size());
    for (std::size_t row : rows)
        if (auto key = key_of(attempts, row))
            keys.push_back(*key);
    model::sort_distinct(keys);
    return keys;
}

// Time, comment and url of the attempt a kept score comes from.
void take_details(const StudentRows& attempts, std::size_t index, KeptScore& kept) {
    const Row& row = attempts.row(index);
    if (row.has(AttemptTable::k_submitted))
        kept.submitted_at = model::Timestamp(std::chrono::microseconds(row.submitted));
    kept.comment = attempts.text(row.comment);
    kept.url = attempts.text(row.url);
}

// `ordered`: the student's graded attempts, first to latest, every one with a maximum.
std::size_t choose(const StudentRows& attempts, const std::vector<std::size_t>& ordered,
                   Keep keep) {
    switch (keep) {
    case Keep::highest: {
        // Division is correctly rounded, so 17/20 and 85/100 give the same double and tie.
        std::size_t best = ordered.front();
        for (std::size_t row : ordered)
            if (fraction(attempts.row(row)) > fraction(attempts.row(best)))
                best = row;
        return best;
    }
    case Keep::first:
        return ordered.front();
    case Keep::latest:
    case Keep::average:
        return ordered.back();
    }
    return ordered.back();
}

void keep_graded(const StudentRows& attempts, const std::vector<std::size_t>& ordered, Keep keep,
                 KeptScore& kept) {
    std::size_t chosen = choose(attempts, ordered, keep);
    kept.kind = KeptKind::graded;
    kept.given = attempts.row(chosen).score;
    kept.maximum = attempts.row(chosen).maximum;
    take_details(attempts, chosen, kept);
    if (keep == Keep::average) {
        double sum = 0;
        for (std::size_t row : ordered)
            sum += fraction(attempts.row(row));
        kept.given = without_float_noise(sum / static_cast<double>(ordered.size()) * kept.maximum);
    }
}

void keep_complete(const StudentRows& attempts, const std::vector<std::size_t>& ordered,
                   KeptScore& kept) {
    kept.kind = KeptKind::graded;
    kept.maximum = 1;
    for (auto row = ordered.rbegin(); row != ordered.rend(); ++row) {
        if (attempts.row(*row).has(AttemptTable::k_maximum)) {
            kept.maximum = attempts.row(*row).maximum;
            break;
        }
    }
    kept.given = kept.maximum;
    take_details(attempts, ordered.back(), kept);
}

} // namespace

std::optional<Keep> parse_keep(std::string_view name) {
    for (Keep keep : {Keep::highest, Keep::latest, Keep::first, Keep::average})
        if (to_string(keep) == name)
            return keep;
    return std::nullopt;
}

std::string_view to_string(Keep keep) {
    switch (keep) {
    case Keep::highest:
        return "highest";
    case Keep::latest:
        return "latest";
    case Keep::first:
        return "first";
    case Keep::average:
        return "average";
    }
    return "highest";
}

std::vector<KeptScore> keep_scores(const AttemptTable& attempts, const KeepOptions& options) {
    std::vector<KeptScore> kept_scores;
    kept_scores.reserve(attempts.student_count());
    std::vector<std::string> missing_maximum;
    // One key a graded attempt: as many wait in memory as the table's rows do, the rest in a
    // temporary file.
    auto key_store = std::make_shared<model::AttemptKeys::Store>(attempts.rows_in_memory());
    attempts.for_each_student([&](std::uint32_t student, std::span<const Row> rows) {
        const StudentRows student_rows{attempts, rows};
        KeptScore kept;
        kept.user_id = attempts.user_id(student);
        kept.attempt_count = rows.size();
        auto graded = rows_where(student_rows, [](const Row& row) { return row.is_graded(); });
        auto submitted = rows_where(
            student_rows, [](const Row& row) { return row.status != AttemptStatus::excused; });
        const auto keys = sorted_keys(student_rows, graded);
        kept.attempt_keys = model::AttemptKeys::append_to(key_store, keys);

        if (options.complete && !submitted.empty()) {
            keep_complete(student_rows, order_attempts(rows, submitted), kept);
        } else if (!graded.empty()) {
            bool has_all_maxima = true;
            for (std::size_t row : graded) {
                if (!student_rows.row(row).has(AttemptTable::k_maximum)) {
                    missing_maximum.push_back(where(student_rows, row));
                    has_all_maxima = false;
                }
            }
            if (has_all_maxima)
                keep_graded(student_rows, order_attempts(rows, graded), options.keep, kept);
        } else if (submitted.size() < rows.size()) {
            kept.kind = KeptKind::excused;
        } else if (options.post_pending) {
            kept.kind = KeptKind::pending;
            take_details(student_rows, order_attempts(rows, submitted).back(), kept);
        } else {
            kept.kind = KeptKind::not_graded;
        }

        const bool is_posted = kept.kind == KeptKind::graded || kept.kind == KeptKind::pending;
        if (is_posted && !options.comment.empty())
            kept.comment = options.comment;
        kept_scores.push_back(std::move(kept));
    });
    if (!missing_maximum.empty())
        throw util::UsageError(fmt::format(
            "{} graded attempt(s) have a score but no maximum (pass --max N, or --map max=COLUMN):"
            "\n  {}",
            missing_maximum.size(), fmt::join(missing_maximum, "\n  ")));
    return kept_scores;
}

std::vector<KeptScore> keep_scores(std::span<const model::Attempt> attempts,
                                   const KeepOptions& options) {
    return keep_scores(AttemptTable(attempts), options);
}

} // namespace gradepost::policy
