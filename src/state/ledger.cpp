// The ledger's one public face: the location chooses the database, the store does the work.

#include "state/ledger.hpp"

#include "state/ledger_store.hpp"
#include "state/postgres.hpp"

namespace gradepost::state {

Ledger::Ledger(std::unique_ptr<LedgerStore> store) : m_store(std::move(store)) {}
Ledger::Ledger(Ledger&&) noexcept = default;
Ledger& Ledger::operator=(Ledger&&) noexcept = default;
Ledger::~Ledger() = default;

bool Ledger::is_database_url(const std::filesystem::path& location) {
    return postgres::is_url(location.native());
}

std::string Ledger::display_name(const std::filesystem::path& location) {
    return is_database_url(location) ? postgres::redacted(location.native()) : location.string();
}

Ledger Ledger::open(const std::filesystem::path& location) {
    if (is_database_url(location))
        return Ledger(open_postgres_ledger(location.native(), true));
    return Ledger(open_sqlite_ledger(location, true));
}

Ledger Ledger::open_read_only(const std::filesystem::path& location) {
    if (is_database_url(location))
        return Ledger(open_postgres_ledger(location.native(), false));
    return Ledger(open_sqlite_ledger(location, false));
}

std::map<std::string, model::LedgerEntry> Ledger::entries(const Target& target) const {
    return m_store->entries(target);
}

void Ledger::mark_pending(const Target& target, std::span<const PendingScore> scores) {
    m_store->mark_pending(target, scores);
}

void Ledger::record_results(const Target& target, std::span<const PostResult> results) {
    m_store->record_results(target, results);
}

void Ledger::withdraw_pending(const Target& target, std::span<const std::string> user_ids) {
    m_store->withdraw_pending(target, user_ids);
}

std::vector<LineItemSummary> Ledger::line_items() const {
    return m_store->line_items();
}

std::size_t Ledger::forget(const Target& target, const std::optional<std::string>& user_id) {
    return m_store->forget(target, user_id);
}

std::vector<TargetContents> Ledger::contents() const {
    return m_store->contents();
}

void Ledger::import(std::span<const TargetContents> contents) {
    m_store->import(contents);
}

} // namespace gradepost::state
