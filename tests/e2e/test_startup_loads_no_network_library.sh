#!/usr/bin/env bash
# libcurl and libpq are opened on first use: `--version` and an offline dry run on an SQLite
# ledger load neither (the dynamic loader's own record, LD_DEBUG=files, says which libraries
# it loaded); `token` loads libcurl and a postgresql:// ledger libpq, which shows the record
# would name them, and that each is found and works when needed; a missing libcurl is exit 3
# naming its package.
source "$(dirname "$0")/common.sh"

# loaded LOG: the file names the loader opened in a run whose stderr is LOG.
loaded() { sed -n 's/^ *[0-9]*:[[:space:]]*file=\([^ ]*\) .*/\1/p' "$1" | sort -u; }

LD_DEBUG=files "$GRADEPOST" --version >"$work/out" 2>"$work/version.ld" || fail "--version failed"
loaded "$work/version.ld" >"$work/version.libs"
assert_contains "$work/version.libs" "libsqlite3.so" # linked: the record lists what is loaded
assert_not_contains "$work/version.libs" "libcurl.so"
assert_not_contains "$work/version.libs" "libpq.so"

LD_DEBUG=files "$GRADEPOST" --state "$work/state.db" --json dry-run --offline \
  "$samples/attempts.json" >"$work/out" 2>"$work/dry.ld" || fail "dry-run --offline failed"
[ "$(json .counts.selected)" -gt 0 ] || fail "the dry run selected nobody"
loaded "$work/dry.ld" >"$work/dry.libs"
assert_not_contains "$work/dry.libs" "libcurl.so"
assert_not_contains "$work/dry.libs" "libpq.so"

# A command that makes an HTTP request opens libcurl, and works.
start_sandbox --students 3
LD_DEBUG=files gp --json token >"$work/out" 2>"$work/token.ld" || fail "token failed: $(grep -v '^ *[0-9]*:' "$work/token.ld")"
assert_contains "$work/out" "https://purl.imsglobal.org/spec/lti-ags/scope/score"
loaded "$work/token.ld" >"$work/token.libs"
assert_contains "$work/token.libs" "libcurl.so.4"
assert_not_contains "$work/token.libs" "libpq.so"

# A PostgreSQL ledger opens libpq, whose own message says the connection was refused (nothing
# listens on port 9): exit 3, as for any ledger that cannot be opened.
expect_exit 3 env LD_DEBUG=files "$GRADEPOST" --state "postgresql://127.0.0.1:9/none" state show
assert_contains "$work/cmd.err" "Connection refused"
loaded "$work/cmd.err" >"$work/pq.libs"
assert_contains "$work/pq.libs" "libpq.so.5"
assert_not_contains "$work/pq.libs" "libcurl.so"

# Without libcurl (hidden in a mount namespace of this command only, when root may make one),
# --version still runs and a command that needs it is exit 3 naming the package to install.
libcurl=$(readlink -f "$(ldconfig -p | sed -n 's/^[[:space:]]*libcurl\.so\.4 (.*) => //p' | head -1)")
if [ "$(id -u)" -eq 0 ] && [ -f "$libcurl" ] && unshare -m true 2>/dev/null; then
  without_curl() { unshare -m sh -c 'mount --bind /dev/null "$0" && exec "$@"' "$libcurl" "$@"; }
  expect_exit 0 without_curl "$GRADEPOST" --version
  expect_exit 3 without_curl "$GRADEPOST" --config "$work/profile/config.json" --state "$state" token
  assert_contains "$work/cmd.err" "cannot load libcurl.so.4"
  assert_contains "$work/cmd.err" "install the Debian package libcurl4"
else
  echo "not root or no mount namespace: a missing libcurl is not tried (skipped)"
fi
echo "--version and dry-run --offline load neither libcurl nor libpq; token and a PostgreSQL ledger do"
