#!/usr/bin/env bash
# A post records every score; posting the same export again selects nobody new and sends
# nothing.
source "$(dirname "$0")/common.sh"
start_sandbox --roster "$samples/roster.csv" --lineitem "Quiz 1:10"

expect_exit 0 gp --json post "$samples/attempts.json" --label "Quiz 1"
cp "$work/out" "$work/first.json"
line_item=$(json .line_item)
[ -n "$line_item" ] || fail "no line item in the report"
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

# The second run sent no score at all.
assert_eq "$(json .requests.score_posts)" 0 "score POSTs on the second run"

# The ledger agrees: one entry per posted student, each posted with the score that was sent.
expect_exit 0 gp --json state show --line-item "$line_item"
assert_eq "$(json length)" "$posted" "ledger entries"
assert_eq "$(json '[.[] | select(.state != "posted")] | length')" 0 "ledger entries not posted"
assert_eq "$(jq --arg url "$line_item" '[.[] | select(.line_item != $url)] | length' "$work/out")" 0 \
  "ledger entries of another line item"
# Numbers through arithmetic, so 8 and 8.0 compare equal.
scores='{user_id, given: (.score_given + 0), maximum: (.score_maximum + 0)}'
jq -S "[.scores[] | select(.action == \"posted\") | $scores] | sort_by(.user_id)" \
  "$work/first.json" >"$work/sent.json"
jq -S "[.[] | $scores] | sort_by(.user_id)" "$work/out" >"$work/ledger.json"
cmp -s "$work/sent.json" "$work/ledger.json" ||
  fail "the ledger does not hold the posted scores: $(diff "$work/sent.json" "$work/ledger.json" | head -20)"
