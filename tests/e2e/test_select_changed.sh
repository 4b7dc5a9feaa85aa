#!/usr/bin/env bash
# After a regrade, --select new leaves students alone and --select changed posts exactly the
# students whose kept score changed.
source "$(dirname "$0")/common.sh"
start_sandbox --students 5 --lineitem "Quiz 1:10"

printf 'user_id,score,max,attempt\n1001,6,10,1\n1002,7,10,1\n1003,8,10,1\n' >"$work/week.csv"
expect_exit 0 gp --json post "$work/week.csv" --label "Quiz 1"
assert_eq "$(json .counts.posted)" 3

# Regrade 1002's attempt 1 (same attempt id, new score).
printf 'user_id,score,max,attempt\n1001,6,10,1\n1002,9,10,1\n1003,8,10,1\n' >"$work/week.csv"
expect_exit 0 gp --json post "$work/week.csv" --label "Quiz 1"
assert_eq "$(json .counts.posted)" 0 "new after a regrade"

expect_exit 0 gp --json post "$work/week.csv" --label "Quiz 1" --select changed
assert_eq "$(json .counts.posted)" 1 "changed after a regrade"
assert_eq "$(json '.scores[] | select(.action == "posted") | .user_id')" 1002

expect_exit 0 gp --json results --label "Quiz 1" --user 1002
assert_eq "$(json '.[0].result_score')" 9 "result after the regrade"

# A new attempt of 1003 is new under --select new.
printf 'user_id,score,max,attempt\n1001,6,10,1\n1002,9,10,1\n1003,8,10,1\n1003,10,10,2\n' >"$work/week.csv"
expect_exit 0 gp --json post "$work/week.csv" --label "Quiz 1"
assert_eq "$(json '[.scores[] | select(.action == "posted") | .user_id] | join(",")')" 1003
