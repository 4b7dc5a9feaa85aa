#include "input/csv_records.hpp"

#include <csv.h>

#include <algorithm>
#include <vector>

namespace gradepost::input {

// Named, not anonymous: CsvRecordReader::State (external linkage) holds a Parser, a Splitter
// and a LineCounter, and members of anonymous-namespace types would make each unit's State a
// different type (-Wsubobject-linkage in a unity build).
namespace csv_detail {

constexpr unsigned char k_parser_options = CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL;

std::size_t count_line_breaks(const char* text, std::size_t size) {
    std::size_t breaks = 0;
    for (std::size_t i = 0; i < size; ++i) {
        if (text[i] == '\n')
            ++breaks;
        else if (text[i] == '\r' && (i + 1 == size || text[i + 1] != '\n'))
            ++breaks;
    }
    return breaks;
}

constexpr std::size_t k_field_growth = std::size_t{1} << 20;

// libcsv's parser state, freed on every path.
class Parser {
public:
    explicit Parser(char delimiter) : m_delimiter(delimiter) { start(); }
    ~Parser() { csv_free(&m_parser); }
    Parser(const Parser&) = delete;
    Parser& operator=(const Parser&) = delete;

    csv_parser* get() { return &m_parser; }

    void restart() {
        csv_free(&m_parser);
        start();
    }

private:
    void start() {
        csv_init(&m_parser, k_parser_options);
        csv_set_delim(&m_parser, static_cast<unsigned char>(m_delimiter));
        // libcsv grows a field's buffer by this much at a time (128 bytes by default): a
        // 10 MB field, which the strict-row rule must still read to refuse, was copied
        // 80,000 times (minutes under AddressSanitizer, whose realloc always copies).
        csv_set_blk_size(&m_parser, k_field_growth);
    }

    csv_parser m_parser;
    char m_delimiter;
};

// Collects the fields of the current record. libcsv hands over each field in a buffer it
// reuses, so fields are copied into one row buffer (no allocation per field once it has
// grown) and exposed as string_views when the record ends.
struct Splitter {
    const CsvRecordCallbacks* callbacks = nullptr;
    std::string row;
    std::vector<std::size_t> ends;
    std::vector<std::string_view> fields;
    std::size_t line = 1;        // the physical line the parser has reached
    std::size_t record_line = 1; // where the current record started
    bool after_carriage_return = false;
    bool ended_by_line_feed = false; // the last event was an unquoted LF ending a record or line

    void reset_record() {
        row.clear();
        ends.clear();
    }
};

// With CSV_REPALL_NL every unquoted CR and LF comes here: a record's terminator once it has
// fields, otherwise a bare line break (a blank line, or the LF of a CRLF).
void end_record(int terminator, void* context) {
    auto& splitter = *static_cast<Splitter*>(context);
    if (!splitter.ends.empty()) {
        splitter.fields.clear();
        std::size_t begin = 0;
        for (std::size_t end : splitter.ends) {
            splitter.fields.emplace_back(splitter.row.data() + begin, end - begin);
            begin = end;
        }
        splitter.callbacks->on_record({splitter.record_line, splitter.fields});
        splitter.reset_record();
    }
    if (terminator == '\r') {
        ++splitter.line;
        splitter.after_carriage_return = true;
    } else if (terminator == '\n') {
        if (!splitter.after_carriage_return)
            ++splitter.line;
        splitter.after_carriage_return = false;
        splitter.ended_by_line_feed = true;
    }
}

void end_field(void* data, std::size_t size, void* context) {
    auto& splitter = *static_cast<Splitter*>(context);
    if (splitter.ends.empty())
        splitter.record_line = splitter.line;
    splitter.after_carriage_return = false;
    splitter.ended_by_line_feed = false;
    if (size > 0) {
        const char* chars = static_cast<const char*>(data);
        splitter.row.append(chars, size);
        splitter.line += count_line_breaks(chars, size);
    }
    splitter.ends.push_back(splitter.row.size());
}

// The line reached after the text counted so far, fed in pieces; a CR at the end of a piece
// waits for the next one to know whether it is half of a CRLF.
class LineCounter {
public:
    void count(std::string_view text) {
        if (text.empty())
            return;
        if (m_after_carriage_return && text.front() != '\n')
            ++m_line;
        m_line += static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
        for (auto cr = text.find('\r'); cr != std::string_view::npos; cr = text.find('\r', cr + 1))
            if (cr + 1 < text.size() && text[cr + 1] != '\n')
                ++m_line;
        m_after_carriage_return = text.back() == '\r';
    }

    // One line without CR that ends with its LF, after a LF.
    void count_plain_line() { ++m_line; }

    // Only asked just after a LF, where no CR is pending.
    std::size_t line() const { return m_line; }

private:
    std::size_t m_line = 1;
    bool m_after_carriage_return = false;
};

// The fields of a line holding no quote and no CR (without its LF), as libcsv splits it:
// unquoted fields lose their leading and trailing spaces and tabs (but not the delimiter);
// a line of only those is blank, no record. False, nothing split, for any other line.
bool split_plain_line(std::string_view line, char delimiter,
                      std::vector<std::string_view>& fields) {
    auto is_space = [delimiter](char c) { return (c == ' ' || c == '\t') && c != delimiter; };
    fields.clear();
    const char* begin = line.data();
    const char* const end = line.data() + line.size();
    bool is_blank = true;
    for (const char* field = begin;;) {
        const char* cursor = field;
        while (cursor != end && *cursor != delimiter) {
            if (*cursor == '"' || *cursor == '\r')
                return false;
            ++cursor;
        }
        const char* first = field;
        while (first != cursor && is_space(*first))
            ++first;
        const char* last = cursor;
        while (last != first && is_space(last[-1]))
            --last;
        is_blank = is_blank && first == last && cursor == end;
        fields.emplace_back(first, static_cast<std::size_t>(last - first));
        if (cursor == end)
            break;
        field = cursor + 1;
    }
    if (is_blank)
        fields.clear();
    return true;
}

constexpr const char* k_malformed =
    "malformed quotes: a field holding a '\"' must be quoted whole, with \"\" for each quote "
    "inside";

} // namespace csv_detail

struct CsvRecordReader::State {
    // The callbacks are copied: a reader may outlive the expression that made them.
    State(char field_delimiter, CsvRecordCallbacks record_callbacks, bool is_libcsv_only)
        : callbacks(std::move(record_callbacks)), parser(field_delimiter),
          delimiter(field_delimiter), libcsv_only(is_libcsv_only) {
        splitter.callbacks = &callbacks;
    }

    void report_malformed() {
        splitter.callbacks->on_malformed(
            splitter.ends.empty() ? splitter.line : splitter.record_line, csv_detail::k_malformed);
    }

    // Reading goes on at the line after a malformed record, on a fresh parser.
    void resume_at_next_line() {
        splitter.reset_record();
        splitter.line = lines.line();
        splitter.after_carriage_return = false;
        parser.restart();
        is_skipping_line = false;
        is_at_line_start = true;
    }

    // A line without quotes or CR (but a CRLF end), read without libcsv; false for any other.
    bool read_plain_line(std::string_view line) {
        // A CRLF ends the line as a LF does (libcsv ends the record at the CR, and the LF
        // after it is no new line).
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        if (!csv_detail::split_plain_line(line, delimiter, splitter.fields))
            return false;
        if (!splitter.fields.empty())
            splitter.callbacks->on_record({splitter.line, splitter.fields});
        ++splitter.line;
        lines.count_plain_line();
        return true;
    }

    CsvRecordCallbacks callbacks;
    csv_detail::Parser parser;
    csv_detail::Splitter splitter;
    char delimiter;
    bool libcsv_only;
    csv_detail::LineCounter lines; // lines of the text fed so far, for resuming after an error
    bool is_skipping_line = false; // a malformed record's line goes on into the next piece
    // libcsv holds nothing (no field, no quote, no CR) and the next byte starts a line.
    bool is_at_line_start = true;
};

CsvRecordReader::CsvRecordReader(char delimiter, const CsvRecordCallbacks& callbacks,
                                 bool libcsv_only)
    : m_state(std::make_unique<State>(delimiter, callbacks, libcsv_only)) {}

CsvRecordReader::~CsvRecordReader() = default;

void CsvRecordReader::feed(std::string_view piece) {
    State& state = *m_state;
    std::size_t offset = 0;
    while (offset < piece.size()) {
        if (state.is_skipping_line) {
            auto newline = piece.find('\n', offset);
            std::size_t next = newline == std::string_view::npos ? piece.size() : newline + 1;
            state.lines.count(piece.substr(offset, next - offset));
            offset = next;
            if (newline != std::string_view::npos)
                state.resume_at_next_line();
            continue;
        }
        // Nearly every line of an export is plain: split directly, without libcsv's call per
        // byte and copy per field. Others go to libcsv a line at a time, so that the next
        // line start is known.
        auto newline = state.libcsv_only ? std::string_view::npos : piece.find('\n', offset);
        if (newline != std::string_view::npos && state.is_at_line_start &&
            state.read_plain_line(piece.substr(offset, newline - offset))) {
            offset = newline + 1;
            continue;
        }
        std::size_t end = newline == std::string_view::npos ? piece.size() : newline + 1;
        std::size_t size = end - offset;
        state.splitter.ended_by_line_feed = false;
        std::size_t parsed =
            csv_parse(state.parser.get(), piece.data() + offset, size, csv_detail::end_field,
                      csv_detail::end_record, &state.splitter);
        if (parsed == size) {
            state.lines.count(piece.substr(offset, size));
            // The LF ending this part was the last thing libcsv saw: unquoted, it left libcsv
            // empty at a line start.
            state.is_at_line_start =
                newline != std::string_view::npos && state.splitter.ended_by_line_feed;
            offset = end;
            continue;
        }
        // Strict mode stops at a stray quote: report the record, drop it, and skip to the
        // next line.
        std::size_t error = offset + parsed;
        state.report_malformed();
        state.lines.count(piece.substr(offset, error - offset));
        offset = error;
        state.is_skipping_line = true;
        state.is_at_line_start = false;
    }
}

void CsvRecordReader::finish() {
    State& state = *m_state;
    if (state.is_skipping_line) {
        // The malformed record ran to the end of the text.
        state.resume_at_next_line();
        return;
    }
    if (csv_fini(state.parser.get(), csv_detail::end_field, csv_detail::end_record,
                 &state.splitter) != 0)
        state.splitter.callbacks->on_malformed(
            state.splitter.ends.empty() ? state.splitter.line : state.splitter.record_line,
            "a quoted field is never closed (a '\"' is missing)");
}

void read_csv_records(std::string_view text, char delimiter, const CsvRecordCallbacks& callbacks) {
    CsvRecordReader reader(delimiter, callbacks);
    reader.feed(text);
    reader.finish();
}

} // namespace gradepost::input
