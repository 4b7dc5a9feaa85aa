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

AttemptTable::AttemptTable() {
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

void AttemptTable::push_back(const Attempt& attempt, const std::string& file) {
    Row& row = m_rows.emplace_back();
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
    row.line = attempt.where.line;
}

void AttemptTable::append(const AttemptTable& other) {
    m_rows.reserve(m_rows.size() + other.m_rows.size());
    std::vector<std::uint16_t> files;
    for (const auto& file : other.m_files)
        files.push_back(file_number(file));
    std::vector<std::uint32_t> users(other.m_users.size());
    for (std::size_t i = 0; i < users.size(); ++i)
        users[i] = m_users.number_of(other.m_users.text(i));
    std::vector<std::uint32_t> texts(other.m_texts.size());
    for (std::size_t i = 0; i < texts.size(); ++i)
        texts[i] = m_texts.number_of(other.m_texts.text(i));
    for (Row row : other.m_rows) {
        row.student = users[row.student];
        row.attempt_id = texts[row.attempt_id];
        row.comment = texts[row.comment];
        row.url = texts[row.url];
        row.file = files[row.file];
        m_rows.push_back(row);
    }
}

void AttemptTable::drop_rows(const std::vector<char>& is_dropped) {
    // Students are renumbered by their first remaining row: one whose first row was dropped
    // comes where its next row is, as it would had that row never been read.
    Strings users;
    std::vector<std::uint32_t> renumbered(m_users.size(),
                                          std::numeric_limits<std::uint32_t>::max());
    std::size_t kept = 0;
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        if (is_dropped[i])
            continue;
        Row row = m_rows[i];
        auto& number = renumbered[row.student];
        if (number == std::numeric_limits<std::uint32_t>::max())
            number = users.number_of(m_users.text(row.student));
        row.student = number;
        m_rows[kept++] = row;
    }
    m_rows.resize(kept);
    m_users = std::move(users);
}

Attempt AttemptTable::operator[](std::size_t index) const {
    const Row& row = m_rows[index];
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

std::vector<Attempt> AttemptTable::to_attempts() const {
    std::vector<Attempt> attempts;
    attempts.reserve(m_rows.size());
    for (std::size_t i = 0; i < m_rows.size(); ++i)
        attempts.push_back((*this)[i]);
    return attempts;
}

} // namespace gradepost::model
