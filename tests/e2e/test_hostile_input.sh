#!/usr/bin/env bash
# Hostile input: every file of tests/data/bad, and huge ones generated here (10 MB lines and
# fields, JSON nested 100,000 deep), exits 2 quickly with file:line, never echoes the file
# back, makes no request and leaves the ledger as it was. Values that a spreadsheet would run
# as formulas are escaped in CSV reports.
source "$(dirname "$0")/common.sh"
start_sandbox --roster "$samples/roster.csv" --lineitem "Quiz 1:10"

bad_dir="$SOURCE_DIR/tests/data/bad"
most_output_bytes=65536
most_seconds=20 # generous for sanitizer builds; a normal build takes under 4 s

# The ledger has content before the hostile runs, so "unchanged" means something.
expect_exit 0 gp --json post "$samples/attempts.json" --label "Quiz 1"
[ "$(json .counts.posted)" -gt 0 ] || fail "the first post posted nothing"
sqlite3 "$work/state.db" .dump >"$work/ledger.before"

platform_requests() {
  admin log | jq '[.. | objects | select(has("path")) | select(.path | startswith("/_sandbox") | not)] | length'
}
requests_before=$(platform_requests)

# Too big to keep in the repository: made here, each 10 MB or 100,000 levels deep.
generated="$work/generated"
mkdir -p "$generated"
python3 - "$generated" <<'PY'
import os, random, sys

out = sys.argv[1]
mb10 = 10 * 1024 * 1024

def write(name, data):
    with open(os.path.join(out, name), "wb") as f:
        f.write(data.encode() if isinstance(data, str) else data)

# One 10 MB line: a score of ten million digits, then ten million letters.
write("huge_line_digits_10mb.csv", "user_id,score,max\n1001," + "9" * mb10 + ",10\n")
write("huge_line_letters_10mb.csv", "user_id,score,max\n1001,8,10\n1002," + "A" * mb10 + ",10\n")
# One 10 MB field alone on a line under a three-column header.
write("huge_single_field_row.csv", "user_id,score,max\n1001,8,10\n" + "A" * mb10 + "\n")
# A 10 MB user id, in CSV and JSON.
write("huge_user_id.csv", "user_id,score\n1001,8\n" + "u" * mb10 + ",9\n")
write("huge_json_user_id.json", '[\n{"userId": "' + "u" * mb10 + '", "scoreGiven": 5}\n]\n')
# A quoted 10 MB field holding delimiters and line breaks.
write("huge_quoted_field.csv", 'user_id,score,max\n1001,"' + "x,\n" * (mb10 // 3) + '",10\n')
# A quote opened and never closed, then 10 MB, no line break at the end.
write("huge_unterminated_quote.csv", 'user_id,score\n1001,8\n1002,"' + "A" * mb10)
# A header of five million empty-named columns.
write("huge_header_line.csv", "," * (mb10 // 2) + "\n1,2\n")
# A 10 MB line of random bytes after a good header.
write("huge_binary_line.csv", b"user_id,score\n" + random.Random(7).randbytes(mb10))
# JSON: a 10 MB string score, a 10 MB string never closed, a number of ten million digits,
# a 10 MB key.
write("huge_json_string.json", '[\n{"userId": "1001", "scoreGiven": "' + "A" * mb10 + '"}\n]\n')
write("huge_json_unterminated_string.json", '[\n{"userId": "1001", "scoreGiven": "' + "A" * mb10)
write("huge_json_number.json", '[\n{"userId": "1001", "scoreGiven": ' + "9" * mb10 + "}\n]\n")
write("huge_json_key.json", '[\n{"' + "K" * mb10 + '": "1001", "scoreGiven": 5}\n]\n')
write("huge_ndjson_line.ndjson",
      '{"userId": "1001", "scoreGiven": 5}\n{"userId": "1002", "scoreGiven": "' + "A" * mb10 + '"}\n')
# Nesting bombs, 100,000 deep: unclosed, closed, of objects, and one NDJSON line.
deep = 100000
write("json_nesting_bomb.json", "[" * deep)
write("json_nesting_bomb_closed.json", "[" * deep + "]" * deep + "\n")
write("json_object_nesting_bomb.json", '[{"userId": "1001", "scoreGiven": ' + '{"a":' * deep + "1" + "}" * deep + "}]\n")
write("json_attempts_nesting_bomb.json", '{"attempts": ' + "[" * deep + "]" * deep + "}\n")
write("ndjson_nesting_bomb.ndjson",
      '{"userId": "1001", "scoreGiven": 5}\n' + '{"a":' * deep + "1" + "}" * deep + "\n")
PY

# check_run NAME ARGS...: `gradepost ARGS` exits 2 with a NAME:LINE message, quickly and
# with bounded output.
problems=""
check_run() {
  local name=$1
  shift
  local status=0 started elapsed bytes pattern
  started=$(date +%s%N)
  timeout 60 "$GRADEPOST" --config "$work/profile/config.json" --state "$work/state.db" "$@" \
    >"$work/out" 2>"$work/cmd.err" || status=$?
  elapsed=$((($(date +%s%N) - started) / 1000000))
  bytes=$(($(wc -c <"$work/out") + $(wc -c <"$work/cmd.err")))
  pattern="$(printf '%s' "$name" | sed 's/[.[\*^$]/\\&/g'):[1-9][0-9]*(:[0-9]+)?: "
  if [ "$status" -ne 2 ]; then
    problems="$problems
$name ($1): exit $status, expected 2: $(head -c 300 "$work/cmd.err")"
  elif ! grep -qE -- "$pattern" "$work/cmd.err"; then
    problems="$problems
$name ($1): no $name:LINE in: $(head -c 300 "$work/cmd.err")"
  fi
  [ "$bytes" -lt "$most_output_bytes" ] || problems="$problems
$name ($1): $bytes bytes of output"
  [ "$elapsed" -lt $((most_seconds * 1000)) ] || problems="$problems
$name ($1): took ${elapsed} ms"
  # Values are quoted with control characters escaped: nothing in a file drives the terminal.
  if LC_ALL=C grep -aqP '[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]' "$work/cmd.err"; then
    problems="$problems
$name ($1): control characters in the message: $(head -c 300 "$work/cmd.err" | cat -v)"
  fi
  if grep -q "internal error" "$work/cmd.err"; then
    problems="$problems
$name ($1): $(head -c 300 "$work/cmd.err")"
  fi
  printf '%6d ms %8d bytes  %s %s\n' "$elapsed" "$bytes" "$1" "$name" >>"$work/timings"
}

count=0
for file in "$bad_dir"/* "$generated"/*; do
  name=$(basename "$file")
  check_run "$name" post "$file" --label "Quiz 1"
  check_run "$name" dry-run "$file" --offline
  count=$((count + 1))
done
# A roster is read with the same user id rule, before anything is sent.
roster_name=roster_user_id_word_joiner.csv
check_run "$roster_name" post "$samples/attempts.json" --label "Quiz 1" --match email \
  --roster "$bad_dir/$roster_name"
check_run "$roster_name" dry-run "$samples/attempts.json" --offline --match email \
  --roster "$bad_dir/$roster_name"
[ "$count" -ge 40 ] || fail "only $count hostile files"
[ -z "$problems" ] || fail "hostile files not refused as they should be:$problems"

assert_eq "$(platform_requests)" "$requests_before" "requests to the platform during hostile runs"
sqlite3 "$work/state.db" .dump >"$work/ledger.after"
cmp -s "$work/ledger.before" "$work/ledger.after" ||
  fail "the ledger changed: $(diff "$work/ledger.before" "$work/ledger.after" | head -20)"
# GRADEPOST_TIMINGS=1 lists the slowest runs.
if [ -n "${GRADEPOST_TIMINGS:-}" ]; then
  sort -rn "$work/timings" | head -n 10 >&2
fi

# A name is only text: a file whose user ids look like spreadsheet formulas is valid input,
# and the CSV report writes them with a leading apostrophe so no spreadsheet runs them.
cat >"$work/formulas.csv" <<'CSV'
user_id,score,max
"=HYPERLINK(""http://x"",""y"")",5,10
+SUM(1+1),6,10
-2+3,7,10
@cmd,8,10
"=1+2;=3",9,10
CSV
expect_exit 0 gp dry-run "$work/formulas.csv" --offline --report "$work/report.csv"
assert_contains "$work/report.csv" "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",would_post,5,10"
assert_contains "$work/report.csv" "'+SUM(1+1),would_post,6,10"
assert_contains "$work/report.csv" "'-2+3,would_post,7,10"
assert_contains "$work/report.csv" "'@cmd,would_post,8,10"
assert_contains "$work/report.csv" "'=1+2;=3,would_post,9,10"
if grep -qE '^"?[=+@-]' "$work/report.csv"; then
  fail "a report line starts with a formula: $(grep -E '^"?[=+@-]' "$work/report.csv")"
fi
# JSON output is data, not a spreadsheet: the value as it was.
expect_exit 0 gp --json dry-run "$work/formulas.csv" --offline
assert_eq "$(json '[.scores[].user_id | select(startswith("=HYPERLINK"))] | .[0]')" \
  '=HYPERLINK("http://x","y")' "user id in --json"
