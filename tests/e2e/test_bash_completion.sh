#!/usr/bin/env bash
# scripts/gradepost.bash-completion completes commands, subcommands, flags and their fixed
# values, and knows every --long-option that each command's --help prints.
source "$(dirname "$0")/common.sh"
completion="$SOURCE_DIR/scripts/gradepost.bash-completion"
bash -n "$completion" || fail "the completion script is not valid bash"

# complete_words WORDS...: what <TAB> offers after "WORDS" (the last word is being typed),
# one per line, sorted. Runs in a fresh bash with only the script sourced.
complete_words() {
  bash -c '
    source "$1"; shift
    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
    COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
    _gradepost gradepost "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
    printf "%s\n" "${COMPREPLY[@]}"' _ "$completion" "$@" | sort
}
# offers EXPECTED WORDS...: asserts that EXPECTED is among the completions of WORDS.
offers() {
  local expected=$1
  shift
  complete_words "$@" | grep -qxF -- "$expected" ||
    fail "'$*<TAB>' does not offer '$expected': $(complete_words "$@" | tr '\n' ' ')"
}

bash -c 'source "$1"; complete -p gradepost' _ "$completion" | grep -q -- "-F _gradepost gradepost" ||
  fail "the script does not register _gradepost for gradepost"

# Commands and subcommands.
assert_eq "$(complete_words gradepost "" | tr '\n' ' ')" \
  "completion config diff doctor dry-run keys lineitems post results roster sandbox state sync token watch " "commands"
assert_eq "$(complete_words gradepost d | tr '\n' ' ')" "diff doctor dry-run " "commands d*"
offers create gradepost lineitems ""
offers list gradepost --json lineitems ""
offers forget gradepost state f
offers generate gradepost keys ""
offers fish gradepost completion ""
offers set-profile gradepost config s
offers --all-rows gradepost post x.csv --all
# Global options with values are skipped when finding the command.
offers forget gradepost --config c.json --profile p state ""

# Flags of a command, of a subcommand, and global ones after the command.
offers --keep gradepost post --ke
offers --select gradepost post x.csv --sel
offers --offline gradepost dry-run --off
assert_not_contains <(complete_words gradepost post --off) "--offline"
offers --limit gradepost lineitems list --li
offers --yes gradepost state forget --y
offers --force gradepost keys generate --f
offers --latency-ms gradepost sandbox --lat
offers --json gradepost post --js

# Fixed values, after a space or an "=".
assert_eq "$(complete_words gradepost post x.csv --keep "" | tr '\n' ' ')" \
  "average first highest latest " "--keep values"
offers latest gradepost post x.csv --keep l
offers --keep=average gradepost post --keep=av
offers average gradepost post --keep = av
offers forget gradepost --profile = p state ""
assert_eq "$(complete_words gradepost post --select "" | tr '\n' ' ')" "all changed new " "--select values"
offers brightspace gradepost --platform b
offers sourcedid gradepost diff --match s
offers never gradepost --color n
offers PendingManual gradepost post --grading-progress Pe
offers score= gradepost post --map s

# File names for FILE and file options; nothing for free-text values.
mkdir -p "$work/files/dir"
touch "$work/files/week3.csv" "$work/files/key.pem" "$work/files/my week4.csv"
offers "$work/files/week3.csv" gradepost post "$work/files/w"
offers "$work/files/my week4.csv" gradepost post "$work/files/m"
offers "$work/files/key.pem" gradepost --key-file "$work/files/k"
offers "$work/files/week3.csv" gradepost dry-run --report "$work/files/w"
offers "$work/files/dir" gradepost keys generate --out "$work/files/d"
assert_eq "$(complete_words gradepost post --label "" | tr -d '\n')" "" "completions of --label"

# Every option of every command's --help is offered for that command, as the man page test
# checks for the man page.
commands=("" post dry-run "lineitems" "lineitems list" "lineitems create" results roster diff
  "state show" "state forget" "state migrate" token "keys generate" sandbox doctor sync watch \
  completion "config list" "config show" "config use" "config set-profile")
missing=""
wrong=""
for command in "${commands[@]}"; do
  # shellcheck disable=SC2086
  "$GRADEPOST" $command --help >"$work/help.txt" 2>&1 || fail "gradepost $command --help failed"
  if [ -z "$command" ]; then
    known=$(complete_words gradepost -)
  else
    # shellcheck disable=SC2086
    known=$(complete_words gradepost $command -)
  fi
  # Option lines only ("  -y,--yes   ..."), not options named in descriptions and examples.
  for option in $(grep -oE -- '^  (-[a-zA-Z],)?--[a-z][a-z0-9-]+' "$work/help.txt" |
    grep -oE -- '(^  -[a-zA-Z]|--[a-z][a-z0-9-]+)' | tr -d ' ' | sort -u); do
    grep -qxF -- "$option" <<<"$known" || missing="$missing ${command:-gradepost}:$option"
  done
  # "--max FLOAT" takes a value, "--verify   Read..." does not: the script must agree, or it
  # would take a value for a command or a file name.
  # shellcheck disable=SC2016,SC2046
  wrong+=$(bash -c 'source "$1"; shift
    for pair in "$@"; do
      option=${pair#*:}
      if _gradepost_takes_value "$option"; then valued=1; else valued=0; fi
      [ "$valued" = "${pair%%:*}" ] || printf " %s" "$option"
    done' _ "$completion" $(sed -nE -e 's/^  (-[a-zA-Z],)?(--[a-z][a-z0-9-]+) [A-Z].*/1:\2/p' \
    -e 's/^  (-[a-zA-Z],)?(--[a-z][a-z0-9-]+)( {2,}.*)?$/0:\2/p' "$work/help.txt"))
done
[ -z "$missing" ] || fail "options of --help the completion does not offer:$missing"
[ -z "$wrong" ] || fail "options the completion thinks take a value, or not, wrongly:$wrong"
