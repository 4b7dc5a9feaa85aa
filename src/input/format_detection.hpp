#pragma once

#include "input/read_options.hpp"

#include <string_view>

namespace gradepost::input {

// How to read one file: the reader, and for JSON whether it holds one object per line.
struct DetectedFormat {
    Format format = Format::csv;
    bool is_ndjson = false; // by extension (.ndjson, .jsonl); otherwise the JSON reader decides
};

// --format wins; otherwise the extension (.csv .tsv .txt → CSV; .json .ndjson .jsonl → JSON),
// then the content (first non-blank character '[' or '{' → JSON), else CSV.
DetectedFormat detect_format(std::string_view text, std::string_view file_name, Format requested);

// The CSV delimiter among tab, ';' and ',': the first that splits the header into at least
// two fields and every one of the first lines into as many; failing that, the one most frequent
// in the header; ',' when none occurs. Quotes are respected.
char detect_delimiter(std::string_view text);

// Whether `text`, the beginning of a file, has all the lines detect_delimiter samples: it
// then finds the same delimiter as in the whole file.
bool holds_delimiter_sample(std::string_view text);

// Whether `text`, the beginning of a file, is enough for detect_format to see its content.
bool holds_format_sample(std::string_view text);

// `text` without a leading UTF-8 byte order mark.
std::string_view strip_byte_order_mark(std::string_view text);

} // namespace gradepost::input
