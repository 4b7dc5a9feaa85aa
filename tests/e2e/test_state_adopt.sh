#!/usr/bin/env bash
# A lost ledger is rebuilt from the platform: `state adopt` shows what it would record (dry run
# by default, nothing written), records it with --yes, and the next post treats the LMS's
# grades as gradepost's own last posts.
source "$(dirname "$0")/common.sh"
start_sandbox --students 5 --lineitem "Quiz 1:10"

printf 'user_id,score,max,attempt\n1001,6,10,1\n1002,7,10,1\n1003,8,10,1\n' >"$work/week.csv"
expect_exit 0 gp --json post "$work/week.csv" --label "Quiz 1"
assert_eq "$(json .counts.posted)" 3
rm -rf "$work/state.db"* # the ledger is lost

expect_exit 0 gp --json state adopt --label "Quiz 1"
assert_eq "$(json '[.scores[] | select(.action == "would_post")] | length')" 3
[ ! -e "$work/state.db" ] || fail "a dry-run adopt wrote the ledger"

expect_exit 0 gp --json state adopt --label "Quiz 1" --yes
assert_eq "$(json '[.scores[] | select(.action == "posted")] | length')" 3
expect_exit 0 gp --json state show --line-item "$base_url/api/lti/courses/course-1/line_items/1"
assert_eq "$(json '[.[] | select(.state == "posted")] | length')" 3

# Adopting again records nobody.
expect_exit 0 gp --json state adopt --label "Quiz 1" --yes
assert_eq "$(json '[.scores[] | select(.reason == "already in the ledger")] | length')" 3

# A regrade is now "changed" (the LMS holds what the ledger says was posted), not a hand edit.
printf 'user_id,score,max,attempt\n1001,6,10,1\n1002,9,10,1\n1003,8,10,1\n' >"$work/week.csv"
expect_exit 0 gp --json post "$work/week.csv" --label "Quiz 1" --select changed
assert_eq "$(json '[.scores[] | select(.action == "posted") | .user_id] | join(",")')" 1002
