#!/usr/bin/env bash
# Three-way sync: a grade an instructor changed by hand in the LMS survives new and changed,
# is overwritten by --force and --select all only after naming the student, a second ledger
# posts nobody twice, and Moodle's rescaled results are not taken for hand edits.
source "$(dirname "$0")/common.sh"
start_sandbox --students 5 --lineitem "Quiz 1:10"

hand_edit() { # USER SCORE MAX: as an instructor would in the gradebook
  curl -sf -X POST "$base_url/_sandbox/grade" \
    -d "{\"line_item_id\": 1, \"user_id\": \"$1\", \"score_given\": $2, \"score_maximum\": $3}" >/dev/null ||
    fail "the sandbox refused the hand edit"
}
accepted_posts() { # USER
  curl -sf "$base_url/_sandbox/scores" | jq -r ".scores[] | select(.user_id == \"$1\") | .accepted_posts"
}
lms_score() { # USER
  curl -sf "$base_url/_sandbox/scores" | jq -r ".scores[] | select(.user_id == \"$1\") | .result.score_given"
}

printf 'user_id,score,max,attempt\n1001,6,10,1\n1002,7,10,1\n1003,8,10,1\n' >"$work/week.csv"
expect_exit 0 gp --json post "$work/week.csv" --label "Quiz 1"
assert_eq "$(json .counts.posted)" 3

# The instructor raises 1002 to 9.5 by hand; then the export is regraded for 1002 and 1003.
hand_edit 1002 9.5 10
printf 'user_id,score,max,attempt\n1001,6,10,1\n1002,5,10,1\n1003,4,10,1\n' >"$work/week.csv"

expect_exit 0 gp --json post "$work/week.csv" --label "Quiz 1" --select changed
assert_eq "$(json '[.scores[] | select(.action == "posted") | .user_id] | join(",")')" 1003 "changed posts the regrade only"
assert_eq "$(json '.scores[] | select(.user_id == "1002") | .reason')" "edited in the LMS"
assert_eq "$(json '.scores[] | select(.user_id == "1002") | .lms_score')" 9.5
assert_eq "$(json '.scores[] | select(.user_id == "1002") | .last_posted_score')" 7
assert_eq "$(lms_score 1002)" 9.5 "the hand edit survives --select changed"

# The table says so too, and how to override.
expect_exit 0 gp post "$work/week.csv" --label "Quiz 1" --select changed
assert_contains "$work/out" "edited in the LMS (LMS 9.5 / 10, last posted 7)"
assert_contains "$work/out" "--force overwrites"

# --force without a terminal needs --yes, names the student, and posts nothing.
expect_exit 2 gp post "$work/week.csv" --label "Quiz 1" --select changed --force </dev/null
assert_contains "$work/cmd.err" "1002"
assert_contains "$work/cmd.err" "--yes"
assert_eq "$(lms_score 1002)" 9.5 "nothing posted without --yes"

expect_exit 0 gp --json post "$work/week.csv" --label "Quiz 1" --select changed --force --yes
assert_eq "$(json '.scores[] | select(.user_id == "1002") | .overrides_lms_edit')" true
assert_eq "$(lms_score 1002)" 5 "--force --yes overwrites the hand edit"

# --select all --yes overwrites hand edits too, and marks them.
hand_edit 1001 10 10
expect_exit 0 gp --json post "$work/week.csv" --label "Quiz 1" --select all --yes
assert_eq "$(json '.scores[] | select(.user_id == "1001") | .overrides_lms_edit')" true
assert_eq "$(json '[.scores[] | select(.overrides_lms_edit == true)] | length')" 1
assert_eq "$(lms_score 1001)" 6

# A second ledger (another user, a lost state file) posts nobody twice: the LMS already holds
# every score, so each student is "already in the LMS".
before=$(accepted_posts 1003)
expect_exit 0 "$GRADEPOST" --config "$work/profile/config.json" --state "$work/other-state.db" --json post "$work/week.csv" --label "Quiz 1"
assert_eq "$(json .counts.posted)" 0 "a second ledger posted"
assert_eq "$(json '[.scores[] | select(.reason == "already in the LMS")] | length')" 3
assert_eq "$(accepted_posts 1003)" "$before"

# A hand edit and a second ledger: reported, not overwritten.
hand_edit 1003 1 10
expect_exit 0 "$GRADEPOST" --config "$work/profile/config.json" --state "$work/third-state.db" --json post "$work/week.csv" --label "Quiz 1"
assert_eq "$(json '.scores[] | select(.user_id == "1003") | .reason')" "edited in the LMS"
assert_eq "$(lms_score 1003)" 1

# The dry run shows the same plan.
expect_exit 0 gp --json dry-run "$work/week.csv" --label "Quiz 1" --select changed
assert_eq "$(json '.scores[] | select(.user_id == "1003") | .reason')" "edited in the LMS"

# diff --exit-code: 1 while the LMS differs from the export (1003's hand edit), 0 once equal.
expect_exit 1 gp diff "$work/week.csv" --label "Quiz 1" --exit-code
assert_contains "$work/out" "different"
expect_exit 0 gp diff "$work/week.csv" --label "Quiz 1"
hand_edit 1003 4 10
expect_exit 0 gp --json diff "$work/week.csv" --label "Quiz 1" --exit-code
assert_eq "$(json ".counts.different // 0")" 0
