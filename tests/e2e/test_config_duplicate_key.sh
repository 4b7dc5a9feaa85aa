#!/usr/bin/env bash
# A key written twice in one object of the config file is an error naming file, line and
# column (exit 3, like every config error), before any request.
source "$(dirname "$0")/common.sh"
start_sandbox --students 3

config="$work/profile/config.json"
# Repeat the profile's token_url on a line of its own, pointing elsewhere.
jq -r '.' "$config" |
  awk '/"token_url"/ && !done { print "\"token_url\": \"http://127.0.0.1:9/token\","; done = 1 }
       { print }' \
    >"$work/duplicate.json"
# The second occurrence is the profile's own, on the line after the one added.
line=$(($(grep -n '127.0.0.1:9/token' "$work/duplicate.json" | cut -d: -f1) + 1))
expect_exit 3 "$GRADEPOST" --config "$work/duplicate.json" --state "$work/state.db" token
assert_contains "$work/cmd.err" "$work/duplicate.json:$line:"
assert_contains "$work/cmd.err" "key \"token_url\" appears twice"
admin log >"$work/log.json"
token_requests='[.. | objects | select(has("path")) | select(.path | contains("token"))] | length'
assert_eq "$(jq "$token_requests" "$work/log.json")" 0 "token requests"
