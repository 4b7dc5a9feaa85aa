#pragma once

#include "input/file_text.hpp"
#include "input/read_attempts.hpp"

#include <string>

#include <string_view>

namespace gradepost::input {

// Reads a CSV export (see csv_records.hpp for the dialect): a UTF-8 byte order mark is
// skipped, the delimiter found unless options.delimiter says, the first record is the header,
// each later record one attempt; rows that are not students (export_rows.hpp) are skipped.
ReadResult read_csv(std::string_view text, std::string_view file_name, const ReadOptions& options);

// The same, reading `file` a piece at a time after `beginning`, what was already read of it:
// the result is read_csv's on the whole text, and only a piece of it is in memory at a time.
ReadResult read_csv_file(TextFile& file, std::string beginning, std::string_view file_name,
                         const ReadOptions& options);

} // namespace gradepost::input
