#include "input/format_detection.hpp"

#include "input/text.hpp"

#include <array>
#include <vector>

namespace gradepost::input {

namespace {

constexpr std::size_t k_lines_sampled = 20;
constexpr std::array<char, 3> k_delimiters = {'\t', ';', ','};

std::string lowercase_extension(std::string_view file_name) {
    auto slash = file_name.find_last_of("/\\");
    if (slash != std::string_view::npos)
        file_name.remove_prefix(slash + 1);
    auto dot = file_name.rfind('.');
    if (dot == std::string_view::npos)
        return {};
    std::string extension;
    for (char c : file_name.substr(dot + 1))
        extension += to_lower_ascii(c);
    return extension;
}

// For each candidate delimiter, the number of fields of each of the first records, honouring
// quotes (a quoted field may span lines); `is_complete` once all the sampled lines ended.
std::array<std::vector<std::size_t>, 3> count_fields(std::string_view text,
                                                     bool* is_complete = nullptr) {
    std::array<std::vector<std::size_t>, 3> counts;
    if (is_complete)
        *is_complete = false;
    std::array<std::size_t, 3> current = {1, 1, 1};
    bool in_quotes = false;
    bool line_has_content = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '"') {
            in_quotes = !in_quotes;
            line_has_content = true;
            continue;
        }
        if (in_quotes)
            continue;
        if (c == '\n' || c == '\r') {
            if (line_has_content)
                for (std::size_t k = 0; k < k_delimiters.size(); ++k)
                    counts[k].push_back(current[k]);
            current = {1, 1, 1};
            line_has_content = false;
            if (counts[0].size() == k_lines_sampled) {
                if (is_complete)
                    *is_complete = true;
                break;
            }
            continue;
        }
        line_has_content = true;
        for (std::size_t k = 0; k < k_delimiters.size(); ++k)
            if (c == k_delimiters[k])
                ++current[k];
    }
    if (line_has_content && counts[0].size() < k_lines_sampled)
        for (std::size_t k = 0; k < k_delimiters.size(); ++k)
            counts[k].push_back(current[k]);
    return counts;
}

} // namespace

std::string_view strip_byte_order_mark(std::string_view text) {
    if (text.starts_with("\xEF\xBB\xBF"))
        text.remove_prefix(3);
    return text;
}

DetectedFormat detect_format(std::string_view text, std::string_view file_name, Format requested) {
    std::string extension = lowercase_extension(file_name);
    bool is_ndjson = extension == "ndjson" || extension == "jsonl";
    if (requested != Format::automatic)
        return {requested, requested == Format::json && is_ndjson};
    if (extension == "csv" || extension == "tsv" || extension == "txt")
        return {Format::csv, false};
    if (extension == "json" || is_ndjson)
        return {Format::json, is_ndjson};
    std::string_view content = trim(strip_byte_order_mark(text));
    if (!content.empty() && (content.front() == '[' || content.front() == '{'))
        return {Format::json, false};
    return {Format::csv, false};
}

bool holds_format_sample(std::string_view text) {
    return !trim(strip_byte_order_mark(text)).empty();
}

bool holds_delimiter_sample(std::string_view text) {
    bool is_complete = false;
    count_fields(strip_byte_order_mark(text), &is_complete);
    return is_complete;
}

char detect_delimiter(std::string_view text) {
    auto counts = count_fields(strip_byte_order_mark(text));
    if (counts[0].empty())
        return ',';
    for (std::size_t k = 0; k < k_delimiters.size(); ++k) {
        const auto& fields = counts[k];
        bool is_consistent = fields.front() >= 2;
        for (std::size_t count : fields)
            is_consistent = is_consistent && count == fields.front();
        if (is_consistent)
            return k_delimiters[k];
    }
    std::size_t best = k_delimiters.size() - 1;
    for (std::size_t k = 0; k < k_delimiters.size(); ++k)
        if (counts[k].front() > counts[best].front())
            best = k;
    return k_delimiters[best];
}

} // namespace gradepost::input
