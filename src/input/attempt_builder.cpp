#include "input/attempt_builder.hpp"

#include "input/dates.hpp"
#include "input/text.hpp"
#include "input/user_id.hpp"
#include "input/value_parsing.hpp"

#include <fmt/format.h>

#include <utility>

namespace gradepost::input {

namespace {

model::AttemptStatus to_attempt_status(RowStatus status) {
    switch (status) {
    case RowStatus::pending:
        return model::AttemptStatus::pending;
    case RowStatus::excused:
        return model::AttemptStatus::excused;
    case RowStatus::graded:
    case RowStatus::not_submitted:
        break;
    }
    return model::AttemptStatus::graded;
}

std::string number_text(double value) {
    return fmt::format("{}", value);
}

} // namespace

RowOutcome build_attempt(const RawRow& row, const RowContext& context, ReadResult& result) {
    const ReadOptions& options = *context.options;
    const std::size_t errors_before = result.errors.size();
    auto fail = [&](Field field, std::string message) {
        auto [line, column] = context.locate ? context.locate(row, field)
                                             : std::pair{row.line, row.columns[field_index(field)]};
        result.errors.push_back({{context.file_name, line, column}, std::move(message)});
    };
    auto value = [&](Field field) { return trim(row.values[field_index(field)].value_or("")); };

    // Built here and stored compactly once valid (model::AttemptTable).
    model::Attempt attempt;

    // The state first: a Moodle "Never submitted" row is no submission, whatever else it holds.
    if (auto text = value(Field::status); !text.empty()) {
        auto status = parse_status(text);
        if (!status)
            fail(Field::status, "status " + quoted_text(text) +
                                    " is not one of graded, pending, needs_grading, excused");
        else if (*status == RowStatus::not_submitted)
            return RowOutcome::skipped;
        else
            attempt.status = to_attempt_status(*status);
    }

    if (auto user = value(Field::user); user.empty())
        fail(Field::user, "user id is missing");
    else if (auto problem = user_id_problem(user))
        fail(Field::user, std::move(problem->message));
    else
        attempt.user_id = user;

    auto score_text = value(Field::score);
    auto cell = parse_score(score_text, context.decimal_comma);
    if (!cell.ok())
        fail(Field::score, cell.error);
    ScoreCell score = cell.value.value_or(ScoreCell{});
    if (score.is_excused)
        attempt.status = model::AttemptStatus::excused;

    auto maximum_text = value(Field::maximum);
    auto maximum = parse_maximum(maximum_text, context.decimal_comma);
    if (!maximum.ok())
        fail(Field::maximum, maximum.error);

    if (score.maximum) {
        if (*score.maximum <= 0)
            fail(Field::score, "score " + quoted_text(score_text) + " is out of " +
                                   number_text(*score.maximum) + "; a maximum must be above 0");
        else if (maximum.value && *maximum.value != *score.maximum)
            fail(Field::score, "score " + quoted_text(score_text) + " is out of " +
                                   number_text(*score.maximum) + " but the max column says " +
                                   quoted_text(maximum_text));
        attempt.maximum = score.maximum;
    } else if (maximum.value) {
        attempt.maximum = maximum.value;
    } else if (context.header_maximum) {
        attempt.maximum = context.header_maximum;
    } else {
        attempt.maximum = options.default_maximum;
    }

    if (score.score) {
        if (*score.score < 0)
            fail(Field::score, "score " + quoted_text(score_text) + " is negative");
        else if (attempt.maximum && *attempt.maximum > 0 && *score.score > *attempt.maximum &&
                 !options.allow_over_max)
            fail(Field::score, "score " + quoted_text(score_text) + " is above the maximum " +
                                   number_text(*attempt.maximum) +
                                   " (use --allow-over-max to accept extra credit)");
        attempt.score = score.score;
    }

    if (auto text = value(Field::submitted); !text.empty() && text != "-") {
        attempt.submitted_at = parse_timestamp(text);
        if (!attempt.submitted_at)
            fail(Field::submitted, "submitted " + quoted_text(text) +
                                       " is not a date (use ISO 8601, e.g. 2026-11-22T14:03:00Z)");
    }

    if (auto text = value(Field::attempt); !text.empty()) {
        attempt.attempt_id = text;
        attempt.attempt_number = parse_integer(text);
    }
    attempt.comment = value(Field::comment);
    if (auto text = value(Field::url); !text.empty()) {
        if (options.url_must_be_https && !text.starts_with("https://"))
            fail(Field::url, "file URL " + quoted_text(text) +
                                 " is not an https URL (Canvas downloads the file from it)");
        else if (!text.starts_with("https://") && !text.starts_with("http://"))
            fail(Field::url, "url " + quoted_text(text) + " is not an http(s) URL");
        attempt.url = text;
    }

    if (result.errors.size() != errors_before)
        return RowOutcome::invalid;
    attempt.where.line = row.line;
    result.attempts.push_back(attempt, context.file_name);
    return RowOutcome::kept;
}

} // namespace gradepost::input
