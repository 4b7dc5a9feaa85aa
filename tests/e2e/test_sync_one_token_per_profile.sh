#!/usr/bin/env bash
# sync: jobs on two courses of one profile share one token (one client id, one token, one
# concurrency budget), where each course used to take its own. The sandbox serves one
# course, so the profile's URLs carry {course} in their query string: two courses for the
# client, two sets of URLs, one platform. Another profile with the same client id on the
# same platform shares that token; a profile of another client takes its own.
source "$(dirname "$0")/common.sh"
start_sandbox --roster "$samples/roster.csv" --lineitem "Week 1:10" --lineitem "Week 2:10" \
  --lineitem "Week 3:10"

jq '.profiles.sandbox.lineitems_url += "?course={course}"
    | .profiles.sandbox.memberships_url += "?course={course}"
    | .profiles.other = .profiles.sandbox | .default_profile = "sandbox"' \
  "$work/profile/config.json" >"$work/config.json"
sync() { "$GRADEPOST" --config "$work/config.json" --state "$work/state.db" "$@"; }

for week in 1 2 3; do printf 'user_id,score\n1001,%s\n1002,7\n' "$((week + 5))" >"$work/week$week.csv"; done
cat >"$work/sync.json" <<JSON
{"jobs": [
  {"name": "a", "profile": "sandbox", "course": "101", "label": "Week 1", "max": 10, "files": ["$work/week1.csv"]},
  {"name": "b", "profile": "sandbox", "course": "202", "label": "Week 2", "max": 10, "files": ["$work/week2.csv"]}
]}
JSON
expect_exit 0 sync --json sync "$work/sync.json"
assert_eq "$(json .requests.token)" 1 "token requests for two courses of one profile"
assert_eq "$(json .counts.posted)" 4 "posted"
assert_eq "$(json '[.line_items[].job] | join(",")')" "a,b" "jobs"
assert_eq "$(admin log | jq '[.entries[] | select(.kind == "token")] | length')" 1 \
  "token requests the platform saw"

# Another profile with the same client id on the same platform: the same client, one token.
jq '.jobs += [{"name": "c", "profile": "other", "course": "303", "label": "Week 3", "max": 10,
               "files": ["'"$work/week3.csv"'"]}]' "$work/sync.json" >"$work/sync3.json"
expect_exit 0 sync --json sync "$work/sync3.json" --only c --only a
assert_eq "$(json .requests.token)" 1 "token requests for two profiles of one client"

# A profile of another client (the sandbox's token URL, another client id): its own token.
# The sandbox knows one client, so that token is refused: the job fails (exit 3), the other
# job posts with the first client's token.
jq '.profiles.stranger = .profiles.sandbox | .profiles.stranger.client_id = "another-tool"' \
  "$work/config.json" >"$work/config2.json" && mv "$work/config2.json" "$work/config.json"
jq '.jobs[0].course = "404" | .jobs += [{"name": "d", "profile": "stranger", "course": "505",
    "label": "Week 3", "max": 10, "files": ["'"$work/week3.csv"'"]}]' "$work/sync.json" >"$work/sync4.json"
expect_exit 3 sync --json sync "$work/sync4.json"
assert_eq "$(json '.line_items[] | select(.job == "d") | .exit_code')" 3 "the other client's job"
assert_eq "$(admin log | jq '[.entries[] | select(.kind == "token")] | length')" 4 \
  "token requests the platform saw (1 + 1 + 2 for two clients)"
