#!/usr/bin/env bash
# state_url in the profile: without --state the ledger is the profile's, here a PostgreSQL
# database; --state wins over it, and so does GRADEPOST_STATE.
source "$(dirname "$0")/common.sh"
source "$SOURCE_DIR/tests/support/postgres_cluster.sh"
start_postgres
start_sandbox --roster "$samples/roster.csv" --lineitem "Quiz 1:10"

jq --arg url "$postgres_url" '.profiles.sandbox.state_url = $url' "$work/profile/config.json" \
  >"$work/config.json"
# gp_profile_state ARGS...: no --state: the profile says where the ledger is.
gp_profile_state() { "$GRADEPOST" --config "$work/config.json" "$@"; }

expect_exit 0 gp_profile_state --json post "$samples/attempts.json" --label "Quiz 1"
posted=$(json .counts.posted)
[ "$posted" -gt 0 ] || fail "nothing posted"
assert_eq "$(psql_query "$postgres_url" "SELECT count(*) FROM entries WHERE state = 'posted'")" \
  "$posted" "posted rows in the profile's PostgreSQL ledger"
[ ! -e "$work/state.db" ] || fail "an SQLite ledger was written"

# Again through the profile's ledger: nothing new.
expect_exit 0 gp_profile_state --json post "$samples/attempts.json" --label "Quiz 1"
assert_eq "$(json .counts.posted)" 0 "posted on the second run"
expect_exit 0 gp_profile_state --json state show
assert_eq "$(json '.[0].posted')" "$posted" "state show through the profile"

# --state wins: an empty SQLite ledger that knows nothing of those posts.
expect_exit 0 gp_profile_state --json --state "$work/other.db" state show
assert_eq "$(json 'length')" 0 "line items in the --state ledger"
# So does GRADEPOST_STATE: a ledger that never posted finds the grades already in the LMS,
# where the profile's ledger knows them as its own posts.
expect_exit 0 env GRADEPOST_STATE="$work/env.db" "$GRADEPOST" --config "$work/config.json" \
  --json dry-run "$samples/attempts.json" --label "Quiz 1"
assert_eq "$(json '[.scores[] | select(.reason == "already in the LMS")] | length')" "$posted" \
  "grades unknown to the GRADEPOST_STATE ledger"
expect_exit 0 gp_profile_state --json dry-run "$samples/attempts.json" --label "Quiz 1"
assert_eq "$(json '[.scores[] | select(.reason == "already posted")] | length')" "$posted" \
  "grades known to the profile's ledger"
