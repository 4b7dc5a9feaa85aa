#!/usr/bin/env bash
# The token stays on the profile's origins: a next page link of line items, results or
# memberships that points to another host (127.0.0.2 stands in for one) is refused with exit 5
# and a message naming both origins, and that host receives nothing; --allow-origin lets it in.
source "$(dirname "$0")/common.sh"

start_hostile other record 127.0.0.2
other_base="http://127.0.0.2:$other_port"
start_hostile lms platform 127.0.0.1 "$other_base" self
lms_base="http://127.0.0.1:$lms_port"

token=hostile-test-token-4f9c2a
hostile_gp() {
  env GRADEPOST_ACCESS_TOKEN=$token "$GRADEPOST" --state "$work/state.db" --retries 0 \
    --lineitems "$lms_base/lineitems" --memberships "$lms_base/memberships" "$@"
}

expect_exit 5 hostile_gp lineitems list
assert_contains "$work/cmd.err" "refusing to send the token to http://127.0.0.2:$other_port"
assert_contains "$work/cmd.err" "http://127.0.0.1:$lms_port"
assert_contains "$work/cmd.err" "--allow-origin"
assert_not_contains "$work/cmd.err" "$token"

expect_exit 5 hostile_gp results --line-item "$lms_base/lineitems/1"
assert_contains "$work/cmd.err" "http://127.0.0.2:$other_port"

expect_exit 5 hostile_gp roster
assert_contains "$work/cmd.err" "http://127.0.0.2:$other_port"

[ ! -s "$work/other.log" ] || fail "the other host received requests: $(cat "$work/other.log")"
assert_eq "$(grep -c "$token" "$work/lms.log")" 3 "requests with the token on the profile's host"

# A platform that really spreads over two hosts: the flag widens the set.
expect_exit 0 hostile_gp --allow-origin "$other_base" --json roster
assert_contains "$work/other.log" "GET /memberships?page=2 Bearer $token"
