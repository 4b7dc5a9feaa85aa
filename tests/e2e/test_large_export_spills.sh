#!/usr/bin/env bash
# An export of more rows than gradepost holds in memory (262,144): the rest wait in a
# temporary file in $TMPDIR, and every student still gets the score the rules keep, a copy of
# an attempt with other values is still found, the ledger's keys of those attempts (more than
# it holds in memory too) tell a new attempt, and nothing is left in $TMPDIR. Without room
# for that file the run stops before anything is posted (exit 3, naming the directory).
source "$(dirname "$0")/common.sh"
start_sandbox --students 300 --lineitem "Quiz 1:20"

# 300 students × 1,000 attempts, students interleaved as an export of attempts in time order
# is; the expected scores, by the same rules, from Python.
python3 - "$work/big.csv" "$work/expected.json" <<'PY'
import json, random, sys
random.seed(3)
best, latest = {}, {}
with open(sys.argv[1], "w") as out:
    out.write("user_id,score,max,submitted_at,attempt\n")
    for attempt in range(1, 1001):
        for student in range(300):
            user = str(1001 + student)
            score = random.randint(0, 200) / 10
            out.write(f"{user},{score},20,2026-11-01T00:00:00Z,{attempt}\n")
            best[user] = max(best.get(user, 0), score)
            latest[user] = score  # same time for all: the attempt number orders them
json.dump({"highest": best, "latest": latest}, open(sys.argv[2], "w"))
PY

mkdir "$work/tmp"
TMPDIR="$work/tmp" expect_exit 0 gp --json dry-run --offline --keep latest "$work/big.csv"
assert_eq "$(json .counts.rows)" 300000 "rows read"
jq -S '[.scores[] | {key: .user_id, value: .score_given}] | from_entries' "$work/out" >"$work/latest.json"
assert_eq "$(jq -S .latest "$work/expected.json" | md5sum)" "$(md5sum <"$work/latest.json")" \
  "latest scores"
assert_eq "$(find "$work/tmp" -mindepth 1 | wc -l)" 0 "files left in TMPDIR"

TMPDIR="$work/tmp" expect_exit 0 gp --json post "$work/big.csv" --label "Quiz 1"
assert_eq "$(json .counts.posted)" 300 "posted"
admin scores | jq -S '[.scores[] | {key: .user_id, value: .result.score_given}] | from_entries' \
  >"$work/posted.json"
assert_eq "$(jq -S .highest "$work/expected.json" | md5sum)" "$(md5sum <"$work/posted.json")" \
  "highest scores at the platform"

# The ledger now holds the 300,000 attempt keys of that post, more than it reads into memory:
# read back past it, they cover every attempt, and one new attempt (the latest kept, so the
# score differs from the gradebook's) is the one post.
TMPDIR="$work/tmp" expect_exit 0 gp --json post "$work/big.csv" --label "Quiz 1" --select new
assert_eq "$(json .counts.selected)" 0 "selected with every attempt covered"
echo "1150,3.5,20,2026-11-02T00:00:00Z,1001" >>"$work/big.csv"
TMPDIR="$work/tmp" expect_exit 0 gp --json post "$work/big.csv" --label "Quiz 1" --select new \
  --keep latest
assert_eq "$(json '[.scores[] | select(.action == "posted") | .user_id] | join(",")')" 1150 \
  "posted after one new attempt"
assert_eq "$(find "$work/tmp" -mindepth 1 | wc -l)" 0 "files left in TMPDIR after the re-runs"
sed -i '$d' "$work/big.csv"

# A copy of one attempt with another score, 210,000 rows after the first (user 1001's
# attempt 701 renumbered 1): found across the temporary file's runs, exit 2.
sed -i '2s/^1001,[0-9.]*,/1001,19.5,/; 210002s/^1001,[0-9.]*,\(.*\),701$/1001,0.5,\1,1/' "$work/big.csv"
TMPDIR="$work/tmp" expect_exit 2 gp dry-run --offline "$work/big.csv"
assert_contains "$work/cmd.err" "big.csv:210002"
assert_contains "$work/cmd.err" "score 0.5 out of 20 here, score 19.5 out of 20 on line 2"

# No room for the rows: exit 3 naming the directory, nothing posted.
TMPDIR="$work/missing" expect_exit 3 gp --json post "$work/big.csv" --label "Quiz 1" --select all --yes
assert_contains "$work/cmd.err" "$work/missing"
assert_eq "$(admin scores | jq '[.scores[].accepted_posts] | add')" 301 "posts after the failed run"
