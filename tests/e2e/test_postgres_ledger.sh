#!/usr/bin/env bash
# --state postgresql://...: a real PostgreSQL server (a throwaway cluster) holds the ledger.
# A post then a rerun with nothing new; the line item's advisory lock turns a second run away
# naming the holder; a password in the URL is never printed; `state migrate` copies an SQLite
# ledger into an empty database and refuses one that already holds a ledger.
source "$(dirname "$0")/common.sh"
source "$SOURCE_DIR/tests/support/postgres_cluster.sh"
start_postgres
start_sandbox --roster "$samples/roster.csv" --lineitem "Quiz 1:10" --lineitem "Essay:20" \
  --lineitem "Lab:5"
state=$postgres_url

# (a) post, then the same export again: nothing new, nothing sent.
expect_exit 0 gp --json post "$samples/attempts.json" --label "Quiz 1"
posted=$(json .counts.posted)
[ "$posted" -gt 0 ] || fail "nothing posted"
line_item=$(json .line_item)
admin scores >"$work/scores.json"
assert_eq "$(jq '[.scores[].accepted_posts] | add' "$work/scores.json")" "$posted" "accepted posts"
expect_exit 0 gp --json post "$samples/attempts.json" --label "Quiz 1"
assert_eq "$(json .counts.posted)" 0 "posted on the second run"
assert_eq "$(json '[.scores[] | select(.reason == "already posted")] | length')" "$posted" "already posted"
admin scores >"$work/scores2.json"
cmp -s "$work/scores.json" "$work/scores2.json" || fail "the second run changed the platform"

# The rows are in PostgreSQL itself, and `state show` reads them back.
assert_eq "$(psql_query "$postgres_url" "SELECT count(*) FROM entries WHERE state = 'posted'")" \
  "$posted" "posted rows in PostgreSQL"
assert_eq "$(psql_query "$postgres_url" "SELECT count(*) FROM posts")" "$posted" "history rows"
expect_exit 0 gp --json state show
assert_eq "$(json '.[0].posted')" "$posted" "state show: posted"
assert_eq "$(json '.[0].pending')" 0 "state show: pending"

# Attempt keys are stored compactly ("k:<16 hex>"); a row with the "id:" keys of earlier
# releases still reads as the same attempts: the same export is already posted.
printf 'user_id,score,max,attempt_id\n1001,7,10,att-1\n1002,8,10,att-2\n' >"$work/keys.csv"
expect_exit 0 gp --json post "$work/keys.csv" --label "Keys" --create --max 10
assert_eq "$(json .counts.posted)" 2 "posted with attempt ids"
keys_target=$(psql_query "$postgres_url" "SELECT max(id) FROM targets")
keys_of() { psql_query "$postgres_url" "SELECT posted_attempt_keys FROM entries WHERE target_id = $keys_target AND user_id = '$1' AND posted_attempt_keys LIKE '%$2%'"; }
[ -n "$(keys_of 1001 '"k:')" ] || fail "no compact key stored"
psql_query "$postgres_url" "UPDATE entries SET posted_attempt_keys = '[\"id:att-1\"]' WHERE target_id = $keys_target AND user_id = '1001'" >/dev/null
assert_eq "$(keys_of 1001 'id:att-1')" '["id:att-1"]' "an old-format row"
expect_exit 0 gp --json dry-run "$work/keys.csv" --label "Keys"
assert_eq "$(json '[.scores[] | select(.reason == "already posted")] | length')" 2 "old keys read as today's"

# The advisory lock: while one run posts (slowly), a second one is turned away, exit 4.
printf 'user_id,score\n1001,3\n1002,4\n1003,5\n' >"$work/lab.csv"
"$GRADEPOST" --config "$work/profile/config.json" --state "$state" --concurrency 1 --rate 2 -q \
  post "$work/lab.csv" --label "Lab" --max 5 >"$work/slow.out" 2>"$work/slow.err" &
slow=$!
for _ in $(seq 1 200); do
  [ "$(psql_query "$postgres_url" "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted")" = 1 ] && break
  sleep 0.05
done
assert_eq "$(psql_query "$postgres_url" "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted")" \
  1 "advisory locks held while the slow run posts"
expect_exit 4 gp post "$work/lab.csv" --label "Lab" --max 5
assert_contains "$work/cmd.err" "another gradepost run (gradepost pid $slow on"
wait "$slow" || fail "the slow run failed: $(cat "$work/slow.err")"
assert_eq "$(psql_query "$postgres_url" "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")" \
  0 "advisory locks left after the run"

# SIGINT while a slow run posts: the scores never sent leave no trace in PostgreSQL (no failed
# row, no pending one), and the next run sends them.
last_target=$(psql_query "$postgres_url" "SELECT max(id) FROM targets")
printf 'user_id,score\n1001,1\n1002,2\n1003,3\n1004,4\n1005,5\n1006,6\n' >"$work/extra.csv"
"$GRADEPOST" --config "$work/profile/config.json" --state "$state" --concurrency 1 --rate 1 -q \
  --json post "$work/extra.csv" --label "Extra" --create --max 10 >"$work/extra.json" 2>"$work/extra.err" &
slow=$!
for _ in $(seq 1 200); do
  [ "$(psql_query "$postgres_url" "SELECT count(*) FROM entries WHERE target_id > $last_target")" -ge 1 ] && break
  sleep 0.05
done
sleep 1.5 # journaled as the first score left; at one request a second, one or two more go
kill -INT "$slow"
status=0
wait "$slow" || status=$?
assert_eq "$status" 130 "exit status after SIGINT"
extra_target="(SELECT id FROM targets WHERE line_item = '$(jq -r .line_item "$work/extra.json")')"
sent=$(psql_query "$postgres_url" "SELECT count(*) FROM entries WHERE target_id = $extra_target")
[ "$sent" -ge 1 ] && [ "$sent" -lt 6 ] || fail "expected an interrupted run, $sent entries"
assert_eq "$(psql_query "$postgres_url" "SELECT count(*) FROM entries WHERE target_id = $extra_target AND state <> 'posted'")" \
  0 "entries not posted after SIGINT"
assert_eq "$(jq '[.scores[] | select(.reason == "not sent: the run was interrupted")] | length' "$work/extra.json")" \
  "$((6 - sent))" "not sent in the report"
expect_exit 0 gp --json post "$work/extra.csv" --label "Extra" --max 10
assert_eq "$(json .counts.posted)" "$((6 - sent))" "posted by the next run"

# A password in the URL is never shown, even when the connection fails.
expect_exit 3 "$GRADEPOST" --config "$work/profile/config.json" \
  --state "postgresql://gradepost:S3cretPw@127.0.0.1:1/none" state show
assert_contains "$work/cmd.err" "postgresql://gradepost@127.0.0.1:1/none"
assert_not_contains "$work/cmd.err" "S3cretPw"

# (c) state migrate: an SQLite ledger with one line item, copied into an empty database.
state="$work/state.db"
expect_exit 0 gp --json post "$samples/attempts.json" --label "Essay"
essay_posted=$(json .counts.posted)
essay=$(json .line_item)
gp --json state show --line-item "$essay" >"$work/sqlite_show.json"
target=$(create_database migrated)
expect_exit 0 gp --json state migrate --to "$target"
assert_eq "$(json .line_items)" 1 "line items copied"
assert_eq "$(json .entries)" "$essay_posted" "entries copied"
assert_eq "$(json .history)" "$essay_posted" "history rows copied"
state=$target
gp --json state show --line-item "$essay" >"$work/pg_show.json"
cmp -s "$work/sqlite_show.json" "$work/pg_show.json" ||
  fail "the copy differs: $(diff "$work/sqlite_show.json" "$work/pg_show.json" | head)"
jq -e 'length > 0' "$work/pg_show.json" >/dev/null || fail "state show of the copy is empty"
# The copy is the ledger: posting the same export again finds everything already posted.
expect_exit 0 gp --json post "$samples/attempts.json" --label "Essay"
assert_eq "$(json .counts.posted)" 0 "posted after the migration"

# Again into the same database: refused, nothing changed.
state="$work/state.db"
expect_exit 3 gp state migrate --to "$target"
assert_contains "$work/cmd.err" "already holds a ledger"
assert_eq "$(psql_query "$target" "SELECT count(*) FROM entries")" "$essay_posted" "entries after the refusal"
expect_exit 2 gp state migrate --to "$work/other.db"
assert_contains "$work/cmd.err" "postgresql://"
