# Sourced by every end-to-end test: the real binary against `gradepost sandbox` running as
# a separate process on a port the kernel picks.
set -euo pipefail

: "${GRADEPOST:?path of the gradepost binary}"
: "${SOURCE_DIR:?path of the source tree}"
samples="$SOURCE_DIR/samples"
work=$(mktemp -d "${TMPDIR:-/tmp}/gradepost-e2e-XXXXXX")
sandbox_pid=""
base_url=""
hostile_pids=()

cleanup() {
  for pid in "${hostile_pids[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [ -n "$sandbox_pid" ]; then
    kill "$sandbox_pid" 2>/dev/null || true
    wait "$sandbox_pid" 2>/dev/null || true
  fi
  if declare -F stop_postgres >/dev/null; then
    stop_postgres
  fi
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  for log in "$work"/*.err; do
    [ -f "$log" ] && { echo "--- $log" >&2; tail -n 30 "$log" >&2; }
  done
  exit 1
}

# start_sandbox [sandbox flags...]: starts the platform, writes a ready profile and key into
# $work/profile, and sets $base_url.
start_sandbox() {
  "$GRADEPOST" sandbox --port 0 --ready-file "$work/ready" --write-profile "$work/profile" "$@" \
    >"$work/sandbox.out" 2>"$work/sandbox.err" &
  sandbox_pid=$!
  for _ in $(seq 1 100); do
    [ -s "$work/ready" ] && break
    kill -0 "$sandbox_pid" 2>/dev/null || fail "sandbox exited: $(cat "$work/sandbox.err")"
    sleep 0.1
  done
  [ -s "$work/ready" ] || fail "sandbox did not become ready"
  base_url=$(cat "$work/ready")
}

# The ledger of this test: a file, or a postgresql:// URL when a test sets it.
state="$work/state.db"

# gp ARGS...: the binary with the sandbox's profile and the ledger of this test.
gp() {
  "$GRADEPOST" --config "$work/profile/config.json" --state "$state" "$@"
}

# gp_background ARGS...: gp started in the background with its pid in $!. (A function put in
# the background runs in a subshell: signals sent to that $! would never reach the binary.)
gp_background() {
  "$GRADEPOST" --config "$work/profile/config.json" --state "$state" "$@" &
}

# expect_exit CODE COMMAND...: runs the command, stdout to $work/out, stderr to $work/cmd.err.
expect_exit() {
  local expected=$1
  shift
  local status=0
  "$@" >"$work/out" 2>"$work/cmd.err" || status=$?
  [ "$status" -eq "$expected" ] ||
    fail "expected exit $expected, got $status from: $*
stdout: $(head -c 2000 "$work/out")
stderr: $(head -c 2000 "$work/cmd.err")"
}

# pty_run LOG ANSWER ARGS...: gp ARGS on a pseudo-terminal (stdin, stdout and stderr, 100x30),
# typing ANSWER once "[y/N]" appears ("" for never); everything the terminal showed goes to
# LOG. Prints the exit status (so that a failing status does not stop the test).
pty_run() {
  local log=$1 answer=$2
  shift 2
  local status=0
  TERM=xterm python3 "$SOURCE_DIR/tests/e2e/pty_run.py" "$log" "$answer" \
    "$GRADEPOST" --config "$work/profile/config.json" --state "$state" "$@" || status=$?
  echo "$status"
}

# admin PATH: GET a /_sandbox/ endpoint.
admin() { curl -sf "$base_url/_sandbox/$1"; }

# json FILTER [FILE]: a jq query on the last command's stdout (or FILE).
json() { jq -r "$1" "${2:-$work/out}"; }

assert_eq() { [ "$1" = "$2" ] || fail "${3:-value}: expected '$2', got '$1'"; }
assert_contains() { grep -qF -- "$2" "$1" || fail "$1 does not contain '$2': $(head -c 1500 "$1")"; }
assert_not_contains() { ! grep -qF -- "$2" "$1" || fail "$1 contains '$2'"; }

# start_hostile NAME MODE HOST [ARGS...]: starts tests/e2e/hostile_platform.py (TLS when
# TLS_CERT and TLS_KEY are exported), waits for its port, and sets ${NAME}_port; its requests
# are logged to $work/NAME.log. Stopped by cleanup().
start_hostile() {
  local name=$1 mode=$2 host=$3
  shift 3
  python3 "$SOURCE_DIR/tests/e2e/hostile_platform.py" "$mode" "$host" "$work/$name.port" \
    "$work/$name.log" "$@" 2>"$work/$name.server.err" &
  hostile_pids+=($!)
  for _ in $(seq 1 100); do [ -s "$work/$name.port" ] && break; sleep 0.1; done
  [ -s "$work/$name.port" ] || fail "$name server did not start: $(cat "$work/$name.server.err")"
  printf -v "${name}_port" '%s' "$(cat "$work/$name.port")"
}
