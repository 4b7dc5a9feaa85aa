#include "report/csv.hpp"

namespace gradepost::report {

namespace {

bool is_formula_start(char c) {
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

// "-3" or "18.5" is data to a spreadsheet, not a formula, so it needs no apostrophe.
bool is_plain_number(std::string_view text) {
    if (!text.empty() && text.front() == '-')
        text.remove_prefix(1);
    if (text.empty() || text.front() == '.' || text.back() == '.')
        return false;
    bool has_point = false;
    for (char c : text) {
        if (c == '.' && !has_point)
            has_point = true;
        else if (c < '0' || c > '9')
            return false;
    }
    return true;
}

} // namespace

void append_csv_field(std::string& out, std::string_view value) {
    if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
        out.append(value);
        return;
    }
    out.push_back('"');
    for (char c : value) {
        if (c == '"')
            out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
}

void append_csv_text(std::string& out, std::string_view text) {
    if (text.empty() || !is_formula_start(text.front())) {
        append_csv_field(out, text);
        return;
    }
    std::string escaped;
    escaped.reserve(text.size() + 1);
    escaped.push_back('\'');
    escaped.append(text);
    append_csv_field(out, escaped);
}

std::string render_csv(const std::vector<std::string>& headers,
                       const std::vector<std::vector<std::string>>& rows) {
    std::string out;
    auto append_record = [&out](const std::vector<std::string>& cells) {
        for (std::size_t i = 0; i < cells.size(); ++i) {
            if (i > 0)
                out.push_back(',');
            if (is_plain_number(cells[i]))
                out.append(cells[i]);
            else
                append_csv_text(out, cells[i]);
        }
        out.append("\r\n");
    };
    append_record(headers);
    for (const auto& row : rows)
        append_record(row);
    return out;
}

} // namespace gradepost::report
