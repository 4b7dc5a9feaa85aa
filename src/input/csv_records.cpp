#include "input/csv_records.hpp"

#include <csv.h>

#include <vector>

namespace gradepost::input {

namespace {

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
    }
}

void end_field(void* data, std::size_t size, void* context) {
    auto& splitter = *static_cast<Splitter*>(context);
    if (splitter.ends.empty())
        splitter.record_line = splitter.line;
    splitter.after_carriage_return = false;
    if (size > 0) {
        const char* chars = static_cast<const char*>(data);
        splitter.row.append(chars, size);
        splitter.line += count_line_breaks(chars, size);
    }
    splitter.ends.push_back(splitter.row.size());
}

// Line of a byte offset, counted forward from the last one asked (offsets only grow).
class LineCounter {
public:
    explicit LineCounter(std::string_view text) : m_text(text) {}

    std::size_t line_at(std::size_t offset) {
        m_line += count_line_breaks(m_text.data() + m_offset, offset - m_offset);
        m_offset = offset;
        return m_line;
    }

private:
    std::string_view m_text;
    std::size_t m_offset = 0;
    std::size_t m_line = 1;
};

constexpr const char* k_malformed =
    "malformed quotes: a field holding a '\"' must be quoted whole, with \"\" for each quote "
    "inside";

} // namespace

void read_csv_records(std::string_view text, char delimiter, const CsvRecordCallbacks& callbacks) {
    Parser parser(delimiter);
    Splitter splitter;
    splitter.callbacks = &callbacks;
    LineCounter lines(text);

    std::size_t offset = 0;
    while (offset < text.size()) {
        std::size_t remaining = text.size() - offset;
        std::size_t parsed = csv_parse(parser.get(), text.data() + offset, remaining, end_field,
                                       end_record, &splitter);
        if (parsed == remaining)
            break;

        // Strict mode stops at a stray quote: report the record, drop it, and go on with the
        // next line on a fresh parser.
        std::size_t error = offset + parsed;
        callbacks.on_malformed(splitter.ends.empty() ? splitter.line : splitter.record_line,
                               k_malformed);
        auto newline = text.find('\n', error);
        offset = newline == std::string_view::npos ? text.size() : newline + 1;
        splitter.reset_record();
        splitter.line = lines.line_at(offset);
        splitter.after_carriage_return = false;
        parser.restart();
    }
    if (csv_fini(parser.get(), end_field, end_record, &splitter) != 0)
        callbacks.on_malformed(splitter.ends.empty() ? splitter.line : splitter.record_line,
                               "a quoted field is never closed (a '\"' is missing)");
}

} // namespace gradepost::input
