#!/usr/bin/env bash
# A ledger written by earlier releases, whose attempt keys are texts ("id:", "at:", and "fp:"
# before them), still selects the same export as already posted; the next post rewrites its
# keys in the compact "k:" form.
source "$(dirname "$0")/common.sh"
start_sandbox --students 4 --lineitem "Quiz 1:10"

printf 'user_id,score,max,submitted,attempt_id\n1001,6,10,2026-11-20T10:00:00Z,att-1\n1002,7,10,2026-11-20T11:00:00Z,\n1003,8,10,2026-11-20T12:00:00Z,\n' \
  >"$work/week.csv"
expect_exit 0 gp --json post "$work/week.csv" --label "Quiz 1"
assert_eq "$(json .counts.posted)" 3 "first post"
keys() { sqlite3 "$state" "SELECT posted_attempt_keys FROM entries WHERE user_id = '$1'"; }
keys 1001 >"$work/keys"
assert_contains "$work/keys" '"k:'

# Rewrite the rows as earlier releases stored them: 1001 by its attempt id, 1002 by the
# fingerprint of user, time and number, 1003 with a legacy "fp:" key.
at_1002=$(printf '1002\x1f%s\x1f-' "$(date -u -d 2026-11-20T11:00:00Z +%s)000000" |
  python3 -c 'import sys
h = 14695981039346656037
for b in sys.stdin.buffer.read():
    h = ((h ^ b) * 1099511628211) % 2**64
print("at:%016x" % h)')
sqlite3 "$state" "UPDATE entries SET posted_attempt_keys = '[\"id:att-1\"]' WHERE user_id = '1001';
                  UPDATE entries SET posted_attempt_keys = '[\"$at_1002\"]' WHERE user_id = '1002';
                  UPDATE entries SET posted_attempt_keys = '[\"fp:216352991904377c\"]' WHERE user_id = '1003';"
assert_eq "$(keys 1001)" '["id:att-1"]' "old text key in place"

expect_exit 0 gp --json dry-run "$work/week.csv" --label "Quiz 1"
for user in 1001 1002 1003; do
  assert_eq "$(json ".scores[] | select(.user_id == \"$user\") | .reason")" "already posted" \
    "old keys of $user, same export"
done

# The legacy "fp:" rule: a changed score of a student posted with "fp:" keys is a new attempt;
# with today's keys a regrade is not.
printf 'user_id,score,max,submitted,attempt_id\n1001,9,10,2026-11-20T10:00:00Z,att-1\n1002,9,10,2026-11-20T11:00:00Z,\n1003,9,10,2026-11-20T12:00:00Z,\n' \
  >"$work/regraded.csv"
expect_exit 0 gp --json dry-run "$work/regraded.csv" --label "Quiz 1"
assert_eq "$(json '.scores[] | select(.user_id == "1001") | .reason')" "already posted" "regrade, id: key"
assert_eq "$(json '.scores[] | select(.user_id == "1002") | .reason')" "already posted" "regrade, at: key"
assert_eq "$(json '.scores[] | select(.user_id == "1003") | .reason')" "new attempt" "regrade, fp: key"
expect_exit 0 gp --json post "$work/regraded.csv" --label "Quiz 1"
assert_eq "$(json .counts.posted)" 1 "only the legacy entry posted"
assert_eq "$(json '.scores[] | select(.action == "posted") | .user_id')" 1003 "the legacy entry"

# The post rewrote 1003's row compactly; it now reads as today's keys.
keys 1003 >"$work/keys"
assert_contains "$work/keys" '"k:'
assert_not_contains "$work/keys" 'fp:'
expect_exit 0 gp --json dry-run "$work/week.csv" --label "Quiz 1"
assert_eq "$(json '.scores[] | select(.user_id == "1003") | .reason')" "already posted" \
  "rewritten entry, a regrade back"
