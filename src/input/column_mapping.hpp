#pragma once

#include "input/read_options.hpp"

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace gradepost::input {

// Which column (CSV) or key (JSON) holds each field. Names are compared case-insensitively,
// ignoring spaces, underscores and hyphens, against DESIGN.md's default names, in its order
// (user_id wins over id). --map FIELD=COLUMN replaces a field's defaults; it also matches a
// header with a maximum ("Grade" matches "Grade/10.00") or Canvas's assignment id ("Quiz 1"
// matches "Quiz 1 (123)"). A score header "NAME/NUMBER" (Moodle's "Grade/10.00") carries the
// maximum of its rows; in that form Moodle's translations of "Grade" are known too (French
// "Note/10,00", German "Bewertung/10,00", ...). Columns no field claims may repeat or be blank.
// With --match email the user field is first looked for under the usual e-mail names, in
// Moodle's languages too ("Email address", "Adresse de courriel", "E-Mail-Adresse", ...).

inline constexpr std::size_t k_field_count = 8;

inline std::size_t field_index(Field field) {
    return static_cast<std::size_t>(field);
}

// DESIGN.md's default column names of a field, best first.
std::span<const std::string_view> default_column_names(Field field);

// The names an export gives its e-mail column, best first (for --match email).
std::span<const std::string_view> email_column_names();

struct ColumnMatch {
    Field field;
    int rank = 0;                  // lower is better: --map before defaults, earlier defaults first
    std::optional<double> maximum; // from a "Grade/10.00" header
};

class ColumnMatcher {
public:
    explicit ColumnMatcher(const std::map<Field, std::string>& column_for,
                           bool user_is_email = false);

    // The field a column name holds, if any.
    std::optional<ColumnMatch> match(std::string_view name) const;

private:
    struct DefaultName {
        std::string normalized;
        Field field;
        int rank;
    };

    std::array<std::optional<std::string>, k_field_count> m_mapped;
    std::array<std::string, k_field_count> m_mapped_normalized;
    std::vector<DefaultName> m_defaults; // of the fields without a --map
};

struct ColumnLayout {
    std::array<std::optional<std::size_t>, k_field_count> index; // 0-based column of each field
    std::optional<double> score_maximum;                         // from the score column's header
    std::array<bool, k_field_count> is_ambiguous{}; // held by two columns: already an error

    bool has(Field field) const { return index[field_index(field)].has_value(); }
    // 1-based column number for messages; 0 when the field has no column.
    std::size_t column(Field field) const;
};

struct LayoutResult {
    ColumnLayout layout;
    std::vector<std::string> errors; // two columns holding one field, a header maximum of 0
};

// Assigns each field its best-ranked column. `noun` ("column" or "key") words the messages.
LayoutResult map_columns(std::span<const std::string_view> names, const ColumnMatcher& matcher,
                         std::string_view noun);

// What is missing for reading rows: the user column, the score column (unless a status
// column gives each row's state), any --map column. Messages list the names found.
std::vector<std::string> missing_column_errors(const ColumnLayout& layout,
                                               std::span<const std::string_view> names,
                                               const ReadOptions& options, std::string_view noun);

} // namespace gradepost::input
