// The SQLite ledger: one file holding what gradepost posted, per platform, line item and
// student. This file and postgres_ledger.cpp (the same schema and rules in PostgreSQL) hold
// the ledger's SQL; run_lock.cpp has only the advisory lock's.
//
// File: created with mode 0600 before anything is written (its -wal and -shm files get the
// same mode), parent directories created. journal_mode=WAL, so readers (dry runs, `state
// show`) never block a post; synchronous=FULL, so a committed transaction survives power loss
// as well as a crash: the intent journal must be on disk before the request it announces is
// sent, or a lost "pending" mark could turn into a double post. busy_timeout 5000 ms for a
// second process writing another line item of the same ledger. Foreign keys are enforced.
//
// Schema (version 2). Times are INTEGER microseconds since 1970-01-01 UTC; attempt keys are
// a JSON array of strings, sorted. Nothing secret is stored: no token, key or assertion.
//
//   schema_version(version INTEGER PRIMARY KEY, applied_at)   one row per migration applied
//   targets(id INTEGER PRIMARY KEY, platform, line_item, UNIQUE(platform, line_item))
//   entries(target_id → targets, user_id, PRIMARY KEY(target_id, user_id)) WITHOUT ROWID:
//       state            'pending' | 'posted' | 'failed', of the most recent post
//       posted_given, posted_maximum, posted_comment, posted_attempt_keys, posted_timestamp
//                        the last post the platform accepted; posted_timestamp NULL: none
//       flight_given, flight_maximum, flight_comment, flight_attempt_keys, flight_timestamp
//                        the payload of a pending post; flight_timestamp NULL: none
//       http_status      of the most recent answer, 0 when none
//       error            of the most recent failed post, '' otherwise
//       last_timestamp   the greatest AGS timestamp ever sent (any state): the next one
//                        must be later, so it only grows
//       updated_at
//   posts(id, target_id → targets, user_id, state, given, maximum, timestamp, http_status,
//         error, recorded_at)
//       append-only history, one row per recorded outcome ('posted' or 'failed'), with the
//       in-flight score it concerned
//
// Rules:
// - Every public write is one transaction (BEGIN IMMEDIATE ... COMMIT); an exception rolls
//   it back, a crash leaves all of it or none.
// - mark_pending: state 'pending', flight_* = the score, last_timestamp = max(old, sent),
//   http_status 0, error ''. last_posted is untouched until the answer comes.
// - record_results, posted: posted_* = flight_* (when there is one), state 'posted'; failed:
//   state 'failed', error and status recorded, posted_* kept. Both clear flight_*. A result
//   for a student without a row creates one with only the state and status.
// - withdraw_pending (posts never sent): a pending entry takes back the state, status and
//   error of its latest history row ('posted' when it has none but a posted score), flight_*
//   cleared; a pending entry with neither is removed. No history row: nothing happened.
// - forget removes entries and history of a line item (and the line item), or of one user.
// - Migrations run in order inside one transaction when the file is opened for writing; a
//   file with a newer schema than this build knows is refused, never downgraded.

#include "state/ledger_codec.hpp"
#include "state/ledger_store.hpp"
#include "state/sqlite.hpp"
#include "util/error.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string_view>

namespace gradepost::state {

namespace {

using model::LedgerEntry;
using model::PostState;
using model::SentScore;
using model::Timestamp;

constexpr std::string_view k_migrations[] = {
    // 1: the initial schema
    R"sql(
CREATE TABLE targets (
    id INTEGER PRIMARY KEY,
    platform TEXT NOT NULL,
    line_item TEXT NOT NULL,
    UNIQUE (platform, line_item)
);
CREATE TABLE entries (
    target_id INTEGER NOT NULL REFERENCES targets (id),
    user_id TEXT NOT NULL,
    -- not IN (...): SQLite builds a temporary table for that list on every row written
    state TEXT NOT NULL CHECK (state = 'pending' OR state = 'posted' OR state = 'failed'),
    posted_given REAL,
    posted_maximum REAL,
    posted_comment TEXT,
    posted_attempt_keys TEXT,
    posted_timestamp INTEGER,
    flight_given REAL,
    flight_maximum REAL,
    flight_comment TEXT,
    flight_attempt_keys TEXT,
    flight_timestamp INTEGER,
    http_status INTEGER NOT NULL DEFAULT 0,
    error TEXT NOT NULL DEFAULT '',
    last_timestamp INTEGER,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (target_id, user_id)
) WITHOUT ROWID;
CREATE TABLE posts (
    id INTEGER PRIMARY KEY,
    target_id INTEGER NOT NULL REFERENCES targets (id),
    user_id TEXT NOT NULL,
    state TEXT NOT NULL,
    given REAL,
    maximum REAL,
    timestamp INTEGER,
    http_status INTEGER NOT NULL,
    error TEXT NOT NULL,
    recorded_at INTEGER NOT NULL
);
CREATE INDEX posts_by_student ON posts (target_id, user_id);
)sql",
    // 2: history rows are written on every post and read only by `state forget`; their index
    // cost 12% of the time to record outcomes
    R"sql(
DROP INDEX IF EXISTS posts_by_student;
)sql",
};

constexpr int k_schema_version = static_cast<int>(std::size(k_migrations));

std::string describe(const std::filesystem::path& path) {
    return fmt::format("state database {}", path.string());
}

// Creates the file with mode 0600 so that no byte of it is ever readable by others, and
// tightens an existing one.
void create_private_file(const std::filesystem::path& path) {
    int descriptor = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (descriptor < 0) {
        int error = errno;
        std::error_code ignored;
        // "cannot create" would send the user looking for a missing directory.
        if ((error == EACCES || error == EROFS || error == EPERM) &&
            std::filesystem::exists(path, ignored))
            throw util::ConfigError(fmt::format("{} is read-only ({}); gradepost records every "
                                                "post in it: make it writable, or give another "
                                                "--state",
                                                describe(path), std::strerror(error)));
        throw util::ConfigError(
            fmt::format("cannot create {}: {}", describe(path), std::strerror(error)));
    }
    ::fchmod(descriptor, 0600);
    ::close(descriptor);
}

void restrict_companions(const std::filesystem::path& path) {
    for (const char* suffix : {"-wal", "-shm"}) {
        auto companion = path.string() + suffix;
        ::chmod(companion.c_str(), 0600); // absent files are fine
    }
}

// 0: an empty SQLite file, no schema yet. Throws ConfigError for a database of something else.
int read_schema_version(sqlite::Connection& connection, const std::filesystem::path& path) {
    auto has_table = connection.prepare(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'");
    has_table.step();
    if (has_table.integer(0) == 0) {
        auto other =
            connection.prepare("SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'");
        other.step();
        if (other.integer(0) != 0)
            throw util::ConfigError(
                fmt::format("{} is an SQLite database of something else, not a gradepost ledger",
                            describe(path)));
        return 0;
    }
    auto version = connection.prepare("SELECT coalesce(max(version), 0) FROM schema_version");
    version.step();
    auto value = version.integer(0);
    if (value > k_schema_version)
        throw util::ConfigError(fmt::format(
            "{} has schema version {}, newer than this gradepost knows ({}); use a newer release",
            describe(path), value, k_schema_version));
    return static_cast<int>(value);
}

void migrate(sqlite::Connection& connection, const std::filesystem::path& path) {
    sqlite::Transaction transaction(connection);
    int version = read_schema_version(connection, path);
    if (version == k_schema_version)
        return; // nothing to write: the transaction rolls back, which is a no-op
    connection.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                       "version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
    auto record = connection.prepare("INSERT INTO schema_version (version, applied_at) "
                                     "VALUES (?1, ?2)");
    for (int next = version + 1; next <= k_schema_version; ++next) {
        connection.execute(k_migrations[next - 1]);
        record.bind_integer(1, next).bind_integer(2, now_micros()).run();
    }
    transaction.commit();
}

std::optional<std::int64_t> find_target(sqlite::Connection& connection, const Target& target) {
    auto query =
        connection.prepare("SELECT id FROM targets WHERE platform = ?1 AND line_item = ?2");
    query.bind_text(1, target.platform).bind_text(2, target.line_item);
    if (!query.step())
        return std::nullopt;
    return query.integer(0);
}

std::int64_t find_or_add_target(sqlite::Connection& connection, const Target& target) {
    if (auto id = find_target(connection, target))
        return *id;
    connection.prepare("INSERT INTO targets (platform, line_item) VALUES (?1, ?2)")
        .bind_text(1, target.platform)
        .bind_text(2, target.line_item)
        .run();
    return connection.last_insert_rowid();
}

// Reads the five columns of a stored score starting at `first`; nullopt when the timestamp
// column (the last of them) is NULL.
std::optional<SentScore> read_score(const sqlite::Statement& row, int first,
                                    const std::shared_ptr<model::AttemptKeys::Store>& keys) {
    if (row.is_null(first + 4))
        return std::nullopt;
    SentScore score;
    score.given = row.optional_real(first);
    score.maximum = row.optional_real(first + 1);
    score.comment = row.text(first + 2);
    read_keys_json(row.text(first + 3), score, keys);
    score.timestamp = from_micros(row.integer(first + 4));
    return score;
}

// Runs `body`, turning SQLite and stored-JSON failures into a ConfigError naming the file.
template <typename Body> auto guarded(const std::filesystem::path& path, Body&& body) {
    try {
        return body();
    } catch (const sqlite::Error& error) {
        throw util::ConfigError(fmt::format("{}: {}", describe(path), error.what()));
    } catch (const nlohmann::json::exception& error) {
        throw util::ConfigError(
            fmt::format("{}: unreadable attempt keys: {}", describe(path), error.what()));
    }
}

class SqliteLedger final : public LedgerStore {
public:
    std::filesystem::path path;
    // empty: a missing file opened read-only; mutable: reading steps statements
    mutable std::optional<sqlite::Connection> connection;
    bool is_writable = false;
    bool has_schema = false;

    sqlite::Connection* readable() const {
        return connection && has_schema ? &*connection : nullptr;
    }

    sqlite::Connection& writable() {
        if (!is_writable)
            throw std::logic_error(describe(path) + " was opened read-only");
        return *connection;
    }

    std::map<std::string, LedgerEntry> entries(const Target& target) const override;
    void mark_pending(const Target& target, std::span<const PendingScore> scores) override;
    void record_results(const Target& target, std::span<const PostResult> results) override;
    void withdraw_pending(const Target& target, std::span<const std::string> user_ids) override;
    std::vector<LineItemSummary> line_items() const override;
    std::size_t forget(const Target& target, const std::optional<std::string>& user_id) override;
    std::vector<TargetContents> contents() const override;
    void import(std::span<const TargetContents> contents) override;
};

} // namespace

namespace {

std::unique_ptr<LedgerStore> open_writable(const std::filesystem::path& path) {
    auto database = std::make_unique<SqliteLedger>();
    database->path = path;
    database->is_writable = true;
    database->has_schema = true;
    guarded(path, [&] {
        std::error_code error;
        if (path.has_parent_path())
            std::filesystem::create_directories(path.parent_path(), error);
        if (error)
            throw util::ConfigError(fmt::format("cannot create the directory of {}: {}",
                                                describe(path), error.message()));
        create_private_file(path);
        auto& connection = database->connection.emplace(
            sqlite::Connection::open(path, sqlite::Connection::Mode::read_write));
        connection.execute("PRAGMA busy_timeout = 5000");
        // Reading the header first refuses a file that is not SQLite before anything is
        // written to it.
        connection.execute("SELECT count(*) FROM sqlite_master");
        connection.execute("PRAGMA journal_mode = WAL");
        connection.execute("PRAGMA synchronous = FULL");
        connection.execute("PRAGMA foreign_keys = ON");
        connection.execute("PRAGMA cache_size = -32768"); // KiB: a large ledger stays in memory
        restrict_companions(path);
        migrate(connection, path);
    });
    return database;
}

std::unique_ptr<LedgerStore> open_read_only(const std::filesystem::path& path) {
    auto database = std::make_unique<SqliteLedger>();
    database->path = path;
    if (!std::filesystem::exists(path))
        return database;
    guarded(path, [&] {
        auto& connection = database->connection.emplace(
            sqlite::Connection::open(path, sqlite::Connection::Mode::read_only));
        connection.execute("PRAGMA busy_timeout = 5000");
        int version = read_schema_version(connection, path);
        if (version != 0 && version < k_schema_version)
            throw util::ConfigError(fmt::format(
                "{} has schema version {} and needs an upgrade to {}: run one post with it",
                describe(path), version, k_schema_version));
        database->has_schema = version != 0;
    });
    return database;
}

} // namespace

std::unique_ptr<LedgerStore> open_sqlite_ledger(const std::filesystem::path& path,
                                                bool is_writable) {
    return is_writable ? open_writable(path) : open_read_only(path);
}

std::map<std::string, LedgerEntry> SqliteLedger::entries(const Target& target) const {
    std::map<std::string, LedgerEntry> entries;
    auto* database = readable();
    if (!database)
        return entries;
    guarded(path, [&] {
        auto query = database->prepare(R"sql(
SELECT e.user_id, e.state,
       e.posted_given, e.posted_maximum, e.posted_comment, e.posted_attempt_keys,
       e.posted_timestamp,
       e.flight_given, e.flight_maximum, e.flight_comment, e.flight_attempt_keys,
       e.flight_timestamp,
       e.http_status, e.error, e.last_timestamp
FROM entries e JOIN targets t ON t.id = e.target_id
WHERE t.platform = ?1 AND t.line_item = ?2
)sql");
        query.bind_text(1, target.platform).bind_text(2, target.line_item);
        auto keys =
            std::make_shared<model::AttemptKeys::Store>(model::AttemptKeys::k_keys_in_memory);
        while (query.step()) {
            LedgerEntry entry;
            entry.user_id = query.text(0);
            entry.state = parse_state(query.text(1));
            entry.last_posted = read_score(query, 2, keys);
            entry.in_flight = read_score(query, 7, keys);
            entry.http_status = static_cast<int>(query.integer(12));
            entry.error = query.text(13);
            if (auto last = query.optional_integer(14))
                entry.last_timestamp = from_micros(*last);
            auto user_id = entry.user_id;
            entries.emplace(std::move(user_id), std::move(entry));
        }
    });
    return entries;
}

void SqliteLedger::mark_pending(const Target& target, std::span<const PendingScore> scores) {
    auto& database = writable();
    if (scores.empty())
        return;
    guarded(path, [&] {
        sqlite::Transaction transaction(database);
        auto target_id = find_or_add_target(database, target);
        auto upsert = database.prepare(R"sql(
INSERT INTO entries (target_id, user_id, state, flight_given, flight_maximum, flight_comment,
                     flight_attempt_keys, flight_timestamp, http_status, error, last_timestamp,
                     updated_at)
VALUES (?1, ?2, 'pending', ?3, ?4, ?5, ?6, ?7, 0, '', ?7, ?8)
ON CONFLICT (target_id, user_id) DO UPDATE SET
    state = 'pending',
    flight_given = excluded.flight_given,
    flight_maximum = excluded.flight_maximum,
    flight_comment = excluded.flight_comment,
    flight_attempt_keys = excluded.flight_attempt_keys,
    flight_timestamp = excluded.flight_timestamp,
    http_status = 0,
    error = '',
    last_timestamp = max(coalesce(last_timestamp, excluded.last_timestamp),
                         excluded.last_timestamp),
    updated_at = excluded.updated_at
)sql");
        auto now = now_micros();
        for (const PendingScore& pending : scores) {
            const SentScore& score = pending.score;
            upsert.bind_integer(1, target_id)
                .bind_text(2, pending.user_id)
                .bind_real(3, score.given)
                .bind_real(4, score.maximum)
                .bind_text(5, score.comment)
                .bind_text(6, keys_to_json(score))
                .bind_integer(7, to_micros(score.timestamp))
                .bind_integer(8, now)
                .run();
        }
        transaction.commit();
    });
}

void SqliteLedger::record_results(const Target& target, std::span<const PostResult> results) {
    auto& database = writable();
    if (results.empty())
        return;
    guarded(path, [&] {
        sqlite::Transaction transaction(database);
        auto target_id = find_or_add_target(database, target);
        // Before the entry changes: the history row takes the in-flight score it answers.
        auto history = database.prepare(R"sql(
INSERT INTO posts (target_id, user_id, state, given, maximum, timestamp, http_status, error,
                   recorded_at)
SELECT ?1, ?2, ?3, e.flight_given, e.flight_maximum, e.flight_timestamp, ?4, ?5, ?6
FROM (SELECT 1) LEFT JOIN entries e ON e.target_id = ?1 AND e.user_id = ?2
)sql");
        // SET expressions all read the row as it was, so posted_* take the old flight_*
        // (when there is one: a result without a pending post only updates the status).
        // ?7 is 1 when the platform accepted the post.
        auto upsert = database.prepare(R"sql(
INSERT INTO entries (target_id, user_id, state, http_status, error, updated_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6)
ON CONFLICT (target_id, user_id) DO UPDATE SET
    state = excluded.state,
    posted_given = iif(?7 AND flight_timestamp IS NOT NULL, flight_given, posted_given),
    posted_maximum = iif(?7 AND flight_timestamp IS NOT NULL, flight_maximum, posted_maximum),
    posted_comment = iif(?7 AND flight_timestamp IS NOT NULL, flight_comment, posted_comment),
    posted_attempt_keys = iif(?7 AND flight_timestamp IS NOT NULL,
                              flight_attempt_keys, posted_attempt_keys),
    posted_timestamp = iif(?7 AND flight_timestamp IS NOT NULL,
                           flight_timestamp, posted_timestamp),
    flight_given = NULL,
    flight_maximum = NULL,
    flight_comment = NULL,
    flight_attempt_keys = NULL,
    flight_timestamp = NULL,
    http_status = excluded.http_status,
    error = excluded.error,
    updated_at = excluded.updated_at
)sql");
        auto now = now_micros();
        for (const PostResult& result : results) {
            auto state = state_name(result.is_posted ? PostState::posted : PostState::failed);
            std::string_view error = result.is_posted ? std::string_view() : result.error;
            history.bind_integer(1, target_id)
                .bind_text(2, result.user_id)
                .bind_text(3, state)
                .bind_integer(4, result.http_status)
                .bind_text(5, error)
                .bind_integer(6, now)
                .run();
            upsert.bind_integer(1, target_id)
                .bind_text(2, result.user_id)
                .bind_text(3, state)
                .bind_integer(4, result.http_status)
                .bind_text(5, error)
                .bind_integer(6, now)
                .bind_integer(7, result.is_posted ? 1 : 0)
                .run();
        }
        transaction.commit();
    });
}

void SqliteLedger::withdraw_pending(const Target& target, std::span<const std::string> user_ids) {
    auto& database = writable();
    if (user_ids.empty())
        return;
    guarded(path, [&] {
        sqlite::Transaction transaction(database);
        auto target_id = find_target(database, target);
        if (!target_id)
            return;
        auto remove = database.prepare(R"sql(
DELETE FROM entries
WHERE target_id = ?1 AND user_id = ?2 AND state = 'pending' AND posted_timestamp IS NULL
  AND NOT EXISTS (SELECT 1 FROM posts WHERE target_id = ?1 AND user_id = ?2)
)sql");
        auto restore = database.prepare(R"sql(
WITH latest AS (
    SELECT state, http_status, error FROM posts
    WHERE target_id = ?1 AND user_id = ?2 ORDER BY id DESC LIMIT 1
)
UPDATE entries SET
    state = coalesce((SELECT state FROM latest), 'posted'),
    http_status = coalesce((SELECT http_status FROM latest), 0),
    error = coalesce((SELECT error FROM latest), ''),
    flight_given = NULL,
    flight_maximum = NULL,
    flight_comment = NULL,
    flight_attempt_keys = NULL,
    flight_timestamp = NULL,
    updated_at = ?3
WHERE target_id = ?1 AND user_id = ?2 AND state = 'pending'
)sql");
        auto now = now_micros();
        for (const auto& user_id : user_ids) {
            remove.bind_integer(1, *target_id).bind_text(2, user_id).run();
            restore.bind_integer(1, *target_id).bind_text(2, user_id).bind_integer(3, now).run();
        }
        transaction.commit();
    });
}

std::vector<LineItemSummary> SqliteLedger::line_items() const {
    std::vector<LineItemSummary> summaries;
    auto* database = readable();
    if (!database)
        return summaries;
    guarded(path, [&] {
        auto query = database->prepare(R"sql(
SELECT t.platform, t.line_item, count(*),
       sum(e.state = 'posted'), sum(e.state = 'pending'), sum(e.state = 'failed'),
       max(e.last_timestamp)
FROM entries e JOIN targets t ON t.id = e.target_id
GROUP BY t.id
ORDER BY t.platform, t.line_item
)sql");
        while (query.step()) {
            LineItemSummary summary;
            summary.platform = query.text(0);
            summary.line_item = query.text(1);
            summary.students = static_cast<std::size_t>(query.integer(2));
            summary.posted = static_cast<std::size_t>(query.integer(3));
            summary.pending = static_cast<std::size_t>(query.integer(4));
            summary.failed = static_cast<std::size_t>(query.integer(5));
            if (auto last = query.optional_integer(6))
                summary.last_post = from_micros(*last);
            summaries.push_back(std::move(summary));
        }
    });
    return summaries;
}

std::size_t SqliteLedger::forget(const Target& target, const std::optional<std::string>& user_id) {
    auto& database = writable();
    return guarded(path, [&]() -> std::size_t {
        sqlite::Transaction transaction(database);
        auto target_id = find_target(database, target);
        if (!target_id)
            return 0;
        const char* only_user = user_id ? " AND user_id = ?2" : "";
        auto history =
            database.prepare(fmt::format("DELETE FROM posts WHERE target_id = ?1{}", only_user));
        auto entries =
            database.prepare(fmt::format("DELETE FROM entries WHERE target_id = ?1{}", only_user));
        for (auto* statement : {&history, &entries}) {
            statement->bind_integer(1, *target_id);
            if (user_id)
                statement->bind_text(2, *user_id);
        }
        history.run();
        entries.run();
        auto removed = static_cast<std::size_t>(database.changes());
        if (!user_id)
            database.prepare("DELETE FROM targets WHERE id = ?1").bind_integer(1, *target_id).run();
        transaction.commit();
        return removed;
    });
}

std::vector<TargetContents> SqliteLedger::contents() const {
    std::vector<TargetContents> all;
    auto* database = readable();
    if (!database)
        return all;
    guarded(path, [&] {
        auto targets = database->prepare(
            "SELECT id, platform, line_item FROM targets ORDER BY platform, line_item");
        auto history = database->prepare(R"sql(
SELECT user_id, state, given, maximum, timestamp, http_status, error, recorded_at
FROM posts WHERE target_id = ?1 ORDER BY id
)sql");
        while (targets.step()) {
            TargetContents contents;
            contents.target = {targets.text(1), targets.text(2)};
            for (auto& [user_id, entry] : entries(contents.target))
                contents.entries.push_back(std::move(entry));
            history.bind_integer(1, targets.integer(0));
            while (history.step()) {
                HistoryRow row;
                row.user_id = history.text(0);
                row.state = parse_state(history.text(1));
                row.given = history.optional_real(2);
                row.maximum = history.optional_real(3);
                if (auto timestamp = history.optional_integer(4))
                    row.timestamp = from_micros(*timestamp);
                row.http_status = static_cast<int>(history.integer(5));
                row.error = history.text(6);
                row.recorded_at = from_micros(history.integer(7));
                contents.history.push_back(std::move(row));
            }
            history.reset();
            all.push_back(std::move(contents));
        }
    });
    return all;
}

void SqliteLedger::import(std::span<const TargetContents>) {
    throw util::ConfigError(fmt::format(
        "{}: ledgers are copied into PostgreSQL only; give --to postgresql://...", describe(path)));
}

} // namespace gradepost::state
