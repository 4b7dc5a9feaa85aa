#pragma once

#include "model/last_post.hpp"

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace gradepost::state {

// What the ledger is keyed by, with the user id: the platform (token URL + " " + client id)
// and the line item URL.
struct Target {
    std::string platform;
    std::string line_item;
};

struct PendingScore {
    std::string user_id;
    model::SentScore score;
};

struct PostResult {
    std::string user_id;
    bool is_posted = false; // 2xx (or found on the platform by reconciliation)
    int http_status = 0;
    std::string error;
};

struct LineItemSummary {
    std::string platform;
    std::string line_item;
    std::size_t students = 0;
    std::size_t posted = 0;
    std::size_t pending = 0;
    std::size_t failed = 0;
    std::optional<model::Timestamp> last_post; // latest timestamp sent
};

// One row of the append-only history of outcomes.
struct HistoryRow {
    std::string user_id;
    model::PostState state = model::PostState::posted;
    std::optional<double> given;
    std::optional<double> maximum;
    std::optional<model::Timestamp> timestamp;
    int http_status = 0;
    std::string error;
    model::Timestamp recorded_at{};
};

// Everything stored for one line item, for `state migrate`.
struct TargetContents {
    Target target;
    std::vector<model::LedgerEntry> entries;
    std::vector<HistoryRow> history;
};

class LedgerStore;

// The ledger of what was posted (schema and rules in sqlite_ledger.cpp's header comment), kept
// in an SQLite file or, for a location that is a postgresql:// URL, in a PostgreSQL database
// shared by several runners (postgres_ledger.cpp). Every write is one transaction, so a crash
// leaves either all of a call or none of it. Database failures and unreadable contents throw
// util::ConfigError naming the file or the URL (without its password). One Ledger is used
// from one thread at a time.
class Ledger {
public:
    // Opens or creates the ledger. A file: parent directories created, mode 0600, WAL. Either
    // kind: migrations applied. Throws util::ConfigError when it cannot be opened or is not a
    // ledger.
    static Ledger open(const std::filesystem::path& location);

    // Opens an existing ledger without writing anything (dry runs, `state show`);
    // a file or a database without the tables reads as an empty ledger.
    static Ledger open_read_only(const std::filesystem::path& location);

    Ledger(Ledger&&) noexcept;
    Ledger& operator=(Ledger&&) noexcept;
    ~Ledger();

    std::map<std::string, model::LedgerEntry> entries(const Target& target) const;

    // Intent journal: these scores are about to be sent. Committed before any request.
    void mark_pending(const Target& target, std::span<const PendingScore> scores);

    // The answers to posts marked pending: posted ones become the last posted score,
    // failed ones keep the previous one and record the error.
    void record_results(const Target& target, std::span<const PostResult> results);

    // Withdraws the intent of pending posts that were never sent (an interruption stopped
    // them before their first byte left): each entry goes back to what its history last
    // recorded, or away when it has none. Nothing is added to the history: not sent is not
    // an outcome.
    void withdraw_pending(const Target& target, std::span<const std::string> user_ids);

    std::vector<LineItemSummary> line_items() const;

    // Removes a line item's entries, or one user's; returns how many rows went.
    std::size_t forget(const Target& target, const std::optional<std::string>& user_id);

    // Every line item's entries and history, for copying.
    std::vector<TargetContents> contents() const;

    // Copies `contents` into this ledger in one transaction. Only a PostgreSQL ledger takes
    // them, and only while it holds nothing: otherwise throws util::ConfigError.
    void import(std::span<const TargetContents> contents);

    // Whether the location names a PostgreSQL database rather than a file.
    static bool is_database_url(const std::filesystem::path& location);

    // The location for messages: a URL without its password.
    static std::string display_name(const std::filesystem::path& location);

private:
    explicit Ledger(std::unique_ptr<LedgerStore> store);
    std::unique_ptr<LedgerStore> m_store;
};

} // namespace gradepost::state
