#!/usr/bin/env bash
# Bad input: exit 2, every bad row named with file:line, no request made, no state written.
source "$(dirname "$0")/common.sh"
start_sandbox --students 5

cat >"$work/bad.csv" <<'CSV'
user_id,score,max
1001,8,10
1002,abc,10
,5,10
1004,-1,10
1005,12,10
CSV
expect_exit 2 gp post "$work/bad.csv" --label "Quiz 1"
assert_contains "$work/cmd.err" "bad.csv:3"
assert_contains "$work/cmd.err" "bad.csv:4"
assert_contains "$work/cmd.err" "bad.csv:5"
assert_contains "$work/cmd.err" "bad.csv:6"
assert_contains "$work/cmd.err" '"abc"'
[ ! -e "$work/state.db" ] || fail "a state file was written"
requests=$(admin log | jq '[.. | objects | select(has("path")) | select(.path | startswith("/_sandbox") | not)] | length')
assert_eq "$requests" 0 "requests made to the platform"

# An unknown flag value is a usage error too.
expect_exit 2 gp post "$work/bad.csv" --keep best
expect_exit 2 gp post "$work/missing.csv" --label "Quiz 1"
