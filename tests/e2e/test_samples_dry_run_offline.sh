#!/usr/bin/env bash
# Every sample export reads and keeps as documented in the README, with no network and no
# state written.
source "$(dirname "$0")/common.sh"

dry() { expect_exit 0 "$GRADEPOST" --state "$work/state.db" --json dry-run --offline "$@"; }

dry "$samples/attempts.json"
assert_eq "$(json .command)" dry-run
assert_eq "$(json .dry_run)" true
[ "$(json .counts.selected)" -gt 0 ] || fail "attempts.json selected nobody"
assert_eq "$(json '[.scores[] | select(.action != "would_post" and .action != "skipped")] | length')" 0
assert_eq "$(json '[.scores[] | select(.action == "skipped" and (.reason // "") == "")] | length')" 0 "skips without a reason"

dry "$samples/attempts.ndjson"
[ "$(json .counts.students)" -gt 0 ] || fail "attempts.ndjson has no student"

dry "$samples/canvas-quiz-student-analysis.csv" --keep latest --max 5
[ "$(json .counts.rows)" -gt "$(json .counts.students)" ] || fail "the quiz report has one row per attempt"

dry "$samples/canvas-gradebook.csv" --map "score=$(head -1 "$samples/canvas-gradebook.csv" | cut -d, -f6)"
assert_contains "$work/out" '"reason": "excused"'

dry "$samples/moodle-quiz-grades.csv" --map "user=Email address" --match email --roster "$samples/roster.csv"
assert_eq "$(json '[.scores[] | select(.user_id | test("@"))] | length')" 0 "students left unmapped"
dry "$samples/moodle-quiz-grades-fr.csv" --map "user=Adresse de courriel" --match email --roster "$samples/roster.csv"

# Human output is a table.
expect_exit 0 "$GRADEPOST" --state "$work/state.db" dry-run --offline "$samples/attempts.json"
assert_contains "$work/out" "would post"
[ ! -e "$work/state.db" ] || fail "a dry run wrote the state file"
