// The PostgreSQL ledger: the same tables, semantics and rules as the SQLite ledger (see
// sqlite_ledger.cpp's header comment), in a database that several runners share. What
// differs:
// - Each runner has its own connection; a run's line item is its own thanks to the run lock
//   (an advisory lock, run_lock.cpp), so two runners never write the same entries at once.
// - Transactions are BEGIN ... COMMIT at READ COMMITTED; the server's synchronous_commit
//   (on by default) makes a committed intent durable before the request it announces.
// - Migrations take a transaction-level advisory lock first, so runners opening an empty
//   database at the same moment create the tables once.
// - Values go as text parameters ($1...), never spliced into SQL; text is ordered bytewise
//   (COLLATE "C") as in SQLite.

#include "state/ledger_codec.hpp"
#include "state/ledger_store.hpp"
#include "state/postgres.hpp"
#include "util/error.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <set>
#include <stdexcept>

namespace gradepost::state {

namespace {

using model::LedgerEntry;
using model::PostState;
using model::SentScore;
using postgres::Parameter;

// Version 2, as the SQLite ledger: its history index (dropped in 2) was never created here.
constexpr std::string_view k_postgres_schema = R"sql(
CREATE TABLE targets (
    id BIGSERIAL PRIMARY KEY,
    platform TEXT NOT NULL,
    line_item TEXT NOT NULL,
    UNIQUE (platform, line_item)
);
CREATE TABLE entries (
    target_id BIGINT NOT NULL REFERENCES targets (id),
    user_id TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'posted', 'failed')),
    posted_given DOUBLE PRECISION,
    posted_maximum DOUBLE PRECISION,
    posted_comment TEXT,
    posted_attempt_keys TEXT,
    posted_timestamp BIGINT,
    flight_given DOUBLE PRECISION,
    flight_maximum DOUBLE PRECISION,
    flight_comment TEXT,
    flight_attempt_keys TEXT,
    flight_timestamp BIGINT,
    http_status INTEGER NOT NULL DEFAULT 0,
    error TEXT NOT NULL DEFAULT '',
    last_timestamp BIGINT,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (target_id, user_id)
);
CREATE TABLE posts (
    id BIGSERIAL PRIMARY KEY,
    target_id BIGINT NOT NULL REFERENCES targets (id),
    user_id TEXT NOT NULL,
    state TEXT NOT NULL,
    given DOUBLE PRECISION,
    maximum DOUBLE PRECISION,
    timestamp BIGINT,
    http_status INTEGER NOT NULL,
    error TEXT NOT NULL,
    recorded_at BIGINT NOT NULL
);
)sql";

constexpr int k_postgres_schema_version = 2;

// Any constant will do, as long as no run lock hashes to it by design: "gradepost" in ASCII.
constexpr std::int64_t k_migration_lock = 0x6772616465706f73;

std::string describe(const std::string& url) {
    return fmt::format("state database {}", postgres::redacted(url));
}

Parameter text(std::string_view value) {
    return std::string(value);
}

Parameter number(std::int64_t value) {
    return std::to_string(value);
}

Parameter real(const std::optional<double>& value) {
    if (!value)
        return std::nullopt;
    return fmt::format("{}", *value);
}

Parameter micros(const std::optional<model::Timestamp>& value) {
    if (!value)
        return std::nullopt;
    return std::to_string(to_micros(*value));
}

// A PostgreSQL array literal of text values (NULL for an empty one), sent as one parameter so
// that a chunk of scores is one statement, not one round trip per score.
Parameter array(const std::vector<Parameter>& values) {
    std::string literal = "{";
    for (std::size_t at = 0; at < values.size(); ++at) {
        if (at > 0)
            literal += ',';
        if (!values[at]) {
            literal += "NULL";
            continue;
        }
        literal += '"';
        for (char character : *values[at]) {
            if (character == '"' || character == '\\')
                literal += '\\';
            literal += character;
        }
        literal += '"';
    }
    return literal + "}";
}

// Calls `write` with consecutive runs of `items` in which no user appears twice: one
// INSERT ... ON CONFLICT may not change a row twice, and runs in order keep the semantics
// of writing the items one by one.
template <typename Item, typename Write>
void for_each_run(std::span<const Item> items, Write&& write) {
    std::set<std::string_view> users;
    std::size_t start = 0;
    for (std::size_t at = 0; at < items.size(); ++at) {
        if (!users.insert(items[at].user_id).second) {
            write(items.subspan(start, at - start));
            users = {items[at].user_id};
            start = at;
        }
    }
    write(items.subspan(start));
}

// Runs `body`, turning libpq and stored-JSON failures into a ConfigError naming the database.
template <typename Body> auto guarded(const std::string& url, Body&& body) {
    try {
        return body();
    } catch (const postgres::Error& error) {
        throw util::ConfigError(fmt::format("{}: {}", describe(url), error.what()));
    } catch (const nlohmann::json::exception& error) {
        throw util::ConfigError(
            fmt::format("{}: unreadable attempt keys: {}", describe(url), error.what()));
    }
}

// 0: no ledger tables yet. Throws ConfigError for a schema newer than this build knows.
int read_schema_version(postgres::Connection& connection, const std::string& url) {
    auto exists = connection.execute("SELECT to_regclass('schema_version') IS NOT NULL");
    if (exists.text(0, 0) != "t")
        return 0;
    auto version =
        connection.execute("SELECT coalesce(max(version), 0) FROM schema_version").integer(0, 0);
    if (version > k_postgres_schema_version)
        throw util::ConfigError(fmt::format(
            "{} has schema version {}, newer than this gradepost knows ({}); use a newer release",
            describe(url), version, k_postgres_schema_version));
    return static_cast<int>(version);
}

void migrate(postgres::Connection& connection, const std::string& url) {
    postgres::Transaction transaction(connection);
    connection.execute("SELECT pg_advisory_xact_lock($1::bigint)", {number(k_migration_lock)});
    int version = read_schema_version(connection, url);
    if (version == k_postgres_schema_version)
        return;
    if (version != 0)
        throw util::ConfigError(
            fmt::format("{} has schema version {}, which this gradepost cannot upgrade",
                        describe(url), version));
    connection.execute("CREATE TABLE schema_version ("
                       "version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)");
    connection.execute(k_postgres_schema);
    connection.execute("INSERT INTO schema_version (version, applied_at) VALUES ($1, $2)",
                       {number(k_postgres_schema_version), number(now_micros())});
    transaction.commit();
}

std::optional<std::int64_t> find_target(postgres::Connection& connection, const Target& target) {
    auto found = connection.execute("SELECT id FROM targets WHERE platform = $1 AND line_item = $2",
                                    {text(target.platform), text(target.line_item)});
    if (found.rows() == 0)
        return std::nullopt;
    return found.integer(0, 0);
}

std::int64_t find_or_add_target(postgres::Connection& connection, const Target& target) {
    if (auto id = find_target(connection, target))
        return *id;
    return connection
        .execute("INSERT INTO targets (platform, line_item) VALUES ($1, $2) "
                 "ON CONFLICT (platform, line_item) DO UPDATE SET platform = excluded.platform "
                 "RETURNING id",
                 {text(target.platform), text(target.line_item)})
        .integer(0, 0);
}

// The five columns of a stored score starting at `first`; nullopt when the timestamp column
// (the last of them) is NULL.
std::optional<SentScore> read_score(const postgres::Result& rows, int row, int first,
                                    const std::shared_ptr<model::AttemptKeys::Store>& keys) {
    if (rows.is_null(row, first + 4))
        return std::nullopt;
    SentScore score;
    score.given = rows.optional_real(row, first);
    score.maximum = rows.optional_real(row, first + 1);
    score.comment = rows.text(row, first + 2);
    read_keys_json(rows.text(row, first + 3), score, keys);
    score.timestamp = from_micros(rows.integer(row, first + 4));
    return score;
}

std::vector<Parameter> score_parameters(const std::optional<SentScore>& score) {
    if (!score)
        return {std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt};
    return {real(score->given), real(score->maximum), text(score->comment),
            text(keys_to_json(*score)), number(to_micros(score->timestamp))};
}

class PostgresLedger final : public LedgerStore {
public:
    std::string url;
    // empty: a database without the ledger's tables, opened read-only
    mutable std::optional<postgres::Connection> connection;
    bool is_writable = false;

    postgres::Connection& writable() {
        if (!is_writable)
            throw std::logic_error(describe(url) + " was opened read-only");
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

std::unique_ptr<LedgerStore> open_postgres_ledger(const std::string& url, bool is_writable) {
    auto ledger = std::make_unique<PostgresLedger>();
    ledger->url = url;
    ledger->is_writable = is_writable;
    guarded(url, [&] {
        auto connection = postgres::Connection::open(url, postgres::session_name());
        if (is_writable) {
            migrate(connection, url);
        } else {
            connection.execute("SET default_transaction_read_only = on");
            int version = read_schema_version(connection, url);
            if (version == 0)
                return;
        }
        ledger->connection.emplace(std::move(connection));
    });
    return ledger;
}

std::map<std::string, LedgerEntry> PostgresLedger::entries(const Target& target) const {
    std::map<std::string, LedgerEntry> entries;
    if (!connection)
        return entries;
    guarded(url, [&] {
        auto rows = connection->execute(R"sql(
SELECT e.user_id, e.state,
       e.posted_given, e.posted_maximum, e.posted_comment, e.posted_attempt_keys,
       e.posted_timestamp,
       e.flight_given, e.flight_maximum, e.flight_comment, e.flight_attempt_keys,
       e.flight_timestamp,
       e.http_status, e.error, e.last_timestamp
FROM entries e JOIN targets t ON t.id = e.target_id
WHERE t.platform = $1 AND t.line_item = $2
)sql",
                                        {text(target.platform), text(target.line_item)});
        auto keys =
            std::make_shared<model::AttemptKeys::Store>(model::AttemptKeys::k_keys_in_memory);
        for (int row = 0; row < rows.rows(); ++row) {
            LedgerEntry entry;
            entry.user_id = rows.text(row, 0);
            entry.state = parse_state(rows.text(row, 1));
            entry.last_posted = read_score(rows, row, 2, keys);
            entry.in_flight = read_score(rows, row, 7, keys);
            entry.http_status = static_cast<int>(rows.integer(row, 12));
            entry.error = rows.text(row, 13);
            if (auto last = rows.optional_integer(row, 14))
                entry.last_timestamp = from_micros(*last);
            auto user_id = entry.user_id;
            entries.emplace(std::move(user_id), std::move(entry));
        }
    });
    return entries;
}

void PostgresLedger::mark_pending(const Target& target, std::span<const PendingScore> scores) {
    auto& session = writable();
    if (scores.empty())
        return;
    guarded(url, [&] {
        postgres::Transaction transaction(session);
        auto target_id = find_or_add_target(session, target);
        auto now = now_micros();
        for_each_run(scores, [&](std::span<const PendingScore> run) {
            std::vector<Parameter> users, given, maximum, comments, keys, timestamps;
            for (const PendingScore& pending : run) {
                users.push_back(text(pending.user_id));
                given.push_back(real(pending.score.given));
                maximum.push_back(real(pending.score.maximum));
                comments.push_back(text(pending.score.comment));
                keys.push_back(text(keys_to_json(pending.score)));
                timestamps.push_back(number(to_micros(pending.score.timestamp)));
            }
            session.execute(R"sql(
INSERT INTO entries (target_id, user_id, state, flight_given, flight_maximum, flight_comment,
                     flight_attempt_keys, flight_timestamp, http_status, error, last_timestamp,
                     updated_at)
SELECT $1::bigint, p.user_id, 'pending', p.given, p.maximum, p.comment, p.keys, p.at, 0, '',
       p.at, $8::bigint
FROM unnest($2::text[], $3::float8[], $4::float8[], $5::text[], $6::text[], $7::bigint[])
     AS p (user_id, given, maximum, comment, keys, at)
ON CONFLICT (target_id, user_id) DO UPDATE SET
    state = 'pending',
    flight_given = excluded.flight_given,
    flight_maximum = excluded.flight_maximum,
    flight_comment = excluded.flight_comment,
    flight_attempt_keys = excluded.flight_attempt_keys,
    flight_timestamp = excluded.flight_timestamp,
    http_status = 0,
    error = '',
    last_timestamp = greatest(coalesce(entries.last_timestamp, excluded.last_timestamp),
                              excluded.last_timestamp),
    updated_at = excluded.updated_at
)sql",
                            {number(target_id), array(users), array(given), array(maximum),
                             array(comments), array(keys), array(timestamps), number(now)});
        });
        transaction.commit();
    });
}

void PostgresLedger::record_results(const Target& target, std::span<const PostResult> results) {
    auto& session = writable();
    if (results.empty())
        return;
    guarded(url, [&] {
        postgres::Transaction transaction(session);
        auto target_id = find_or_add_target(session, target);
        auto now = now_micros();
        for_each_run(results, [&](std::span<const PostResult> run) {
            std::vector<Parameter> users, states, statuses, errors;
            for (const PostResult& result : run) {
                users.push_back(text(result.user_id));
                states.push_back(
                    text(state_name(result.is_posted ? PostState::posted : PostState::failed)));
                statuses.push_back(number(result.http_status));
                errors.push_back(text(result.is_posted ? std::string_view() : result.error));
            }
            std::vector<Parameter> parameters{number(target_id), array(users),  array(states),
                                              array(statuses),   array(errors), number(now)};
            // Before the entries change: each history row takes the in-flight score it answers.
            session.execute(R"sql(
INSERT INTO posts (target_id, user_id, state, given, maximum, timestamp, http_status, error,
                   recorded_at)
SELECT $1::bigint, r.user_id, r.state, e.flight_given, e.flight_maximum, e.flight_timestamp,
       r.status, r.error, $6::bigint
FROM unnest($2::text[], $3::text[], $4::integer[], $5::text[]) WITH ORDINALITY
     AS r (user_id, state, status, error, position)
LEFT JOIN entries e ON e.target_id = $1::bigint AND e.user_id = r.user_id
ORDER BY r.position
)sql",
                            parameters);
            // SET expressions all read the row as it was, so posted_* take the old flight_*
            // (when there is one: a result without a pending post only updates the status).
            session.execute(R"sql(
INSERT INTO entries (target_id, user_id, state, http_status, error, updated_at)
SELECT $1::bigint, r.user_id, r.state, r.status, r.error, $6::bigint
FROM unnest($2::text[], $3::text[], $4::integer[], $5::text[]) AS r (user_id, state, status, error)
ON CONFLICT (target_id, user_id) DO UPDATE SET
    state = excluded.state,
    posted_given = CASE WHEN excluded.state = 'posted' AND entries.flight_timestamp IS NOT NULL
                        THEN entries.flight_given ELSE entries.posted_given END,
    posted_maximum = CASE WHEN excluded.state = 'posted' AND entries.flight_timestamp IS NOT NULL
                          THEN entries.flight_maximum ELSE entries.posted_maximum END,
    posted_comment = CASE WHEN excluded.state = 'posted' AND entries.flight_timestamp IS NOT NULL
                          THEN entries.flight_comment ELSE entries.posted_comment END,
    posted_attempt_keys = CASE WHEN excluded.state = 'posted'
                                    AND entries.flight_timestamp IS NOT NULL
                               THEN entries.flight_attempt_keys
                               ELSE entries.posted_attempt_keys END,
    posted_timestamp = CASE WHEN excluded.state = 'posted' AND entries.flight_timestamp IS NOT NULL
                            THEN entries.flight_timestamp ELSE entries.posted_timestamp END,
    flight_given = NULL,
    flight_maximum = NULL,
    flight_comment = NULL,
    flight_attempt_keys = NULL,
    flight_timestamp = NULL,
    http_status = excluded.http_status,
    error = excluded.error,
    updated_at = excluded.updated_at
)sql",
                            parameters);
        });
        transaction.commit();
    });
}

void PostgresLedger::withdraw_pending(const Target& target, std::span<const std::string> user_ids) {
    auto& session = writable();
    if (user_ids.empty())
        return;
    guarded(url, [&] {
        postgres::Transaction transaction(session);
        auto target_id = find_target(session, target);
        if (!target_id)
            return;
        std::vector<Parameter> users;
        for (const auto& user_id : user_ids)
            users.push_back(text(user_id));
        session.execute(R"sql(
DELETE FROM entries e
WHERE e.target_id = $1::bigint AND e.user_id = ANY ($2::text[]) AND e.state = 'pending'
  AND e.posted_timestamp IS NULL
  AND NOT EXISTS (SELECT 1 FROM posts p WHERE p.target_id = e.target_id AND p.user_id = e.user_id)
)sql",
                        {number(*target_id), array(users)});
        session.execute(R"sql(
UPDATE entries e SET
    state = coalesce(latest.state, 'posted'),
    http_status = coalesce(latest.http_status, 0),
    error = coalesce(latest.error, ''),
    flight_given = NULL,
    flight_maximum = NULL,
    flight_comment = NULL,
    flight_attempt_keys = NULL,
    flight_timestamp = NULL,
    updated_at = $3::bigint
FROM (SELECT u.user_id, p.state, p.http_status, p.error
      FROM unnest($2::text[]) AS u (user_id)
      LEFT JOIN LATERAL (SELECT state, http_status, error FROM posts
                         WHERE target_id = $1::bigint AND user_id = u.user_id
                         ORDER BY id DESC LIMIT 1) p ON true) latest
WHERE e.target_id = $1::bigint AND e.user_id = latest.user_id AND e.state = 'pending'
)sql",
                        {number(*target_id), array(users), number(now_micros())});
        transaction.commit();
    });
}

std::vector<LineItemSummary> PostgresLedger::line_items() const {
    std::vector<LineItemSummary> summaries;
    if (!connection)
        return summaries;
    guarded(url, [&] {
        auto rows = connection->execute(R"sql(
SELECT t.platform, t.line_item, count(*),
       count(*) FILTER (WHERE e.state = 'posted'), count(*) FILTER (WHERE e.state = 'pending'),
       count(*) FILTER (WHERE e.state = 'failed'), max(e.last_timestamp)
FROM entries e JOIN targets t ON t.id = e.target_id
GROUP BY t.id, t.platform, t.line_item
ORDER BY t.platform COLLATE "C", t.line_item COLLATE "C"
)sql");
        for (int row = 0; row < rows.rows(); ++row) {
            LineItemSummary summary;
            summary.platform = rows.text(row, 0);
            summary.line_item = rows.text(row, 1);
            summary.students = static_cast<std::size_t>(rows.integer(row, 2));
            summary.posted = static_cast<std::size_t>(rows.integer(row, 3));
            summary.pending = static_cast<std::size_t>(rows.integer(row, 4));
            summary.failed = static_cast<std::size_t>(rows.integer(row, 5));
            if (auto last = rows.optional_integer(row, 6))
                summary.last_post = from_micros(*last);
            summaries.push_back(std::move(summary));
        }
    });
    return summaries;
}

std::size_t PostgresLedger::forget(const Target& target,
                                   const std::optional<std::string>& user_id) {
    auto& session = writable();
    return guarded(url, [&]() -> std::size_t {
        postgres::Transaction transaction(session);
        auto target_id = find_target(session, target);
        if (!target_id)
            return 0;
        std::vector<Parameter> parameters{number(*target_id)};
        const char* only_user = "";
        if (user_id) {
            parameters.push_back(text(*user_id));
            only_user = " AND user_id = $2";
        }
        session.execute(fmt::format("DELETE FROM posts WHERE target_id = $1{}", only_user),
                        parameters);
        auto removed = static_cast<std::size_t>(
            session
                .execute(fmt::format("DELETE FROM entries WHERE target_id = $1{}", only_user),
                         parameters)
                .changes());
        if (!user_id)
            session.execute("DELETE FROM targets WHERE id = $1", {number(*target_id)});
        transaction.commit();
        return removed;
    });
}

std::vector<TargetContents> PostgresLedger::contents() const {
    std::vector<TargetContents> all;
    if (!connection)
        return all;
    guarded(url, [&] {
        auto targets = connection->execute("SELECT id, platform, line_item FROM targets "
                                           "ORDER BY platform COLLATE \"C\", line_item COLLATE "
                                           "\"C\"");
        for (int target = 0; target < targets.rows(); ++target) {
            TargetContents contents;
            contents.target = {targets.text(target, 1), targets.text(target, 2)};
            for (auto& [user_id, entry] : entries(contents.target))
                contents.entries.push_back(std::move(entry));
            auto history = connection->execute(R"sql(
SELECT user_id, state, given, maximum, timestamp, http_status, error, recorded_at
FROM posts WHERE target_id = $1 ORDER BY id
)sql",
                                               {number(targets.integer(target, 0))});
            for (int row = 0; row < history.rows(); ++row) {
                HistoryRow item;
                item.user_id = history.text(row, 0);
                item.state = parse_state(history.text(row, 1));
                item.given = history.optional_real(row, 2);
                item.maximum = history.optional_real(row, 3);
                if (auto timestamp = history.optional_integer(row, 4))
                    item.timestamp = from_micros(*timestamp);
                item.http_status = static_cast<int>(history.integer(row, 5));
                item.error = history.text(row, 6);
                item.recorded_at = from_micros(history.integer(row, 7));
                contents.history.push_back(std::move(item));
            }
            all.push_back(std::move(contents));
        }
    });
    return all;
}

void PostgresLedger::import(std::span<const TargetContents> contents) {
    auto& session = writable();
    guarded(url, [&] {
        postgres::Transaction transaction(session);
        // No runner may start writing between the check and the copy.
        session.execute("LOCK TABLE targets, entries, posts IN EXCLUSIVE MODE");
        auto held = session.execute("SELECT count(*) FROM targets").integer(0, 0);
        if (held != 0)
            throw util::ConfigError(fmt::format(
                "{} already holds a ledger ({} line items); nothing was copied: migrate into an "
                "empty database",
                describe(url), held));
        auto now = now_micros();
        for (const auto& item : contents) {
            auto target_id = find_or_add_target(session, item.target);
            for (const auto& entry : item.entries) {
                std::vector<Parameter> parameters{number(target_id), text(entry.user_id),
                                                  text(state_name(entry.state))};
                for (const auto& score : {entry.last_posted, entry.in_flight})
                    for (auto& value : score_parameters(score))
                        parameters.push_back(std::move(value));
                parameters.push_back(number(entry.http_status));
                parameters.push_back(text(entry.error));
                parameters.push_back(micros(entry.last_timestamp));
                parameters.push_back(number(now));
                session.execute(R"sql(
INSERT INTO entries (target_id, user_id, state,
                     posted_given, posted_maximum, posted_comment, posted_attempt_keys,
                     posted_timestamp,
                     flight_given, flight_maximum, flight_comment, flight_attempt_keys,
                     flight_timestamp,
                     http_status, error, last_timestamp, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
)sql",
                                parameters);
            }
            for (const auto& row : item.history)
                session.execute(R"sql(
INSERT INTO posts (target_id, user_id, state, given, maximum, timestamp, http_status, error,
                   recorded_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
)sql",
                                {number(target_id), text(row.user_id), text(state_name(row.state)),
                                 real(row.given), real(row.maximum), micros(row.timestamp),
                                 number(row.http_status), text(row.error),
                                 number(to_micros(row.recorded_at))});
        }
        transaction.commit();
    });
}

} // namespace gradepost::state
