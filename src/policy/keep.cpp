#include "policy/keep.hpp"

#include "model/attempt_key.hpp"
#include "policy/attempt_order.hpp"
#include "util/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string_view>
#include <unordered_map>

namespace gradepost::policy {

namespace {

using model::Attempt;
using model::AttemptStatus;
using model::KeptKind;
using model::KeptScore;

struct Student {
    std::string user_id;
    std::vector<std::size_t> rows; // indices into the attempts, in row order
};

std::vector<Student> group_by_student(std::span<const Attempt> attempts) {
    std::vector<Student> students;
    std::unordered_map<std::string_view, std::size_t> index_of;
    for (std::size_t row = 0; row < attempts.size(); ++row) {
        const auto& user_id = attempts[row].user_id;
        auto [found, is_new] = index_of.try_emplace(user_id, students.size());
        if (is_new)
            students.push_back({user_id, {}});
        students[found->second].rows.push_back(row);
    }
    return students;
}

std::vector<std::size_t> rows_where(std::span<const Attempt> attempts,
                                    const std::vector<std::size_t>& rows, auto predicate) {
    std::vector<std::size_t> matching;
    std::copy_if(rows.begin(), rows.end(), std::back_inserter(matching),
                 [&](std::size_t row) { return predicate(attempts[row]); });
    return matching;
}

double fraction(const Attempt& attempt) {
    return *attempt.score / *attempt.maximum;
}

// A mean of fractions such as 0.85, 0.9 and 0.95 times 20 comes out as 18.000000000000004;
// ten decimals is far below any grade's precision and far above double's noise. Beyond 1e5
// the scaled value would not fit a double's exact integers, and the noise is smaller there.
double without_float_noise(double value) {
    if (std::abs(value) >= 1e5)
        return value;
    return std::round(value * 1e10) / 1e10;
}

std::string where(const Attempt& attempt) {
    if (attempt.where.file.empty())
        return fmt::format("user {}", attempt.user_id);
    return fmt::format("{}:{}: user {}", attempt.where.file, attempt.where.line, attempt.user_id);
}

std::vector<std::string> sorted_keys(std::span<const Attempt> attempts,
                                     const std::vector<std::size_t>& rows) {
    std::vector<std::string> keys;
    for (std::size_t row : rows)
        if (auto key = model::attempt_key(attempts[row]))
            keys.push_back(std::move(*key));
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    return keys;
}

// `ordered`: the student's graded attempts, first to latest, every one with a maximum.
std::size_t choose(std::span<const Attempt> attempts, const std::vector<std::size_t>& ordered,
                   Keep keep) {
    switch (keep) {
    case Keep::highest: {
        // Division is correctly rounded, so 17/20 and 85/100 give the same double and tie.
        std::size_t best = ordered.front();
        for (std::size_t row : ordered)
            if (fraction(attempts[row]) > fraction(attempts[best]))
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

void keep_graded(std::span<const Attempt> attempts, const std::vector<std::size_t>& ordered,
                 Keep keep, KeptScore& kept) {
    const Attempt& chosen = attempts[choose(attempts, ordered, keep)];
    kept.kind = KeptKind::graded;
    kept.given = *chosen.score;
    kept.maximum = *chosen.maximum;
    kept.submitted_at = chosen.submitted_at;
    kept.comment = chosen.comment;
    kept.url = chosen.url;
    if (keep == Keep::average) {
        double sum = 0;
        for (std::size_t row : ordered)
            sum += fraction(attempts[row]);
        kept.given = without_float_noise(sum / static_cast<double>(ordered.size()) * kept.maximum);
    }
}

void keep_complete(std::span<const Attempt> attempts, const std::vector<std::size_t>& ordered,
                   KeptScore& kept) {
    const Attempt& latest = attempts[ordered.back()];
    kept.kind = KeptKind::graded;
    kept.maximum = 1;
    for (auto row = ordered.rbegin(); row != ordered.rend(); ++row) {
        if (attempts[*row].maximum) {
            kept.maximum = *attempts[*row].maximum;
            break;
        }
    }
    kept.given = kept.maximum;
    kept.submitted_at = latest.submitted_at;
    kept.comment = latest.comment;
    kept.url = latest.url;
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

std::vector<KeptScore> keep_scores(std::span<const Attempt> attempts, const KeepOptions& options) {
    std::vector<KeptScore> kept_scores;
    std::vector<std::string> missing_maximum;
    for (const Student& student : group_by_student(attempts)) {
        KeptScore kept;
        kept.user_id = student.user_id;
        kept.attempt_count = student.rows.size();
        auto graded = rows_where(attempts, student.rows,
                                 [](const Attempt& attempt) { return attempt.is_graded(); });
        auto submitted = rows_where(attempts, student.rows, [](const Attempt& attempt) {
            return attempt.status != AttemptStatus::excused;
        });
        kept.attempt_keys = sorted_keys(attempts, graded);

        if (options.complete && !submitted.empty()) {
            keep_complete(attempts, order_attempts(attempts, submitted), kept);
        } else if (!graded.empty()) {
            bool has_all_maxima = true;
            for (std::size_t row : graded) {
                if (!attempts[row].maximum) {
                    missing_maximum.push_back(where(attempts[row]));
                    has_all_maxima = false;
                }
            }
            if (has_all_maxima)
                keep_graded(attempts, order_attempts(attempts, graded), options.keep, kept);
        } else if (submitted.size() < student.rows.size()) {
            kept.kind = KeptKind::excused;
        } else if (options.post_pending) {
            const Attempt& latest = attempts[order_attempts(attempts, submitted).back()];
            kept.kind = KeptKind::pending;
            kept.submitted_at = latest.submitted_at;
            kept.comment = latest.comment;
            kept.url = latest.url;
        } else {
            kept.kind = KeptKind::not_graded;
        }

        const bool is_posted = kept.kind == KeptKind::graded || kept.kind == KeptKind::pending;
        if (is_posted && !options.comment.empty())
            kept.comment = options.comment;
        kept_scores.push_back(std::move(kept));
    }
    if (!missing_maximum.empty())
        throw util::UsageError(fmt::format(
            "{} graded attempt(s) have a score but no maximum (pass --max N, or --map max=COLUMN):"
            "\n  {}",
            missing_maximum.size(), fmt::join(missing_maximum, "\n  ")));
    return kept_scores;
}

} // namespace gradepost::policy
