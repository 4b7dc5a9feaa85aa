#include "input/read_roster.hpp"

#include "input/csv_records.hpp"
#include "input/file_text.hpp"
#include "input/format_detection.hpp"
#include "input/text.hpp"
#include "input/user_id.hpp"
#include "input/utf8.hpp"
#include "util/error.hpp"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace gradepost::input {

namespace {

enum RosterColumn { user_id, name, email, sourcedid, k_roster_columns };

std::optional<RosterColumn> roster_column(std::string_view header) {
    std::string normalized = normalize_name(trim(header));
    if (normalized == "userid" || normalized == "ltiuserid")
        return user_id;
    if (normalized == "name")
        return name;
    if (normalized == "email")
        return email;
    if (normalized == "lispersonsourcedid" || normalized == "sourcedid" || normalized == "sisid")
        return sourcedid;
    return std::nullopt;
}

// A header name as a message quotes it. In a file that is not UTF-8 (Latin-1) the bytes that
// do not decode become '?', so the message stays valid UTF-8 like every other diagnostic.
std::string shown_name(std::string_view name, bool& is_utf8) {
    std::string shown = quoted_text(trim(name));
    if (!make_valid_utf8(shown))
        is_utf8 = false;
    return shown;
}

std::string location(std::string_view file_name, std::size_t line, std::size_t column = 0) {
    return std::string(file_name) + ":" + std::to_string(line) +
           (column > 0 ? ":" + std::to_string(column) : std::string()) + ": ";
}

} // namespace

model::Roster read_roster(std::string_view text, std::string_view file_name) {
    text = strip_byte_order_mark(text);
    model::Roster roster;
    std::vector<std::string> errors;
    std::array<std::optional<std::size_t>, k_roster_columns> columns;
    bool has_header = false;

    auto on_record = [&](const CsvRecord& record) {
        if (!has_header) {
            has_header = true;
            std::string found;
            bool is_utf8 = true;
            for (std::size_t i = 0; i < record.fields.size(); ++i) {
                if (auto column = roster_column(record.fields[i]); column && !columns[*column])
                    columns[*column] = i;
                found += (i == 0 ? "" : ", ") + shown_name(record.fields[i], is_utf8);
            }
            if (!columns[user_id])
                errors.push_back(location(file_name, record.line) +
                                 "no user_id column (found: " + found + ")" +
                                 (is_utf8 ? ""
                                          : "; the header is not valid UTF-8 (save the file "
                                            "as UTF-8)"));
            return;
        }
        if (!columns[user_id])
            return;
        auto cell = [&](RosterColumn column) {
            auto index = columns[column];
            return index && *index < record.fields.size() ? trim(record.fields[*index])
                                                          : std::string_view();
        };
        for (auto field : record.fields)
            if (!is_valid_utf8(field)) {
                errors.push_back(location(file_name, record.line) +
                                 "not valid UTF-8 (save the file as UTF-8)");
                return;
            }
        bool is_blank = true;
        for (auto field : record.fields)
            is_blank = is_blank && trim(field).empty();
        if (is_blank)
            return;
        if (cell(user_id).empty()) {
            errors.push_back(location(file_name, record.line) + "user id is missing");
            return;
        }
        if (auto problem = user_id_problem(cell(user_id))) {
            errors.push_back(location(file_name, record.line, *columns[user_id] + 1) +
                             problem->message);
            return;
        }
        roster.push_back({std::string(cell(user_id)), std::string(cell(name)),
                          std::string(cell(email)), std::string(cell(sourcedid))});
    };
    auto on_malformed = [&](std::size_t line, std::string message) {
        errors.push_back(location(file_name, line) + message);
    };
    read_csv_records(text, detect_delimiter(text), {on_record, on_malformed});

    if (!has_header)
        errors.push_back(std::string(file_name) +
                         ": the roster is empty; it needs a user_id column");
    if (!errors.empty()) {
        std::string message;
        for (const auto& error : errors)
            message += (message.empty() ? "" : "\n") + error;
        throw util::UsageError(message);
    }
    return roster;
}

model::Roster read_roster_file(const std::filesystem::path& file) {
    return read_roster(read_file_text(file), file.string());
}

} // namespace gradepost::input
