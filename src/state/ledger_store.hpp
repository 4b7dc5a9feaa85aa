#pragma once

#include "state/ledger.hpp"

#include <filesystem>
#include <memory>
#include <string>

namespace gradepost::state {

// What a Ledger is made of: one implementation per kind of database. The rules every
// implementation keeps are in sqlite_ledger.cpp's header comment.
class LedgerStore {
public:
    virtual ~LedgerStore() = default;
    virtual std::map<std::string, model::LedgerEntry> entries(const Target& target) const = 0;
    virtual void mark_pending(const Target& target, std::span<const PendingScore> scores) = 0;
    virtual void record_results(const Target& target, std::span<const PostResult> results) = 0;
    virtual void withdraw_pending(const Target& target, std::span<const std::string> user_ids) = 0;
    virtual std::vector<LineItemSummary> line_items() const = 0;
    virtual std::size_t forget(const Target& target, const std::optional<std::string>& user_id) = 0;
    virtual std::vector<TargetContents> contents() const = 0;
    virtual void import(std::span<const TargetContents> contents) = 0;
};

std::unique_ptr<LedgerStore> open_sqlite_ledger(const std::filesystem::path& path,
                                                bool is_writable);
std::unique_ptr<LedgerStore> open_postgres_ledger(const std::string& url, bool is_writable);

} // namespace gradepost::state
