#!/usr/bin/env bash
# watch with inotify: with an interval of a minute, an export that appears and a row appended
# to it are each posted within seconds of the change, not at the next interval; a row written
# in two halves is read once, whole; --json logs one JSON object per cycle per line, saying
# what woke it; SIGTERM stops it at once with 0.
source "$(dirname "$0")/common.sh"
start_sandbox --roster "$samples/roster.csv" --lineitem "Quiz 1:10"

mkdir "$work/exports"
gp_background --json watch "$work/exports" --label "Quiz 1" --max 10 --interval 60s \
  >"$work/watch.out" 2>"$work/watch.err"
watch_pid=$!

posted_count() { admin scores | jq '[.scores[] | select(.accepted_posts > 0)] | length'; }
# wait_for_posts N: seconds (with a tenth) until N scores were accepted; fails after 5 s.
wait_for_posts() {
  local start now
  start=$(date +%s.%N)
  for _ in $(seq 1 50); do
    if [ "$(posted_count)" -ge "$1" ]; then
      now=$(date +%s.%N)
      awk "BEGIN { printf \"%.1f\", $now - $start }"
      return 0
    fi
    sleep 0.1
  done
  fail "expected $1 scores posted within 5 s, have $(posted_count): $(cat "$work/watch.out")"
}

# The start cycle has nothing to read.
for _ in $(seq 1 50); do [ -s "$work/watch.out" ] && break; sleep 0.1; done
assert_eq "$(head -n 1 "$work/watch.out" | jq -r .trigger)" start "first cycle"

printf 'user_id,score\n1001,8\n1002,9\n' >"$work/exports/quiz.csv"
first=$(wait_for_posts 2)
echo "picked up a new export in $first s (interval 60 s)"

printf '1003,7\n' >>"$work/exports/quiz.csv"
second=$(wait_for_posts 3)
echo "picked up an appended row in $second s (interval 60 s)"

# A half-written row, finished a moment later: read once it has settled, whole.
printf '1004,' >>"$work/exports/quiz.csv"
sleep 0.3
printf '6\n' >>"$work/exports/quiz.csv"
wait_for_posts 4 >/dev/null
sleep 0.5 # the cycle's line is written after its post
assert_eq "$(jq -s '[.[] | select(.files | length > 0)] | length' "$work/watch.out")" 3 \
  "cycles that read the export (new, appended, finished)"

# One JSON object per line; the posts came from change cycles.
jq -e . "$work/watch.out" >/dev/null || fail "not JSON lines: $(cat "$work/watch.out")"
assert_eq "$(jq -s 'map(.posted) | add' "$work/watch.out")" 4 "posted over all cycles"
assert_eq "$(jq -s '[.[] | select(.posted > 0) | .trigger] | unique | join(",")' -r "$work/watch.out")" \
  change "what woke the posting cycles"
assert_eq "$(jq -s '[.[] | select(.posted > 0) | .files[0].file] | unique | length' "$work/watch.out")" \
  1 "files posted"
assert_eq "$(admin scores | jq '.max_posts')" 1 "posts per score"

# SIGTERM: it stops at once, not at the end of the interval.
stop_start=$(date +%s.%N)
kill -TERM "$watch_pid"
status=0
wait "$watch_pid" || status=$?
stopped_in=$(awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $stop_start }")
assert_eq "$status" 0 "exit status after SIGTERM"
awk "BEGIN { exit !($stopped_in < 2) }" || fail "SIGTERM took $stopped_in s"
echo "stopped in $stopped_in s after SIGTERM"
