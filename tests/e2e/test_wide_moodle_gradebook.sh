#!/usr/bin/env bash
# post --wide on Moodle's grader report export (samples/moodle-gradebook.csv): its columns
# "Quiz: Week 1 (Real)" carry no maximum, so each column's scores are out of its line item's
# scoreMaximum (10 for the weeks, 20 for the essay); "-" is no grade, the course total and
# the download time are not grade items; students are matched by email through a roster.
source "$(dirname "$0")/common.sh"
start_sandbox --roster "$samples/roster.csv" --lineitem "Week 1:10" --lineitem "Week 2:10" \
  --lineitem "Essay:20"
wide() { gp "$@" "$samples/moodle-gradebook.csv" --wide --map "user=Email address" --match email \
  --roster "$samples/roster.csv"; }

expect_exit 0 wide --json dry-run
assert_eq "$(json '[.line_items[].label] | join(",")')" "Week 1,Week 2,Essay" "line items"
assert_eq "$(json '.line_items[] | select(.label == "Essay") | [.report.scores[] | select(.action == "would_post") | .score_maximum] | unique | join(",")')" \
  20 "Essay's maximum, from its line item"

expect_exit 0 wide --json post
assert_eq "$(json .counts.posted)" 7 "posted (3 + 2 + 2)"
assert_eq "$(json .requests.token)" 1 "token requests"
admin scores >"$work/scores.json"
assert_eq "$(jq -r '.scores[] | select(.line_item_id == 3 and .user_id == "1001") | "\(.result.score_given)/\(.result.score_maximum)"' "$work/scores.json")" \
  "17/20" "Ada's essay"
assert_eq "$(jq -r '.scores[] | select(.line_item_id == 1 and .user_id == "1001") | "\(.result.score_given)/\(.result.score_maximum)"' "$work/scores.json")" \
  "8.5/10" "Ada's week 1"
assert_eq "$(jq '[.scores[] | select(.line_item_id == 2)] | length' "$work/scores.json")" 2 \
  "Week 2 grades (Alan's is -)"

# --max for every column overrides the line items' maxima: 17 of 10 is above it, exit 2.
expect_exit 2 wide post --max 10 --select changed
assert_contains "$work/cmd.err" "moodle-gradebook.csv:2"
