#!/usr/bin/env bash
# The token endpoint's faults lose nothing: a token reply lost after the platform issued it
# (and spent its jti) is asked again with a fresh assertion; 2 s and 5 s tokens at 40 ms
# latency post everything with about one token per lifetime; tokens revoked mid-run cost at
# most the requests in flight per renewal, not the rest of the run.
source "$(dirname "$0")/common.sh"

scores_csv() {
  python3 -c "
print('user_id,score,max')
for i in range($1): print(f'{1001 + i},{(i * 7) % 11},10')" >"$work/week.csv"
}
line_item() { echo "$base_url/api/lti/courses/course-1/line_items/1"; }
set_faults() { curl -sf -X POST -H 'Content-Type: application/json' -d "$1" \
  "$base_url/_sandbox/faults" >/dev/null; }

# 1. A token reply lost on the wire.
start_sandbox --students 50
set_faults '{"drop_token_replies": 1}'
scores_csv 50
expect_exit 0 gp -v --json post "$work/week.csv" --line-item "$(line_item)"
assert_contains "$work/cmd.err" "requests: 2 token, 50 score posts"
assert_eq "$(json .counts.posted)" 50 "posted after a lost token reply"
admin stats >"$work/stats.json"
assert_eq "$(jq .token_requests "$work/stats.json")" 2 "token requests (one lost, one fresh)"
assert_eq "$(jq '.faults.drop' "$work/stats.json")" 1 "lost token replies"
kill "$sandbox_pid"
wait "$sandbox_pid" 2>/dev/null || true

# 2. Short-lived tokens: 600 posts at 40 ms latency, 16 at a time.
for lifetime in 5 2; do
  rm -f "$work/state.db" "$work/ready"
  start_sandbox --students 600 --token-lifetime "$lifetime" --latency-ms 40
  scores_csv 600
  started=$(date +%s.%N)
  expect_exit 0 gp --json --concurrency 16 post "$work/week.csv" --line-item "$(line_item)"
  elapsed=$(python3 -c "import time; print(time.time() - $started)")
  assert_eq "$(json .counts.posted)" 600 "posted with ${lifetime} s tokens"
  admin scores >"$work/scores.json"
  assert_eq "$(jq '[.scores[].accepted_posts] | add' "$work/scores.json")" 600 \
    "accepted posts with ${lifetime} s tokens"
  admin stats >"$work/stats.json"
  tokens=$(jq .token_requests "$work/stats.json")
  # Renewed a fifth of the lifetime ahead: about one token per 0.8 lifetime, plus the first.
  most=$(python3 -c "import math; print(math.ceil($elapsed / ($lifetime * 0.8)) + 2)")
  echo "${lifetime} s tokens: ${tokens} token requests in ${elapsed} s (at most ${most})"
  [ "$tokens" -le "$most" ] || fail "${tokens} token requests for ${lifetime} s tokens"
  kill "$sandbox_pid"
  wait "$sandbox_pid" 2>/dev/null || true
done

# 3. Tokens revoked every 150 requests: each renewal wastes at most the 16 in flight.
rm -f "$work/state.db" "$work/ready"
start_sandbox --students 600 --expire-tokens-every 150 --latency-ms 5
scores_csv 600
expect_exit 0 gp --json --concurrency 16 post "$work/week.csv" --line-item "$(line_item)"
assert_eq "$(json .counts.posted)" 600 "posted with revoked tokens"
admin scores >"$work/scores.json"
assert_eq "$(jq '[.scores[].accepted_posts] | add' "$work/scores.json")" 600 "accepted posts"
admin stats >"$work/stats.json"
refused=$(jq '.faults.token_expired // 0' "$work/stats.json")
renewals=$(($(jq .token_requests "$work/stats.json") - 1))
echo "revoked tokens: ${renewals} renewals, ${refused} requests refused with 401"
[ "$renewals" -ge 1 ] || fail "no renewal happened"
[ "$refused" -le $((renewals * 16)) ] || fail "${refused} 401s for ${renewals} renewals"
# The run's own counts (--json "requests") agree with what the platform saw.
assert_eq "$(json .requests.unauthorized)" "$refused" "401s counted by the run"
assert_eq "$(json .requests.token)" "$(jq .token_requests "$work/stats.json")" "token requests"
assert_eq "$(json .requests.score_posts)" $((600 + refused)) "score posts (resends included)"
