#!/usr/bin/env bash
# sync: a manifest of 6 jobs on 2 courses (two sandboxes, two profiles in one config file),
# one of them a wide Canvas gradebook posted to 3 line items. A second run posts nothing; a
# bad manifest names the job and the field, exits 2 and posts nothing.
source "$(dirname "$0")/common.sh"

# The second course: its own sandbox process and profile directory.
second_pid=""
stop_second() { [ -n "$second_pid" ] && { kill "$second_pid" 2>/dev/null || true; wait "$second_pid" 2>/dev/null || true; }; }
trap 'stop_second; cleanup' EXIT

start_sandbox --roster "$samples/roster.csv" --lineitem "Quiz 1:10" --lineitem "Essay:20" \
  --lineitem "Lab:5"
"$GRADEPOST" sandbox --port 0 --ready-file "$work/ready2" --write-profile "$work/profile2" \
  --roster "$samples/roster.csv" --lineitem "Week 1:10" --lineitem "Week 2:10" \
  --lineitem "Week 3:10" >"$work/sandbox2.out" 2>"$work/sandbox2.err" &
second_pid=$!
for _ in $(seq 1 100); do [ -s "$work/ready2" ] && break; sleep 0.1; done
[ -s "$work/ready2" ] || fail "second sandbox did not become ready"
second_url=$(cat "$work/ready2")

# One config file, two profiles.
jq -n --slurpfile a "$work/profile/config.json" --slurpfile b "$work/profile2/config.json" \
  '{default_profile: "first", profiles: {first: $a[0].profiles.sandbox, second: $b[0].profiles.sandbox}}' \
  >"$work/config.json"
sync() { "$GRADEPOST" --config "$work/config.json" --state "$work/state.db" "$@"; }

# A Canvas gradebook export with three assignment columns and its "Points Possible" row.
cat >"$work/gradebook.csv" <<'CSV'
Student,ID,SIS User ID,SIS Login ID,Section,Quiz 1 (123),Essay (124),Lab (125),Current Score,Final Score
    Points Possible,,,,,10.00,20.00,5.00,(read only),(read only)
"Lovelace, Ada",1001,SIS1001,ada,Section 01,9.50,18.00,4.00,91.67,91.67
"Turing, Alan",1002,SIS1002,alan,Section 01,10.00,17.50,5.00,91.67,91.67
"Hopper, Grace",1003,SIS1003,grace,Section 01,8.00,,3.00,80.00,80.00
CSV
for week in 1 2 3; do
  printf 'user_id,score\n1001,%s\n1002,7\n' "$((week + 5))" >"$work/week$week.csv"
done
printf 'user_id,score\n1003,6\n' >"$work/late.csv"

cat >"$work/sync.json" <<JSON
{"jobs": [
  {"name": "gradebook", "profile": "first", "wide": true, "files": ["$work/gradebook.csv"]},
  {"name": "week1", "profile": "second", "label": "Week 1", "max": 10, "files": ["$work/week1.csv"]},
  {"name": "week2", "profile": "second", "label": "Week 2", "max": 10, "files": "$work/week2.csv",
   "keep": "latest"},
  {"name": "week3", "profile": "second", "label": "Week 3", "max": 10, "files": ["$work/week3.csv"]},
  {"name": "late", "profile": "second", "label": "Week 3", "max": 10, "files": ["$work/late.csv"],
   "select": "new"},
  {"name": "essay-again", "profile": "first", "label": "Essay",
   "files": ["$work/gradebook.csv"], "map": ["score=Essay"]}
]}
JSON

expect_exit 0 sync --json sync "$work/sync.json"
assert_eq "$(json '.exit_code')" 0 "sync exit code"
assert_eq "$(json '[.line_items[] | select(.job == "gradebook") | .label] | join(",")')" \
  "Quiz 1,Essay,Lab" "the gradebook's line items"
assert_eq "$(json '[.line_items[] | select(.job == "gradebook") | .report.counts.posted] | add')" 8 \
  "gradebook scores posted (3 + 2 + 3)"
assert_eq "$(json '[.line_items[] | .report.counts.failed] | add')" 0 "failed"
assert_eq "$(json .requests.token)" 2 "token requests (one per profile)"

# Each course holds its own scores, each posted once.
curl -sf "$base_url/_sandbox/scores" >"$work/first.json"
curl -sf "$second_url/_sandbox/scores" >"$work/second.json"
assert_eq "$(jq '[.scores[] | select(.accepted_posts > 0)] | length' "$work/first.json")" 8 "first course scores"
assert_eq "$(jq '.max_posts' "$work/first.json")" 1 "first course posts per score"
assert_eq "$(jq '[.scores[] | select(.accepted_posts > 0)] | length' "$work/second.json")" 7 "second course scores"
assert_eq "$(jq '.max_posts' "$work/second.json")" 1 "second course posts per score"

# Again: nothing new anywhere.
expect_exit 0 sync --json sync "$work/sync.json"
assert_eq "$(json '[.line_items[] | .report.counts.posted] | add')" 0 "posted on the second run"

# --only runs one job.
expect_exit 0 sync --json sync "$work/sync.json" --only week1
assert_eq "$(json '.line_items | length')" 1 "jobs run with --only"

# A bad manifest: the job and the field are named, nothing is posted.
jq '.jobs[3].keep = "best"' "$work/sync.json" >"$work/bad.json"
expect_exit 2 sync sync "$work/bad.json"
assert_contains "$work/cmd.err" 'job 4 ("week3"), field "keep"'
curl -sf "$second_url/_sandbox/scores" >"$work/second-after.json"
cmp -s "$work/second.json" "$work/second-after.json" || fail "a bad manifest changed the platform"
