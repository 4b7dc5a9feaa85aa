#pragma once

#include <string>

namespace gradepost::report {

// Appends format_number(value) to out without a temporary string; for large reports.
void append_number(std::string& out, double value);

} // namespace gradepost::report
