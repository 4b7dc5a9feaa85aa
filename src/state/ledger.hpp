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

// The SQLite ledger of what was posted (schema and rules in ledger.cpp's header comment).
// Every write is one transaction, so a crash leaves either all of a call or none of it.
// SQLite failures and unreadable contents throw util::ConfigError naming the file. One
// Ledger is used from one thread at a time.
class Ledger {
public:
    // Opens or creates the file: parent directories created, mode 0600, WAL, migrations
    // applied. Throws util::ConfigError when the file cannot be opened or is not a ledger.
    static Ledger open(const std::filesystem::path& path);

    // Opens an existing ledger without writing anything (dry runs, `state show`);
    // a file that does not exist reads as an empty ledger.
    static Ledger open_read_only(const std::filesystem::path& path);

    Ledger(Ledger&&) noexcept;
    Ledger& operator=(Ledger&&) noexcept;
    ~Ledger();

    std::map<std::string, model::LedgerEntry> entries(const Target& target) const;

    // Intent journal: these scores are about to be sent. Committed before any request.
    void mark_pending(const Target& target, std::span<const PendingScore> scores);

    // The answers to posts marked pending: posted ones become the last posted score,
    // failed ones keep the previous one and record the error.
    void record_results(const Target& target, std::span<const PostResult> results);

    std::vector<LineItemSummary> line_items() const;

    // Removes a line item's entries, or one user's; returns how many rows went.
    std::size_t forget(const Target& target, const std::optional<std::string>& user_id);

private:
    struct Database;
    explicit Ledger(std::unique_ptr<Database> database);
    std::unique_ptr<Database> m_database;
};

} // namespace gradepost::state
