#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (ctest).
#   scripts/test.sh            RelWithDebInfo build in build/
#   scripts/test.sh --asan     Debug build with AddressSanitizer + UBSan in build-asan/
#   scripts/test.sh --fuzz N   also runs each libFuzzer target for N seconds under ASan/UBSan
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build="$here/build"
cmake_args=()
fuzz_seconds=0
while [ $# -gt 0 ]; do
  case "$1" in
    --asan) build="$here/build-asan"; cmake_args+=(-DCMAKE_BUILD_TYPE=Debug -DKSTUDIO_SANITIZE=ON) ;;
    --fuzz) fuzz_seconds="$2"; shift ;;
    *) echo "usage: scripts/test.sh [--asan] [--fuzz SECONDS]" >&2; exit 2 ;;
  esac
  shift
done
"$here/scripts/setup.sh" "$build" "${cmake_args[@]}"
export PATH="${KSTUDIO_TOOLS_DIR:-$HOME/.cache/kstudio-tools/bin}:$PATH"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
status=0
(cd "$build" && ctest --output-on-failure --timeout 900 -j"$(nproc)") || status=$?
if [ "$fuzz_seconds" -gt 0 ] && [ -x "$here/scripts/fuzz.sh" ]; then
  "$here/scripts/fuzz.sh" "$fuzz_seconds" || status=$?
fi
exit $status
