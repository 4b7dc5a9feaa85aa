#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace gradepost::input {

enum class Format { automatic, csv, json };

// The fields gradepost reads from an export (DESIGN.md, "Input").
// `url` (a link to the attempt, attached on Canvas) is read only when mapped.
enum class Field { user, score, maximum, submitted, attempt, comment, status, url };

// The FIELD of --map FIELD=COLUMN: user, score, max (or maximum), submitted, attempt, comment,
// status, url, case-insensitively. Empty optional for anything else.
std::optional<Field> parse_field(std::string_view key);

// The key --map takes for a field ("max" for Field::maximum).
std::string_view field_key(Field field);

// How to read attempt exports; filled from post/dry-run flags.
struct ReadOptions {
    Format format = Format::automatic;
    std::optional<char> delimiter;           // --delimiter; auto-detected among , ; tab
    bool decimal_comma = false;              // --decimal-comma (implied by ';')
    std::map<Field, std::string> column_for; // --map FIELD=COLUMN
    std::optional<double> default_maximum;   // --max
    bool allow_over_max = false;             // --allow-over-max
    bool skip_invalid = false;               // --skip-invalid: report bad rows and go on
    bool user_is_email = false;     // --match email: the user column may be the e-mail column
    bool url_must_be_https = false; // --canvas-attach-file: Canvas fetches it
};

} // namespace gradepost::input
