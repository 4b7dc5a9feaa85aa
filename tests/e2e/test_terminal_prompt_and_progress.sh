#!/usr/bin/env bash
# On a terminal: `post --select all` asks before overriding grades (no posts on "n", posts on
# "y"), the progress bar is drawn on stderr while posting, --quiet and --json draw no bar,
# and NO_COLOR=1 leaves no colour escapes. Each run is the real binary in a pseudo-terminal.
source "$(dirname "$0")/common.sh"
students=2000
start_sandbox --students "$students" --lineitem "Quiz 1:10" --latency-ms 5

python3 - "$work/attempts.csv" "$students" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("user_id,score,max\n")
    for n in range(1, int(sys.argv[2]) + 1):
        f.write(f"{1000 + n},{n % 11},10\n")
PY

posted_to_platform() { admin scores | jq '[.scores[].accepted_posts] | add // 0'; }
# A drawn bar: "posting [=====>    ] 812/2000", with some progress made and not yet done.
has_progress_bar() { grep -aqE "posting \[=+>? *\] [1-9][0-9]*/$students" "$1"; }
has_color() { grep -aqP '\x1b\[[0-9;]*m' "$1"; }

# "n": nothing is posted.
status=$(pty_run "$work/refused.log" n post "$work/attempts.csv" --label "Quiz 1" --select all)
assert_eq "$status" 2 "exit status after answering n"
assert_contains "$work/refused.log" "Post $students scores to"
assert_contains "$work/refused.log" "overriding any grade changed by hand? [y/N]"
assert_contains "$work/refused.log" "not confirmed; nothing was posted"
assert_eq "$(posted_to_platform)" 0 "scores posted after answering n"
expect_exit 0 gp --json state show
assert_eq "$(json 'length')" 0 "line items in the ledger after answering n"

# "y": every score is posted, with the progress bar drawn meanwhile and cleared at the end.
status=$(pty_run "$work/confirmed.log" y post "$work/attempts.csv" --label "Quiz 1" --select all)
assert_eq "$status" 0 "exit status after answering y"
assert_eq "$(posted_to_platform)" "$students" "scores posted after answering y"
expect_exit 0 gp --json state show
assert_eq "$(json '.[0].posted')" "$students" "scores in the ledger after answering y"
has_progress_bar "$work/confirmed.log" || fail "no progress bar: $(tail -c 600 "$work/confirmed.log" | cat -v)"
grep -aqF $'\r\x1b[K' "$work/confirmed.log" || fail "the progress bar is not redrawn in place"
has_color "$work/confirmed.log" || fail "no colours on a terminal (the NO_COLOR check below would prove nothing)"

# --yes asks nothing; --quiet and --json draw no bar even on a terminal.
status=$(pty_run "$work/quiet.log" "" -q post "$work/attempts.csv" --label "Quiz 1" --select all --yes)
assert_eq "$status" 0 "exit status with --quiet"
assert_eq "$(posted_to_platform)" $((2 * students)) "scores posted with --quiet"
assert_not_contains "$work/quiet.log" "[y/N]"
! grep -aqF "posting [" "$work/quiet.log" || fail "a progress bar with --quiet: $(head -c 300 "$work/quiet.log" | cat -v)"

status=$(pty_run "$work/json.log" "" --json post "$work/attempts.csv" --label "Quiz 1" --select all --yes)
assert_eq "$status" 0 "exit status with --json"
! grep -aqF "posting [" "$work/json.log" || fail "a progress bar with --json"
tr -d '\r' <"$work/json.log" | jq -e ".counts.posted == $students" >/dev/null ||
  fail "--json on a terminal is not one JSON document: $(head -c 300 "$work/json.log" | cat -v)"

# NO_COLOR=1: the bar still shows, and no colour escape anywhere.
status=$(NO_COLOR=1 pty_run "$work/no_color.log" "" post "$work/attempts.csv" --label "Quiz 1" --select all --yes)
assert_eq "$status" 0 "exit status with NO_COLOR=1"
has_progress_bar "$work/no_color.log" || fail "no progress bar with NO_COLOR=1"
! has_color "$work/no_color.log" || fail "colour escapes with NO_COLOR=1: $(grep -aoP '\x1b\[[0-9;]*m' "$work/no_color.log" | head -3 | cat -v)"
