#pragma once

#include "model/time.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace gradepost::model {

// Where a value came from, for messages such as "week3.csv:17:5".
struct SourceLocation {
    std::string file;
    std::size_t line = 0;   // 1-based physical line where the record starts
    std::size_t column = 0; // 1-based field number; 0 when the whole row is meant
};

enum class AttemptStatus : std::uint8_t {
    graded,  // has a score (or would have, if the score is empty: then it is not graded yet)
    pending, // submitted, waiting for manual grading (pending, needs_grading, In progress)
    excused, // the student is excused from this item (Canvas "EX", status excused)
};

// One row of an export: one student's attempt, as read, before any policy.
struct Attempt {
    std::string user_id;
    std::optional<double> score;   // empty when the row carries no score (not graded yet)
    std::optional<double> maximum; // from the row, its column header, or --max
    std::optional<Timestamp> submitted_at;
    std::optional<std::int64_t> attempt_number; // numeric value of the attempt column
    std::string attempt_id;                     // the attempt column verbatim; empty when absent
    std::string comment;
    std::string url; // an http(s) link to the attempt (--canvas-attach-url); usually empty
    AttemptStatus status = AttemptStatus::graded;
    SourceLocation where;

    bool is_graded() const { return status == AttemptStatus::graded && score.has_value(); }
};

} // namespace gradepost::model
