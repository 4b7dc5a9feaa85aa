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

// Values appended a range at a time and read back by range, such as the attempt keys of each
// student of a large export. Up to `values_in_memory` values wait in memory; when the next
// range would not fit, the waiting values go to a temporary file, so memory stays at about
// the buffer however many values there are. Reading is const and safe from several threads
// once appending is over.
template <class Value> class SpillingArray {
    static_assert(std::is_trivially_copyable_v<Value>, "values are written as bytes");

public:
    explicit SpillingArray(std::size_t values_in_memory)
        : m_capacity(std::max<std::size_t>(values_in_memory, 1)) {}

    // Returns the index of the first value appended. A range is never split between the
    // file and memory, so reading it back is one read.
    std::uint64_t append(std::span<const Value> values) {
        if (!m_buffer.empty() && m_buffer.size() + values.size() > m_capacity)
            spill();
        const std::uint64_t first = size();
        m_buffer.insert(m_buffer.end(), values.begin(), values.end());
        return first;
    }

    std::vector<Value> read(std::uint64_t first, std::size_t count) const {
        std::vector<Value> values(count);
        for (std::size_t i = 0; i < count;) {
            const std::uint64_t index = first + i;
            if (index < m_spilled) {
                const std::size_t from_file =
                    static_cast<std::size_t>(std::min<std::uint64_t>(count - i, m_spilled - index));
                m_file->read(index * sizeof(Value), values.data() + i, from_file * sizeof(Value));
                i += from_file;
            } else {
                const auto begin =
                    m_buffer.begin() + static_cast<std::ptrdiff_t>(index - m_spilled);
                std::copy(begin, begin + static_cast<std::ptrdiff_t>(count - i),
                          values.begin() + i);
                i = count;
            }
        }
        return values;
    }

    std::uint64_t size() const { return m_spilled + m_buffer.size(); }
    // Whether some values are in the temporary file.
    bool has_spilled() const { return m_spilled > 0; }

private:
    void spill() {
        if (!m_file)
            m_file = std::make_unique<TemporaryFile>();
        m_file->append(m_buffer.data(), m_buffer.size() * sizeof(Value));
        m_spilled += m_buffer.size();
        m_buffer.clear();
    }

    std::size_t m_capacity;
    std::vector<Value> m_buffer; // values [m_spilled, size())
    std::unique_ptr<TemporaryFile> m_file;
    std::uint64_t m_spilled = 0;
};

} // namespace gradepost::util
