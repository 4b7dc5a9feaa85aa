#!/usr/bin/env bash
# A big run on a terminal: the table shows the failures, the first 20 rows and "... and N
# more (see --report)"; --all-rows shows every row; the progress bar gives an ETA; a dry run
# summarises the kept scores beside the histogram. A pipe gets every row. Each terminal run
# is the real binary on a pseudo-terminal (tests/e2e/pty_run.py).
source "$(dirname "$0")/common.sh"
students=60
start_sandbox --students "$students" --lineitem "Quiz 1:10" --latency-ms 20

# 60 students of the course (first id 1001) and 2 strangers the platform refuses (422).
python3 - "$work/attempts.csv" "$students" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("user_id,score,max\n")
    for n in range(1, int(sys.argv[2]) + 1):
        f.write(f"{1000 + n},{n % 11},10\n")
    f.write("9991,5,10\n9992,6,10\n")
PY
rows_of() { grep -acE "^ *[0-9]{4} +[0-9]+ / 10 +$1" "$2" || true; }

# A dry run on a terminal: 20 rows, the count of the others, the histogram and its summary.
status=$(pty_run "$work/dry.log" "" --color never dry-run "$work/attempts.csv" --label "Quiz 1")
assert_eq "$status" 0 "dry run's exit status"
assert_eq "$(rows_of "would post" "$work/dry.log")" 20 "rows of the dry run on a terminal"
assert_contains "$work/dry.log" "... and 42 more: 42 would post; see --report FILE.csv or --all-rows"
assert_contains "$work/dry.log" "62 students: 62 would post"
assert_contains "$work/dry.log" "kept scores (fraction of the maximum):"
# 0..10 out of 10 for 60 students, and 5 and 6: the median is 5 / 10.
assert_contains "$work/dry.log" "count    62"
assert_contains "$work/dry.log" "median    50.0%  5 / 10"
assert_contains "$work/dry.log" "missing  0"

# --all-rows: every row, nothing counted.
status=$(pty_run "$work/all.log" "" --color never dry-run "$work/attempts.csv" --label "Quiz 1" --all-rows)
assert_eq "$status" 0 "dry run --all-rows exit status"
assert_eq "$(rows_of "would post" "$work/all.log")" 62 "rows of the dry run with --all-rows"
assert_not_contains "$work/all.log" "... and"

# A pipe gets every row, as a script reading it expects.
expect_exit 0 gp dry-run "$work/attempts.csv" --label "Quiz 1"
assert_eq "$(rows_of "would post" "$work/out")" 62 "rows of the dry run in a pipe"
assert_not_contains "$work/out" "... and"

# The post: the refused students are listed whatever their place, with the first 20 posted;
# the hidden rows are in the --report file, which the last line names.
status=$(pty_run "$work/post.log" "" --color never --concurrency 1 post "$work/attempts.csv" \
  --label "Quiz 1" --report "$work/report.csv")
assert_eq "$status" 1 "exit status of a post with refused students"
assert_eq "$(rows_of "posted" "$work/post.log")" 20 "posted rows on a terminal"
assert_eq "$(rows_of "failed" "$work/post.log")" 2 "failed rows on a terminal"
assert_contains "$work/post.log" "9991"
assert_contains "$work/post.log" "9992"
assert_contains "$work/post.log" "... and 40 more: 40 posted; see $work/report.csv or --all-rows"
assert_eq "$(($(wc -l <"$work/report.csv") - 1))" 62 "rows of the --report file"
# The progress bar, redrawn while posting one at a time, says how long is left.
grep -aqE "posting \[=*>? *\] [1-9][0-9]*/62  [0-9.]+/s  ETA [0-9]+:[0-9]{2}" "$work/post.log" ||
  fail "no ETA on the progress bar: $(tr '\r' '\n' <"$work/post.log" | grep -a posting | head -5 | cat -v)"
