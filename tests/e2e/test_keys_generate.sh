#!/usr/bin/env bash
# keys generate writes a 0600 private key, the public PEM and a JWKS whose kid is the
# RFC 7638 thumbprint; the sandbox accepts a token signed with it.
source "$(dirname "$0")/common.sh"

expect_exit 0 "$GRADEPOST" --json keys generate --out "$work/keys"
kid=$(json .kid)
assert_eq "$(jq -r '.keys[0].kid' "$work/keys/jwks.json")" "$kid" "kid in jwks.json"
assert_eq "$(jq -r '.keys[0].kty' "$work/keys/jwks.json")" RSA
assert_eq "$(stat -c %a "$work/keys/private.pem")" 600
openssl rsa -in "$work/keys/private.pem" -check -noout >/dev/null 2>&1 || fail "not an RSA key"

# Refuses to overwrite without --force.
expect_exit 2 "$GRADEPOST" keys generate --out "$work/keys"
expect_exit 0 "$GRADEPOST" keys generate --out "$work/keys" --force

start_sandbox --students 2 --public-key "$work/keys/jwks.json"
expect_exit 0 gp --key-file "$work/keys/private.pem" --key-id "$(jq -r '.keys[0].kid' "$work/keys/jwks.json")" token
