#!/usr/bin/env bash
# --scale-to-line-item posts score/max of the line item's own maximum; a re-run posts nothing
# new, and an offline dry run cannot know that maximum.
source "$(dirname "$0")/common.sh"
start_sandbox --students 3 --lineitem "Quiz 1:15"

printf 'user_id,score,max\n1001,7,10\n1002,3,4\n' >"$work/quiz.csv"
expect_exit 0 gp --json dry-run "$work/quiz.csv" --label "Quiz 1" --scale-to-line-item
assert_eq "$(json '.scores[] | select(.user_id == "1001") | .score_maximum')" 15 "planned maximum"

expect_exit 0 gp --json post "$work/quiz.csv" --label "Quiz 1" --scale-to-line-item
assert_eq "$(json .counts.posted)" 2
expect_exit 0 gp --json results --label "Quiz 1"
assert_eq "$(json '.[] | select(.user_id == "1001") | .result_score')" 10.5 "scaled score"
assert_eq "$(json '.[] | select(.user_id == "1001") | .result_maximum')" 15 "line item maximum"
assert_eq "$(json '.[] | select(.user_id == "1002") | .result_score')" 11.25 "scaled score"

expect_exit 0 gp --json post "$work/quiz.csv" --label "Quiz 1" --scale-to-line-item
assert_eq "$(json .counts.posted)" 0 "posted again"

line_item=$(gp --json lineitems list --label "Quiz 1" | jq -r '.[0].id')
expect_exit 2 gp dry-run "$work/quiz.csv" --line-item "$line_item" --offline --scale-to-line-item
assert_contains "$work/cmd.err" "--offline"
