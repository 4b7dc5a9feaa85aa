#!/usr/bin/env bash
# Against 20% 5xx, 10% 429 with Retry-After, 5% dropped connections and tokens that expire
# every 500 requests, every score lands exactly once and the run exits 0.
source "$(dirname "$0")/common.sh"
start_sandbox --students 300 --fail-rate 0.2 --throttle-rate 0.1 --drop-rate 0.05 \
  --expire-tokens-every 500 --fault-seed 42

python3 -c "
print('user_id,score,max')
for i in range(300): print(f'{1001 + i},{i % 10},10')" >"$work/week.csv"
line_item="$base_url/api/lti/courses/course-1/line_items/1"

expect_exit 0 gp --json --retries 10 post "$work/week.csv" --line-item "$line_item"
assert_eq "$(json .counts.posted)" 300 "posted"
assert_eq "$(json .counts.failed)" 0 "failed"

admin scores >"$work/scores.json"
assert_eq "$(jq '[.. | objects | select(has("accepted_posts")) | .accepted_posts] | add' "$work/scores.json")" 300 "accepted posts"
admin stats >"$work/stats.json"
jq -e '.faults_injected > 0' "$work/stats.json" >/dev/null || fail "no fault was injected: $(cat "$work/stats.json")"

expect_exit 0 gp --json state show --line-item "$line_item"
assert_eq "$(json '[.[] | select(.state == "posted")] | length')" 300 "ledger entries posted"
