#!/usr/bin/env bash
# `gradepost completion bash|zsh|fish` prints the script of scripts/; each is valid for its
# shell (when installed) and offers every command and every option of every --help.
source "$(dirname "$0")/common.sh"

for shell in bash zsh fish; do
  expect_exit 0 "$GRADEPOST" completion "$shell"
  cmp -s "$work/out" "$SOURCE_DIR/scripts/gradepost.$shell-completion" ||
    fail "gradepost completion $shell is not scripts/gradepost.$shell-completion"
  cp "$work/out" "$work/completion.$shell"
done
expect_exit 2 "$GRADEPOST" completion tcsh
assert_contains "$work/cmd.err" "gradepost: error: "

bash -n "$work/completion.bash" || fail "the bash script is not valid bash"
if command -v zsh >/dev/null; then
  zsh -n "$work/completion.zsh" || fail "the zsh script is not valid zsh"
  # Sourced in an interactive zsh with compinit, it registers itself.
  zsh -f -c 'autoload -Uz compinit && compinit -u && source "$1" && print -r -- ${_comps[gradepost]}' \
    _ "$work/completion.zsh" >"$work/zsh.out" 2>&1 || fail "zsh could not load it: $(cat "$work/zsh.out")"
  assert_eq "$(cat "$work/zsh.out")" _gradepost "zsh completion function"
else
  echo "zsh not installed: zsh -n skipped"
fi
if command -v fish >/dev/null; then
  fish -n "$work/completion.fish" || fail "the fish script is not valid fish"
  # What fish offers after "gradepost " and "gradepost state ".
  HOME="$work" fish -c "source $work/completion.fish; complete -C 'gradepost '" >"$work/fish.out"
  assert_contains "$work/fish.out" "dry-run"
  assert_contains "$work/fish.out" "completion"
  HOME="$work" fish -c "source $work/completion.fish; complete -C 'gradepost state '" >"$work/fish.out"
  assert_contains "$work/fish.out" "adopt"
  HOME="$work" fish -c "source $work/completion.fish; complete -C 'gradepost post --ke'" >"$work/fish.out"
  assert_contains "$work/fish.out" "--keep"
else
  echo "fish not installed: fish -n skipped"
fi

# Every command of `gradepost --help`, and every option of every command's --help.
"$GRADEPOST" --help >"$work/help.txt"
commands=$(sed -n '/^Subcommands:/,/^$/p' "$work/help.txt" | grep -oE '^  [a-z][a-z-]+' | tr -d ' ')
[ -n "$commands" ] || fail "no commands in gradepost --help"
grep -qx completion <<<"$commands" || fail "gradepost --help does not list completion"
missing=""
for shell in bash zsh fish; do
  for command in $commands; do
    grep -qwF -- "$command" "$work/completion.$shell" || missing="$missing $shell:$command"
  done
  for command in "" post dry-run "lineitems list" "lineitems create" results roster diff \
    "state show" "state forget" "state adopt" token "keys generate" sandbox doctor sync watch \
    "config list" "config show" "config use" "config set-profile"; do
    # shellcheck disable=SC2086
    "$GRADEPOST" $command --help >"$work/command-help.txt"
    for option in $(grep -oE -- '^  (-[a-zA-Z],)?--[a-z][a-z0-9-]+' "$work/command-help.txt" |
      grep -oE -- '--[a-z][a-z0-9-]+' | sort -u); do
      grep -qF -- "$option" "$work/completion.$shell" || missing="$missing $shell:$command:$option"
    done
  done
done
[ -z "$missing" ] || fail "not offered by the completion scripts:$missing"
