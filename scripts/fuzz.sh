#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan) in build-fuzz/ and runs each for SECONDS.
#   scripts/fuzz.sh [SECONDS]      default 60 per target; exits 1 when a target found a crash
# Corpora grow in build-fuzz/corpus/<target>/ (seeded from fuzz/seeds/); crash reproducers land
# in build-fuzz/artifacts/<target>/. Reproduce one with: build-fuzz/fuzz/<target> FILE
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
seconds="${1:-60}"
case "$seconds" in
  ''|*[!0-9]*) echo "usage: scripts/fuzz.sh [SECONDS]" >&2; exit 2 ;;
esac
build="$here/build-fuzz"

for tool in clang clang++ cmake ninja; do
  command -v "$tool" >/dev/null || { echo "fuzz: $tool is missing (apt-get install clang ninja-build cmake)" >&2; exit 2; }
done

CC=clang CXX=clang++ cmake -S "$here" -B "$build" -G Ninja \
  -DKSTUDIO_FUZZ=ON -DKSTUDIO_BUILD_GUI=OFF -DBUILD_TESTING=OFF -DKSTUDIO_WERROR=OFF >/dev/null
cmake --build "$build" --parallel "$(nproc)" \
  --target fuzz_yaml_reader fuzz_project_reader fuzz_make_project_seeds

# UBSan findings count as crashes; leaks are reported.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"

corpus="$build/corpus"
mkdir -p "$corpus/fuzz_yaml_reader" "$corpus/fuzz_project_reader"

# Project seeds: valid .kstudio files written by writeProject, copies with stored (uncompressed)
# entries so that mutations reach the JSON and YAML inside, and two hostile archives (an entry
# named ../escape, a symlink entry).
seeds_project="$build/seeds/project"
rm -rf "$seeds_project"
"$build/fuzz/fuzz_make_project_seeds" "$seeds_project"
python3 - "$seeds_project" <<'PY'
import os, sys, zipfile
d = sys.argv[1]
for name in sorted(os.listdir(d)):
    if not name.endswith(".kstudio"):
        continue
    with zipfile.ZipFile(os.path.join(d, name)) as src, \
         zipfile.ZipFile(os.path.join(d, "stored-" + name), "w", zipfile.ZIP_STORED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info.filename))
with zipfile.ZipFile(os.path.join(d, "full.kstudio")) as src:
    entries = [(i.filename, src.read(i.filename)) for i in src.infolist()]
with zipfile.ZipFile(os.path.join(d, "hostile-dotdot.kstudio"), "w", zipfile.ZIP_STORED) as dst:
    for name, data in entries:
        dst.writestr(name, data)
    dst.writestr("../escape", b"x")
with zipfile.ZipFile(os.path.join(d, "hostile-symlink.kstudio"), "w", zipfile.ZIP_STORED) as dst:
    link = zipfile.ZipInfo("manifests.yaml")
    link.external_attr = (0o120777 << 16)
    link.create_system = 3
    dst.writestr(link, "/etc/passwd")
    for name, data in entries:
        if name != "manifests.yaml":
            dst.writestr(name, data)
PY

run() {
  local target="$1"; shift
  local artifacts="$build/artifacts/$target"
  rm -rf "$artifacts"   # reproducers worth keeping go to fuzz/crashes/
  mkdir -p "$artifacts"
  echo "fuzz: $target for ${seconds}s" >&2
  local status=0
  "$build/fuzz/$target" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
    -print_final_stats=1 -artifact_prefix="$artifacts/" "$@" || status=$?
  if [ "$status" -ne 0 ] || [ -n "$(ls -A "$artifacts")" ]; then
    echo "fuzz: $target FAILED (exit $status); reproducers:" >&2
    ls -1 "$artifacts"/* >&2 || true
    return 1
  fi
  echo "fuzz: $target ok" >&2
}

status=0
run fuzz_yaml_reader -dict="$here/fuzz/yaml.dict" \
  "$corpus/fuzz_yaml_reader" "$here/fuzz/seeds/yaml" || status=1
run fuzz_project_reader "$corpus/fuzz_project_reader" "$seeds_project" || status=1
exit $status
