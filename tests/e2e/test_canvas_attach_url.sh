#!/usr/bin/env bash
# --canvas-attach-url COLUMN sends the kept attempt's link as the Canvas submission
# (submission_type online_url) and checks each link: a value that is not http(s) is exit 2.
source "$(dirname "$0")/common.sh"
start_sandbox --students 3 --quirks canvas

cat >"$work/week.csv" <<'CSV'
user_id,score,max,review
1001,6,10,https://quiz.example/review/1001-a
1001,9,10,https://quiz.example/review/1001-b
1002,7,10,https://quiz.example/review/1002
CSV
line_item="$base_url/api/lti/courses/course-1/line_items/1"
expect_exit 0 gp -vv --json post "$work/week.csv" --line-item "$line_item" --canvas-attach-url review
assert_eq "$(json .counts.posted)" 2 "posted"
assert_contains "$work/cmd.err" '"submission_data":"https://quiz.example/review/1001-b"'
assert_contains "$work/cmd.err" '"submission_type":"online_url"'
assert_not_contains "$work/cmd.err" "1001-a"

printf 'user_id,score,max,review\n1003,5,10,ftp://files.example/x\n' >"$work/bad.csv"
expect_exit 2 gp post "$work/bad.csv" --line-item "$line_item" --canvas-attach-url review
assert_contains "$work/cmd.err" "bad.csv:2:4"
