#!/usr/bin/env bash
# Canvas's leaky bucket with its defaults (high-water mark 700, pre-flight charge 50, drain
# 10 units/s: the sandbox's defaults) and a cost of 1 per request: 750 scores need about
# 10 s of drain after the burst. The pacer learns the drain, keeps room for the pre-flight
# charges in flight, and no request is refused (403).
source "$(dirname "$0")/common.sh"
students=750
# Requests take 20 ms, as they take time on Canvas.
start_sandbox --students "$students" --canvas-throttle --latency-ms 20
curl -sf -X POST -H 'Content-Type: application/json' -d '{"request_cost": 1}' \
  "$base_url/_sandbox/faults" >"$work/faults.json"
assert_eq "$(jq -c '[.bucket_size, .bucket_drain, .bucket_upfront]' "$work/faults.json")" \
  "[700,10,50]" "the sandbox's bucket"

python3 -c "
print('user_id,score,max')
for i in range($students): print(f'{1001 + i},{i % 10},10')" >"$work/week.csv"
line_item="$base_url/api/lti/courses/course-1/line_items/1"

expect_exit 0 gp --json post "$work/week.csv" --line-item "$line_item"
assert_eq "$(json .counts.posted)" "$students" "posted"
assert_eq "$(json .requests.throttled)" 0 "throttled answers seen by the client"
jq -e '.requests.pacer_wait_s > 4' "$work/out" >/dev/null ||
  fail "the pacer held back less than the drain needs: $(jq -c .requests "$work/out")"

admin stats >"$work/stats.json"
assert_eq "$(jq '.faults.canvas_throttle // 0' "$work/stats.json")" 0 "403s sent by the platform"
admin scores >"$work/scores.json"
assert_eq "$(jq '[.scores[].accepted_posts] | add' "$work/scores.json")" "$students" "accepted posts"
assert_eq "$(jq .max_posts "$work/scores.json")" 1 "posts of the most posted score"
