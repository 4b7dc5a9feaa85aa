#!/usr/bin/env bash
# --canvas-attach-file COLUMN sends each student's file as a Canvas content item (type file,
# url, title, media_type); Canvas's progress URLs are reported per student. A re-post whose
# URL did not change does not attach the file again; a changed URL does. The ledger keeps a
# digest, never the (pre-signed) URL. A value that is not an https URL is exit 2.
source "$(dirname "$0")/common.sh"
start_sandbox --students 3 --quirks canvas

cat >"$work/week.csv" <<'CSV'
user_id,score,max,pdf
1001,6,10,https://files.example/w3/1001.pdf?X-Amz-Signature=s3cr3t1
1002,7,10,https://files.example/w3/1002.pdf?X-Amz-Signature=s3cr3t2
1003,8,10,https://files.example/w3/1003.pdf?X-Amz-Signature=s3cr3t3
CSV
line_item="$base_url/api/lti/courses/course-1/line_items/1"
post() {
  gp --json post "$1" --line-item "$line_item" --canvas-attach-file pdf \
    --canvas-attach-title "Results {user}" --report "$work/report.csv" "${@:2}"
}
attachments_of() {
  admin scores | jq -c --arg u "$1" '[.scores[] | select(.user_id == $u) | .result.attachments[]]'
}

expect_exit 0 post "$work/week.csv"
assert_eq "$(json .counts.posted)" 3 "posted"
assert_eq "$(json '[.scores[] | select(.attachment == "attached")] | length')" 3 "attached"
progress=$(json '.scores[] | select(.user_id == "1001") | .attachment_progress[0]')
assert_contains <(echo "$progress") "$base_url/api/lti/progress/"
assert_contains "$work/report.csv" "$progress"
assert_eq "$(attachments_of 1001)" \
  '[{"media_type":"application/pdf","title":"Results 1001","url":"https://files.example/w3/1001.pdf?X-Amz-Signature=s3cr3t1"}]' \
  "1001's submission files"
attempts_before=$(admin scores | jq '[.scores[] | select(.user_id == "1001") | .result.attempts][0]')

# Regrade: 1001 gets a new score with the same file, 1002 a new score and a new file.
sed -i -e 's/^1001,6,/1001,9,/' \
  -e 's|^1002,7,10,.*|1002,10,10,https://files.example/w3/1002-v2.pdf?X-Amz-Signature=new|' \
  "$work/week.csv"
expect_exit 0 post "$work/week.csv" --select changed
assert_eq "$(json .counts.posted)" 2 "posted after the regrade"
assert_eq "$(json '.scores[] | select(.user_id == "1001") | .attachment')" unchanged "1001"
assert_eq "$(json '.scores[] | select(.user_id == "1001") | .attachment_progress | length')" 0 \
  "1001 progress"
assert_eq "$(json '.scores[] | select(.user_id == "1002") | .attachment')" attached "1002"
assert_eq "$(attachments_of 1001 | jq length)" 1 "1001 files after the same URL"
assert_eq "$(admin scores | jq '[.scores[] | select(.user_id == "1001") | .result.attempts][0]')" \
  "$attempts_before" "1001 attempts (no new submission)"
assert_eq "$(attachments_of 1002 | jq -r '.[1].url')" \
  "https://files.example/w3/1002-v2.pdf?X-Amz-Signature=new" "1002's new file"

# The ledger holds digests only: no URL, no signature.
! grep -aq "s3cr3t\|files.example" "$work"/state.db* || fail "the ledger holds a file URL"

# Canvas must be able to fetch it: https only, checked before anything is sent.
printf 'user_id,score,max,pdf\n1003,5,10,http://files.example/w3/1003.pdf\n' >"$work/bad.csv"
expect_exit 2 post "$work/bad.csv"
assert_contains "$work/cmd.err" "bad.csv:2:4"
assert_contains "$work/cmd.err" "not an https URL"
