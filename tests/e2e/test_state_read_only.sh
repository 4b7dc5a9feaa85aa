#!/usr/bin/env bash
# A state file the user cannot write says it is read-only (not "cannot create"), exit 3, and
# nothing is posted. Root writes any file, so the run drops to nobody when it is root.
source "$(dirname "$0")/common.sh"
start_sandbox --students 3

as_user=()
if [ "$(id -u)" -eq 0 ]; then
  as_user=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
  chmod 755 "$work" "$work/profile"
  chmod 644 "$work/profile/config.json" "$work/profile/"*.pem 2>/dev/null || true
fi
mkdir "$work/states"
chmod 777 "$work/states" # the lock directory beside the ledger may be created
touch "$work/states/state.db"
chmod 444 "$work/states/state.db"
[ "$(id -u)" -eq 0 ] || [ ! -w "$work/states/state.db" ] || fail "could not make a read-only file"

printf 'user_id,score,max\n1001,6,10\n' >"$work/week.csv"
chmod 644 "$work/week.csv"
expect_exit 3 "${as_user[@]}" "$GRADEPOST" --config "$work/profile/config.json" \
  --state "$work/states/state.db" post "$work/week.csv" \
  --line-item "$base_url/api/lti/courses/course-1/line_items/1"
assert_contains "$work/cmd.err" "is read-only"
assert_not_contains "$work/cmd.err" "cannot create"
assert_eq "$(admin scores | jq '.scores | length')" 0 "scores posted"
