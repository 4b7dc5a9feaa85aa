#!/usr/bin/env bash
# Three runners started at once on one sync manifest share a PostgreSQL ledger: a runner that
# finds a job's line item locked skips it (reported, exit 4 for that job) and takes the next
# one. One runner is SIGKILLed mid-run and restarted: its pending intents are reconciled, and
# the platform accepted every score exactly once, none lost.
source "$(dirname "$0")/common.sh"
source "$SOURCE_DIR/tests/support/postgres_cluster.sh"
start_postgres
jobs=6
students=60
lineitems=()
for job in $(seq 1 "$jobs"); do lineitems+=(--lineitem "Week $job:10"); done
start_sandbox --students "$students" --latency-ms 20 "${lineitems[@]}"
state=$postgres_url

manifest='{"jobs": ['
for job in $(seq 1 "$jobs"); do
  python3 -c "
print('user_id,score')
for i in range($students): print(f'{1001 + i},{(i + $job) % 11}')" >"$work/week$job.csv"
  [ "$job" -gt 1 ] && manifest+=','
  manifest+="{\"name\": \"week$job\", \"label\": \"Week $job\", \"max\": 10, \"files\": [\"$work/week$job.csv\"]}"
done
echo "$manifest]}" >"$work/sync.json"

# Three runners at once; the second is killed once the platform has accepted some scores.
runner() { "$GRADEPOST" --config "$work/profile/config.json" --state "$state" --concurrency 2 \
  --json sync "$work/sync.json" >"$work/runner$1.json" 2>"$work/runner$1.err"; }
runner 1 & first=$!
"$GRADEPOST" --config "$work/profile/config.json" --state "$state" --concurrency 2 \
  --json sync "$work/sync.json" >"$work/runner2.json" 2>"$work/runner2.err" &
victim=$!
runner 3 & third=$!
for _ in $(seq 1 400); do
  [ "$(admin scores | jq '[.scores[].accepted_posts] | add // 0')" -ge 30 ] && break
  sleep 0.05
done
kill -0 "$victim" 2>/dev/null || fail "the second runner ended before it could be killed"
kill -9 "$victim"
wait "$victim" 2>/dev/null || true
echo "at the kill: $(psql_query "$postgres_url" "SELECT count(*) FROM entries WHERE state = 'pending'") pending," \
  "$(admin scores | jq '[.scores[].accepted_posts] | add') accepted"
for pid in "$first" "$third"; do
  status=0
  wait "$pid" || status=$?
  # 0, or 4 when a job was skipped because another runner had its line item
  [ "$status" -eq 0 ] || [ "$status" -eq 4 ] || fail "a runner exited $status"
done

# Skipped jobs are reported as locked, naming the holder, and taken by another runner.
locked=$(jq -s '[.[].line_items[] | select(.exit_code == 4)] | length' "$work/runner1.json" "$work/runner3.json")
[ "$locked" -gt 0 ] || fail "no runner found a line item locked"
jq -s -e '[.[].line_items[] | select(.exit_code == 4) | .error | contains("another gradepost run")] | all' \
  "$work/runner1.json" "$work/runner3.json" >/dev/null || fail "a locked job does not name the holder"

# The killed runner again: it settles what it left pending and posts what is left.
status=0
"$GRADEPOST" --config "$work/profile/config.json" --state "$state" --json sync "$work/sync.json" \
  >"$work/restart.json" 2>"$work/restart.err" || status=$?
[ "$status" -eq 0 ] || fail "the restarted runner exited $status: $(cat "$work/restart.err")"

# Every score accepted exactly once; the platform holds every score of every export.
admin scores >"$work/scores.json"
assert_eq "$(jq '.max_posts' "$work/scores.json")" 1 "posts accepted per score, at most"
assert_eq "$(jq '[.scores[] | select(.accepted_posts == 1)] | length' "$work/scores.json")" \
  "$((jobs * students))" "scores accepted once"
gp --json state show >"$work/state.json"
assert_eq "$(jq '[.[].posted] | add' "$work/state.json")" "$((jobs * students))" "posted in the ledger"
assert_eq "$(jq '[.[].pending] | add' "$work/state.json")" 0 "pending in the ledger"

# And once more: nothing new anywhere.
expect_exit 0 gp --json sync "$work/sync.json"
assert_eq "$(json '[.line_items[].report.counts.posted] | add')" 0 "posted by a run with nothing new"
