#!/usr/bin/env bash
# A label that matches no line item: the label echoed, the labels there are (the first ten),
# and the one meant when only the case differs.
source "$(dirname "$0")/common.sh"
items=()
for n in $(seq 1 12); do items+=(--lineitem "Week $n:10"); done
start_sandbox --students 2 --lineitem "Quiz 1:10" "${items[@]}"
printf 'user_id,score,max\n1001,8,10\n' >"$work/week.csv"

expect_exit 2 gp dry-run "$work/week.csv" --label "quiz 1"
assert_contains "$work/cmd.err" 'gradepost: error: no line item labelled "quiz 1" matches in'
assert_contains "$work/cmd.err" 'did you mean "Quiz 1"?'
assert_contains "$work/cmd.err" "line items there (13):"
assert_contains "$work/cmd.err" '  "Quiz 1"'
assert_contains "$work/cmd.err" "... and 3 more"
listed=$(grep -c '^  "' "$work/cmd.err")
assert_eq "$listed" 10 "labels listed"

expect_exit 2 gp dry-run "$work/week.csv" --label "Final exam"
assert_contains "$work/cmd.err" 'no line item labelled "Final exam" matches'
assert_not_contains "$work/cmd.err" "did you mean"
assert_contains "$work/cmd.err" "--create --max N"
[ ! -e "$work/state.db" ] || fail "a state file was written"

# The right case finds it.
expect_exit 0 gp dry-run "$work/week.csv" --label "Quiz 1"
