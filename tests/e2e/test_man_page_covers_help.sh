#!/usr/bin/env bash
# Every --long-option of every command's --help, and every exit code, appears in the man page.
source "$(dirname "$0")/common.sh"
man_page="$SOURCE_DIR/man/gradepost.1"
# roff escapes dashes: "\-\-line\-item" reads as "--line-item".
sed 's/\\-/-/g' "$man_page" >"$work/man.txt"

commands=("" post dry-run "lineitems" "lineitems list" "lineitems create" results roster diff
  "state show" "state forget" "state migrate" token "keys generate" sandbox doctor sync watch \
  completion "config list" "config show" "config use" "config set-profile")
missing=""
for command in "${commands[@]}"; do
  # shellcheck disable=SC2086
  "$GRADEPOST" $command --help >"$work/help.txt" 2>&1 || fail "gradepost $command --help failed"
  for option in $(grep -oE -- '--[a-z][a-z0-9-]+' "$work/help.txt" | sort -u); do
    grep -qF -- "$option" "$work/man.txt" || missing="$missing $command:$option"
  done
done
[ -z "$missing" ] || fail "options missing from the man page:$missing"

for code in 0 1 2 3 4 5 130; do
  grep -qE "^\.B $code$" "$work/man.txt" || fail "exit code $code missing from the man page"
done
