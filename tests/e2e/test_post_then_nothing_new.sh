#!/usr/bin/env bash
# A post records every score; posting the same export again selects nobody new and sends
# nothing.
source "$(dirname "$0")/common.sh"
start_sandbox --roster "$samples/roster.csv" --lineitem "Quiz 1:10"

expect_exit 0 gp --json post "$samples/attempts.json" --label "Quiz 1"
posted=$(json .counts.posted)
[ "$posted" -gt 0 ] || fail "nothing posted"
assert_eq "$(json .counts.failed)" 0 "failed"
assert_eq "$(json '[.scores[] | select(.action == "posted")] | length')" "$posted" "posted rows"
assert_eq "$(json '[.scores[] | select(.action == "posted" and .http_status != 200)] | length')" 0 "non-200 posts"

# The platform holds exactly what was posted, once per student.
admin scores >"$work/scores.json"
assert_eq "$(jq '[.. | objects | select(has("accepted_posts")) | .accepted_posts] | add' "$work/scores.json")" \
  "$posted" "accepted posts on the platform"

expect_exit 0 gp --json post "$samples/attempts.json" --label "Quiz 1"
assert_eq "$(json .counts.posted)" 0 "posted on the second run"
assert_eq "$(json '[.scores[] | select(.reason == "already posted")] | length')" "$posted" "already posted"
admin scores >"$work/scores2.json"
cmp -s "$work/scores.json" "$work/scores2.json" || fail "the second run changed the platform"

# The ledger agrees.
expect_exit 0 gp --json state show --line-item "$(jq -r '.line_item' "$work/out" 2>/dev/null || true)"
