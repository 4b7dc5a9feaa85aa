#!/usr/bin/env bash
# Canvas's leaky bucket, cost 1 per request, with two parameter sets:
#  - small: high-water mark 300, drain 20 units/s, pre-flight 10; 500 scores need about 11 s
#    of drain after the burst;
#  - Canvas's defaults (the sandbox's): mark 700, drain 10 units/s, pre-flight 50; 750 scores
#    need about 10 s of drain after the burst.
# The pacer spends the burst, then holds the drain rate with the pre-flight charges in flight
# counted: every score lands once, no request is refused (403), and the time held back shows
# as pacer wait. Requests take 20 ms, as they take time on Canvas: only requests that overlap
# there show the pre-flight charge (with none it is taken as Canvas's default, 50: slower,
# still safe). Last, two courses of one client in one sync share one bucket's pacer.
source "$(dirname "$0")/common.sh"

# post_through_bucket STUDENTS FAULTS_JSON [SANDBOX FLAGS...]
post_through_bucket() {
  local students=$1 faults=$2
  shift 2
  start_sandbox --students "$students" --canvas-throttle --latency-ms 20 "$@"
  curl -sf -X POST -H 'Content-Type: application/json' -d "$faults" \
    "$base_url/_sandbox/faults" >"$work/faults.json"

  python3 -c "
print('user_id,score,max')
for i in range($students): print(f'{1001 + i},{i % 10},10')" >"$work/week.csv"
  local line_item="$base_url/api/lti/courses/course-1/line_items/1"
  expect_exit 0 gp --json post "$work/week.csv" --line-item "$line_item"
  assert_eq "$(json .counts.posted)" "$students" "posted"
  assert_eq "$(json .requests.throttled)" 0 "throttled answers seen by the client"
  assert_eq "$(json .requests.retries)" 0 "retries"
  jq -e '.requests.pacer_wait_s > 4' "$work/out" >/dev/null ||
    fail "the pacer held back less than the drain needs: $(jq -c .requests "$work/out")"

  admin stats >"$work/stats.json"
  assert_eq "$(jq '.faults.canvas_throttle // 0' "$work/stats.json")" 0 "403s sent by the platform"
  admin scores >"$work/scores.json"
  assert_eq "$(jq '[.scores[].accepted_posts] | add' "$work/scores.json")" "$students" "accepted posts"
  assert_eq "$(jq .max_posts "$work/scores.json")" 1 "posts of the most posted score"

  kill "$sandbox_pid" && wait "$sandbox_pid" 2>/dev/null || true
  sandbox_pid=""
  rm -f "$work/ready" "$state"
}

post_through_bucket 500 '{"bucket_upfront": 10, "request_cost": 1}' --bucket-size 300 --bucket-drain 20
post_through_bucket 750 '{"request_cost": 1}'
assert_eq "$(jq -c '[.bucket_size, .bucket_drain, .bucket_upfront]' "$work/faults.json")" \
  "[700,10,50]" "Canvas's defaults in the sandbox"

# One bucket per client id, as Canvas keeps it: two courses of one client in one sync share
# the pacer (and the token), so the second job starts knowing how full the bucket is.
# 2 × 200 scores through the small bucket: nothing refused, the second job paced.
start_sandbox --students 200 --canvas-throttle --latency-ms 20 --bucket-size 300 --bucket-drain 20 \
  --lineitem "Week 1:10" --lineitem "Week 2:10"
curl -sf -X POST -H 'Content-Type: application/json' -d '{"bucket_upfront": 10, "request_cost": 1}' \
  "$base_url/_sandbox/faults" >/dev/null
jq '.profiles.sandbox.lineitems_url += "?course={course}"' "$work/profile/config.json" >"$work/config.json"
python3 -c "
print('user_id,score,max')
for i in range(200): print(f'{1001 + i},{i % 10},10')" >"$work/week.csv"
cat >"$work/sync.json" <<JSON
{"jobs": [
  {"name": "a", "course": "101", "label": "Week 1", "files": ["$work/week.csv"]},
  {"name": "b", "course": "202", "label": "Week 2", "files": ["$work/week.csv"]}
]}
JSON
expect_exit 0 "$GRADEPOST" --config "$work/config.json" --state "$state" --json sync "$work/sync.json"
assert_eq "$(json .counts.posted)" 400 "posted by the two jobs"
assert_eq "$(json .requests.token)" 1 "token requests"
assert_eq "$(json .requests.throttled)" 0 "throttled answers seen by the client"
jq -e '.requests.pacer_wait_s > 2' "$work/out" >/dev/null ||
  fail "the shared pacer held back less than the drain needs: $(jq -c .requests "$work/out")"
admin stats >"$work/stats.json"
assert_eq "$(jq '.faults.canvas_throttle // 0' "$work/stats.json")" 0 "403s sent by the platform"
