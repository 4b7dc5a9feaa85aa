#!/usr/bin/env bash
# Moodle keeps results on the line item's scale (8/20 posted to a 100-point item reads back as
# 40/100): the three-way sync compares fractions, so that is not a hand edit, and a real hand
# edit still is.
source "$(dirname "$0")/common.sh"
start_sandbox --quirks moodle --students 3 --lineitem "Quiz 1:100"

printf 'user_id,score,max,attempt\n1001,8,20,1\n1002,13,20,1\n' >"$work/week.csv"
expect_exit 0 gp --json post "$work/week.csv" --label "Quiz 1"
assert_eq "$(json .counts.posted)" 2

printf 'user_id,score,max,attempt\n1001,8,20,1\n1002,14,20,1\n' >"$work/week.csv"
expect_exit 0 gp --json post "$work/week.csv" --label "Quiz 1" --select changed
assert_eq "$(json '[.scores[] | select(.action == "posted") | .user_id] | join(",")')" 1002
assert_eq "$(json '[.scores[] | select(.reason == "edited in the LMS")] | length')" 0 "rescaling taken for a hand edit"

curl -sf -X POST "$base_url/_sandbox/grade" \
  -d '{"line_item_id": 1, "user_id": "1001", "score_given": 55, "score_maximum": 100}' >/dev/null
printf 'user_id,score,max,attempt\n1001,9,20,1\n1002,14,20,1\n' >"$work/week.csv"
expect_exit 0 gp --json post "$work/week.csv" --label "Quiz 1" --select changed
assert_eq "$(json '.scores[] | select(.user_id == "1001") | .reason')" "edited in the LMS"
