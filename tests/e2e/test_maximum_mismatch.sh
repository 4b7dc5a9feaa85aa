#!/usr/bin/env bash
# The tour's surprise: 18.5/20 posted into a 10-point line item. The plan warns, naming both
# maxima, an example and --scale-to-line-item, whenever the line item is found (or created)
# by label, also for each column of a wide gradebook. Matching maxima, and scores scaled to
# the line item, say nothing.
source "$(dirname "$0")/common.sh"
start_sandbox --students 3 --lineitem "Quiz 1:10" --lineitem "Essay:20"
warning="2 scores are out of 20 but the line item is out of 10"

printf 'user_id,score,max\n1001,18.5,20\n1002,12,20\n' >"$work/quiz.csv"
expect_exit 0 gp dry-run "$work/quiz.csv" --label "Quiz 1"
assert_contains "$work/cmd.err" "$warning"
assert_contains "$work/cmd.err" "18.5/20 shows as 9.25/10"
assert_contains "$work/cmd.err" "--scale-to-line-item"

expect_exit 0 gp --json post "$work/quiz.csv" --label "Quiz 1"
assert_contains "$work/cmd.err" "$warning"
assert_eq "$(json .counts.posted)" 2 "posted despite the warning"

# Matching maxima, and scores scaled to the line item, are quiet.
expect_exit 0 gp --json post "$work/quiz.csv" --label "Essay"
assert_not_contains "$work/cmd.err" "line item is out of"
printf 'user_id,score,max\n1003,7,20\n' >"$work/late.csv"
expect_exit 0 gp --json post "$work/late.csv" --label "Quiz 1" --scale-to-line-item
assert_not_contains "$work/cmd.err" "line item is out of"
assert_eq "$(json '.scores[] | select(.user_id == "1003") | .score_given')" 3.5 "scaled score"

# A wide gradebook finds every column's line item before posting: the column scored out of
# 20 going to the 10-point "Quiz 1" is warned about, the one matching "Essay" is not.
printf 'user_id,Quiz 1/20,Essay/20\n1001,18.5,15\n1002,12,16\n' >"$work/gradebook.csv"
expect_exit 0 gp dry-run --wide "$work/gradebook.csv"
assert_contains "$work/cmd.err" "$warning"
assert_eq "$(grep -c "line item is out of" "$work/cmd.err")" 1 "warnings (one column differs)"
