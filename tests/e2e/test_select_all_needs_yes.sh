#!/usr/bin/env bash
# --select all overrides manual edits: without a terminal it needs --yes (exit 2 otherwise).
source "$(dirname "$0")/common.sh"
start_sandbox --roster "$samples/roster.csv" --lineitem "Quiz 1:10"

expect_exit 0 gp --json post "$samples/attempts.json" --label "Quiz 1"
first=$(json .counts.posted)

expect_exit 2 gp post "$samples/attempts.json" --label "Quiz 1" --select all </dev/null
assert_contains "$work/cmd.err" "--yes"

expect_exit 0 gp --json post "$samples/attempts.json" --label "Quiz 1" --select all --yes
assert_eq "$(json .counts.posted)" "$first" "re-posted with --select all"
assert_eq "$(json .select)" "all"
