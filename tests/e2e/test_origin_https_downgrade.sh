#!/usr/bin/env bash
# An https profile is never downgraded: a TLS platform (self-signed, trusted with --ca-file)
# that lists its line item as plain http:// gets no score, and the http server no token,
# even with --allow-origin naming it (exit 5, "downgrade").
source "$(dirname "$0")/common.sh"

openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" \
  -addext "subjectAltName=IP:127.0.0.1" \
  -keyout "$work/tls-key.pem" -out "$work/tls-cert.pem" 2>/dev/null

start_hostile clear record 127.0.0.1
clear_base="http://127.0.0.1:$clear_port"
TLS_CERT="$work/tls-cert.pem" TLS_KEY="$work/tls-key.pem" \
  start_hostile lms platform 127.0.0.1 none "$clear_base"
lms_base="https://127.0.0.1:$lms_port"

token=downgrade-test-token-7d1e
printf 'user_id,score,max\n1001,6,10\n' >"$work/week.csv"
tls_gp() {
  env GRADEPOST_ACCESS_TOKEN=$token "$GRADEPOST" --state "$work/state.db" --retries 0 \
    --ca-file "$work/tls-cert.pem" --lineitems "$lms_base/lineitems" "$@"
}

# The listing itself is read over TLS: the ids it hands out are http.
expect_exit 0 tls_gp --json lineitems list
assert_eq "$(json '.[0].id')" "$clear_base/lineitems/1"

expect_exit 5 tls_gp post "$work/week.csv" --label "Quiz 1"
assert_contains "$work/cmd.err" "clear text to http://127.0.0.1:$clear_port"
assert_contains "$work/cmd.err" "https://127.0.0.1:$lms_port"
assert_contains "$work/cmd.err" "downgrade"

expect_exit 5 tls_gp --allow-origin "$clear_base" post "$work/week.csv" --label "Quiz 1" \
 
assert_contains "$work/cmd.err" "downgrade"

[ ! -s "$work/clear.log" ] || fail "the http server received requests: $(cat "$work/clear.log")"
