#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace gradepost::input {

// Splits CSV text into records as libcsv does (lines without quotes or CR directly), in RFC 4180's
// dialect: fields separated by `delimiter`, records by LF, CRLF or CR; a field in double quotes may
// hold the delimiter, line breaks and "" for one quote. Unquoted fields lose their leading and
// trailing spaces and tabs; blank lines are no records. Each record comes with the physical line
// where it starts (1-based), which embedded line breaks make different from its ordinal.

struct CsvRecord {
    std::size_t line = 0;
    std::span<const std::string_view> fields; // valid during the callback only
};

struct CsvRecordCallbacks {
    std::function<void(const CsvRecord&)> on_record;
    // A record whose quoting is malformed ("ab"c, or a quote never closed); it is dropped and
    // reading goes on at the next line.
    std::function<void(std::size_t line, std::string message)> on_malformed;
};

// Splits text that arrives in pieces (a file read a few megabytes at a time): the records,
// their lines and the malformed ones are the same wherever the pieces split the text, even
// inside a quoted field, a CRLF pair or a malformed record being skipped.
class CsvRecordReader {
public:
    // `callbacks` are copied. `libcsv_only`: every line through libcsv, the reference the
    // faster reading of plain lines is tested against.
    CsvRecordReader(char delimiter, const CsvRecordCallbacks& callbacks, bool libcsv_only = false);
    ~CsvRecordReader();
    CsvRecordReader(const CsvRecordReader&) = delete;
    CsvRecordReader& operator=(const CsvRecordReader&) = delete;

    void feed(std::string_view piece);
    // The end of the text: the last record without a line end, or a quote never closed.
    void finish();

private:
    struct State;
    std::unique_ptr<State> m_state;
};

// The whole text at once.
void read_csv_records(std::string_view text, char delimiter, const CsvRecordCallbacks& callbacks);

} // namespace gradepost::input
