#!/usr/bin/env bash
# No private key, token or client assertion appears in stdout, stderr (even -vv), --json,
# reports or the state file; the state file and generated keys are 0600.
source "$(dirname "$0")/common.sh"
start_sandbox --roster "$samples/roster.csv" --lineitem "Quiz 1:10"

expect_exit 0 gp -vv --json post "$samples/attempts.json" --label "Quiz 1" --report "$work/report.csv"
cat "$work/out" "$work/cmd.err" "$work/report.csv" >"$work/everything.txt"
expect_exit 0 gp -vv token
cat "$work/out" "$work/cmd.err" >>"$work/everything.txt"
sqlite3 "$work/state.db" .dump >>"$work/everything.txt"

# The traces are there (so the check below means something), redacted.
assert_contains "$work/everything.txt" "Authorization: [REDACTED]"
assert_not_contains "$work/everything.txt" "PRIVATE KEY-----"
assert_not_contains "$work/everything.txt" "Bearer ey"
# Tokens the sandbox issued, taken from its log of issued tokens, appear nowhere.
key_body=$(sed -n '2p' "$work/profile/tool-private.pem")
assert_not_contains "$work/everything.txt" "$key_body"
grep -Eq 'eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.' "$work/everything.txt" && fail "a JWT appears in the output"

assert_eq "$(stat -c %a "$work/state.db")" 600 "state file mode"
"$GRADEPOST" keys generate --out "$work/keys" >/dev/null
assert_eq "$(stat -c %a "$work/keys/private.pem")" 600 "private key mode"
