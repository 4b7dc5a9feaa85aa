#!/usr/bin/env bash
# `token` shows granted scopes and expiry, never the token; a wrong key is exit 3 with the
# platform's error.
source "$(dirname "$0")/common.sh"
start_sandbox --students 3

expect_exit 0 gp --json token
assert_contains "$work/out" "https://purl.imsglobal.org/spec/lti-ags/scope/score"
[ "$(json .expires_in)" -gt 0 ] || fail "no expiry"
assert_not_contains "$work/out" "access_token"

expect_exit 0 gp token
assert_contains "$work/out" "granted scopes"

# Another key than the one registered: invalid_client, exit 3.
"$GRADEPOST" keys generate --out "$work/otherkey" >/dev/null
expect_exit 3 gp --key-file "$work/otherkey/private.pem" token
assert_contains "$work/cmd.err" "invalid_client"

# A token URL with nothing listening: exit 5.
expect_exit 5 gp --token-url "http://127.0.0.1:9/token" --retries 0 token
