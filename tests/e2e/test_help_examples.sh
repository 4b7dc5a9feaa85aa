#!/usr/bin/env bash
# Every command's --help ends with an example of its use.
source "$(dirname "$0")/common.sh"
missing=""
for command in "" post dry-run lineitems "lineitems list" "lineitems create" results roster diff \
  state "state show" "state forget" "state adopt" token keys "keys generate" sandbox doctor sync \
  watch completion; do
  # shellcheck disable=SC2086
  "$GRADEPOST" $command --help >"$work/help.txt" 2>&1 || fail "gradepost $command --help failed"
  grep -q '^Example' "$work/help.txt" || missing="$missing '${command:-gradepost}'"
  grep -qE "^  gradepost |^Example: gradepost " "$work/help.txt" || missing="$missing '${command:-gradepost}'(no command line)"
done
[ -z "$missing" ] || fail "--help without an example:$missing"
"$GRADEPOST" sandbox --help >"$work/help.txt"
assert_contains "$work/help.txt" "gradepost sandbox --students 30 --write-profile"
"$GRADEPOST" keys --help >"$work/help.txt"
assert_contains "$work/help.txt" "gradepost keys generate --out"
