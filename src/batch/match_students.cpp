#include "batch/match_students.hpp"

#include <algorithm>
#include <map>

namespace gradepost::batch {

namespace {

std::string normalise(std::string_view value, bool is_case_insensitive) {
    auto first = value.find_first_not_of(" \t");
    auto last = value.find_last_not_of(" \t");
    std::string result = first == std::string_view::npos
                             ? std::string()
                             : std::string(value.substr(first, last - first + 1));
    if (is_case_insensitive)
        std::transform(result.begin(), result.end(), result.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return result;
}

const std::string& field_of(const model::RosterEntry& entry, MatchField field) {
    switch (field) {
    case MatchField::email:
        return entry.email;
    case MatchField::sourcedid:
        return entry.sourcedid;
    case MatchField::name:
        return entry.name;
    case MatchField::user_id:
        break;
    }
    return entry.user_id;
}

} // namespace

std::optional<MatchField> parse_match_field(std::string_view name) {
    if (name == "user_id")
        return MatchField::user_id;
    if (name == "email")
        return MatchField::email;
    if (name == "sourcedid")
        return MatchField::sourcedid;
    if (name == "name")
        return MatchField::name;
    return std::nullopt;
}

MatchResult match_students(const model::AttemptTable& attempts, const model::Roster& roster,
                           MatchField field) {
    // Only LTI user ids are exact: SIS exports change the case of sourcedids as of emails.
    bool is_case_insensitive = field != MatchField::user_id;
    // An empty string marks a value shared by two members: ambiguous, so never matched.
    std::map<std::string, std::string> user_id_of;
    for (const auto& entry : roster) {
        auto key = normalise(field_of(entry, field), is_case_insensitive);
        if (key.empty())
            continue;
        auto [slot, is_new] = user_id_of.emplace(key, entry.user_id);
        if (!is_new && slot->second != entry.user_id)
            slot->second.clear();
    }

    MatchResult result{model::AttemptTable(attempts.rows_in_memory()), {}};
    attempts.for_each_student([&](std::uint32_t student,
                                  std::span<const model::AttemptTable::Row> rows) {
        auto value = attempts.user_id(student);
        auto found = user_id_of.find(normalise(value, is_case_insensitive));
        if (found == user_id_of.end() || found->second.empty()) {
            result.unmatched.push_back({std::string(value), attempts.attempt(rows.front()).where});
            return;
        }
        for (const auto& row : rows) {
            auto attempt = attempts.attempt(row);
            attempt.user_id = found->second;
            result.attempts.push_back(attempt);
        }
    });
    return result;
}

} // namespace gradepost::batch
