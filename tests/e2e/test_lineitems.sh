#!/usr/bin/env bash
# lineitems list and create; post finds its line item by label, and --create makes it.
source "$(dirname "$0")/common.sh"
start_sandbox --students 3 --lineitem "Quiz 1:10" --lineitem "Essay:20"

expect_exit 0 gp --json lineitems list
assert_eq "$(json 'length')" 2
assert_eq "$(json '.[] | select(.label == "Essay") | .scoreMaximum')" 20

expect_exit 0 gp --json lineitems create --label "Week 4" --max 15 --tag quiz
assert_eq "$(json '.[0].label')" "Week 4"
expect_exit 0 gp --json lineitems list --tag quiz
assert_eq "$(json 'length')" 1
# The same create again finds it; --allow-duplicate insists.
expect_exit 0 gp --json lineitems create --label "Week 4" --max 15 --tag quiz
assert_eq "$(json '.[0].label')" "Week 4"
assert_contains "$work/cmd.err" "already exists"
expect_exit 0 gp --json lineitems list --label "Week 4"
assert_eq "$(json 'length')" 1 "line items after a repeated create"
expect_exit 0 gp --json lineitems create --label "Week 4" --max 15 --tag quiz --allow-duplicate
expect_exit 0 gp --json lineitems list --label "Week 4"
assert_eq "$(json 'length')" 2 "line items after --allow-duplicate"
expect_exit 0 gp --json lineitems create --label "Week 4" --max 15 --resource-id r-9
expect_exit 0 gp --json lineitems list --label "Week 4"
assert_eq "$(json 'length')" 3 "another resource id is another line item"
expect_exit 0 gp lineitems
assert_contains "$work/out" "Week 4"

printf 'user_id,score,max\n1001,6,15\n' >"$work/week.csv"
expect_exit 2 gp post "$work/week.csv" --label "Week 9"
assert_contains "$work/cmd.err" "--create"
expect_exit 0 gp --json post "$work/week.csv" --label "Week 9" --create --max 15
assert_eq "$(json .counts.posted)" 1
expect_exit 0 gp --json lineitems list --label "Week 9"
assert_eq "$(json 'length')" 1 "created once"
