#!/usr/bin/env bash
# A platform that accepts the connection and never answers ends the run with exit 5 after
# about --timeout, retries included (not once per retry). Tested with --timeout 2 to keep
# CI short; the default of 60 s is asserted on --help.
source "$(dirname "$0")/common.sh"

expect_exit 0 "$GRADEPOST" --help
grep -Eq -- '--timeout.*60' "$work/out" || fail "--help does not show the default --timeout 60"

start_hostile lms hang 127.0.0.1
started=$(date +%s)
expect_exit 5 env GRADEPOST_ACCESS_TOKEN=hung-test-token "$GRADEPOST" --state "$work/state.db" \
  --timeout 2 --retries 5 results --line-item "http://127.0.0.1:$lms_port/lineitems/1"
elapsed=$(($(date +%s) - started))
assert_contains "$work/cmd.err" "timed out"
assert_contains "$work/cmd.err" "--timeout"
# Six sends of 2 s each would be 12 s and more.
[ "$elapsed" -le 6 ] || fail "a hung platform took ${elapsed} s with --timeout 2"
assert_eq "$(wc -l <"$work/lms.log")" 1 "requests sent to the hung platform"
