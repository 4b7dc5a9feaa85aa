#include "batch/plan.hpp"
#include "batch/reconcile.hpp"
#include "cli/command.hpp"
#include "cli/connection.hpp"
#include "cli/input_options.hpp"
#include "cli/line_item_choice.hpp"
#include "cli/line_item_parts.hpp"
#include "cli/roster_source.hpp"
#include "report/render.hpp"
#include "util/error.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>
#include <nlohmann/json.hpp>

#include <map>

namespace gradepost::cli {

namespace {

struct DiffOptions {
    InputOptions input;
    LineItemChoice line_item;
    bool show_equal = false;
    bool exit_code = false; // --exit-code: 1 when any student differs, as git diff
    bool is_wide = false;
    std::vector<std::string> columns;
};

struct DiffRow {
    std::string user_id;
    std::optional<double> file_given, file_maximum, lms_given, lms_maximum;
    std::string status; // only_in_file, only_in_lms, equal, different
};

std::vector<DiffRow> compare(const std::vector<model::KeptScore>& kept,
                             const std::vector<lti::Result>& results) {
    std::map<std::string, const lti::Result*> result_of;
    for (const auto& result : results)
        if (result.result_score)
            result_of[result.user_id] = &result;
    std::vector<DiffRow> rows;
    for (const auto& score : kept) {
        if (score.kind != model::KeptKind::graded)
            continue;
        DiffRow row{score.user_id, score.given, score.maximum, {}, {}, "only_in_file"};
        if (auto found = result_of.find(score.user_id); found != result_of.end()) {
            row.lms_given = found->second->result_score;
            row.lms_maximum = found->second->result_maximum;
            row.status = batch::result_holds(*found->second, score.given, score.maximum)
                             ? "equal"
                             : "different";
            result_of.erase(found);
        }
        rows.push_back(std::move(row));
    }
    for (const auto& [user_id, result] : result_of)
        rows.push_back(
            {user_id, {}, {}, result->result_score, result->result_maximum, "only_in_lms"});
    return rows;
}

std::string score_text(const std::optional<double>& given, const std::optional<double>& maximum) {
    if (!given)
        return "";
    return report::format_number(*given) + (maximum ? " / " + report::format_number(*maximum) : "");
}

// One line item's comparison.
struct LineItemDiff {
    std::string label;
    std::string url;
    std::vector<DiffRow> rows;
    std::map<std::string, std::size_t> counts; // per status
};

LineItemDiff diff_line_item(LineItemPart part, Connection& connection) {
    take_line_item_maximum(part, connection);
    auto request = plan_request(part.input);
    model::Roster roster;
    if (request.match && *request.match != batch::MatchField::user_id)
        roster = load_roster(part.input.roster_file, connection);
    auto scores = batch::read_and_keep(request, roster);
    LineItemDiff diff;
    diff.label = part.label;
    diff.url = resolve_line_item(part.line_item, connection);
    diff.rows = compare(scores.kept, connection.client().results(diff.url, std::nullopt));
    for (const auto& row : diff.rows)
        ++diff.counts[row.status];
    return diff;
}

nlohmann::json diff_json(LineItemDiff& diff) {
    nlohmann::json json{{"line_item", diff.url}, {"counts", diff.counts}};
    json["students"] = nlohmann::json::array();
    for (const auto& row : diff.rows) {
        nlohmann::json item{{"user_id", row.user_id}, {"status", row.status}};
        if (row.file_given)
            item["file_score"] = *row.file_given, item["file_maximum"] = *row.file_maximum;
        if (row.lms_given)
            item["lms_score"] = *row.lms_given;
        if (row.lms_maximum)
            item["lms_maximum"] = *row.lms_maximum;
        json["students"].push_back(item);
    }
    return json;
}

std::string diff_summary(LineItemDiff& diff) {
    return fmt::format("{} students: {} equal, {} different, {} only in file, {} only in LMS",
                       diff.rows.size(), diff.counts["equal"], diff.counts["different"],
                       diff.counts["only_in_file"], diff.counts["only_in_lms"]);
}

int run_diff(const GlobalOptions& globals, DiffOptions options) {
    std::vector<std::string> scopes{std::string(lti::k_scope_result_readonly)};
    if (options.line_item.is_found_by_filters() || options.is_wide)
        scopes.emplace_back(lti::k_scope_lineitem_readonly);
    if (options.input.needs_nrps())
        scopes.emplace_back(lti::k_scope_nrps);
    if (options.input.files.empty())
        throw util::UsageError("which export? give FILE...");
    auto parts =
        line_item_parts(options.input, options.line_item, options.is_wide, options.columns);
    check_line_item_parts(parts);
    Connection connection(globals, scopes);
    std::vector<LineItemDiff> diffs;
    for (const auto& part : parts)
        diffs.push_back(diff_line_item(part, connection));

    // A kept score the LMS lacks differs too; an LMS grade without a kept score does not.
    bool differs = false;
    for (auto& diff : diffs)
        differs = differs || diff.counts["different"] + diff.counts["only_in_file"] > 0;
    int status = options.exit_code && differs ? static_cast<int>(util::ExitCode::some_failed) : 0;
    if (globals.json) {
        nlohmann::json json;
        if (!options.is_wide) {
            json = diff_json(diffs.front());
        } else {
            json["line_items"] = nlohmann::json::array();
            for (auto& diff : diffs) {
                auto item = diff_json(diff);
                item["label"] = diff.label;
                json["line_items"].push_back(std::move(item));
            }
        }
        json["command"] = "diff";
        std::puts(json.dump(2).c_str());
        return status;
    }
    // One table; with --wide its first column names the line item.
    std::vector<std::string> headers{"student", "file", "lms", "status"};
    if (options.is_wide)
        headers.insert(headers.begin(), "line item");
    std::vector<std::vector<std::string>> table;
    std::string summary;
    for (auto& diff : diffs) {
        for (const auto& row : diff.rows) {
            if (row.status == "equal" && !options.show_equal)
                continue;
            std::vector<std::string> cells{row.user_id,
                                           score_text(row.file_given, row.file_maximum),
                                           score_text(row.lms_given, row.lms_maximum), row.status};
            if (options.is_wide)
                cells.insert(cells.begin(), diff.label);
            table.push_back(std::move(cells));
        }
        summary += (options.is_wide ? diff.label + ": " : "") + diff_summary(diff) + "\n";
    }
    print(globals, report::render_table(headers, table, output_style(globals)) + summary);
    return status;
}

} // namespace

void add_diff_command(CLI::App& app, GlobalOptions& globals, Action& action) {
    auto options = std::make_shared<DiffOptions>();
    auto* diff = app.add_subcommand("diff", "Kept scores beside the LMS's current results");
    add_input_options(*diff, options->input);
    add_line_item_options(*diff, options->line_item, false);
    add_wide_options(*diff, options->is_wide, options->columns);
    diff->add_flag("--show-equal", options->show_equal, "List equal scores too");
    diff->add_flag("--exit-code", options->exit_code,
                   "Exit 1 when any student's LMS grade differs from the kept score");
    diff->footer(
        "Example:\n  gradepost diff week3.csv --label \"Week 3 quiz\" --keep latest\n"
        "  gradepost diff week3.csv --label \"Week 3 quiz\" --exit-code -q   # CI drift check\n"
        "  gradepost diff gradebook.csv --wide   # every score column against its line item\n"
        "Shows what `post --select all` would overwrite: rows marked different.");
    diff->callback([&, options] { action = [&, options] { return run_diff(globals, *options); }; });
}

} // namespace gradepost::cli
