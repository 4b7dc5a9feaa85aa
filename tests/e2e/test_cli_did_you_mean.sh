#!/usr/bin/env bash
# Every error line starts "gradepost: error: "; a mistyped option or command is named as such,
# with the closest known one, and exits 2 before anything is read or contacted.
source "$(dirname "$0")/common.sh"
printf 'user_id,score,max\n1001,8,10\n' >"$work/week.csv"

# only_error_lines: every line of the last stderr is a "gradepost: error: " line.
only_error_lines() {
  ! grep -v '^gradepost: error: ' "$work/cmd.err" ||
    fail "a stderr line without 'gradepost: error: ': $(cat "$work/cmd.err")"
}

expect_exit 2 "$GRADEPOST" post "$work/week.csv" --lable "Quiz 1"
assert_eq "$(cat "$work/cmd.err")" "gradepost: error: unknown option --lable; did you mean --label?"
expect_exit 2 "$GRADEPOST" post "$work/week.csv" --lable="Quiz 1"
assert_eq "$(cat "$work/cmd.err")" "gradepost: error: unknown option --lable; did you mean --label?"
# Options of the command and global ones, before or after the command.
expect_exit 2 "$GRADEPOST" --jsno dry-run "$work/week.csv" --offline
assert_eq "$(cat "$work/cmd.err")" "gradepost: error: unknown option --jsno; did you mean --json?"
expect_exit 2 "$GRADEPOST" dry-run "$work/week.csv" --ofline
assert_contains "$work/cmd.err" "did you mean --offline?"
# A prefix is a match too; nothing close is said as such.
expect_exit 2 "$GRADEPOST" results --line-i URL
assert_contains "$work/cmd.err" "unknown option --line-i; did you mean --line-item?"
expect_exit 2 "$GRADEPOST" post "$work/week.csv" --shiny
assert_eq "$(cat "$work/cmd.err")" "gradepost: error: unknown option --shiny; see gradepost --help"
expect_exit 2 "$GRADEPOST" --colour always post "$work/week.csv"
assert_contains "$work/cmd.err" "did you mean --color?"

expect_exit 2 "$GRADEPOST" dyr-run "$work/week.csv"
assert_eq "$(cat "$work/cmd.err")" "gradepost: error: unknown command dyr-run; did you mean dry-run?"
expect_exit 2 "$GRADEPOST" --config x.json pots "$work/week.csv"
assert_eq "$(cat "$work/cmd.err")" "gradepost: error: unknown command pots; did you mean post?"
expect_exit 2 "$GRADEPOST" state shwo
assert_eq "$(cat "$work/cmd.err")" \
  "gradepost: error: unknown command state shwo; did you mean state show?"
expect_exit 2 "$GRADEPOST" --json state
assert_eq "$(cat "$work/cmd.err")" "gradepost: error: which command? gradepost state show|forget|adopt|migrate"
expect_exit 2 "$GRADEPOST" keys --bits 4096
assert_contains "$work/cmd.err" "unknown option --bits"
expect_exit 2 "$GRADEPOST" frobnicate
assert_eq "$(cat "$work/cmd.err")" "gradepost: error: unknown command frobnicate; see gradepost --help"

# CLI11's own errors, in plain words and with the prefix.
expect_exit 2 "$GRADEPOST"
assert_eq "$(cat "$work/cmd.err")" "gradepost: error: which command? see gradepost --help"
expect_exit 2 "$GRADEPOST" post "$work/missing.csv" --label "Quiz 1"
assert_eq "$(cat "$work/cmd.err")" "gradepost: error: $work/missing.csv: no such file"
expect_exit 2 "$GRADEPOST" post "$work/week.csv" --keep best
only_error_lines
assert_contains "$work/cmd.err" "--keep"
expect_exit 2 "$GRADEPOST" dry-run "$work/week.csv" --offline --keep
only_error_lines

# Right spellings still work: values that look like options, "--opt=value", --help anywhere.
expect_exit 0 "$GRADEPOST" --state "$work/state.db" dry-run "$work/week.csv" --offline \
  --comment=--lable --keep latest
expect_exit 0 "$GRADEPOST" post --lable --help
assert_contains "$work/out" "--label"
[ ! -e "$work/state.db" ] || fail "a dry run wrote the state"
