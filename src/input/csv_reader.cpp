#include "input/csv_reader.hpp"

#include "input/attempt_builder.hpp"
#include "input/column_mapping.hpp"
#include "input/csv_records.hpp"
#include "input/duplicates.hpp"
#include "input/export_rows.hpp"
#include "input/format_detection.hpp"
#include "input/text.hpp"
#include "input/utf8.hpp"
#include "input/value_parsing.hpp"

#include <algorithm>
#include <vector>

namespace gradepost::input {

namespace {

class CsvAttemptReader {
public:
    CsvAttemptReader(std::string_view file_name, const ReadOptions& options, char delimiter)
        : m_options(options), m_matcher(options.column_for, options.user_is_email),
          m_delimiter(delimiter) {
        m_context.file_name = std::string(file_name);
        m_context.options = &options;
        m_context.decimal_comma = options.decimal_comma || delimiter == ';';
    }

    void on_record(const CsvRecord& record) {
        if (m_header_failed)
            return;
        if (!m_has_header)
            read_header(record);
        else
            read_row(record);
    }

    void on_malformed(std::size_t line, std::string message) {
        error(line, 0, std::move(message));
        if (!m_has_header)
            m_header_failed = true;
    }

    ReadResult finish() {
        if (!m_has_header && !m_header_failed)
            error(1, 0, "the file is empty; an export starts with a header line");
        merge_duplicate_attempts(m_result.attempts, m_result.errors);
        return std::move(m_result);
    }

    // One allocation for every attempt.
    void reserve(std::size_t rows) { m_result.attempts.reserve(rows); }

private:
    void error(std::size_t line, std::size_t column, std::string message) {
        m_result.errors.push_back({{m_context.file_name, line, column}, std::move(message)});
    }

    void read_header(const CsvRecord& record) {
        m_has_header = true;
        for (std::size_t i = 0; i < record.fields.size(); ++i) {
            if (!is_valid_utf8(record.fields[i])) {
                error(record.line, i + 1,
                      "column name is not valid UTF-8 (save the file as UTF-8)");
                m_header_failed = true;
            }
        }
        if (m_header_failed)
            return;
        m_header.assign(record.fields.begin(), record.fields.end());
        std::vector<std::string_view> names(m_header.begin(), m_header.end());
        auto mapped = map_columns(names, m_matcher, "column");
        auto missing = missing_column_errors(mapped.layout, names, m_options, "column");
        for (auto& message : mapped.errors)
            error(record.line, 0, std::move(message));
        for (auto& message : missing)
            error(record.line, 0, std::move(message));
        if (!mapped.errors.empty() || !missing.empty()) {
            m_header_failed = true;
            return;
        }
        m_layout = mapped.layout;
        m_context.header_maximum = m_layout.score_maximum;
        for (std::size_t slot = 0; slot < k_field_count; ++slot)
            m_row.columns[slot] = m_layout.index[slot] ? *m_layout.index[slot] + 1 : 0;
    }

    // Canvas's "Points Possible" row holds the maximum of each assignment column; computed
    // columns say "(read only)" there, which is no maximum.
    void read_points_possible(const CsvRecord& record) {
        auto score_column = m_layout.index[field_index(Field::score)];
        if (!score_column || *score_column >= record.fields.size())
            return;
        std::string_view cell = record.fields[*score_column];
        auto number = parse_number(cell, "maximum", m_context.decimal_comma);
        if (!number.value)
            return;
        auto maximum = parse_maximum(cell, m_context.decimal_comma);
        if (!maximum.ok())
            error(record.line, *score_column + 1, "points possible: " + maximum.error);
        else
            m_context.header_maximum = maximum.value;
    }

    // Every record but a blank one has as many fields as the header: more means a value was
    // split (most often an unquoted decimal comma), fewer a lost delimiter or a line break in
    // an unquoted value; reading on would shift columns, or take a whole line for one value.
    bool has_header_width(const CsvRecord& record) {
        if (record.fields.size() == m_header.size())
            return true;
        std::string hint;
        if (record.fields.size() > m_header.size())
            hint = m_delimiter == ','   ? " (a value with an unquoted \",\"?)"
                   : m_delimiter == ';' ? " (a value with an unquoted \";\"?)"
                                        : "";
        else
            hint = " (a missing delimiter, or a line break in an unquoted value?)";
        error(record.line, 0,
              std::to_string(record.fields.size()) + " fields, the header has " +
                  std::to_string(m_header.size()) + hint);
        return false;
    }

    void read_row(const CsvRecord& record) {
        auto kind = classify_row(record.fields, m_layout.index[field_index(Field::user)]);
        if (kind == RowKind::blank)
            return;
        if (kind == RowKind::student)
            ++m_result.rows;
        if (!has_header_width(record))
            return;
        switch (kind) {
        case RowKind::blank:
        case RowKind::footer:
        case RowKind::posting_policy:
            return;
        case RowKind::points_possible:
            read_points_possible(record);
            return;
        case RowKind::student:
            break;
        }

        bool is_valid = true;
        for (std::size_t i = 0; i < record.fields.size(); ++i) {
            if (!is_valid_utf8(record.fields[i])) {
                error(record.line, i + 1,
                      "value in column " + quoted_text(m_header[i]) +
                          " is not valid UTF-8 (save the file as UTF-8)");
                is_valid = false;
            }
        }
        if (!is_valid)
            return;

        for (std::size_t slot = 0; slot < k_field_count; ++slot) {
            const auto& column = m_layout.index[slot];
            if (!column)
                m_row.values[slot].reset();
            else
                m_row.values[slot] =
                    *column < record.fields.size() ? record.fields[*column] : std::string_view();
        }
        m_row.line = record.line;
        build_attempt(m_row, m_context, m_result);
    }

    const ReadOptions& m_options;
    ColumnMatcher m_matcher;
    char m_delimiter;
    RowContext m_context;
    ReadResult m_result;
    bool m_has_header = false;
    bool m_header_failed = false;
    std::vector<std::string> m_header;
    ColumnLayout m_layout;
    RawRow m_row;
};

// Reads the text that starts with `beginning` (holding the lines the delimiter is found from)
// and goes on with the pieces `next_piece` appends to its argument until it returns false.
template <typename NextPiece>
ReadResult read_csv_pieces(std::string_view beginning, std::size_t expected_rows,
                           std::string_view file_name, const ReadOptions& options,
                           NextPiece next_piece) {
    std::string_view text = strip_byte_order_mark(beginning);
    char delimiter = options.delimiter ? *options.delimiter : detect_delimiter(text);
    CsvAttemptReader reader(file_name, options, delimiter);
    reader.reserve(expected_rows);
    CsvRecordReader records(delimiter, {[&](const CsvRecord& record) { reader.on_record(record); },
                                        [&](std::size_t line, std::string message) {
                                            reader.on_malformed(line, std::move(message));
                                        }});
    records.feed(text);
    std::string piece;
    while (next_piece(piece)) {
        records.feed(piece);
        piece.clear();
    }
    records.finish();
    return reader.finish();
}

std::size_t count_lines(std::string_view text) {
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

} // namespace

ReadResult read_csv(std::string_view text, std::string_view file_name, const ReadOptions& options) {
    return read_csv_pieces(text, count_lines(text), file_name, options,
                           [](std::string&) { return false; });
}

ReadResult read_csv_file(TextFile& file, std::string beginning, std::string_view file_name,
                         const ReadOptions& options) {
    while (!options.delimiter && !holds_delimiter_sample(beginning) &&
           file.read_into(beginning, TextFile::k_piece_size)) {
    }
    // One allocation for the rows, estimated from the lines of the beginning (a little more:
    // growing a table of millions of rows would copy it).
    std::size_t expected_rows = count_lines(beginning);
    if (!beginning.empty() && file.size() > beginning.size())
        expected_rows = static_cast<std::size_t>(static_cast<double>(expected_rows) *
                                                 static_cast<double>(file.size()) /
                                                 static_cast<double>(beginning.size()) * 1.05) +
                        1;
    return read_csv_pieces(beginning, expected_rows, file_name, options, [&](std::string& piece) {
        return file.read_into(piece, TextFile::k_piece_size);
    });
}

} // namespace gradepost::input
