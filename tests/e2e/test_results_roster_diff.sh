#!/usr/bin/env bash
# results, roster and diff read what the platform holds.
source "$(dirname "$0")/common.sh"
start_sandbox --roster "$samples/roster.csv" --lineitem "Quiz 1:10"

printf 'user_id,score,max\n1001,6,10\n1002,7,10\n' >"$work/week.csv"
expect_exit 0 gp post "$work/week.csv" --label "Quiz 1"

expect_exit 0 gp --json results --label "Quiz 1"
assert_eq "$(json 'length')" 2
expect_exit 0 gp results --label "Quiz 1" --csv
assert_contains "$work/out" "user_id,score,max"
assert_contains "$work/out" "1002,7,10"

expect_exit 0 gp --json roster
assert_eq "$(json '[.[] | select(.user_id == "1001")] | length')" 1
assert_contains "$work/out" "@example.edu"

printf 'user_id,score,max\n1001,6,10\n1002,9,10\n1003,5,10\n' >"$work/week2.csv"
expect_exit 0 gp --json diff "$work/week2.csv" --label "Quiz 1"
assert_eq "$(json '.students[] | select(.user_id == "1001") | .status')" equal
assert_eq "$(json '.students[] | select(.user_id == "1002") | .status')" different
assert_eq "$(json '.students[] | select(.user_id == "1003") | .status')" only_in_file
