#!/usr/bin/env bash
# A crash mid-request under `ulimit -c unlimited` writes no core holding the token: gradepost
# turns core dumps off (RLIMIT_CORE 0, not dumpable) before any secret is in memory. A control
# process killed the same way shows whether this machine writes cores at all.
source "$(dirname "$0")/common.sh"

token=core-dump-test-token-b83f51a0
start_hostile lms hang 127.0.0.1
mkdir "$work/control" "$work/run"
ulimit -c unlimited

(cd "$work/control" && exec sleep 60) &
control_pid=$!
sleep 0.2
kill -SEGV "$control_pid"
wait "$control_pid" 2>/dev/null || true
writes_cores=no
compgen -G "$work/control/core*" >/dev/null && writes_cores=yes

cd "$work/run"
env GRADEPOST_ACCESS_TOKEN=$token "$GRADEPOST" --state "$work/state.db" --retries 0 \
  results --line-item "http://127.0.0.1:$lms_port/lineitems/1" 2>"$work/run.err" &
gp_pid=$!
# The request carrying the token has reached the platform: the token is in memory.
for _ in $(seq 1 100); do [ -s "$work/lms.log" ] && break; sleep 0.1; done
assert_contains "$work/lms.log" "Bearer $token"
grep -Eq '^Max core file size +0 +0' "/proc/$gp_pid/limits" ||
  fail "core dumps still allowed: $(grep core "/proc/$gp_pid/limits")"
kill -SEGV "$gp_pid"
status=0
wait "$gp_pid" || status=$?
assert_eq "$status" 139 "exit status after SIGSEGV"
cd "$work"

for core in "$work"/run/core*; do
  [ -e "$core" ] || continue
  ! grep -aq "$token" "$core" || fail "$core holds the token"
done
if [ "$writes_cores" = yes ]; then
  ! compgen -G "$work/run/core*" >/dev/null || fail "a core file was written: $(ls "$work/run")"
fi
