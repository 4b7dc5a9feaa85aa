#!/usr/bin/env bash
# Moodle keeps at most the maximum and still answers 2xx: a score above it (possible with
# --allow-over-max) is not sent and says why, instead of a false "12/10 posted". The
# sandbox's Moodle mode caps as Moodle does, which a generic-profile post shows.
source "$(dirname "$0")/common.sh"
start_sandbox --students 2 --quirks moodle

printf 'user_id,score,max\n1001,12,10\n1002,8,10\n' >"$work/week.csv"
line_item=$(admin config | jq -r '.line_items[0].url')
expect_exit 0 gp --json post "$work/week.csv" --line-item "$line_item" --allow-over-max
assert_eq "$(json .counts.posted)" 1 "posted"
assert_eq "$(json '.scores[] | select(.user_id == "1001") | .action')" skipped "1001"
assert_contains "$work/out" "above the maximum (12/10): Moodle keeps at most 10"
assert_eq "$(admin scores | jq '[.scores[] | select(.user_id == "1001")] | length')" 0 \
  "1001 never sent"

# What Moodle does with one, as the sandbox's Moodle mode shows: it keeps 10.
expect_exit 0 gp --json --platform generic post "$work/week.csv" --line-item "$line_item" \
  --allow-over-max --only 1001
assert_eq "$(admin scores | jq '.scores[] | select(.user_id == "1001") | .result.score_given')" \
  10 "stored by Moodle"
