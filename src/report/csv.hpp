#pragma once

// CSV output as RFC 4180 writes it: fields separated by commas, records ended by CRLF, a
// field holding a comma, a quote, CR or LF enclosed in quotes with its quotes doubled.
// Text that a spreadsheet would run as a formula (starting with = + - @ tab or CR) gets a
// leading apostrophe (OWASP "CSV injection"); numbers are written as they are.

#include <string>
#include <string_view>
#include <vector>

namespace gradepost::report {

// Appends value as one field, quoted when it must be.
void append_csv_field(std::string& out, std::string_view value);

// Appends text from outside (a user id, a server message) as one field, formula-escaped.
void append_csv_text(std::string& out, std::string_view text);

// A whole CSV document: the header record, then one record per row. Cells that are plain
// decimal numbers are written as numbers, every other cell as text.
std::string render_csv(const std::vector<std::string>& headers,
                       const std::vector<std::vector<std::string>>& rows);

} // namespace gradepost::report
