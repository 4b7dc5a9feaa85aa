#include "input/duplicates.hpp"
#include "model/attempt_table.hpp"
#include "policy/keep.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <vector>

using namespace gradepost;

namespace {

// Random rows of 30 students: times, attempt numbers and ids sometimes missing, copies of
// earlier rows (identical or not), ungraded and excused attempts, two maxima.
std::vector<model::Attempt> random_attempts(unsigned seed) {
    std::mt19937 random(seed);
    auto chance = [&](int percent) { return static_cast<int>(random() % 100) < percent; };
    std::vector<model::Attempt> attempts;
    for (std::size_t line = 2; line < 800; ++line) {
        if (!attempts.empty() && chance(8)) {
            model::Attempt copy = attempts[random() % attempts.size()];
            if (chance(30))
                copy.score = static_cast<double>(random() % 11);
            copy.where.line = line;
            attempts.push_back(copy);
            continue;
        }
        model::Attempt attempt;
        attempt.user_id = "student-" + std::to_string(random() % 30);
        attempt.where = {"export.csv", line, 0};
        if (!chance(10))
            attempt.score = static_cast<double>(random() % 11);
        attempt.maximum = chance(50) ? 10.0 : 20.0;
        if (chance(80))
            attempt.submitted_at = model::Timestamp(std::chrono::seconds(random() % 50));
        if (chance(70))
            attempt.attempt_number = static_cast<std::int64_t>(random() % 6);
        if (chance(20))
            attempt.attempt_id = "a" + std::to_string(random() % 40);
        if (chance(5))
            attempt.status = model::AttemptStatus::excused;
        else if (chance(5))
            attempt.status = model::AttemptStatus::pending;
        attempt.comment = chance(30) ? "comment " + std::to_string(line) : "";
        attempts.push_back(attempt);
    }
    return attempts;
}

model::AttemptTable table_of(const std::vector<model::Attempt>& attempts,
                             std::size_t rows_in_memory) {
    model::AttemptTable table(rows_in_memory);
    for (const auto& attempt : attempts)
        table.push_back(attempt);
    return table;
}

std::vector<std::string> sorted_messages(const std::vector<input::RowDiagnostic>& errors) {
    std::vector<std::string> messages;
    for (const auto& error : errors)
        messages.push_back(input::format_diagnostic(error));
    std::sort(messages.begin(), messages.end());
    return messages;
}

void check_same(const std::vector<model::KeptScore>& spilled,
                const std::vector<model::KeptScore>& in_memory) {
    REQUIRE(spilled.size() == in_memory.size());
    for (std::size_t i = 0; i < spilled.size(); ++i) {
        CAPTURE(in_memory[i].user_id);
        CHECK(spilled[i].user_id == in_memory[i].user_id);
        CHECK(spilled[i].kind == in_memory[i].kind);
        CHECK(spilled[i].given == in_memory[i].given);
        CHECK(spilled[i].maximum == in_memory[i].maximum);
        CHECK(spilled[i].submitted_at == in_memory[i].submitted_at);
        CHECK(spilled[i].comment == in_memory[i].comment);
        CHECK(spilled[i].attempt_keys == in_memory[i].attempt_keys);
        CHECK(spilled[i].attempt_count == in_memory[i].attempt_count);
    }
}

} // namespace

TEST_SUITE("policy::keep") {
    TEST_CASE("rows that waited in a temporary file keep what rows in memory keep") {
        for (unsigned seed = 1; seed <= 20; ++seed) {
            CAPTURE(seed);
            auto attempts = random_attempts(seed);
            auto in_memory = table_of(attempts, model::AttemptTable::k_rows_in_memory);
            auto spilled = table_of(attempts, 7);
            REQUIRE_FALSE(in_memory.has_spilled());
            REQUIRE(spilled.has_spilled());

            std::vector<input::RowDiagnostic> memory_errors;
            std::vector<input::RowDiagnostic> spilled_errors;
            input::merge_duplicate_attempts(in_memory, memory_errors);
            input::merge_duplicate_attempts(spilled, spilled_errors);
            CHECK(sorted_messages(spilled_errors) == sorted_messages(memory_errors));
            CHECK(spilled.size() == in_memory.size());
            CHECK(spilled.student_count() == in_memory.student_count());

            for (auto keep : {policy::Keep::highest, policy::Keep::latest, policy::Keep::first,
                              policy::Keep::average}) {
                policy::KeepOptions options;
                options.keep = keep;
                check_same(policy::keep_scores(spilled, options),
                           policy::keep_scores(in_memory, options));
            }
            policy::KeepOptions complete;
            complete.complete = true;
            check_same(policy::keep_scores(spilled, complete),
                       policy::keep_scores(in_memory, complete));
            policy::KeepOptions pending;
            pending.post_pending = true;
            check_same(policy::keep_scores(spilled, pending),
                       policy::keep_scores(in_memory, pending));
        }
    }
}
