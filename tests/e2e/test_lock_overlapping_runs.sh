#!/usr/bin/env bash
# Two cron-like runs of the same post started together: one posts, the other exits 4 naming
# the holder; with --wait-lock it waits and then finds nothing new. No student is posted twice.
source "$(dirname "$0")/common.sh"
start_sandbox --students 40 --latency-ms 50

python3 -c "
print('user_id,score,max')
for i in range(40): print(f'{1001 + i},{i % 10},10')" >"$work/week.csv"

gp_background --json --concurrency 2 post "$work/week.csv" --label "Quiz 1" >"$work/first.json" 2>"$work/first.err"
first=$!
# Wait until the first run is posting (it holds the lock by then).
for _ in $(seq 1 200); do
  admin log | grep -q '/scores' && break
  sleep 0.05
done
expect_exit 4 gp --json post "$work/week.csv" --label "Quiz 1"
assert_contains "$work/cmd.err" "another gradepost run (pid"

# A waiting run gets the lock when the first one is done.
expect_exit 0 gp --json post "$work/week.csv" --label "Quiz 1" --wait-lock 60
wait "$first" || fail "the first run failed: $(cat "$work/first.err")"
assert_eq "$(jq .counts.posted "$work/first.json")" 40 "posted by the first run"
assert_eq "$(json .counts.posted)" 0 "posted by the waiting run"

admin scores >"$work/scores.json"
assert_eq "$(jq '[.. | objects | select(has("accepted_posts")) | select(.accepted_posts > 1)] | length' "$work/scores.json")" 0 "students posted twice"
