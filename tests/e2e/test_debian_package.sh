#!/usr/bin/env bash
# cpack -G DEB makes a package that installs the binary, the man page and the bash, zsh and
# fish completions, and declares its runtime libraries (libcurl and libpq, opened on first use,
# among them); apt-get installs it into the system (CI runs as root on a throwaway machine), the
# installed gradepost runs, asks a sandbox for a token (so it loads libcurl) and man finds its
# page; then it is removed again.
source "$(dirname "$0")/common.sh"
if [ "$(id -u)" -ne 0 ]; then
  echo "not root: the package is not installed (skipped)"
  exit 0
fi
if dpkg-query -W -f='${Status}' gradepost 2>/dev/null | grep -q "install ok installed"; then
  fail "a gradepost package is already installed: this test would remove it"
fi
build_dir=$(dirname "$GRADEPOST")
[ -f "$build_dir/CPackConfig.cmake" ] || fail "no CPackConfig.cmake beside $GRADEPOST"

cpack --config "$build_dir/CPackConfig.cmake" -B "$work/dist" >"$work/cpack.out" 2>&1 ||
  fail "cpack failed: $(tail -20 "$work/cpack.out")"
deb=$(ls "$work"/dist/gradepost_*.deb)
[ -f "$deb" ] || fail "no .deb in $work/dist"

dpkg-deb -c "$deb" >"$work/contents"
for path in ./usr/bin/gradepost ./usr/share/man/man1/gradepost.1 \
  ./usr/share/bash-completion/completions/gradepost ./usr/share/zsh/vendor-completions/_gradepost \
  ./usr/share/fish/vendor_completions.d/gradepost.fish; do
  grep -qE " $path\$" "$work/contents" || fail "$path is not in the package: $(cat "$work/contents")"
done
depends=$(dpkg-deb -f "$deb" Depends)
for library in libcurl4 libssl libsqlite3 libpq5 libcsv libc6 libstdc++; do
  grep -qF "$library" <<<"$depends" || fail "Depends lacks $library: $depends"
done

export DEBIAN_FRONTEND=noninteractive
remove_package() { apt-get remove -y -qq -o DPkg::Lock::Timeout=120 gradepost >/dev/null 2>&1 || true; }
trap 'remove_package; cleanup' EXIT
apt-get install -y -qq -o DPkg::Lock::Timeout=120 --no-install-recommends "$deb" \
  >"$work/apt.out" 2>&1 || fail "apt-get install failed: $(tail -20 "$work/apt.out")"

expect_exit 0 /usr/bin/gradepost --version
assert_contains "$work/out" "$(dpkg-deb -f "$deb" Version)"
# libcurl is opened only when a request is made: the installed binary makes one.
start_sandbox --students 1
expect_exit 0 /usr/bin/gradepost --config "$work/profile/config.json" --state "$state" --json token
assert_contains "$work/out" "https://purl.imsglobal.org/spec/lti-ags/scope/score"
man_path=$(man -w gradepost) || fail "man -w gradepost found nothing"
assert_eq "$man_path" /usr/share/man/man1/gradepost.1 "man -w gradepost"
MANWIDTH=80 man gradepost 2>/dev/null | head -20 >"$work/man.txt"
assert_contains "$work/man.txt" "gradepost"
assert_contains "$work/man.txt" "SYNOPSIS"

remove_package
dpkg-query -W -f='${Status}' gradepost 2>/dev/null | grep -q "install ok installed" &&
  fail "apt-get remove left gradepost installed"
[ ! -e /usr/bin/gradepost ] || fail "/usr/bin/gradepost is still there after apt-get remove"
echo "package $(basename "$deb") installed, ran and was removed"
