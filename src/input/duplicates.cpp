#include "input/duplicates.hpp"

#include "input/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>
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
    // The upper half is what sorting uses; fold the lower half's entropy into it.
    return hash ^ (hash << 32) ^ ((hash >> 29) * 0xbf58476d1ce4e5b9ULL);
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

// Sorts (hash, row) entries by hash, rows of one hash staying in row order: an LSD radix sort
// on the upper 32 bits, two passes of 16. Entries arrive in row order and each pass is
// stable, so this orders as sorting the whole integers would, at a fifth of std::sort's cost
// for a million rows.
void sort_by_hash(std::vector<std::uint64_t>& entries) {
    constexpr std::size_t k_buckets = std::size_t{1} << 16;
    std::vector<std::uint64_t> sorted(entries.size());
    std::vector<std::size_t> starts(k_buckets);
    for (int shift : {32, 48}) {
        std::fill(starts.begin(), starts.end(), 0);
        for (std::uint64_t entry : entries)
            ++starts[(entry >> shift) & (k_buckets - 1)];
        std::size_t start = 0;
        for (auto& bucket : starts)
            start += std::exchange(bucket, start);
        for (std::uint64_t entry : entries)
            sorted[starts[(entry >> shift) & (k_buckets - 1)]++] = entry;
        entries.swap(sorted);
    }
}

} // namespace

void merge_duplicate_attempts(model::AttemptTable& attempts, std::vector<RowDiagnostic>& errors) {
    // Sorting (hash, row) pairs packed in one integer finds repeated attempts with sequential
    // memory access; a node-based hash map of a million rows costs more than reading them.
    // 32 bits of hash suffice: equal hashes are only candidates, compared in full below.
    std::vector<std::uint64_t> hashed;
    hashed.reserve(attempts.size());
    for (std::size_t i = 0; i < attempts.size(); ++i)
        if (auto identity = identity_of(attempts.row(i)))
            hashed.push_back((hash_of(*identity) >> 32 << 32) | static_cast<std::uint32_t>(i));
    sort_by_hash(hashed);
    auto hash_part = [](std::uint64_t entry) { return entry >> 32; };
    auto row = [](std::uint64_t entry) { return static_cast<std::size_t>(entry & 0xffffffffU); };

    std::vector<char> is_dropped;
    for (std::size_t run = 0; run < hashed.size();) {
        std::size_t run_end = run + 1;
        while (run_end < hashed.size() && hash_part(hashed[run_end]) == hash_part(hashed[run]))
            ++run_end;
        // Rows of one run share a hash; each is compared with the earlier rows of its run.
        for (std::size_t k = run + 1; k < run_end; ++k) {
            const Row& again = attempts.row(row(hashed[k]));
            auto identity = identity_of(again);
            for (std::size_t j = run; j < k; ++j) {
                const Row& first = attempts.row(row(hashed[j]));
                if ((!is_dropped.empty() && is_dropped[row(hashed[j])] == 2) ||
                    identity_of(first) != identity)
                    continue;
                if (is_dropped.empty())
                    is_dropped.assign(attempts.size(), 0);
                is_dropped[row(hashed[k])] = 2; // a copy: never the first of its attempt
                if (has_same_values(first, again))
                    break;
                is_dropped[row(hashed[j])] = 1;
                report_conflict(attempts[row(hashed[j])], attempts[row(hashed[k])], errors);
                break;
            }
        }
        run = run_end;
    }
    if (!is_dropped.empty())
        attempts.drop_rows(is_dropped);
}

} // namespace gradepost::input
