#!/usr/bin/env bash
# Under --json an error is also one JSON document on stdout: code (the exit status), kind,
# message, and file/line/column when the error names a place.
source "$(dirname "$0")/common.sh"

cat >"$work/bad.csv" <<'CSV'
user_id,score,max
1001,8,10
1002,abc,10
CSV
expect_exit 2 "$GRADEPOST" --state "$work/state.db" --json dry-run "$work/bad.csv" --offline
assert_eq "$(json '.error.code')" 2
assert_eq "$(json '.error.kind')" input
assert_eq "$(json '.error.file')" "$work/bad.csv"
assert_eq "$(json '.error.line')" 3
assert_eq "$(json '.error.column | type')" number
assert_contains "$work/out" '\"abc\"'
assert_contains "$work/cmd.err" "gradepost: error: $work/bad.csv:3"
assert_eq "$(jq -s length "$work/out")" 1 "documents on stdout"

# A command line error: kind usage, no place.
expect_exit 2 "$GRADEPOST" --json post "$work/bad.csv" --lable "Quiz 1"
assert_eq "$(json '.error.kind')" usage
assert_eq "$(json '.error.message')" "unknown option --lable; did you mean --label?"
assert_eq "$(json '.error | has("file")')" false
expect_exit 2 "$GRADEPOST" --json dyr-run
assert_eq "$(json '.error.message')" "unknown command dyr-run; did you mean dry-run?"

# A configuration error: exit 3, kind config.
expect_exit 3 "$GRADEPOST" --config "$work/nowhere.json" --json token
assert_eq "$(json '.error.code')" 3
assert_eq "$(json '.error.kind')" config
assert_contains "$work/out" "nowhere.json"

# The platform down: exit 5, kind unreachable; no secret in the document.
GRADEPOST_ACCESS_TOKEN=secret-token-that-must-not-show expect_exit 5 "$GRADEPOST" --json \
  --retries 0 --connect-timeout 2 results --line-item http://127.0.0.1:9/lineitems/1
assert_eq "$(json '.error.kind')" unreachable
assert_not_contains "$work/out" "secret-token-that-must-not-show"

# Without --json, stdout stays empty.
expect_exit 2 "$GRADEPOST" --state "$work/state.db" dry-run "$work/bad.csv" --offline
assert_eq "$(cat "$work/out")" ""
