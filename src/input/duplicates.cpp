#include "input/duplicates.hpp"

#include "input/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

namespace gradepost::input {

namespace {

using Row = model::AttemptTable::Row;

// Strings of a table are numbered once each, so an attempt's identity is a few integers.
struct AttemptIdentity {
    std::uint32_t student = 0;
    std::uint32_t attempt_id = 0; // 0: none, then the time and number identify it
    std::optional<std::int64_t> submitted;
    std::optional<std::int64_t> attempt_number;

    bool operator==(const AttemptIdentity&) const = default;
};

std::uint64_t hash_of(const AttemptIdentity& identity) {
    std::uint64_t hash = identity.student * 0x9e3779b97f4a7c15ULL;
    auto mix = [&hash](std::uint64_t value) {
        hash ^= value + 0x9e3779b97f4a7c15ULL + (hash << 6) + (hash >> 2);
    };
    mix(identity.attempt_id);
    if (identity.submitted)
        mix(static_cast<std::uint64_t>(*identity.submitted));
    if (identity.attempt_number)
        mix(static_cast<std::uint64_t>(*identity.attempt_number) * 0xff51afd7ed558ccdULL);
    return hash ^ ((hash >> 29) * 0xbf58476d1ce4e5b9ULL);
}

std::optional<AttemptIdentity> identity_of(const Row& row) {
    if (row.attempt_id != 0)
        return AttemptIdentity{row.student, row.attempt_id, std::nullopt, std::nullopt};
    bool has_time = row.has(model::AttemptTable::k_submitted);
    bool has_number = row.has(model::AttemptTable::k_attempt_number);
    if (!has_time && !has_number)
        return std::nullopt;
    AttemptIdentity identity{row.student, 0, std::nullopt, std::nullopt};
    if (has_time)
        identity.submitted = row.submitted;
    if (has_number)
        identity.attempt_number = row.attempt_number;
    return identity;
}

bool has_same_values(const Row& left, const Row& right) {
    using Table = model::AttemptTable;
    auto same = [&](std::uint8_t flag, double a, double b) {
        return left.has(flag) == right.has(flag) && (!left.has(flag) || a == b);
    };
    return same(Table::k_score, left.score, right.score) &&
           same(Table::k_maximum, left.maximum, right.maximum) && left.status == right.status;
}

std::string describe_values(const model::Attempt& attempt) {
    std::string text;
    if (attempt.status == model::AttemptStatus::excused)
        text = "excused";
    else if (attempt.score)
        text = "score " + fmt::format("{}", *attempt.score);
    else
        text = "no score";
    if (attempt.maximum)
        text += fmt::format(" out of {}", *attempt.maximum);
    if (attempt.status == model::AttemptStatus::pending)
        text += " (pending)";
    return text;
}

std::string describe_place(const model::SourceLocation& place, const model::SourceLocation& here) {
    if (place.file == here.file)
        return "line " + std::to_string(place.line);
    return place.file + ":" + std::to_string(place.line);
}

void report_conflict(const model::Attempt& first, const model::Attempt& again,
                     std::vector<RowDiagnostic>& errors) {
    std::string which =
        again.attempt_id.empty() ? "the same attempt" : "attempt " + quoted_text(again.attempt_id);
    errors.push_back({again.where, which + " of user " + quoted_text(again.user_id) +
                                       " appears twice with different values: " +
                                       describe_values(again) + " here, " + describe_values(first) +
                                       " on " + describe_place(first.where, again.where)});
}

} // namespace

void merge_duplicate_attempts(model::AttemptTable& attempts, std::vector<RowDiagnostic>& errors) {
    // An attempt's identity includes its student, so copies are looked for among each
    // student's rows: sorting (hash, index) pairs of a few rows at a time.
    std::vector<char> is_dropped; // by Row::position; made at the first copy found
    std::vector<std::pair<std::uint64_t, std::size_t>> hashed;
    attempts.for_each_student([&](std::uint32_t, std::span<const Row> rows) {
        hashed.clear();
        for (std::size_t i = 0; i < rows.size(); ++i)
            if (auto identity = identity_of(rows[i]))
                hashed.emplace_back(hash_of(*identity), i);
        if (hashed.size() < 2)
            return;
        std::sort(hashed.begin(), hashed.end()); // rows of one hash stay in row order
        for (std::size_t run = 0; run < hashed.size();) {
            std::size_t run_end = run + 1;
            while (run_end < hashed.size() && hashed[run_end].first == hashed[run].first)
                ++run_end;
            // Rows of one run share a hash; each is compared with the earlier rows of its run.
            for (std::size_t k = run + 1; k < run_end; ++k) {
                const Row& again = rows[hashed[k].second];
                auto identity = identity_of(again);
                for (std::size_t j = run; j < k; ++j) {
                    const Row& first = rows[hashed[j].second];
                    if ((!is_dropped.empty() && is_dropped[first.position] == 2) ||
                        identity_of(first) != identity)
                        continue;
                    if (is_dropped.empty())
                        is_dropped.assign(attempts.size(), 0);
                    is_dropped[again.position] = 2; // a copy: never the first of its attempt
                    if (has_same_values(first, again))
                        break;
                    is_dropped[first.position] = 1;
                    report_conflict(attempts.attempt(first), attempts.attempt(again), errors);
                    break;
                }
            }
            run = run_end;
        }
    });
    if (!is_dropped.empty())
        attempts.drop_rows(is_dropped);
}

} // namespace gradepost::input
