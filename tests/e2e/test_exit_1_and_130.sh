#!/usr/bin/env bash
# Exit 1: a score the platform refuses for its own sake (a user who is not a student) fails
# with the platform's message while the others are posted. Exit 130: SIGINT mid-run lets the
# requests in flight finish and commits the ledger; scores never sent are "not sent", not
# failures, in the report and in the ledger; the next run posts the rest, none twice.
source "$(dirname "$0")/common.sh"
start_sandbox --students 3000 --latency-ms 5
line_item="$base_url/api/lti/courses/course-1/line_items/1"

printf 'user_id,score,max\n1001,6,10\nnot-enrolled,7,10\n1002,8,10\n' >"$work/small.csv"
expect_exit 1 gp --json post "$work/small.csv" --line-item "$line_item"
assert_eq "$(json .counts.posted)" 2 "posted"
assert_eq "$(json .counts.failed)" 1 "failed"
assert_eq "$(json '.scores[] | select(.action == "failed") | .user_id')" "not-enrolled" "failed user"
assert_eq "$(json '.scores[] | select(.action == "failed") | .http_status')" 422 "status"

python3 -c "
print('user_id,score,max')
for i in range(2, 3000): print(f'{1001 + i},{i % 10},10')" >"$work/week.csv"
gp_background --json --concurrency 2 post "$work/week.csv" --line-item "$line_item" \
  >"$work/interrupted.json" 2>"$work/interrupted.err"
run=$!
until [ "$(admin scores | jq '.scores | length')" -gt 200 ]; do sleep 0.05; done
kill -INT "$run"
status=0
wait "$run" || status=$?
assert_eq "$status" 130 "exit status after SIGINT"
accepted=$(admin scores | jq '.scores | length')
[ "$accepted" -lt 3000 ] || fail "the run finished before the interrupt"

expect_exit 0 gp --json state show --line-item "$line_item"
assert_eq "$(json '[.[] | select(.state == "posted")] | length')" "$accepted" "posted in the ledger after SIGINT"
assert_eq "$(json '[.[] | select(.state == "pending")] | length')" 0 "pending in the ledger after SIGINT"
assert_eq "$(json '[.[] | select(.state == "failed")] | length')" 1 "failed in the ledger after SIGINT (not-enrolled only)"
assert_eq "$(json 'length')" "$((accepted + 1))" "ledger entries after SIGINT (posted and the refusal)"
report="$work/interrupted.json"
assert_eq "$(json '.counts.failed' "$report")" 0 "failed in the interrupted run's report"
assert_eq "$(json '[.scores[] | select(.reason == "not sent: the run was interrupted")] | length' "$report")" \
  "$((2998 - $(json .counts.posted "$report")))" "not sent in the interrupted run's report"

expect_exit 0 gp --json post "$work/week.csv" --line-item "$line_item"
assert_eq "$(json .counts.posted)" "$((3000 - accepted))" "posted by the next run"
assert_eq "$(admin scores | jq '[.scores[] | select(.accepted_posts != 1)] | length')" 0 \
  "students not posted exactly once"
