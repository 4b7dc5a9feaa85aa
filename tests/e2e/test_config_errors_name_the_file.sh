#!/usr/bin/env bash
# A config file named by GRADEPOST_CONFIG must exist; missing credentials name the default
# file looked for; an unknown --profile exits 3 and lists the profiles there are.
source "$(dirname "$0")/common.sh"
start_sandbox --students 2

GRADEPOST_CONFIG="$work/nowhere.json" expect_exit 3 "$GRADEPOST" token
assert_contains "$work/cmd.err" "gradepost: error: cannot read config file $work/nowhere.json"

mkdir -p "$work/home"
env -u XDG_CONFIG_HOME -u GRADEPOST_CONFIG -u GRADEPOST_ACCESS_TOKEN HOME="$work/home" \
  "$GRADEPOST" token >"$work/out" 2>"$work/cmd.err" && fail "token without credentials passed"
assert_contains "$work/cmd.err" "no credentials"
assert_contains "$work/cmd.err" "looked for $work/home/.config/gradepost/config.json: no such file"

expect_exit 3 gp --profile canvas token
assert_contains "$work/cmd.err" 'unknown profile "canvas"'
assert_contains "$work/cmd.err" "profiles in $work/profile/config.json: sandbox"
GRADEPOST_PROFILE=nope expect_exit 3 gp token
assert_contains "$work/cmd.err" 'unknown profile "nope"'
# The profile that exists still works.
expect_exit 0 gp --profile sandbox token
