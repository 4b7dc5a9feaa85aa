#!/usr/bin/env bash
# `config list | show | use | set-profile`: profiles managed like kubectl contexts. A profile
# made by set-profile works (token against the sandbox); use sets default_profile and keeps
# the rest of the file; writes are atomic and a new file is 0600; secrets are never printed.
source "$(dirname "$0")/common.sh"
start_sandbox --students 3
sandbox_profile() { jq -r ".profiles[.default_profile].$1" "$work/profile/config.json"; }
config="$work/home/.config/gradepost/config.json"
gc() { HOME="$work/home" XDG_CONFIG_HOME="" GRADEPOST_CONFIG="" GRADEPOST_PROFILE="" "$GRADEPOST" "$@"; }

# set-profile creates the default file (and its folder), private, with the first profile as
# its default.
expect_exit 0 gc config set-profile sandbox --client-id "$(sandbox_profile client_id)" \
  --token-url "$(sandbox_profile token_url)" --key-file "$(sandbox_profile private_key_file)" \
  --key-id "$(sandbox_profile key_id)" --lineitems "$(sandbox_profile lineitems_url)"
assert_contains "$work/out" "created profile sandbox in $config (client_id, token_url, private_key_file, key_id, lineitems_url)"
assert_eq "$(stat -c %a "$config")" 600 "mode of a new config file"
assert_eq "$(jq -r .default_profile "$config")" sandbox "default_profile of a new file"
# ... and it works.
expect_exit 0 gc --json token
[ "$(json .expires_in)" -gt 0 ] || fail "the profile made by set-profile got no token"

# A second profile, and keys the file had that gradepost does not know, are kept by edits.
jq '.x_team = "grading" | .profiles.sandbox.x_note = "keep me"' "$config" >"$work/c.json"
cp "$work/c.json" "$config" # keeps the mode: cp onto an existing file
expect_exit 0 gc config set-profile moodle --platform moodle --token-url https://moodle.example/mod/lti/token.php \
  --client-id abc --key-file /keys/moodle.pem
assert_contains "$work/out" "created profile moodle"
assert_eq "$(jq -r '.profiles | keys_unsorted | join(",")' "$config")" sandbox,moodle "profiles, in order"
assert_eq "$(jq -r .x_team "$config")" grading "unknown top-level key after set-profile"
assert_eq "$(jq -r .profiles.sandbox.x_note "$config")" "keep me" "unknown profile key after set-profile"

# list: * marks the default, or --profile / GRADEPOST_PROFILE.
expect_exit 0 gc config list
grep -qE '^\*  +sandbox +' "$work/out" || fail "sandbox is not marked current: $(cat "$work/out")"
grep -qE '^ +moodle +moodle +abc +https://moodle.example' "$work/out" || fail "no moodle row: $(cat "$work/out")"
expect_exit 0 gc --profile moodle --json config list
assert_eq "$(json '.profiles[] | select(.current) | .name')" moodle "current profile with --profile"

# use: default_profile changes; nothing else does.
jq -S 'del(.default_profile)' "$config" >"$work/before.json"
expect_exit 0 gc config use moodle
assert_contains "$work/out" "default profile is now moodle ($config)"
assert_eq "$(jq -r .default_profile "$config")" moodle "default_profile after use"
jq -S 'del(.default_profile)' "$config" >"$work/after.json"
cmp -s "$work/before.json" "$work/after.json" || fail "use changed more than default_profile: $(diff "$work/before.json" "$work/after.json")"
assert_eq "$(stat -c %a "$config")" 600 "mode kept by use"
[ -z "$(find "$(dirname "$config")" -name 'config.json.*')" ] || fail "a temporary file was left beside the config"
expect_exit 3 gc config use nosuch
assert_contains "$work/cmd.err" 'unknown profile "nosuch"'
assert_contains "$work/cmd.err" "sandbox, moodle"
assert_eq "$(jq -r .default_profile "$config")" moodle "default_profile after a refused use"

# set-profile on an existing profile changes only the fields given.
expect_exit 0 gc config set-profile moodle --course 42
assert_contains "$work/out" "updated profile moodle"
assert_eq "$(jq -r '.profiles.moodle | [.client_id, .course] | join(" ")' "$config")" "abc 42" "moodle after update"

# show: the profile in use or the one named; the key file's path, never a key; LTIAAS keys
# only as (set).
jq '.profiles.moodle.ltiaas_api_key = "api-SECRET-1" | .profiles.moodle.ltiaas_service_key = "svc-SECRET-2"' \
  "$config" >"$work/c.json" && cp "$work/c.json" "$config"
expect_exit 0 gc config show
assert_contains "$work/out" "profile moodle, the default ($config)"
assert_contains "$work/out" "private_key_file:   /keys/moodle.pem"
assert_contains "$work/out" "ltiaas_api_key:     (set)"
expect_exit 0 gc --json config show sandbox
assert_eq "$(json .private_key_file)" "$(sandbox_profile private_key_file)" "key file path in show --json"
assert_eq "$(json .default)" false "sandbox is not the default"
for command in "config show moodle" "--json config show moodle" "config list" "--json config list" \
  "config show sandbox"; do
  # shellcheck disable=SC2086
  gc $command >"$work/shown" 2>&1 || fail "gradepost $command failed"
  assert_not_contains "$work/shown" "SECRET"
  assert_not_contains "$work/shown" "PRIVATE KEY"
done

# What is never stored, and what is not a profile: exit 2, file unchanged.
cp "$config" "$work/unchanged.json"
expect_exit 2 gc config set-profile moodle --access-token tok-123
assert_contains "$work/cmd.err" "--access-token is not stored in a profile"
expect_exit 2 gc config set-profile moodle --insecure
expect_exit 2 gc config set-profile moodle
assert_contains "$work/cmd.err" "nothing to set"
cmp -s "$config" "$work/unchanged.json" || fail "a refused set-profile changed the file"

# A broken file is named with line and column, and left as it is.
printf '{\n  "profiles": {,\n}\n' >"$config"
expect_exit 3 gc config use moodle
assert_contains "$work/cmd.err" "$config:2:"
assert_eq "$(cat "$config")" "$(printf '{\n  "profiles": {,\n}')" "a broken file after a refused use"
