#!/usr/bin/env bash
# dry-run --plan-out writes a reviewed plan; post --plan posts exactly it: an entry whose LMS
# grade changed since the plan is skipped (exit 1), a tampered plan or one for another
# platform is refused (exit 2) with nothing posted and the ledger unchanged.
source "$(dirname "$0")/common.sh"
start_sandbox --students 5 --lineitem "Quiz 1:10"

posts() { curl -sf "$base_url/_sandbox/scores" | jq '[.scores[].accepted_posts] | add // 0'; }

printf 'user_id,score,max,attempt\n1001,6,10,1\n1002,7,10,1\n1003,8,10,1\n' >"$work/week.csv"
expect_exit 0 gp dry-run "$work/week.csv" --label "Quiz 1" --plan-out "$work/plan.json"
assert_eq "$(jq -r .format "$work/plan.json")" gradepost-plan
assert_eq "$(jq -r .version "$work/plan.json")" 1
assert_eq "$(jq '[.entries[] | select(.action == "post")] | length' "$work/plan.json")" 3
jq -r .digest "$work/plan.json" | grep -qE '^sha256:[0-9a-f]{64}$' || fail "no digest"
assert_eq "$(posts)" 0 "the dry run posted"

# A tampered plan: exit 2, nothing posted, no ledger written.
jq '.entries[0].score_given = 10' "$work/plan.json" >"$work/tampered.json"
expect_exit 2 gp post --plan "$work/tampered.json"
assert_contains "$work/cmd.err" "digest"
jq '.version = 99' "$work/plan.json" >"$work/future.json"
expect_exit 2 gp post --plan "$work/future.json"
assert_contains "$work/cmd.err" "version"
[ ! -e "$work/state.db" ] || fail "a refused plan wrote the ledger"
assert_eq "$(posts)" 0 "a refused plan posted"

# Input files with a plan are a usage error.
expect_exit 2 gp post --plan "$work/plan.json" "$work/week.csv"

# Between review and apply, the instructor grades 1002 by hand: only 1001 and 1003 are posted.
curl -sf -X POST "$base_url/_sandbox/grade" \
  -d '{"line_item_id": 1, "user_id": "1002", "score_given": 9, "score_maximum": 10}' >/dev/null
expect_exit 1 gp --json post --plan "$work/plan.json"
assert_eq "$(json '[.scores[] | select(.action == "posted") | .user_id] | join(",")')" 1001,1003
assert_eq "$(json '.scores[] | select(.user_id == "1002") | .reason')" "changed in the LMS since the plan"
assert_eq "$(curl -sf "$base_url/_sandbox/scores" | jq -r '.scores[] | select(.user_id == "1002") | .result.score_given')" 9

# A plan edited to name another platform fails its digest too.
jq '.platform = "https://elsewhere.example/token other-client" | del(.digest)' "$work/plan.json" >"$work/other.json"
expect_exit 2 gp post --plan "$work/other.json"

# A dry run shows the kept scores' distribution: ten bins in --json, bars on the table.
expect_exit 0 gp --json dry-run "$work/week.csv" --label "Quiz 1" --select all
assert_eq "$(json '.histogram | length')" 10
assert_eq "$(json '.histogram[6] + .histogram[7] + .histogram[8]')" 3
expect_exit 0 gp dry-run "$work/week.csv" --label "Quiz 1" --select all
assert_contains "$work/out" "kept scores (fraction of the maximum)"
