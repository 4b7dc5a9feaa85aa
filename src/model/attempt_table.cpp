#include "model/attempt_table.hpp"

#include <algorithm>
#include <functional>
#include <limits>
#include <stdexcept>

namespace gradepost::model {

static_assert(sizeof(AttemptTable::Row) == 64, "a row is one cache line");

std::uint32_t AttemptTable::Strings::number_of(std::string_view text) {
    if (m_slots.size() < 2 * (m_ends.size() + 1))
        grow();
    const std::uint64_t hash = std::hash<std::string_view>{}(text);
    const std::uint64_t tag = hash >> 32 << 32;
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t slot = hash & mask;; slot = (slot + 1) & mask) {
        std::uint64_t entry = m_slots[slot];
        if (entry == 0) {
            if (m_ends.size() >= std::numeric_limits<std::uint32_t>::max() - 1)
                throw std::length_error("more than 4 billion distinct texts in one export");
            auto number = static_cast<std::uint32_t>(m_ends.size());
            m_chars.append(text);
            m_ends.push_back(m_chars.size());
            m_slots[slot] = tag | (number + 1);
            return number;
        }
        if ((entry >> 32 << 32) == tag && this->text((entry & 0xffffffffU) - 1) == text)
            return static_cast<std::uint32_t>((entry & 0xffffffffU) - 1);
    }
}

// Twice as many slots (at most half full), every string placed again.
void AttemptTable::Strings::grow() {
    std::vector<std::uint64_t> slots(std::max<std::size_t>(64, m_slots.size() * 2), 0);
    const std::size_t mask = slots.size() - 1;
    for (std::size_t number = 0; number < m_ends.size(); ++number) {
        const std::uint64_t hash = std::hash<std::string_view>{}(text(number));
        std::size_t slot = hash & mask;
        while (slots[slot] != 0)
            slot = (slot + 1) & mask;
        slots[slot] = (hash >> 32 << 32) | (number + 1);
    }
    m_slots = std::move(slots);
}

AttemptTable::AttemptTable(std::size_t rows_in_memory) : m_rows(rows_in_memory) {
    m_texts.number_of({});
}

AttemptTable::AttemptTable(std::span<const Attempt> attempts) : AttemptTable() {
    m_rows.reserve(attempts.size());
    for (const Attempt& attempt : attempts)
        push_back(attempt);
}

std::uint16_t AttemptTable::file_number(const std::string& file) {
    // Rows come file after file: the last one is nearly always the one.
    if (!m_files.empty() && m_files.back() == file)
        return static_cast<std::uint16_t>(m_files.size() - 1);
    for (std::size_t i = 0; i < m_files.size(); ++i)
        if (m_files[i] == file)
            return static_cast<std::uint16_t>(i);
    if (m_files.size() > std::numeric_limits<std::uint16_t>::max())
        throw std::length_error("more than 65,536 export files in one run");
    m_files.push_back(file);
    return static_cast<std::uint16_t>(m_files.size() - 1);
}

void AttemptTable::push_row(Row row) {
    if (m_rows.size() >= std::numeric_limits<std::uint32_t>::max())
        throw std::length_error("more than 4 billion rows in one run");
    row.position = static_cast<std::uint32_t>(m_rows.size());
    m_rows.push_back(row);
}

void AttemptTable::push_back(const Attempt& attempt, const std::string& file) {
    if (attempt.where.line > std::numeric_limits<std::uint32_t>::max())
        throw std::length_error("an export of more than 4 billion lines");
    Row row;
    row.student = m_users.number_of(attempt.user_id);
    if (attempt.score) {
        row.score = *attempt.score;
        row.known |= k_score;
    }
    if (attempt.maximum) {
        row.maximum = *attempt.maximum;
        row.known |= k_maximum;
    }
    if (attempt.submitted_at) {
        row.submitted = attempt.submitted_at->time_since_epoch().count();
        row.known |= k_submitted;
    }
    if (attempt.attempt_number) {
        row.attempt_number = *attempt.attempt_number;
        row.known |= k_attempt_number;
    }
    row.attempt_id = attempt.attempt_id.empty() ? 0 : m_texts.number_of(attempt.attempt_id);
    row.comment = attempt.comment.empty() ? 0 : m_texts.number_of(attempt.comment);
    row.url = attempt.url.empty() ? 0 : m_texts.number_of(attempt.url);
    row.status = attempt.status;
    row.file = file_number(file);
    row.line = static_cast<std::uint32_t>(attempt.where.line);
    push_row(row);
}

void AttemptTable::append(const AttemptTable& other) {
    std::vector<std::uint16_t> files;
    for (const auto& file : other.m_files)
        files.push_back(file_number(file));
    std::vector<std::uint32_t> users(other.m_users.size());
    for (std::size_t i = 0; i < users.size(); ++i)
        users[i] = m_users.number_of(other.m_users.text(i));
    std::vector<std::uint32_t> texts(other.m_texts.size());
    for (std::size_t i = 0; i < texts.size(); ++i)
        texts[i] = m_texts.number_of(other.m_texts.text(i));
    auto add = [&](Row row) {
        row.student = users[row.student];
        row.attempt_id = texts[row.attempt_id];
        row.comment = texts[row.comment];
        row.url = texts[row.url];
        row.file = files[row.file];
        push_row(row);
    };
    other.for_each_row(add);
}

void AttemptTable::drop_rows(const std::vector<char>& is_dropped) {
    // Students are renumbered by their first remaining row: one whose first row was dropped
    // comes where its next row is, as it would had that row never been read.
    constexpr auto k_none = std::numeric_limits<std::uint32_t>::max();
    std::vector<std::uint32_t> first_remaining(m_users.size(), k_none);
    for_each_student([&](std::uint32_t student, std::span<const Row> rows) {
        for (const Row& row : rows) {
            if (!is_dropped[row.position]) {
                first_remaining[student] = row.position;
                break;
            }
        }
    });
    std::vector<std::uint32_t> students_in_order;
    for (std::uint32_t student = 0; student < first_remaining.size(); ++student)
        if (first_remaining[student] != k_none)
            students_in_order.push_back(student);
    std::sort(
        students_in_order.begin(), students_in_order.end(),
        [&](std::uint32_t a, std::uint32_t b) { return first_remaining[a] < first_remaining[b]; });
    Strings users;
    std::vector<std::uint32_t> renumbered(m_users.size(), k_none);
    for (std::uint32_t student : students_in_order)
        renumbered[student] = users.number_of(m_users.text(student));

    util::GroupedRecords<Row, &Row::student> rows(m_rows.capacity());
    auto keep = [&](Row row) {
        row.student = renumbered[row.student];
        row.position = static_cast<std::uint32_t>(rows.size());
        rows.push_back(row);
    };
    for_each_row([&](const Row& row) {
        if (!is_dropped[row.position])
            keep(row);
    });
    m_rows = std::move(rows);
    m_users = std::move(users);
}

const AttemptTable::Row& AttemptTable::row(std::size_t index) const {
    if (has_spilled())
        throw std::logic_error("rows of a table that spilled are read student by student");
    return m_rows.in_memory()[index];
}

Attempt AttemptTable::attempt(const Row& row) const {
    Attempt attempt;
    attempt.user_id = user_id(row.student);
    if (row.has(k_score))
        attempt.score = row.score;
    if (row.has(k_maximum))
        attempt.maximum = row.maximum;
    if (row.has(k_submitted))
        attempt.submitted_at = Timestamp(std::chrono::microseconds(row.submitted));
    if (row.has(k_attempt_number))
        attempt.attempt_number = row.attempt_number;
    attempt.attempt_id = text(row.attempt_id);
    attempt.comment = text(row.comment);
    attempt.url = text(row.url);
    attempt.status = row.status;
    attempt.where = {file(row.file), static_cast<std::size_t>(row.line), 0};
    return attempt;
}

Attempt AttemptTable::at(std::size_t index) const {
    if (index >= m_rows.size())
        throw std::out_of_range("no attempt " + std::to_string(index));
    return (*this)[index];
}

} // namespace gradepost::model
