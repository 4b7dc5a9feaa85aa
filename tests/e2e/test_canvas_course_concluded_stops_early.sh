#!/usr/bin/env bash
# A concluded Canvas course refuses every score with one course-level text: the run stops
# after the first 10 answers (exit 1) and explains why; the other students are "not sent",
# never journaled as sent, and a later run, once the course is open again, posts them all.
source "$(dirname "$0")/common.sh"
start_sandbox --students 200 --quirks canvas

{
  echo "user_id,score,max"
  for i in $(seq 1001 1200); do echo "$i,$((i % 10)),10"; done
} >"$work/week.csv"
line_item="$base_url/api/lti/courses/course-1/line_items/1"

curl -sf -X POST -d '{"state":"concluded"}' "$base_url/_sandbox/course" >/dev/null
expect_exit 1 gp --json post "$work/week.csv" --line-item "$line_item" --concurrency 4
assert_eq "$(json .stopped_early.reason)" "course_concluded" "stop reason"
assert_eq "$(json .counts.failed)" 10 "failed (the first answers)"
assert_eq "$(json '[.scores[] | select(.reason == "not sent: course_concluded")] | length')" 190 \
  "not sent"
assert_contains "$work/cmd.err" "gradepost: error: stopped after the first answers"
assert_contains "$work/cmd.err" "the course has concluded"
score_posts=$(admin log | jq '[.. | objects | select(has("path")) |
  select(.method == "POST" and (.path | endswith("/scores")))] | length')
assert_eq "$score_posts" 10 "score posts that reached the platform"

# Nothing was lost: with the course open again, every student is posted once.
curl -sf -X POST -d '{"state":"active"}' "$base_url/_sandbox/course" >/dev/null
expect_exit 0 gp --json post "$work/week.csv" --line-item "$line_item"
assert_eq "$(json .counts.posted)" 200 "posted after reopening"
assert_eq "$(admin scores | jq .max_posts)" 1 "posts per student"

# An unpublished course is explained as such, in the table output too.
curl -sf -X POST -d '{"state":"unpublished"}' "$base_url/_sandbox/course" >/dev/null
printf 'user_id,score,max\n1001,10,10\n1002,10,10\n' >"$work/regrade.csv"
expect_exit 1 gp post "$work/regrade.csv" --line-item "$line_item" --select changed
assert_contains "$work/cmd.err" "not available to its students"
