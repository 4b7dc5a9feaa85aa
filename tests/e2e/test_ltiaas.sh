#!/usr/bin/env bash
# platform "ltiaas": every command goes through the LTIAAS API (service-key auth, the LMS's
# paging URLs passed back as ?url=), never to the LMS itself; a wrong key exits 3 unseen.
source "$(dirname "$0")/common.sh"
start_sandbox --ltiaas --ltiaas-page-size 2 --roster "$samples/roster.csv" --lineitem "Quiz 1:10"

assert_eq "$(jq -r '.profiles.sandbox.platform' "$work/profile/config.json")" ltiaas "profile"
assert_eq "$(stat -c %a "$work/profile/config.json")" 600 "profile with keys"
service_key=$(jq -r '.profiles.sandbox.ltiaas_service_key' "$work/profile/config.json")
api_key=$(jq -r '.profiles.sandbox.ltiaas_api_key' "$work/profile/config.json")

# Line items: listed over pages of 2, created, found by label.
expect_exit 0 gp --json lineitems create --label "Week 4" --max 15 --tag quiz
assert_eq "$(json '.[0].label')" "Week 4"
expect_exit 0 gp --json lineitems create --label "Week 5" --max 5
expect_exit 0 gp --json lineitems list
assert_eq "$(json 'length')" 3 "line items over two pages"
expect_exit 0 gp --json lineitems list --tag quiz
assert_eq "$(json '.[0].label')" "Week 4"

# dry-run posts nothing; post reads the gradebook through results first, then posts.
expect_exit 0 gp --json dry-run "$samples/attempts.json" --label "Quiz 1"
admin scores >"$work/none.json"
assert_eq "$(jq '[.. | objects | select(has("accepted_posts"))] | length' "$work/none.json")" 0 "posts of a dry run"

expect_exit 0 gp -vv --json post "$samples/attempts.json" --label "Quiz 1"
cp "$work/cmd.err" "$work/post.trace"
posted=$(json .counts.posted)
[ "$posted" -gt 2 ] || fail "expected more than a page of scores, posted $posted"
assert_eq "$(json .counts.failed)" 0 "failed"
assert_eq "$(json '[.scores[] | select(.action == "posted" and .http_status != 204)] | length')" 0 "non-204 posts"
admin scores >"$work/scores.json"
assert_eq "$(jq '[.. | objects | select(has("accepted_posts")) | .accepted_posts] | add' "$work/scores.json")" \
  "$posted" "accepted posts"

# results over pages of 2: every student, the later pages asked as ?url=.
expect_exit 0 gp --json results --label "Quiz 1"
assert_eq "$(json 'length')" "$posted" "results over pages"
admin log >"$work/log.json"
[ "$(jq '[.entries[] | select(.path | test("^/api/lineitems/[^/]+/scores\\?url=http"))] | length' "$work/log.json")" -gt 0 ] ||
  fail "no results page asked as ?url="
[ "$(jq '[.entries[] | select(.path | test("^/api/lineitems\\?url=http"))] | length' "$work/log.json")" -gt 0 ] ||
  fail "no line items page asked as ?url="
assert_eq "$(jq '[.entries[] | select(.path | test("^/api/(lineitems|memberships)") | not)] | length' "$work/log.json")" 0 \
  "requests that bypassed LTIAAS"

# diff reads the same; a re-run posts nothing new.
printf 'user_id,score,max\n1001,1,10\n' >"$work/one.csv"
expect_exit 0 gp --json diff "$work/one.csv" --label "Quiz 1"
assert_eq "$(json '.students[] | select(.user_id == "1001") | .status')" different
expect_exit 0 gp --json post "$samples/attempts.json" --label "Quiz 1"
assert_eq "$(json .counts.posted)" 0 "posted on the second run"
admin scores >"$work/scores2.json"
cmp -s "$work/scores.json" "$work/scores2.json" || fail "the second run changed the platform"

# Three-way through LTIAAS: a grade changed by hand in the LMS survives --select changed.
curl -sf -X POST "$base_url/_sandbox/grade" \
  -d '{"line_item_id": 1, "user_id": "1001", "score_given": 9.5, "score_maximum": 10}' >/dev/null ||
  fail "the sandbox refused the hand edit"
printf 'user_id,score,max\n1001,2,10\n1002,3,10\n' >"$work/regraded.csv"
expect_exit 0 gp --json post "$work/regraded.csv" --label "Quiz 1" --select changed
assert_eq "$(json '.scores[] | select(.user_id == "1001") | .reason')" "edited in the LMS"
assert_eq "$(json '[.scores[] | select(.action == "posted") | .user_id] | join(",")')" 1002 "posted"

# sync: a manifest job on the ltiaas profile posts through LTIAAS; a second run posts nothing.
printf 'user_id,score,max\n1003,4,5\n' >"$work/week5.csv"
printf '{"jobs": [{"name": "week5", "profile": "sandbox", "label": "Week 5", "files": ["%s"]}]}\n' \
  "$work/week5.csv" >"$work/sync.json"
expect_exit 0 gp --json sync "$work/sync.json"
assert_eq "$(json '.line_items[0].report.counts.posted')" 1 "posted by sync"
expect_exit 0 gp --json sync "$work/sync.json"
assert_eq "$(json '.line_items[0].report.counts.posted')" 0 "posted by the second sync"

# doctor checks the keys by reading the gradebook (no token to check).
expect_exit 0 gp --json doctor --label "Quiz 1"
assert_eq "$(json '[.[] | select(.ok)] | length')" 3 "doctor checks passed"
assert_eq "$(json '[.[] | .check] | join(",")')" "profile,line items,line item" "doctor checks"
GRADEPOST_LTIAAS_API_KEY=wrong-api-key expect_exit 3 gp --json doctor
assert_contains "$work/out" "Invalid or missing service key"
assert_not_contains "$work/out" "wrong-api-key"

# A wrong service key: exit 3, the platform's message, no key anywhere.
GRADEPOST_LTIAAS_SERVICE_KEY=wrong-service-key expect_exit 3 gp -vv post "$samples/attempts.json" --label "Quiz 1"
assert_contains "$work/cmd.err" "Invalid or missing service key"
cat "$work/out" "$work/cmd.err" "$work/post.trace" >"$work/everything.txt"
sqlite3 "$work/state.db" .dump >>"$work/everything.txt"
assert_contains "$work/everything.txt" "Authorization: [REDACTED]"
assert_not_contains "$work/everything.txt" "$service_key"
assert_not_contains "$work/everything.txt" "$api_key"
assert_not_contains "$work/everything.txt" "wrong-service-key"
