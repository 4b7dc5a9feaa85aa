#include "input/column_mapping.hpp"

#include "input/text.hpp"
#include "input/value_parsing.hpp"

namespace gradepost::input {

namespace {

constexpr int k_rank_exact = 0;
constexpr int k_rank_normalized = 1;
constexpr int k_rank_without_id = 2;
constexpr int k_rank_defaults = 10;
constexpr int k_rank_localized = 100;
constexpr std::size_t k_most_names_listed = 20;

// Moodle's "Grade" in French, German, Spanish, Italian, Portuguese and Dutch, normalised.
constexpr std::array<std::string_view, 6> k_localized_grade_names = {
    "note", "bewertung", "calificación", "valutazione", "nota", "cijfer"};

constexpr std::array<Field, k_field_count> k_fields = {
    Field::user,    Field::score,   Field::maximum, Field::submitted,
    Field::attempt, Field::comment, Field::status,  Field::url,
};

// "Grade/10.00" → name "Grade", maximum 10. Either decimal mark: the header of a ';' file
// writes "10,00".
struct HeaderParts {
    std::string_view name;
    std::optional<double> maximum;
};

HeaderParts split_maximum(std::string_view header) {
    auto slash = header.rfind('/');
    if (slash == std::string_view::npos)
        return {header, std::nullopt};
    auto maximum = parse_number(header.substr(slash + 1), "maximum", true);
    if (!maximum.value)
        return {header, std::nullopt};
    return {trim(header.substr(0, slash)), maximum.value};
}

// Canvas names gradebook columns "Quiz 1 (123)"; the number is the assignment id.
std::optional<std::string_view> strip_assignment_id(std::string_view header) {
    if (header.size() < 4 || header.back() != ')')
        return std::nullopt;
    auto open = header.rfind(" (");
    if (open == std::string_view::npos || open + 3 > header.size() - 1)
        return std::nullopt;
    for (char c : header.substr(open + 2, header.size() - open - 3))
        if (c < '0' || c > '9')
            return std::nullopt;
    return header.substr(0, open);
}

std::string list_names(std::span<const std::string_view> names) {
    std::string list;
    for (std::size_t i = 0; i < names.size() && i < k_most_names_listed; ++i) {
        if (i > 0)
            list += ", ";
        list += quoted_text(trim(names[i]));
    }
    if (names.size() > k_most_names_listed)
        list += ", ...";
    return list.empty() ? "none" : list;
}

} // namespace

std::span<const std::string_view> default_column_names(Field field) {
    static constexpr std::string_view k_user[] = {"user_id", "userId",     "lti_user_id",
                                                  "sub",     "student_id", "id"};
    static constexpr std::string_view k_score[] = {"score", "scoreGiven", "points", "grade",
                                                   "total"};
    static constexpr std::string_view k_maximum[] = {"max", "max_score", "scoreMaximum",
                                                     "points_possible", "out_of"};
    static constexpr std::string_view k_submitted[] = {"submitted_at", "submittedAt", "submitted",
                                                       "finished_at",  "completed",   "timestamp"};
    static constexpr std::string_view k_attempt[] = {"attempt", "attempt_number", "attempt_id"};
    static constexpr std::string_view k_comment[] = {"comment", "feedback"};
    static constexpr std::string_view k_status[] = {"status", "state", "grading_status"};
    switch (field) {
    case Field::user:
        return k_user;
    case Field::score:
        return k_score;
    case Field::maximum:
        return k_maximum;
    case Field::submitted:
        return k_submitted;
    case Field::attempt:
        return k_attempt;
    case Field::comment:
        return k_comment;
    case Field::status:
        return k_status;
    case Field::url:
        return {}; // only a mapped column: a stray "url" column is not attached
    }
    return {};
}

std::span<const std::string_view> email_column_names() {
    // Moodle's "Email address" in English, French, German, Spanish, Italian, Portuguese and
    // Dutch; then what other exports and spreadsheets call it.
    static constexpr std::string_view k_names[] = {
        "email",
        "Email address",
        "Adresse de courriel",
        "E-Mail-Adresse",
        "Dirección de correo",
        "Indirizzo email",
        "Endereço de email",
        "E-mailadres",
        "Adresse e-mail",
        "Correo electrónico",
        "e-mail address",
        "mail",
        "user_email",
    };
    return k_names;
}

ColumnMatcher::ColumnMatcher(const std::map<Field, std::string>& column_for, bool user_is_email) {
    for (const auto& [field, column] : column_for) {
        m_mapped[field_index(field)] = std::string(trim(column));
        m_mapped_normalized[field_index(field)] = normalize_name(column);
    }
    for (Field field : k_fields) {
        if (m_mapped[field_index(field)])
            continue;
        int rank = k_rank_defaults;
        // The e-mail column wins over an id column: the values are matched as addresses.
        if (field == Field::user && user_is_email)
            for (auto name : email_column_names())
                m_defaults.push_back({normalize_name(name), field, rank++});
        for (auto name : default_column_names(field))
            m_defaults.push_back({normalize_name(name), field, rank++});
    }
}

std::optional<ColumnMatch> ColumnMatcher::match(std::string_view name) const {
    name = trim(name);
    HeaderParts parts = split_maximum(name);
    std::string normalized = normalize_name(name);
    std::string normalized_base = parts.maximum ? normalize_name(parts.name) : std::string();

    // A --map claims its column before any default name can.
    std::optional<ColumnMatch> best;
    for (Field field : k_fields) {
        const auto& mapped = m_mapped[field_index(field)];
        if (!mapped)
            continue;
        const std::string& target = m_mapped_normalized[field_index(field)];
        std::optional<int> rank;
        if (name == *mapped)
            rank = k_rank_exact;
        else if (normalized == target ||
                 (field == Field::score && parts.maximum && normalized_base == target))
            rank = k_rank_normalized;
        else if (auto base = strip_assignment_id(name); base && normalize_name(*base) == target)
            rank = k_rank_without_id;
        if (rank && (!best || *rank < best->rank))
            best = ColumnMatch{field, *rank, field == Field::score ? parts.maximum : std::nullopt};
    }
    if (best)
        return best;

    for (const auto& candidate : m_defaults) {
        if (normalized == candidate.normalized)
            return ColumnMatch{candidate.field, candidate.rank, std::nullopt};
        if (candidate.field == Field::score && parts.maximum &&
            normalized_base == candidate.normalized)
            return ColumnMatch{candidate.field, candidate.rank, parts.maximum};
    }

    // Moodle writes its grade header in the course's language ("Note/10,00"). Only with a
    // maximum after it: a bare "Note" column is more likely a comment than a grade.
    if (parts.maximum && !m_mapped[field_index(Field::score)])
        for (auto grade : k_localized_grade_names)
            if (normalized_base == grade)
                return ColumnMatch{Field::score, k_rank_localized, parts.maximum};
    return std::nullopt;
}

std::size_t ColumnLayout::column(Field field) const {
    const auto& position = index[field_index(field)];
    return position ? *position + 1 : 0;
}

LayoutResult map_columns(std::span<const std::string_view> names, const ColumnMatcher& matcher,
                         std::string_view noun) {
    LayoutResult result;
    std::array<std::optional<ColumnMatch>, k_field_count> best;
    std::array<std::vector<std::size_t>, k_field_count> tied;
    for (std::size_t column = 0; column < names.size(); ++column) {
        auto match = matcher.match(names[column]);
        if (!match)
            continue;
        auto slot = field_index(match->field);
        if (!best[slot] || match->rank < best[slot]->rank) {
            best[slot] = match;
            tied[slot].assign(1, column);
        } else if (match->rank == best[slot]->rank) {
            tied[slot].push_back(column);
        }
    }
    for (Field field : k_fields) {
        auto slot = field_index(field);
        if (!best[slot])
            continue;
        if (tied[slot].size() > 1) {
            std::string message =
                "two " + std::string(noun) + "s hold the " + std::string(field_key(field)) + ": ";
            for (std::size_t k = 0; k < 2; ++k) {
                std::size_t column = tied[slot][k];
                message += (k == 0 ? "" : " and ") + quoted_text(trim(names[column]));
                if (noun == "column")
                    message += " (column " + std::to_string(column + 1) + ")";
            }
            result.errors.push_back(std::move(message));
            result.layout.is_ambiguous[slot] = true;
            continue;
        }
        result.layout.index[slot] = tied[slot].front();
        if (field == Field::score && best[slot]->maximum) {
            if (*best[slot]->maximum > 0)
                result.layout.score_maximum = best[slot]->maximum;
            else
                result.errors.push_back(std::string(noun) + " " +
                                        quoted_text(trim(names[tied[slot].front()])) +
                                        " gives a maximum that is not greater than 0");
        }
    }
    return result;
}

std::vector<std::string> missing_column_errors(const ColumnLayout& layout,
                                               std::span<const std::string_view> names,
                                               const ReadOptions& options, std::string_view noun) {
    std::vector<std::string> errors;
    std::string found = "found: " + list_names(names);
    auto is_found = [&](Field field) {
        return layout.has(field) || layout.is_ambiguous[field_index(field)];
    };
    for (const auto& [field, column] : options.column_for)
        if (!is_found(field))
            errors.push_back("no " + std::string(noun) + " " + quoted_text(column) + " for --map " +
                             std::string(field_key(field)) + " (" + found + ")");
    auto require = [&](Field field) {
        if (is_found(field) || options.column_for.count(field))
            return;
        errors.push_back("no " + std::string(field_key(field)) + " " + std::string(noun) + " (" +
                         found + "); name it with --map " + std::string(field_key(field)) + "=" +
                         (noun == "key" ? "KEY" : "COLUMN"));
    };
    require(Field::user);
    if (!is_found(Field::status))
        require(Field::score);
    return errors;
}

} // namespace gradepost::input
