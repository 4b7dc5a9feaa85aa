#!/usr/bin/env bash
# 5,000 scores, SIGKILL at five seeded random moments (a regrade lands between the third and
# fourth), then reruns until one exits 0. Afterwards the platform holds every kept score, no
# student has the same score accepted twice, and the ledger agrees with the platform.
source "$(dirname "$0")/common.sh"
students=5000
seed=${CRASH_SEED:-20261122}
start_sandbox --students "$students" --latency-ms 2

# export REGRADED: every student's score; with REGRADED=1 every 7th student was regraded.
export_scores() {
  python3 - "$students" "$1" <<'PY'
import sys
students, regraded = int(sys.argv[1]), sys.argv[2] == "1"
print("user_id,score,max")
for i in range(students):
    score = i % 10
    if regraded and i % 7 == 0:
        score = 10 - score
    print(f"{1001 + i},{score},10")
PY
}
export_scores 0 >"$work/week.csv"
line_item="$base_url/api/lti/courses/course-1/line_items/1"
kill_delays=$(python3 -c "
import random; random.seed($seed)
print(' '.join(f'{random.uniform(0.2, 1.5):.2f}' for _ in range(5)))")
echo "seed $seed, kills after: $kill_delays"

kills=0
for delay in $kill_delays; do
  kills=$((kills + 1))
  [ "$kills" -eq 4 ] && export_scores 1 >"$work/week.csv"
  gp_background --concurrency 8 -q post "$work/week.csv" --line-item "$line_item" --select changed \
    >/dev/null 2>>"$work/killed.err"
  victim=$!
  sleep "$delay"
  kill -9 "$victim" 2>/dev/null || true
  wait "$victim" 2>/dev/null || true
  accepted=$(admin scores | jq '[.scores[].accepted_posts] | add // 0')
  echo "kill $kills after ${delay}s: $accepted posts accepted so far"
  [ "$accepted" -gt 0 ] && [ "$accepted" -lt "$students" ] && killed_mid_post=1
done
[ -n "${killed_mid_post:-}" ] || fail "no kill landed in the middle of a post"

for _ in 1 2 3; do
  status=0
  gp --json post "$work/week.csv" --line-item "$line_item" --select changed \
    >"$work/out" 2>"$work/cmd.err" || status=$?
  [ "$status" -eq 0 ] && break
done
[ "$status" -eq 0 ] || fail "the rerun did not succeed: $(cat "$work/cmd.err")"

# The platform: every student holds the kept score, no score accepted twice for anyone.
admin scores >"$work/scores.json"
jq -r '.scores[] | "\(.user_id),\(.result.score_given)"' "$work/scores.json" | sort >"$work/lms.txt"
tail -n +2 "$work/week.csv" | cut -d, -f1,2 | sort >"$work/kept.txt"
diff "$work/kept.txt" "$work/lms.txt" >"$work/diff.txt" || fail "platform differs from the export: $(head "$work/diff.txt")"
assert_eq "$(jq '[.scores[].accepted_posts_by_score[] | select(. > 1)] | length' "$work/scores.json")" 0 \
  "students with one score accepted more than once"

# The ledger: posted for everyone, with the platform's score.
expect_exit 0 gp --json state show --line-item "$line_item"
assert_eq "$(json '[.[] | select(.state != "posted")] | length')" 0 "ledger entries not posted"
json '.[] | "\(.user_id),\(.score_given)"' | sed 's/\.0$//' | sort >"$work/ledger.txt"
diff "$work/lms.txt" "$work/ledger.txt" >"$work/diff.txt" || fail "ledger differs from the platform: $(head "$work/diff.txt")"
