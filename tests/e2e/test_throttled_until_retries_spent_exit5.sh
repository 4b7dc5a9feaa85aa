#!/usr/bin/env bash
# A Canvas bucket too small for any request: every send is refused with 403 "Rate Limit
# Exceeded"; once the retries are spent the run exits 5 and nothing is recorded as posted.
source "$(dirname "$0")/common.sh"
start_sandbox --students 1 --canvas-throttle --bucket-size 1

printf 'user_id,score,max\n1001,6,10\n' >"$work/week.csv"
line_item="$base_url/api/lti/courses/course-1/line_items/1"
expect_exit 5 gp --json --retries 1 post "$work/week.csv" --line-item "$line_item" --trust-ledger
assert_eq "$(json .counts.posted)" 0 "posted"
assert_eq "$(json .counts.failed)" 1 "failed"
assert_eq "$(json .requests.throttled)" 2 "throttled answers"
assert_eq "$(json .requests.sends)" 3 "sends (token, a score and its retry)"
assert_contains "$work/out" "Rate Limit Exceeded"

expect_exit 0 gp --json state show --line-item "$line_item"
assert_eq "$(json '[.[] | select(.state == "posted")] | length')" 0 "entries marked posted"
