#include "cli/line_item_parts.hpp"

#include "batch/exit_status.hpp"
#include "batch/plan.hpp"
#include "cli/post_platform.hpp"
#include "input/wide_columns.hpp"
#include "util/error.hpp"
#include "util/interrupt.hpp"

#include <CLI/CLI.hpp>

namespace gradepost::cli {

void add_wide_options(CLI::App& command, bool& is_wide, std::vector<std::string>& columns) {
    command.add_flag("--wide", is_wide,
                     "A gradebook export: every score column is its own line item, found by "
                     "its label");
    command
        .add_option("--columns", columns,
                    "With --wide: only these columns, by header or label (\"Quiz 1,Quiz 2\")")
        ->delimiter(',');
}

std::vector<LineItemPart> line_item_parts(const InputOptions& input,
                                          const LineItemChoice& line_item, bool is_wide,
                                          const std::vector<std::string>& columns) {
    LineItemPart base{line_item.url.empty() ? line_item.label : line_item.url, input, line_item,
                      false, std::nullopt};
    if (!is_wide) {
        if (!columns.empty())
            throw util::UsageError("--columns chooses the score columns of --wide: add --wide");
        return {base};
    }
    if (!line_item.url.empty() || !line_item.label.empty())
        throw util::UsageError("--wide finds each column's line item by the column's label: "
                               "give no --line-item or --label (--columns chooses columns)");
    if (input.files.empty())
        throw util::UsageError("--wide needs the gradebook: give FILE");
    const auto& file = input.files.front();
    auto found = input::wide_columns_of_file(file);
    if (!columns.empty())
        found = input::choose_wide_columns(found, columns);
    if (found.empty())
        throw util::UsageError(file + " has no score column (every column is a name, an id or "
                                      "a total); choose some with --columns");
    std::vector<LineItemPart> parts;
    for (const auto& column : found) {
        auto part = base;
        part.input.maps.push_back("score=" + column.column);
        part.line_item.label = column.label;
        if (!part.line_item.maximum)
            part.line_item.maximum = column.maximum;
        part.label = column.label;
        part.needs_line_item_maximum = !input.maximum && !column.maximum;
        parts.push_back(std::move(part));
    }
    return parts;
}

void check_line_item_parts(const std::vector<LineItemPart>& parts) {
    if (parts.size() < 2)
        return; // the post itself validates before it contacts anything
    for (const auto& part : parts) {
        if (part.needs_line_item_maximum)
            continue;
        auto request = plan_request(part.input);
        // Rows and maxima are checked by the export's own ids: the roster is not fetched yet.
        request.match.reset();
        // --skip-invalid drops bad rows with a warning: the post itself says so, once.
        if (!request.read.skip_invalid)
            batch::read_and_keep(request, model::Roster{});
    }
}

void take_line_item_maximum(LineItemPart& part, Connection& connection) {
    if (!part.needs_line_item_maximum)
        return;
    // A line item found by its label comes with its maximum: no second request for it.
    resolve_part_line_item(part, connection);
    double maximum = part.line_item_maximum
                         ? *part.line_item_maximum
                         : connection.client().get_line_item(part.line_item.url).score_maximum;
    if (maximum > 0)
        part.input.maximum = maximum;
    part.needs_line_item_maximum = false;
}

void resolve_part_line_item(LineItemPart& part, Connection& connection) {
    if (!part.line_item.is_found_by_filters()) {
        part.line_item.url = resolve_line_item(part.line_item, connection);
        return;
    }
    auto item = find_line_item(part.line_item, connection);
    part.line_item.url = item.id;
    part.line_item_maximum = item.score_maximum;
}

std::vector<model::LineItemRun>
run_line_item_parts(const std::vector<LineItemPart>& parts,
                    const std::function<batch::PostRequest(const LineItemPart&)>& request_for,
                    Connection& connection, batch::RunObserver& observer) {
    std::vector<model::LineItemRun> runs;
    for (const auto& part : parts) {
        if (util::is_interrupted())
            break;
        model::LineItemRun run;
        run.label = part.label;
        try {
            auto current = part;
            auto request = request_for(current);
            if (current.needs_line_item_maximum && !request.is_offline) {
                take_line_item_maximum(current, connection);
                request = request_for(current);
            }
            PostPlatform platform(connection, current.line_item, current.input.roster_file,
                                  request.is_offline, current.line_item_maximum);
            run.report = batch::run_post(request, platform, util::system_clock(), observer);
            run.exit_code = static_cast<int>(batch::exit_code_of(*run.report));
        } catch (const util::Error& error) {
            run.exit_code = static_cast<int>(error.code());
            run.error = error.what();
        }
        // Credentials refused for one line item are refused for all: say it once.
        bool is_refused = run.exit_code == static_cast<int>(util::ExitCode::config);
        runs.push_back(std::move(run));
        if (is_refused)
            break;
    }
    return runs;
}

} // namespace gradepost::cli
