#pragma once

#include "model/attempt_key.hpp"
#include "util/spilling_array.hpp"

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace gradepost::model {

// The sorted, distinct keys of the graded attempts a kept score covers: a range of a store.
// keep_scores() puts every student of a run in one store, which past a few hundred thousand
// keys lies in a temporary file: at 8 bytes a graded attempt, the keys would otherwise be most
// of what a large export keeps in memory.
class AttemptKeys {
public:
    using Store = util::SpillingArray<AttemptKey>;
    // Keys a store holds in memory before the rest go to its temporary file (2 MB).
    static constexpr std::size_t k_keys_in_memory = std::size_t{1} << 18;

    AttemptKeys() = default;
    // Keys in a store of their own; `keys` sorted and distinct. Implicit: a list of keys is a
    // key set.
    AttemptKeys(const std::vector<AttemptKey>& keys) // NOLINT(google-explicit-constructor)
        : AttemptKeys(append_to(std::make_shared<Store>(keys.size()), keys)) {}
    // `count` keys of `store` from `first`.
    AttemptKeys(std::shared_ptr<const Store> store, std::uint64_t first, std::uint32_t count)
        : m_store(std::move(store)), m_first(first), m_count(count) {}

    // Appends `keys` (sorted, distinct) to `store` and returns them as a range of it.
    static AttemptKeys append_to(const std::shared_ptr<Store>& store,
                                 std::span<const AttemptKey> keys) {
        return AttemptKeys(store, store->append(keys), static_cast<std::uint32_t>(keys.size()));
    }

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
