#pragma once

#include "batch/observer.hpp"
#include "batch/post_run.hpp"
#include "cli/connection.hpp"
#include "cli/input_options.hpp"
#include "cli/line_item_choice.hpp"
#include "model/line_item_run.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace gradepost::cli {

// --wide and --columns (post, dry-run, diff).
void add_wide_options(CLI::App& command, bool& is_wide, std::vector<std::string>& columns);

// One line item of a run, with how to read its scores: a wide gradebook has one per score
// column (post --wide, dry-run --wide, diff --wide, sync jobs with "wide").
struct LineItemPart {
    std::string label; // what the summary shows: the label, or the line item URL
    InputOptions input;
    LineItemChoice line_item;
    // A wide column with no maximum in the export (Moodle's "Quiz: Week 1 (Real)") and no
    // --max: its scores are out of its line item's scoreMaximum, read before it is posted.
    bool needs_line_item_maximum = false;
    // The scoreMaximum of the line item found or created by the label, once resolved: the
    // post compares the export's maximum with it (batch/maximum_mismatch.hpp).
    std::optional<double> line_item_maximum;
};

// The parts of a run. Not wide: the run itself, one part. Wide: one part per score column of
// the first file (those `columns` names, in its order, or every column that is not a known
// non-score field), each reading its column as the score and finding its line item by the
// column's label; a --create maximum comes from `line_item.maximum`, else the header
// ("Quiz 1/10.00") or Canvas's "Points Possible" row. Throws util::UsageError for a wide run
// given a line item of its own, a column that is not a score column, or no score column.
std::vector<LineItemPart> line_item_parts(const InputOptions& input,
                                          const LineItemChoice& line_item, bool is_wide,
                                          const std::vector<std::string>& columns);

// Reads and validates every part's scores before anything is contacted, so that a bad cell
// in the last column stops a wide run before the first column is posted (a part that needs
// its line item's maximum is left to be checked once that is known). Throws
// util::UsageError as a post would.
void check_line_item_parts(const std::vector<LineItemPart>& parts);

// Gives a part that needs it its line item's maximum: finds the line item (setting its URL)
// and reads its scoreMaximum. Throws util::UsageError when the line item is not found.
void take_line_item_maximum(LineItemPart& part, Connection& connection);

// Sets the part's line item URL: as given, or found (created with --create) by the label,
// keeping the found line item's maximum. Throws util::UsageError as resolve_line_item().
void resolve_part_line_item(LineItemPart& part, Connection& connection);

// Posts (or plans) each part in turn over one connection: one token, and per line item one
// lock and one read of its results. What stops one line item (its lock held, its label not
// found, the platform gone) is its run's error and the next goes on; an interrupt stops
// before the next. `request_for` makes a part's request.
std::vector<model::LineItemRun>
run_line_item_parts(const std::vector<LineItemPart>& parts,
                    const std::function<batch::PostRequest(const LineItemPart&)>& request_for,
                    Connection& connection, batch::RunObserver& observer);

} // namespace gradepost::cli
