#pragma once

#include "model/request_counts.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gradepost::model {

enum class Action { posted, would_post, failed, skipped };

std::string_view to_string(Action action);

// Why a score failed, as far as the run's exit code cares.
enum class Fault {
    none,
    refused,  // the platform refused this score for its own sake: a person must look (exit 1)
    platform, // the platform was down, overloaded, throttling or unreachable (exit 5)
};

// What happened to one student in a run: one row of the report.
struct Outcome {
    std::string user_id;
    Action action = Action::skipped;
    std::optional<double> given;
    std::optional<double> maximum;
    int http_status = 0;       // 0 when no request was made or no response came
    std::string error;         // for failed
    std::string reason;        // for skipped (and why a would_post was selected)
    Fault fault = Fault::none; // for failed
    // The three-way sync's view: the LMS's grade before the run and what gradepost last posted.
    std::optional<double> lms_score;
    std::optional<double> lms_maximum;
    std::optional<double> last_posted_score;
    bool overrides_lms_edit = false;
    // Canvas --canvas-attach-file: "attached" (sent with this post) or "unchanged" (attached
    // before, not sent again); empty without a file. The download's progress URLs, if any.
    std::string attachment;
    std::vector<std::string> attachment_progress;
};

struct Counts {
    std::size_t rows = 0;
    std::size_t students = 0;
    std::size_t selected = 0;
    std::size_t posted = 0;
    std::size_t failed = 0;
    std::size_t skipped = 0;
};

// The result of a post or dry run, rendered by report/ as a table, --json or CSV.
struct RunReport {
    std::string command; // "post" or "dry-run"
    bool dry_run = false;
    bool interrupted = false;   // stopped by SIGINT/SIGTERM: what was not sent stays unsent
    bool is_plan_stale = false; // post --plan: the LMS changed since the plan for someone
    // Why dispatch stopped after the first answers (a course-level refusal), in plain words
    // with what to do; empty when it did not. `stop_reason` is its short name.
    std::string stopped_early;
    std::string stop_reason;
    std::string line_item;
    std::string keep;
    std::string select;
    Counts counts;
    std::vector<Outcome> scores;
    std::optional<RequestCounts> requests; // when the platform was contacted
};

} // namespace gradepost::model
