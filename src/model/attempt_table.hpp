#pragma once

#include "model/attempt.hpp"
#include "util/grouped_records.hpp"

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace gradepost::model {

// Many attempts, held compactly: 64 bytes a row instead of a model::Attempt's ~250 plus its
// strings, and no allocation per row. Each distinct string (user id, attempt id, comment,
// url, file name) is stored once and rows refer to it by number. Students are numbered in
// order of their first row. Rows are read student by student (for_each_student); past
// `rows_in_memory` they wait in a temporary file (util::GroupedRecords), so memory is bounded
// by students and strings, not rows: 10 million rows take what 250,000 do. Until then they
// can also be read by position, as model::Attempt values.
class AttemptTable {
public:
    // One attempt. Texts are numbers from text(); 0 is the empty text.
    struct Row {
        double score = 0;                // when has(k_score)
        double maximum = 0;              // when has(k_maximum)
        std::int64_t submitted = 0;      // microseconds since the epoch, when has(k_submitted)
        std::int64_t attempt_number = 0; // when has(k_attempt_number)
        std::uint32_t line = 0;
        std::uint32_t position = 0; // in the order rows were added, from 0
        std::uint32_t student = 0;
        std::uint32_t attempt_id = 0;
        std::uint32_t comment = 0;
        std::uint32_t url = 0;
        std::uint16_t file = 0;
        AttemptStatus status = AttemptStatus::graded;
        std::uint8_t known = 0;

        bool has(std::uint8_t flag) const { return (known & flag) != 0; }
        bool is_graded() const { return status == AttemptStatus::graded && has(k_score); }
    };
    static constexpr std::uint8_t k_score = 1;
    static constexpr std::uint8_t k_maximum = 2;
    static constexpr std::uint8_t k_submitted = 4;
    static constexpr std::uint8_t k_attempt_number = 8;

    // 16 MB of rows: past it, more memory buys little time (rows are written once and read
    // back twice, at the speed of the page cache).
    static constexpr std::size_t k_rows_in_memory = std::size_t{1} << 18;

    explicit AttemptTable(std::size_t rows_in_memory = k_rows_in_memory);
    explicit AttemptTable(std::span<const Attempt> attempts);

    void reserve(std::size_t rows) { m_rows.reserve(rows); }
    void push_back(const Attempt& attempt) { push_back(attempt, attempt.where.file); }
    // The attempt read from `file` (its where.file unused): no copy of the name per row.
    void push_back(const Attempt& attempt, const std::string& file);
    // Appends every row of `other`, its strings numbered in this table.
    void append(const AttemptTable& other);
    // Keeps the rows whose entry in `is_dropped` (by Row::position) is 0; students are
    // numbered again by their first remaining row, and rows' positions count from 0 again.
    void drop_rows(const std::vector<char>& is_dropped);

    // Calls visit(student, std::span<const Row>) for each student with rows, students in
    // their order, each one's rows in the order added.
    template <class Visit> void for_each_student(Visit&& visit) const {
        m_rows.for_each_group(std::forward<Visit>(visit));
    }

    std::size_t size() const { return m_rows.size(); }
    bool empty() const { return m_rows.empty(); }
    // Whether rows wait in a temporary file: then they are read only by for_each_student.
    bool has_spilled() const { return m_rows.has_spilled(); }
    // How many rows are held in memory before the rest wait in a temporary file.
    std::size_t rows_in_memory() const { return m_rows.capacity(); }
    // By position; only while !has_spilled() (std::logic_error after).
    const Row& row(std::size_t index) const;
    std::size_t student_count() const { return m_users.size(); }
    std::string_view user_id(std::size_t student) const { return m_users.text(student); }
    std::string_view text(std::uint32_t number) const { return m_texts.text(number); }
    const std::string& file(std::uint16_t number) const { return m_files[number]; }

    Attempt attempt(const Row& row) const;
    // By position, as row(): only while !has_spilled().
    Attempt operator[](std::size_t index) const { return attempt(row(index)); }
    Attempt at(std::size_t index) const; // throws std::out_of_range past the end

    class Iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = Attempt;
        using difference_type = std::ptrdiff_t;
        using pointer = void;
        using reference = Attempt;

        // By position: only while !has_spilled().
        Iterator(const AttemptTable* table, std::size_t index) : m_table(table), m_index(index) {}
        Attempt operator*() const { return (*m_table)[m_index]; }
        Iterator& operator++() {
            ++m_index;
            return *this;
        }
        bool operator==(const Iterator&) const = default;

    private:
        const AttemptTable* m_table;
        std::size_t m_index;
    };
    Iterator begin() const { return {this, 0}; }
    Iterator end() const { return {this, m_rows.size()}; }

private:
    // Distinct strings numbered from 0 in order of arrival, kept end to end in one buffer and
    // found through an open-addressing index: a lookup per row is one probe, where a node-based
    // map of a hundred thousand users missed the cache on every row.
    class Strings {
    public:
        std::uint32_t number_of(std::string_view text);
        std::string_view text(std::size_t number) const {
            return std::string_view(m_chars).substr(m_ends[number] - length(number),
                                                    length(number));
        }
        std::size_t size() const { return m_ends.size(); }

    private:
        std::size_t length(std::size_t number) const {
            return m_ends[number] - (number == 0 ? 0 : m_ends[number - 1]);
        }
        void grow();

        std::string m_chars;
        std::vector<std::size_t> m_ends; // where each string ends in m_chars
        // Slot: the upper half of the string's hash, and its number + 1 (0: empty).
        std::vector<std::uint64_t> m_slots;
    };

    std::uint16_t file_number(const std::string& file);
    void push_row(Row row);
    // Calls visit(row) for every row: in the order added while all are in memory, else
    // student by student (each student's rows still in order, students by their first row).
    template <class Visit> void for_each_row(Visit&& visit) const {
        if (!has_spilled()) {
            for (const Row& row : m_rows.in_memory())
                visit(row);
            return;
        }
        for_each_student([&](std::uint32_t, std::span<const Row> rows) {
            for (const Row& row : rows)
                visit(row);
        });
    }

    util::GroupedRecords<Row, &Row::student> m_rows;
    Strings m_users;
    Strings m_texts; // attempt ids, comments, urls; number 0 is ""
    std::vector<std::string> m_files;
};

} // namespace gradepost::model
