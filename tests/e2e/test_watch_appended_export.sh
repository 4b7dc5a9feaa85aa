#!/usr/bin/env bash
# watch: an export that appears is posted within an interval once it has stopped changing; an
# appended row is posted at the next change, once; SIGTERM stops it cleanly with exit 0.
source "$(dirname "$0")/common.sh"
start_sandbox --roster "$samples/roster.csv" --lineitem "Quiz 1:10"

mkdir "$work/exports"
gp_background --json watch "$work/exports" --label "Quiz 1" --max 10 --interval 1s \
  >"$work/watch.out" 2>"$work/watch.err"
watch_pid=$!

# posted_count: scores the platform has accepted so far.
posted_count() { admin scores | jq '[.scores[] | select(.accepted_posts > 0)] | length'; }
wait_for_posts() {
  for _ in $(seq 1 40); do
    [ "$(posted_count)" -ge "$1" ] && return 0
    sleep 0.25
  done
  fail "expected $1 scores posted, have $(posted_count): $(cat "$work/watch.out")"
}

printf 'user_id,score\n1001,8\n1002,9\n' >"$work/exports/quiz.csv"
wait_for_posts 2
assert_eq "$(jq -s 'map(.posted // 0) | add' "$work/watch.out")" 2 "posted by the first cycle"

# The exporter appends a row: only the new student is posted.
printf '1003,7\n' >>"$work/exports/quiz.csv"
wait_for_posts 3
sleep 2.5 # two more intervals: an unchanged export is not read again
assert_eq "$(jq -s 'map(.posted // 0) | add' "$work/watch.out")" 3 "posted over all cycles"
assert_eq "$(admin scores | jq '.max_posts')" 1 "posts per score"

kill -TERM "$watch_pid"
status=0
wait "$watch_pid" || status=$?
assert_eq "$status" 0 "exit status after SIGTERM"
