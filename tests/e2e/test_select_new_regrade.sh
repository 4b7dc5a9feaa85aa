#!/usr/bin/env bash
# `--select new` and regrades: a re-export with a changed score for the same attempt (same
# submitted time) is `changed`, not `new`; a later attempt is new. An export without attempt,
# time or number columns cannot tell attempts apart: `new` posts only students never posted.
source "$(dirname "$0")/common.sh"
start_sandbox --students 4 --lineitem "Quiz 1:10" --lineitem "Quiz 2:10"

printf 'user_id,score,max,submitted\n1001,6,10,2026-11-20T10:00:00Z\n1002,7,10,2026-11-20T11:00:00Z\n' \
  >"$work/week.csv"
expect_exit 0 gp --json post "$work/week.csv" --label "Quiz 1"
assert_eq "$(json .counts.posted)" 2 "first post"

# 1001 regraded (same attempt), 1002 made a second attempt.
printf 'user_id,score,max,submitted\n1001,8,10,2026-11-20T10:00:00Z\n1002,7,10,2026-11-20T11:00:00Z\n1002,9,10,2026-11-21T09:00:00Z\n' \
  >"$work/regraded.csv"
expect_exit 0 gp --json dry-run "$work/regraded.csv" --label "Quiz 1"
assert_eq "$(json '.scores[] | select(.user_id == "1001") | .reason')" "already posted" "regrade under new"
assert_eq "$(json '.scores[] | select(.user_id == "1002") | .reason')" "new attempt" "second attempt under new"
expect_exit 0 gp --json dry-run "$work/regraded.csv" --label "Quiz 1" --select changed
assert_eq "$(json '.scores[] | select(.user_id == "1001") | .reason')" "changed" "regrade under changed"

# No attempt identity: a changed score is not new; a student never posted is.
printf 'user_id,score,max\n1001,6,10\n1002,7,10\n' >"$work/bare.csv"
expect_exit 0 gp --json post "$work/bare.csv" --label "Quiz 2"
assert_eq "$(json .counts.posted)" 2 "first post without attempt columns"
printf 'user_id,score,max\n1001,9,10\n1002,7,10\n1003,5,10\n' >"$work/bare2.csv"
expect_exit 0 gp --json post "$work/bare2.csv" --label "Quiz 2"
assert_eq "$(json .counts.posted)" 1 "posted under new without attempt columns"
assert_eq "$(json '.scores[] | select(.action == "posted") | .user_id')" 1003 "the student never posted"
assert_eq "$(json '.scores[] | select(.user_id == "1001") | .reason')" "already posted" "regrade without attempt columns"
