#!/usr/bin/env bash
# A platform that cannot be reached: exit 5, nothing recorded as posted.
source "$(dirname "$0")/common.sh"
start_sandbox --students 3

printf 'user_id,score,max\n1001,6,10\n1002,7,10\n' >"$work/week.csv"
line_item="$base_url/api/lti/courses/course-1/line_items/1"
# The gradebook cannot be read before posting: exit 5, nothing sent.
expect_exit 5 env GRADEPOST_ACCESS_TOKEN=unused-token-value \
  "$GRADEPOST" --state "$work/state.db" --retries 1 post "$work/week.csv" \
  --line-item "http://127.0.0.1:9/api/lti/courses/course-1/line_items/1"
assert_contains "$work/cmd.err" "cannot reach"
# Without reading it first (--trust-ledger), every score POST fails to connect.
expect_exit 5 env GRADEPOST_ACCESS_TOKEN=unused-token-value \
  "$GRADEPOST" --state "$work/state.db" --json --retries 1 post "$work/week.csv" \
  --line-item "http://127.0.0.1:9/api/lti/courses/course-1/line_items/1" --trust-ledger
assert_eq "$(json .counts.posted)" 0
assert_eq "$(json .counts.failed)" 2
expect_exit 0 "$GRADEPOST" --state "$work/state.db" --json state show \
  --line-item "http://127.0.0.1:9/api/lti/courses/course-1/line_items/1"
assert_eq "$(json '[.[] | select(.state == "posted")] | length')" 0 "entries marked posted"
