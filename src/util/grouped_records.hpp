#pragma once

#include "util/temporary_file.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <type_traits>
#include <vector>

namespace gradepost::util {

// Records grouped by a number, such as rows by student, read back one group at a time:
// groups in ascending order, each group's records in the order they were added. Up to
// `records_in_memory` records are held in memory; beyond that each full buffer is sorted by
// group and written to a temporary file as a run, and reading merges the runs, so memory
// stays at about twice the buffer (the buffer and the runs' read-ahead) however many records
// there are. An external merge sort, as sort(1) does it.
template <class Record, std::uint32_t Record::*Group> class GroupedRecords {
    static_assert(std::is_trivially_copyable_v<Record>, "records are written as bytes");

public:
    explicit GroupedRecords(std::size_t records_in_memory)
        : m_capacity(std::max<std::size_t>(records_in_memory, 1)) {}

    void reserve(std::size_t records) { m_buffer.reserve(std::min(records, m_capacity)); }

    void push_back(const Record& record) {
        if (m_buffer.size() == m_capacity)
            spill();
        m_groups = std::max(m_groups, std::size_t{record.*Group} + 1);
        m_buffer.push_back(record);
    }

    std::size_t size() const { return m_spilled + m_buffer.size(); }
    bool empty() const { return size() == 0; }
    std::size_t capacity() const { return m_capacity; }
    // Whether some records are in the temporary file; until then in_memory() holds them all.
    bool has_spilled() const { return m_spilled > 0; }
    // The records still in memory, in the order added: all of them until has_spilled().
    std::span<const Record> in_memory() const { return m_buffer; }
    std::span<Record> in_memory() { return m_buffer; }

    // Calls visit(group, std::span<const Record>) once for each group that has records.
    template <class Visit> void for_each_group(Visit&& visit) const {
        std::vector<Cursor> cursors;
        const std::size_t read_ahead =
            std::max<std::size_t>(1024, m_capacity / std::max<std::size_t>(1, m_runs.size()));
        for (const Run& run : m_runs)
            cursors.emplace_back(run, read_ahead);
        cursors.emplace_back(m_buffer, sorted_by_group(m_buffer));
        std::vector<Record> group;
        for (;;) {
            std::uint32_t next = 0;
            bool has_next = false;
            for (Cursor& cursor : cursors) {
                if (const Record* head = cursor.head(*this)) {
                    if (!has_next || head->*Group < next)
                        next = head->*Group;
                    has_next = true;
                }
            }
            if (!has_next)
                return;
            group.clear();
            // Runs in the order written, then the buffer: records of a group in order added.
            for (Cursor& cursor : cursors)
                for (const Record* head; (head = cursor.head(*this)) && head->*Group == next;)
                    group.push_back(*cursor.take());
            visit(next, std::span<const Record>(group));
        }
    }

private:
    struct Run {
        std::uint64_t offset = 0;
        std::size_t count = 0;
    };

    // Reads one run (a piece at a time) or walks the buffer in group order.
    class Cursor {
    public:
        Cursor(const Run& run, std::size_t read_ahead)
            : m_run(run), m_read_ahead(std::min(read_ahead, run.count)) {}
        Cursor(const std::vector<Record>& buffer, std::vector<std::uint32_t> order)
            : m_memory(&buffer), m_order(std::move(order)) {}

        const Record* head(const GroupedRecords& records) {
            if (m_memory != nullptr)
                return m_next < m_order.size() ? &(*m_memory)[m_order[m_next]] : nullptr;
            if (m_next == m_piece.size() && m_read < m_run.count)
                read_piece(records);
            return m_next < m_piece.size() ? &m_piece[m_next] : nullptr;
        }
        const Record* take() {
            const Record* record =
                m_memory != nullptr ? &(*m_memory)[m_order[m_next]] : &m_piece[m_next];
            ++m_next;
            return record;
        }

    private:
        void read_piece(const GroupedRecords& records) {
            m_piece.resize(std::min(m_read_ahead, m_run.count - m_read));
            records.m_file->read(m_run.offset + m_read * sizeof(Record), m_piece.data(),
                                 m_piece.size() * sizeof(Record));
            m_read += m_piece.size();
            m_next = 0;
        }

        Run m_run;
        std::size_t m_read_ahead = 0;
        std::size_t m_read = 0;
        std::vector<Record> m_piece;
        const std::vector<Record>* m_memory = nullptr;
        std::vector<std::uint32_t> m_order;
        std::size_t m_next = 0;
    };

    // Positions of the buffer's records by group, stable: a counting sort, no comparisons.
    std::vector<std::uint32_t> sorted_by_group(const std::vector<Record>& records) const {
        std::vector<std::uint32_t> starts(m_groups + 1, 0);
        for (const Record& record : records)
            ++starts[record.*Group + 1];
        for (std::size_t group = 1; group < starts.size(); ++group)
            starts[group] += starts[group - 1];
        std::vector<std::uint32_t> order(records.size());
        for (std::size_t i = 0; i < records.size(); ++i)
            order[starts[records[i].*Group]++] = static_cast<std::uint32_t>(i);
        return order;
    }

    void spill() {
        if (!m_file)
            m_file = std::make_unique<TemporaryFile>();
        Run run{m_file->size(), m_buffer.size()};
        std::vector<Record> piece;
        piece.reserve(std::min<std::size_t>(m_buffer.size(), 4096));
        for (std::uint32_t position : sorted_by_group(m_buffer)) {
            piece.push_back(m_buffer[position]);
            if (piece.size() == piece.capacity()) {
                m_file->append(piece.data(), piece.size() * sizeof(Record));
                piece.clear();
            }
        }
        m_file->append(piece.data(), piece.size() * sizeof(Record));
        m_runs.push_back(run);
        m_spilled += m_buffer.size();
        m_buffer.clear();
    }

    std::size_t m_capacity;
    std::vector<Record> m_buffer;
    std::vector<Run> m_runs;
    std::unique_ptr<TemporaryFile> m_file;
    std::size_t m_spilled = 0;
    std::size_t m_groups = 0; // the largest group number + 1
};

} // namespace gradepost::util
