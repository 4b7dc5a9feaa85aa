#include "input/duplicates.hpp"

#include "input/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

namespace gradepost::input {

namespace {

// Views into the attempts, which do not move while they are compared.
struct AttemptIdentity {
    std::string_view user_id;
    std::string_view attempt_id;
    std::optional<model::Timestamp> submitted_at;
    std::optional<std::int64_t> attempt_number;

    bool operator==(const AttemptIdentity&) const = default;
};

std::uint64_t hash_of(const AttemptIdentity& identity) {
    std::uint64_t hash = std::hash<std::string_view>{}(identity.user_id);
    auto mix = [&hash](std::uint64_t value) {
        hash ^= value + 0x9e3779b97f4a7c15ULL + (hash << 6) + (hash >> 2);
    };
    mix(std::hash<std::string_view>{}(identity.attempt_id));
    if (identity.submitted_at)
        mix(static_cast<std::uint64_t>(identity.submitted_at->time_since_epoch().count()));
    if (identity.attempt_number)
        mix(static_cast<std::uint64_t>(*identity.attempt_number) * 0xff51afd7ed558ccdULL);
    return hash;
}

std::optional<AttemptIdentity> identity_of(const model::Attempt& attempt) {
    if (!attempt.attempt_id.empty())
        return AttemptIdentity{attempt.user_id, attempt.attempt_id, std::nullopt, std::nullopt};
    if (!attempt.submitted_at && !attempt.attempt_number)
        return std::nullopt;
    return AttemptIdentity{attempt.user_id, {}, attempt.submitted_at, attempt.attempt_number};
}

bool has_same_values(const model::Attempt& left, const model::Attempt& right) {
    return left.score == right.score && left.maximum == right.maximum &&
           left.status == right.status;
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

void merge_duplicate_attempts(std::vector<model::Attempt>& attempts,
                              std::vector<RowDiagnostic>& errors) {
    // Sorting (hash, row) pairs packed in one integer finds repeated attempts with sequential
    // memory access; a node-based hash map of a million rows costs more than reading them.
    // 32 bits of hash suffice: equal hashes are only candidates, compared in full below.
    std::vector<std::uint64_t> hashed;
    hashed.reserve(attempts.size());
    for (std::size_t i = 0; i < attempts.size(); ++i)
        if (auto identity = identity_of(attempts[i]))
            hashed.push_back((hash_of(*identity) >> 32 << 32) | static_cast<std::uint32_t>(i));
    std::sort(hashed.begin(), hashed.end());
    auto hash_part = [](std::uint64_t entry) { return entry >> 32; };
    auto row = [](std::uint64_t entry) { return static_cast<std::size_t>(entry & 0xffffffffU); };

    std::vector<char> is_dropped(attempts.size(), 0);
    bool has_duplicates = false;
    for (std::size_t run = 0; run < hashed.size();) {
        std::size_t run_end = run + 1;
        while (run_end < hashed.size() && hash_part(hashed[run_end]) == hash_part(hashed[run]))
            ++run_end;
        // Rows of one run share a hash; each is compared with the earlier rows of its run.
        for (std::size_t k = run + 1; k < run_end; ++k) {
            const model::Attempt& again = attempts[row(hashed[k])];
            auto identity = identity_of(again);
            for (std::size_t j = run; j < k; ++j) {
                const model::Attempt& first = attempts[row(hashed[j])];
                if (is_dropped[row(hashed[j])] == 2 || identity_of(first) != identity)
                    continue;
                has_duplicates = true;
                is_dropped[row(hashed[k])] = 2; // a copy: never the first of its attempt
                if (has_same_values(first, again))
                    break;
                is_dropped[row(hashed[j])] = 1;
                report_conflict(first, again, errors);
                break;
            }
        }
        run = run_end;
    }
    if (!has_duplicates)
        return;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < attempts.size(); ++i) {
        if (is_dropped[i])
            continue;
        if (kept != i)
            attempts[kept] = std::move(attempts[i]);
        ++kept;
    }
    attempts.resize(kept);
}

} // namespace gradepost::input
