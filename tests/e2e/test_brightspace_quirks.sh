#!/usr/bin/env bash
# Brightspace's quirks (DESIGN.md): the client assertion's audience is Brightspace's API
# audience, not the token URL, and results come in pages of 200. A profile with platform
# brightspace and no audience gets it right by itself; a wrong audience is refused, exit 3,
# with a hint; 450 results are read in three pages.
source "$(dirname "$0")/common.sh"
start_sandbox --quirks brightspace --students 450
assert_eq "$(jq -r .profiles.sandbox.platform "$work/profile/config.json")" brightspace "profile platform"
assert_eq "$(jq -r '.profiles.sandbox.audience // "none"' "$work/profile/config.json")" none "audience in the profile"

expect_exit 0 gp token
expect_exit 3 gp --audience "$base_url/token" token
assert_contains "$work/cmd.err" "--audience"

python3 -c "
print('user_id,score,max')
for i in range(450): print(f'{1001 + i},{i % 10},10')" >"$work/quiz.csv"
expect_exit 0 gp --json post "$work/quiz.csv" --label "Quiz 1"
assert_eq "$(json .counts.posted)" 450 "posted"

expect_exit 0 gp --json results --label "Quiz 1"
assert_eq "$(json length)" 450 "results read"
pages=$(admin log | jq '[.. | objects | select(has("path")) | select(.method == "GET" and (.path | test("/results")))] | length')
# The gradebook read before the post (empty: one page), then `results`: three pages of 200.
assert_eq "$pages" 4 "result pages of 200"
