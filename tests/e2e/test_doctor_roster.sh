#!/usr/bin/env bash
# doctor FILE checks the export's students against the NRPS roster: who is not in the course,
# who is not an active learner, and how many are gradable; none gradable fails (exit 3).
source "$(dirname "$0")/common.sh"
cat >"$work/seed.json" <<'JSON'
{"students": [
  {"user_id": "1001"}, {"user_id": "1002"}, {"user_id": "1003", "status": "Inactive"},
  {"user_id": "2001", "roles": ["Instructor"]}
]}
JSON
start_sandbox --seed "$work/seed.json"

cat >"$work/week.csv" <<'CSV'
user_id,score,max
1001,6,10
1002,7,10
1003,8,10
2001,9,10
9999,5,10
CSV
expect_exit 0 gp --json doctor "$work/week.csv"
roster() { json ".[] | select(.check == \"roster\") | $1"; }
assert_eq "$(roster .ok)" true "roster check"
assert_eq "$(roster .students)" 5 "students"
assert_eq "$(roster .gradable)" 2 "gradable"
assert_eq "$(roster ".not_in_course | tojson")" '["9999"]' "not in the course"
assert_eq "$(roster ".not_active_learners | tojson")" '["1003 (Inactive)","2001 (not a learner)"]' \
  "not active learners"

expect_exit 0 gp doctor "$work/week.csv"
assert_contains "$work/out" "2 of 5 students of the export are gradable; not in the course: 9999"

printf 'user_id,score,max\n9998,5,10\n1003,6,10\n' >"$work/nobody.csv"
expect_exit 3 gp doctor "$work/nobody.csv"
assert_contains "$work/out" "0 of 2 students of the export are gradable"
