#!/usr/bin/env bash
# A run killed with SIGKILL mid-post loses nothing: the next run settles the unconfirmed
# posts against the platform and posts the rest; every student's score lands exactly once.
source "$(dirname "$0")/common.sh"
start_sandbox --students 600 --latency-ms 5

python3 -c "
print('user_id,score,max')
for i in range(600): print(f'{1001 + i},{i % 10},10')" >"$work/week.csv"
line_item="$base_url/api/lti/courses/course-1/line_items/1"

for delay in 0.4 0.7 1.0; do
  gp --concurrency 4 -q post "$work/week.csv" --line-item "$line_item" >/dev/null 2>&1 &
  victim=$!
  sleep "$delay"
  kill -9 "$victim" 2>/dev/null || true
  wait "$victim" 2>/dev/null || true
done

for _ in 1 2 3; do
  status=0
  gp --json post "$work/week.csv" --line-item "$line_item" >"$work/out" 2>"$work/cmd.err" || status=$?
  [ "$status" -eq 0 ] && break
done
[ "$status" -eq 0 ] || fail "the rerun did not succeed: $(cat "$work/cmd.err")"

admin scores >"$work/scores.json"
assert_eq "$(jq '[.. | objects | select(has("accepted_posts"))] | length' "$work/scores.json")" 600 "students on the platform"
assert_eq "$(jq '[.. | objects | select(has("accepted_posts")) | select(.accepted_posts != 1)] | length' "$work/scores.json")" 0 "students not posted exactly once"
expect_exit 0 gp --json state show --line-item "$line_item"
assert_eq "$(json '[.[] | select(.state == "posted")] | length')" 600 "ledger entries posted"
