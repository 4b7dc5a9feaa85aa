#include "input/read_attempts.hpp"

#include "input/csv_reader.hpp"
#include "input/duplicates.hpp"
#include "input/file_text.hpp"
#include "input/format_detection.hpp"
#include "input/json_reader.hpp"
#include "util/error.hpp"
#include "util/malloc_tuning.hpp"

#include <algorithm>
#include <iterator>

namespace gradepost::input {

namespace {

constexpr std::size_t k_most_diagnostics_listed = 50;
constexpr std::size_t k_heap_for_students = std::size_t{96} << 20;

std::string list_diagnostics(const std::vector<RowDiagnostic>& diagnostics) {
    std::string message;
    for (std::size_t i = 0; i < diagnostics.size() && i < k_most_diagnostics_listed; ++i) {
        if (i > 0)
            message += '\n';
        message += format_diagnostic(diagnostics[i]);
    }
    if (diagnostics.size() > k_most_diagnostics_listed)
        message +=
            "\n... and " + std::to_string(diagnostics.size() - k_most_diagnostics_listed) + " more";
    return message;
}

// Reads one export: a CSV one a piece at a time, JSON whole (its reader needs all the text).
ReadResult read_attempt_file(const std::filesystem::path& file, const ReadOptions& options) {
    const std::string file_name = file.string();
    TextFile text_file(file);
    std::string beginning;
    while (text_file.read_into(beginning, TextFile::k_piece_size) &&
           !holds_format_sample(beginning)) {
    }
    auto detected = detect_format(beginning, file_name, options.format);
    if (detected.format == Format::json) {
        text_file.read_rest_into(beginning);
        return read_json(beginning, file_name, options, detected.is_ndjson);
    }
    return read_csv_file(text_file, std::move(beginning), file_name, options);
}

} // namespace

std::string format_diagnostic(const RowDiagnostic& diagnostic) {
    std::string text = diagnostic.where.file;
    if (diagnostic.where.line > 0) {
        text += ':' + std::to_string(diagnostic.where.line);
        if (diagnostic.where.column > 0)
            text += ':' + std::to_string(diagnostic.where.column);
    }
    text += ": ";
    text += diagnostic.message;
    return text;
}

ReadResult read_attempts(std::string_view text, std::string_view file_name,
                         const ReadOptions& options) {
    auto detected = detect_format(text, file_name, options.format);
    if (detected.format == Format::json)
        return read_json(text, file_name, options, detected.is_ndjson);
    return read_csv(text, file_name, options);
}

ReadResult read_attempt_files(std::span<const std::filesystem::path> files,
                              const ReadOptions& options) {
    ReadResult total;
    // Attempts are compact (model::AttemptTable): about twice the exports' size, up to the
    // rows a table holds in memory and their read-ahead. Each student then takes ~1 KB of kept
    // score, plan entry and report, 100 MB for 100,000 students whatever the rows, so the
    // reserve has room for that too: without it, 100,000 rows took 31,000 page faults and
    // 1.0 s, with it 1,700 and 0.25 s.
    std::size_t export_bytes = 0;
    for (const auto& file : files) {
        std::error_code error;
        auto size = std::filesystem::file_size(file, error);
        export_bytes += error ? 0 : static_cast<std::size_t>(size);
    }
    constexpr std::size_t k_heap_for_rows =
        2 * model::AttemptTable::k_rows_in_memory * sizeof(model::AttemptTable::Row);
    util::reserve_heap_for(std::min(export_bytes * 2, k_heap_for_rows) + k_heap_for_students);
    for (const auto& file : files) {
        ReadResult result = read_attempt_file(file, options);
        total.rows += result.rows;
        if (total.attempts.empty())
            total.attempts = std::move(result.attempts);
        else
            total.attempts.append(result.attempts);
        total.errors.insert(total.errors.end(), std::make_move_iterator(result.errors.begin()),
                            std::make_move_iterator(result.errors.end()));
    }
    // Each file was checked on its own; overlapping exports repeat attempts across files.
    if (files.size() > 1)
        merge_duplicate_attempts(total.attempts, total.errors);
    if (!total.errors.empty() && !options.skip_invalid)
        throw util::UsageError(list_diagnostics(total.errors));
    return total;
}

} // namespace gradepost::input
