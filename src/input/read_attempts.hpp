#pragma once

#include "input/read_options.hpp"
#include "model/attempt.hpp"
#include "model/attempt_table.hpp"

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace gradepost::input {

// One problem with one row (or the header, or the file): "file:line:column: message".
struct RowDiagnostic {
    model::SourceLocation where;
    std::string message; // what, the bad value, and the fix when cheap
};

std::string format_diagnostic(const RowDiagnostic& diagnostic);

struct ReadResult {
    model::AttemptTable attempts;
    std::vector<RowDiagnostic> errors; // every bad row; with skip_invalid those rows are dropped
    std::size_t rows = 0;              // data rows read (students' rows, not headers or footers)
};

// Reads one export held in memory; `file_name` names it in messages and, with
// Format::automatic, its extension picks the reader. Never throws on bad data: every problem
// becomes a RowDiagnostic.
ReadResult read_attempts(std::string_view text, std::string_view file_name,
                         const ReadOptions& options);

// Reads every file (a CSV one a piece at a time, whatever its size; JSON whole), then checks
// the attempts across them (the same attempt of a student twice with different values).
// Throws util::UsageError listing every diagnostic unless options.skip_invalid (then the
// diagnostics are returned and the bad rows dropped).
ReadResult read_attempt_files(std::span<const std::filesystem::path> files,
                              const ReadOptions& options);

} // namespace gradepost::input
