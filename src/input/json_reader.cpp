#include "input/json_reader.hpp"

#include "input/attempt_builder.hpp"
#include "input/column_mapping.hpp"
#include "input/duplicates.hpp"
#include "input/format_detection.hpp"
#include "input/json_positions.hpp"
#include "input/strict_json.hpp"
#include "input/text.hpp"
#include "input/utf8.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_set>
#include <utility>
#include <vector>

namespace gradepost::input {

namespace {

struct JsonRecord {
    Json value;
    std::size_t line = 0;
    std::size_t offset = 0; // of its '{' in the text
};

constexpr std::size_t k_longest_last_read = 40;

std::string parse_error_text(const Json::parse_error& error) {
    // "[json.exception.parse_error.101] parse error at line 1, column 9: syntax error ..."
    std::string_view what = error.what();
    auto column = what.find("column ");
    auto colon = what.find(": ", column == std::string_view::npos ? 0 : column);
    if (colon != std::string_view::npos)
        what.remove_prefix(colon + 2);
    std::string message = "invalid JSON: " + std::string(what);
    // "...; last read: '<token>'" quotes the whole token: a string never closed is the rest
    // of the file, megabytes of it.
    constexpr std::string_view k_last_read = "; last read: '";
    if (auto last_read = message.find(k_last_read); last_read != std::string::npos) {
        auto token = last_read + k_last_read.size();
        if (message.size() > token + k_longest_last_read + 1) {
            message.resize(token + k_longest_last_read);
            message += "...'";
        }
    }
    // The "last read" part quotes raw input, which may be the invalid UTF-8 being reported
    // (or a character cut above).
    make_valid_utf8(message);
    return message;
}

// Notes where a SAX parse stops, and builds nothing.
class FailureOffset final : public nlohmann::json_sax<Json> {
public:
    std::size_t offset = 0;

    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool key(string_t&) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t position, const std::string&,
                     const nlohmann::detail::exception&) override {
        offset = position;
        return false;
    }
};

struct SyntaxError {
    TextPosition position;
    std::string message;
};

// Where and why Json::parse(text) failed.
SyntaxError syntax_error(std::string_view text, const Json::exception& error) {
    if (const auto* parse_error = dynamic_cast<const Json::parse_error*>(&error))
        return {position_of(text, parse_error->byte == 0 ? 0 : parse_error->byte - 1),
                parse_error_text(*parse_error)};
    // A number beyond a double (1e999) is an out_of_range error that has no position and
    // quotes the whole number: a second pass finds where it is.
    FailureOffset failure;
    Json::sax_parse(text, &failure);
    return {position_of(text, failure.offset == 0 ? 0 : failure.offset - 1),
            "invalid JSON: a number is too large"};
}

class JsonAttemptReader {
public:
    JsonAttemptReader(std::string_view file_name, const ReadOptions& options)
        : m_options(options), m_matcher(options.column_for, options.user_is_email) {
        m_context.file_name = std::string(file_name);
        m_context.options = &options;
        m_context.decimal_comma = options.decimal_comma;
        m_context.locate = [this](const RawRow& row, Field field) { return locate(row, field); };
    }

    void error(std::size_t line, std::size_t column, std::string message) {
        m_result.errors.push_back({{m_context.file_name, line, column}, std::move(message)});
    }

    // NDJSON: each non-blank line is one object; a bad line is reported and the rest read.
    void split_lines(std::string_view text) {
        m_text = text;
        std::size_t line_number = 0;
        std::size_t start = 0;
        while (start < text.size()) {
            auto end = text.find('\n', start);
            if (end == std::string_view::npos)
                end = text.size();
            std::string_view line = text.substr(start, end - start);
            start = end + 1;
            ++line_number;
            if (trim(line).empty())
                continue;
            try {
                Json value = parse_strict_json(line);
                if (!value.is_object())
                    error(line_number, 0, "line is not a JSON object");
                else
                    m_records.push_back(
                        {std::move(value), line_number,
                         static_cast<std::size_t>(line.data() - text.data()) + line.find('{')});
            } catch (const StrictJsonError& refusal) {
                error(line_number, position_of(line, refusal.offset()).column, refusal.what());
            } catch (const Json::exception& exception) {
                auto syntax = syntax_error(line, exception);
                error(line_number, syntax.position.column, std::move(syntax.message));
            }
        }
    }

    void split_document(std::string_view text, Json document) {
        m_text = text;
        if (document.is_array()) {
            add_elements(text, std::move(document), RecordArray::top_level);
        } else if (document.is_object() && document.contains("attempts")) {
            auto& attempts = document["attempts"];
            if (!attempts.is_array())
                error(position_of(text, text.find('{')).line, 0,
                      "\"attempts\" is not an array of objects");
            else
                add_elements(text, std::move(attempts), RecordArray::attempts_member);
        } else if (document.is_object()) {
            m_records.push_back(
                {std::move(document), position_of(text, text.find('{')).line, text.find('{')});
        } else {
            error(1, 0,
                  "expected an array of objects, an object with an \"attempts\" array, or one "
                  "object per line");
        }
    }

    ReadResult finish() {
        m_result.attempts.reserve(m_records.size());
        if (check_fields())
            for (auto& record : m_records)
                read_record(record);
        merge_duplicate_attempts(m_result.attempts, m_result.errors);
        return std::move(m_result);
    }

private:
    void add_elements(std::string_view text, Json elements, RecordArray where) {
        auto offsets = find_record_offsets(text, where);
        auto lines = lines_of(text, offsets);
        bool has_lines = lines.size() == elements.size();
        for (std::size_t i = 0; i < elements.size(); ++i) {
            std::size_t line = has_lines ? lines[i] : 0;
            if (!elements[i].is_object())
                error(line, 0, "element " + std::to_string(i + 1) + " is not an object");
            else
                m_records.push_back({std::move(elements[i]), line, has_lines ? offsets[i] : 0});
        }
    }

    // A field no object has is a problem of the file, reported once rather than per object.
    bool check_fields() {
        std::vector<std::string> keys;
        std::unordered_set<std::string> seen;
        for (const auto& record : m_records)
            for (const auto& item : record.value.items())
                if (seen.insert(item.key()).second)
                    keys.push_back(item.key());
        std::vector<std::string_view> names(keys.begin(), keys.end());
        ColumnLayout present;
        for (std::size_t i = 0; i < names.size(); ++i)
            if (auto match = m_matcher.match(names[i]))
                present.index[field_index(match->field)] = i;
        if (m_records.empty())
            return true;
        // Reported at the first object, as a CSV reports a missing column at its header.
        auto missing = missing_column_errors(present, names, m_options, "key");
        for (auto& message : missing)
            error(m_records.front().line, 0, std::move(message));
        return missing.empty();
    }

    // Objects of one export usually share their keys, so the layout is reused while they do.
    const ColumnLayout* layout_for(const std::vector<std::string_view>& keys, std::size_t line) {
        if (keys != m_layout_keys) {
            m_layout_keys_storage.assign(keys.begin(), keys.end());
            m_layout_keys.assign(m_layout_keys_storage.begin(), m_layout_keys_storage.end());
            auto mapped = map_columns(keys, m_matcher, "key");
            m_layout = mapped.layout;
            m_layout_errors = std::move(mapped.errors);
        }
        for (const auto& message : m_layout_errors)
            error(line, 0, message);
        return m_layout_errors.empty() ? &m_layout : nullptr;
    }

    // The line and column of a field's value in the record being read: found by a scan of
    // the record's text, done only for a row with an error.
    std::pair<std::size_t, std::size_t> locate(const RawRow& row, Field field) const {
        if (!m_current || m_current->line == 0)
            return {row.line, 0};
        const auto& index = m_current_layout->index[field_index(field)];
        if (!index)
            return {row.line, 0};
        auto value = member_value_offset(m_text, m_current->offset, m_current_keys[*index]);
        if (!value)
            return {row.line, 0};
        std::string_view before = m_text.substr(m_current->offset, *value - m_current->offset);
        std::size_t line = m_current->line +
                           static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
        auto line_start = m_text.rfind('\n', *value - 1);
        std::size_t column =
            line_start == std::string_view::npos || *value == 0 ? *value + 1 : *value - line_start;
        return {line, column};
    }

    void read_record(const JsonRecord& record) {
        ++m_result.rows;
        std::vector<std::string_view>& keys = m_current_keys;
        keys.clear();
        std::vector<const Json*> values;
        for (const auto& item : record.value.items()) {
            keys.push_back(item.key());
            values.push_back(&item.value());
        }
        const ColumnLayout* layout = layout_for(keys, record.line);
        if (!layout)
            return;
        m_current = &record;
        m_current_layout = layout;
        RawRow row;
        row.line = record.line;
        bool is_valid = true;
        for (std::size_t slot = 0; slot < k_field_count; ++slot) {
            const auto& index = layout->index[slot];
            if (!index)
                continue;
            const Json& value = *values[*index];
            std::string& text = m_texts[slot];
            if (value.is_string()) {
                row.values[slot] = value.get_ref<const std::string&>();
            } else if (value.is_number_integer()) {
                text = value.dump();
                row.values[slot] = text;
            } else if (value.is_number()) {
                text = fmt::format("{}", value.get<double>());
                row.values[slot] = text;
            } else if (!value.is_null()) {
                error(record.line, 0,
                      quoted_text(keys[*index]) + " holds " + std::string(value.type_name()) +
                          "; it must be a string, a number or null");
                is_valid = false;
            }
        }
        if (is_valid)
            build_attempt(row, m_context, m_result);
    }

    const ReadOptions& m_options;
    ColumnMatcher m_matcher;
    RowContext m_context;
    ReadResult m_result;
    std::vector<JsonRecord> m_records;
    std::vector<std::string> m_layout_keys_storage;
    std::vector<std::string_view> m_layout_keys;
    ColumnLayout m_layout;
    std::vector<std::string> m_layout_errors;
    std::array<std::string, k_field_count> m_texts;
    std::string_view m_text;
    const JsonRecord* m_current = nullptr;
    const ColumnLayout* m_current_layout = nullptr;
    std::vector<std::string_view> m_current_keys;
};

// A pretty-printed document also starts with '{', so NDJSON is recognised by its first line
// being a whole object with more after it.
bool looks_like_ndjson(std::string_view text) {
    std::string_view rest = trim(text);
    if (rest.empty() || rest.front() != '{')
        return false;
    auto end = rest.find('\n');
    if (end == std::string_view::npos)
        return false;
    return Json::accept(rest.substr(0, end)) && !trim(rest.substr(end)).empty();
}

} // namespace

ReadResult read_json(std::string_view text, std::string_view file_name, const ReadOptions& options,
                     bool is_ndjson) {
    text = strip_byte_order_mark(text);
    JsonAttemptReader reader(file_name, options);
    if (is_ndjson) {
        reader.split_lines(text);
        return reader.finish();
    }
    try {
        reader.split_document(text, parse_strict_json(text));
    } catch (const StrictJsonError& refusal) {
        auto position = position_of(text, refusal.offset());
        reader.error(position.line, position.column, refusal.what());
    } catch (const Json::exception& exception) {
        if (looks_like_ndjson(text)) {
            reader.split_lines(text);
        } else {
            auto syntax = syntax_error(text, exception);
            reader.error(syntax.position.line, syntax.position.column, std::move(syntax.message));
        }
    }
    return reader.finish();
}

} // namespace gradepost::input
