#include "input/wide_columns.hpp"

#include "input/csv_records.hpp"
#include "input/file_text.hpp"
#include "input/format_detection.hpp"
#include "input/text.hpp"
#include "input/value_parsing.hpp"
#include "util/ascii.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <array>

namespace gradepost::input {

namespace {

// Whole headers that name a person, an id or an attempt's metadata (Canvas, Moodle, ours).
constexpr std::array<std::string_view, 26> k_non_score_headers{
    "student",      "id",
    "sis user id",  "sis login id",
    "section",      "integration id",
    "root account", "login id",
    "first name",   "last name",
    "surname",      "email address",
    "email",        "id number",
    "institution",  "department",
    "phone",        "user",
    "user_id",      "name",
    "state",        "started on",
    "completed",    "time taken",
    "submitted_at", "last downloaded from this course"};

// Parts of Canvas's computed totals and Moodle's aggregates: never a grade item.
constexpr std::array<std::string_view, 5> k_total_markers{
    "current points", "final points", "current score", "final score", "course total"};

bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// "Grade/10.00" → 10; the part after the last '/' must be a positive number.
std::optional<double> header_maximum(std::string_view header) {
    auto slash = header.rfind('/');
    if (slash == std::string_view::npos)
        return std::nullopt;
    auto number = util::trim(header.substr(slash + 1));
    bool decimal_comma = number.find(',') != std::string_view::npos;
    auto parsed = parse_maximum(number, decimal_comma);
    if (!parsed.ok())
        return std::nullopt;
    return parsed.value;
}

} // namespace

std::string wide_label(std::string_view header) {
    auto text = util::trim(header);
    if (header_maximum(text))
        text = util::trim(text.substr(0, text.rfind('/')));
    // Moodle: "Quiz: Week 1 (Real)": the module type before ": ", the display type after.
    if (ends_with(text, "(Real)"))
        text = util::trim(text.substr(0, text.size() - 6));
    if (auto colon = text.find(": "); colon != std::string_view::npos)
        text = util::trim(text.substr(colon + 2));
    // Canvas: "Quiz 1 (123)": the assignment id in parentheses.
    if (ends_with(text, ")")) {
        auto open = text.rfind(" (");
        auto id = open == std::string_view::npos ? std::string_view{}
                                                 : text.substr(open + 2, text.size() - open - 3);
        if (!id.empty() &&
            std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; }))
            text = util::trim(text.substr(0, open));
    }
    return std::string(text);
}

bool is_non_score_column(std::string_view header) {
    auto lowered = util::lowercase_ascii(util::trim(header));
    if (lowered.empty())
        return true;
    if (std::find(k_non_score_headers.begin(), k_non_score_headers.end(), lowered) !=
        k_non_score_headers.end())
        return true;
    for (auto marker : k_total_markers)
        if (lowered.find(marker) != std::string::npos)
            return true;
    // Moodle repeats each item as a percentage and a letter; the "(Real)" column is the score.
    return ends_with(lowered, "(percentage)") || ends_with(lowered, "(letter)");
}

std::vector<WideColumn> wide_columns(std::span<const std::string_view> header,
                                     std::span<const std::string_view> points_possible) {
    std::vector<WideColumn> columns;
    for (std::size_t i = 0; i < header.size(); ++i) {
        if (is_non_score_column(header[i]))
            continue;
        WideColumn column{std::string(util::trim(header[i])), wide_label(header[i]),
                          header_maximum(header[i])};
        if (i < points_possible.size() && !column.maximum) {
            auto cell = util::trim(points_possible[i]);
            // "(read only)": a column Canvas computes, not an assignment.
            if (equals_ignoring_case(cell, "(read only)"))
                continue;
            auto parsed = parse_maximum(cell, false);
            if (parsed.ok())
                column.maximum = parsed.value;
        }
        columns.push_back(std::move(column));
    }
    return columns;
}

std::vector<WideColumn> choose_wide_columns(const std::vector<WideColumn>& columns,
                                            std::span<const std::string> chosen) {
    std::vector<WideColumn> result;
    for (const auto& name : chosen) {
        auto wanted = util::trim(name);
        auto found = std::find_if(columns.begin(), columns.end(), [&](const WideColumn& column) {
            return equals_ignoring_case(column.column, wanted) ||
                   equals_ignoring_case(column.label, wanted);
        });
        if (found == columns.end()) {
            std::string known;
            for (const auto& column : columns)
                known += (known.empty() ? "" : ", ") + quoted_text(column.column);
            throw util::UsageError("--columns: " + quoted_text(wanted) +
                                   " is not a score column of the gradebook (score columns: " +
                                   (known.empty() ? "none" : known) + ")");
        }
        result.push_back(*found);
    }
    return result;
}

} // namespace gradepost::input

namespace gradepost::input {

std::vector<WideColumn> wide_columns_of_file(const std::filesystem::path& file) {
    auto text = read_file_text(file);
    auto body = strip_byte_order_mark(text);
    std::vector<std::vector<std::string>> records; // the header and the record after it
    CsvRecordCallbacks callbacks;
    callbacks.on_record = [&](const CsvRecord& record) {
        if (records.size() < 2)
            records.emplace_back(record.fields.begin(), record.fields.end());
    };
    callbacks.on_malformed = [](std::size_t, std::string) {};
    read_csv_records(body, detect_delimiter(body), callbacks);
    if (records.empty())
        throw util::UsageError(file.string() + ": the gradebook has no header");
    auto views = [](const std::vector<std::string>& cells) {
        return std::vector<std::string_view>(cells.begin(), cells.end());
    };
    auto header = views(records[0]);
    std::vector<std::string_view> points;
    if (records.size() > 1 && !records[1].empty() &&
        equals_ignoring_case(util::trim(records[1][0]), "Points Possible"))
        points = views(records[1]);
    return wide_columns(header, points);
}

} // namespace gradepost::input
