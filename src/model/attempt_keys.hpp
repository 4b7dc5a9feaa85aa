#pragma once

#include "model/attempt_key.hpp"
#include "util/spilling_array.hpp"

#include <cstdint>
#include <memory>
#include <vector>

namespace gradepost::model {

// The sorted, distinct keys of the graded attempts a kept score covers: a range of a store.
// keep_scores() puts every student of a run in one store, which past a few hundred thousand
// keys lies in a temporary file: at 8 bytes a graded attempt, the keys would otherwise be most
// of what a large export keeps in memory.
class AttemptKeys {
public:
    using Store = util::SpillingArray<AttemptKey>;

    AttemptKeys() = default;
    // Keys in a store of their own; `keys` sorted and distinct. Implicit: a list of keys is a
    // key set.
    AttemptKeys(const std::vector<AttemptKey>& keys) // NOLINT(google-explicit-constructor)
        : m_count(static_cast<std::uint32_t>(keys.size())) {
        auto store = std::make_shared<Store>(keys.size());
        store->append(keys);
        m_store = std::move(store);
    }
    // `count` keys of `store` from `first`.
    AttemptKeys(std::shared_ptr<const Store> store, std::uint64_t first, std::uint32_t count)
        : m_store(std::move(store)), m_first(first), m_count(count) {}

    // The keys, read from the store (from its file when they are there).
    std::vector<AttemptKey> to_vector() const {
        return m_store ? m_store->read(m_first, m_count) : std::vector<AttemptKey>{};
    }
    std::size_t size() const { return m_count; }
    bool empty() const { return m_count == 0; }

    friend bool operator==(const AttemptKeys& left, const AttemptKeys& right) {
        return left.to_vector() == right.to_vector();
    }

private:
    std::shared_ptr<const Store> m_store;
    std::uint64_t m_first = 0;
    std::uint32_t m_count = 0;
};

} // namespace gradepost::model
