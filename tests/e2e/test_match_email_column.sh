#!/usr/bin/env bash
# --match email finds a Moodle export's e-mail column by its usual names, in Moodle's
# languages, without --map; the addresses are matched to the roster's LTI user ids.
source "$(dirname "$0")/common.sh"
start_sandbox --roster "$samples/roster.csv" --lineitem "Quiz 1:10"

# English: "Email address".
expect_exit 0 gp --json dry-run "$samples/moodle-quiz-grades.csv" --match email --label "Quiz 1"
# Ada, Alan, Katherine, Barbara and Donald finished; Grace is in progress, Edsger never
# submitted.
assert_eq "$(json '[.scores[] | select(.action == "would_post") | .user_id] | sort | join(",")')" \
  "1001,1002,1004,1006,1007" "students posted"
assert_eq "$(json '[.scores[].user_id | test("^[0-9]+$")] | all')" true "user ids from the roster"
assert_eq "$(json '.scores[] | select(.user_id == "1001") | .score_given')" 9.5 "Ada's highest"

# French, with ';' and decimal commas: "Adresse de courriel".
expect_exit 0 gp --json dry-run "$samples/moodle-quiz-grades-fr.csv" --match email --label "Quiz 1"
assert_eq "$(json '.scores[] | select(.user_id == "1001") | .score_given')" 7.5 "Ada in the French export"

# German, Spanish and Italian headers of the same export.
for header in "E-Mail-Adresse" "Dirección de correo" "Indirizzo email"; do
  sed "1s/\"Email address\"/\"$header\"/" "$samples/moodle-quiz-grades.csv" >"$work/export.csv"
  expect_exit 0 gp --json dry-run "$work/export.csv" --match email --label "Quiz 1"
  assert_eq "$(json '.scores[] | select(.user_id == "1002") | .action')" would_post "Alan with $header"
done

# Without --match email the e-mail column is not a user column: the error names the file.
expect_exit 2 gp dry-run "$samples/moodle-quiz-grades.csv" --label "Quiz 1"
assert_contains "$work/cmd.err" "moodle-quiz-grades.csv"
