#!/usr/bin/env bash
# post --wide: a Canvas gradebook export with three assignment columns goes to three line
# items over one token, with one summary grouped by line item (and --json grouped the same
# way); dry-run --wide --columns plans the chosen columns only; diff --wide compares every
# column with its line item; --create makes a missing line item with the "Points Possible"
# maximum; a bad cell in the last column stops the run before anything is posted.
source "$(dirname "$0")/common.sh"
start_sandbox --roster "$samples/roster.csv" --lineitem "Quiz 1:10" --lineitem "Essay:20"

cat >"$work/gradebook.csv" <<'CSV'
Student,ID,SIS User ID,SIS Login ID,Section,Quiz 1 (123),Essay (124),Lab (125),Current Score,Final Score
    Points Possible,,,,,10.00,20.00,5.00,(read only),(read only)
"Lovelace, Ada",1001,SIS1001,ada,Section 01,9.50,18.00,4.00,91.67,91.67
"Turing, Alan",1002,SIS1002,alan,Section 01,10.00,17.50,5.00,91.67,91.67
"Hopper, Grace",1003,SIS1003,grace,Section 01,8.00,,3.00,80.00,80.00
CSV
accepted() { admin scores | jq '[.scores[] | select(.accepted_posts > 0)] | length'; }

# A bad cell in the last column: exit 2 naming file, line and column; nothing posted or made.
sed 's/,3.00,80.00/,lots,80.00/' "$work/gradebook.csv" >"$work/bad.csv"
expect_exit 2 gp post "$work/bad.csv" --wide --create
assert_contains "$work/cmd.err" "bad.csv:5:"
assert_eq "$(accepted)" 0 "scores posted from a bad gradebook"
assert_eq "$(admin config | jq '.line_items | length')" 2 "line items after a bad gradebook"

# Lab has no line item yet: without --create the run stops before posting anything.
expect_exit 2 gp post "$work/gradebook.csv" --wide
assert_contains "$work/cmd.err" 'no line item labelled "Lab"'
assert_eq "$(accepted)" 0 "scores posted with a line item missing"

# dry-run --wide --columns: only the chosen columns, nothing posted.
expect_exit 0 gp --json dry-run "$work/gradebook.csv" --wide --columns "Quiz 1,Essay (124)"
assert_eq "$(json '[.line_items[].label] | join(",")')" "Quiz 1,Essay" "planned line items"
assert_eq "$(json '[.line_items[].report.scores[] | select(.action == "would_post")] | length')" 5 \
  "would post (3 + 2)"
assert_eq "$(json .dry_run)" true "dry run"
assert_eq "$(accepted)" 0 "scores posted by a dry run"
expect_exit 2 gp dry-run "$work/gradebook.csv" --wide --columns "Quiz 9"
assert_contains "$work/cmd.err" '"Quiz 9" is not a score column'

# post --wide --create: three line items, Lab made out of 5 (its "Points Possible").
since=$(admin log | jq '[.entries[].seq] | max // 0')
expect_exit 0 gp --json post "$work/gradebook.csv" --wide --create
assert_eq "$(json '[.line_items[].label] | join(",")')" "Quiz 1,Essay,Lab" "line items"
assert_eq "$(json '[.line_items[].exit_code] | add')" 0 "line items' exit codes"
assert_eq "$(json .counts.posted)" 8 "posted (3 + 2 + 3)"
assert_eq "$(json .counts.line_items)" 3 "counted line items"
assert_eq "$(json .requests.token)" 1 "token requests for three line items"
assert_eq "$(json '.line_items[] | select(.label == "Essay") | .report.scores[] | select(.user_id == "1003") | .reason')" \
  "not graded yet" "Essay's empty cell"
assert_eq "$(admin config | jq '.line_items[] | select(.label == "Lab") | .scoreMaximum')" 5 \
  "Lab's maximum"
assert_eq "$(accepted)" 8 "scores on the platform"
# One read of the results per line item.
admin "log?since=$since" | jq '[.entries[] | select(.method == "GET" and (.path | test("/results")))] | length' \
  >"$work/results_reads"
assert_eq "$(cat "$work/results_reads")" 3 "results reads"

# Again, as a person sees it: one table, a row per line item and outcome.
printf '"Hamilton, Margaret",1008,SIS1008,mh,Section 02,6.00,14.00,2.00,66.67,66.67\n' \
  >>"$work/gradebook.csv"
expect_exit 0 gp --color never post "$work/gradebook.csv" --wide --report "$work/report.csv"
assert_contains "$work/out" "post: 3 line items"
grep -Eq '^Quiz 1 +posted +1 *$' "$work/out" || fail "no Quiz 1 posted row: $(cat "$work/out")"
grep -Eq '^Quiz 1 +skipped +3 +already posted' "$work/out" || fail "no Quiz 1 skipped row: $(cat "$work/out")"
grep -Eq '^Lab +posted +1 *$' "$work/out" || fail "no Lab posted row: $(cat "$work/out")"
assert_contains "$work/out" "3 posted, 0 failed"
assert_eq "$(grep -c '^line item' "$work/out" || true)" 1 "header rows (one table)"
assert_eq "$(accepted)" 11 "scores on the platform after the new student"
# --report: every student's row, led by its line item.
assert_eq "$(head -n 1 "$work/report.csv" | cut -d, -f1-4)" "job,line_item,user_id,action" "report header"
assert_eq "$(grep -c ',Lab,1008,posted,2,5,' "$work/report.csv")" 1 "Lab's new row in the report"
assert_eq "$(($(wc -l <"$work/report.csv") - 1))" 12 "rows in the report (4 students, 3 line items)"

# diff --wide: every column against its line item; a hand edit shows as different.
curl -sf -X POST "$base_url/_sandbox/grade" \
  -d '{"line_item_id": 2, "user_id": "1001", "score_given": 12, "score_maximum": 20}' >/dev/null
expect_exit 1 gp --json diff "$work/gradebook.csv" --wide --exit-code
assert_eq "$(json '[.line_items[].label] | join(",")')" "Quiz 1,Essay,Lab" "diffed line items"
assert_eq "$(json '.line_items[] | select(.label == "Essay") | .counts.different')" 1 "Essay differs"
assert_eq "$(json '[.line_items[].counts.equal] | add')" 10 "equal scores"
expect_exit 0 gp --color never diff "$work/gradebook.csv" --wide --columns Lab
assert_contains "$work/out" "Lab: 4 students: 4 equal"
