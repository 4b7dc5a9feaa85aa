#!/usr/bin/env bash
# doctor checks token, scopes, line items and the clock; a platform whose clock is ten
# minutes ahead refuses the token and doctor says why (exit 3).
source "$(dirname "$0")/common.sh"
start_sandbox --students 3

expect_exit 0 gp --json doctor --label "Quiz 1"
assert_eq "$(json '[.[] | select(.ok | not)] | length')" 0 "failed checks"
assert_eq "$(json '[.[].check] | join(",")')" "profile,token,clock,line items,line item" "checks"
assert_contains "$work/out" "agrees with the platform"

kill "$sandbox_pid"; wait "$sandbox_pid" 2>/dev/null || true
rm -rf "$work/ready" "$work/profile"
start_sandbox --students 3 --clock-offset 600
expect_exit 3 gp doctor
assert_contains "$work/out" "FAIL token"
assert_contains "$work/out" "FAIL clock"
assert_contains "$work/out" "this machine's clock is 600 s behind the platform's"
expect_exit 3 gp post "$samples/attempts.json" --label "Quiz 1"
assert_contains "$work/cmd.err" "600 s behind the platform"
