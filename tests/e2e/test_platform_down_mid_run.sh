#!/usr/bin/env bash
# The platform goes down in the middle of a post and stays down: exit 5 after the retries,
# the students it did not take are recorded as failed, only what it took is marked posted.
# Once it is back, a rerun posts the rest and nobody twice.
source "$(dirname "$0")/common.sh"
students=2000
start_sandbox --students "$students" --latency-ms 5

python3 -c "
print('user_id,score,max')
for i in range($students): print(f'{1001 + i},{i % 10},10')" >"$work/week.csv"
line_item="$base_url/api/lti/courses/course-1/line_items/1"

status=0
gp_background --json --retries 2 --concurrency 4 post "$work/week.csv" --line-item "$line_item" \
  >"$work/out" 2>"$work/cmd.err"
run=$!
until [ "$(admin scores | jq '.scores | length')" -gt 100 ]; do sleep 0.05; done
curl -sf -X POST -d '{"fail_rate": 1.0}' "$base_url/_sandbox/faults" >/dev/null
wait "$run" || status=$?
assert_eq "$status" 5 "exit status with the platform down"

admin scores >"$work/scores.json"
accepted=$(jq '.scores | length' "$work/scores.json")
[ "$accepted" -lt "$students" ] || fail "the platform took every score before going down"
assert_eq "$(json .counts.posted)" "$accepted" "posted in the report"
[ "$(json .counts.failed)" -gt 0 ] || fail "no student recorded as failed"

expect_exit 0 gp --json state show --line-item "$line_item"
json '.[] | select(.state == "posted") | .user_id' | sort >"$work/ledger-posted.txt"
jq -r '.scores[].user_id' "$work/scores.json" | sort >"$work/lms.txt"
diff "$work/lms.txt" "$work/ledger-posted.txt" >/dev/null || fail "the ledger marks as posted what the platform did not take"
[ "$(json '[.[] | select(.state == "failed")] | length')" -gt 0 ] || fail "no failed entry in the ledger"
assert_eq "$(json '[.[] | select(.state == "failed") | select(.http_status < 500 or .error == "")] | length')" 0 \
  "failed entries without the platform's status and message"

# The platform is back: the rerun posts exactly the rest.
curl -sf -X POST -d '{"fail_rate": 0}' "$base_url/_sandbox/faults" >/dev/null
expect_exit 0 gp --json post "$work/week.csv" --line-item "$line_item"
assert_eq "$(json .counts.posted)" "$((students - accepted))" "posted by the rerun"
admin scores >"$work/scores.json"
assert_eq "$(jq '.scores | length' "$work/scores.json")" "$students" "students on the platform"
assert_eq "$(jq '[.scores[] | select(.accepted_posts != 1)] | length' "$work/scores.json")" 0 \
  "students not posted exactly once"
