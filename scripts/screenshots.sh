#!/usr/bin/env bash
# Starts the studio on each starter project (resources/examples/*.kstudio) under Xvfb and writes a screenshot of each to
# docs/screenshots/<design>.png (the README shows them). Needs a built build/app/kstudio.
#   scripts/screenshots.sh [OUTDIR]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out="${1:-$here/docs/screenshots}"
binary="$here/build/app/kstudio"
[ -x "$binary" ] || { echo "screenshots: build first (scripts/run.sh or cmake --build build)" >&2; exit 2; }
mkdir -p "$out"
# A private settings/data directory: no recovered autosaves, no remembered window layout.
state=$(mktemp -d)
trap 'rm -rf "$state"' EXIT
status=0
for design in "$here"/resources/examples/*.kstudio; do
  name=$(basename "$design" .kstudio)
  shot="$out/$name.png"
  if XDG_CONFIG_HOME="$state/config" XDG_DATA_HOME="$state/data" KSTUDIO_SCREENSHOT="$shot" \
     xvfb-run -a -s '-screen 0 1600x1000x24' "$binary" "$design"; then
    echo "$shot"
  else
    echo "screenshots: $name failed" >&2
    status=1
  fi
done
# The simulation docks, on the designs that show them best.
shoot_dock() { # design dock suffix
  local shot="$out/$1-$3.png"
  if XDG_CONFIG_HOME="$state/config" XDG_DATA_HOME="$state/data" KSTUDIO_SCREENSHOT="$shot" KSTUDIO_SCREENSHOT_DOCK="$2" \
     xvfb-run -a -s '-screen 0 1600x1000x24' "$binary" "$here/resources/examples/$1.kstudio"; then
    echo "$shot"
  else
    echo "screenshots: $1 ($2) failed" >&2
    status=1
  fi
}
[ -f "$here/resources/examples/rails-nginx.kstudio" ] && shoot_dock rails-nginx placementDock placement
[ -f "$here/resources/examples/microservices-ingress.kstudio" ] && KSTUDIO_SCREENSHOT_CELL="storefront/checkout;storefront/catalog" \
  shoot_dock microservices-ingress reachabilityDock reachability
# The canvas overlays and classroom mode: shoot DESIGN SUFFIX [VAR=VALUE]...
shoot() {
  local design=$1 suffix=$2
  shift 2
  local shot="$out/$design-$suffix.png"
  if env XDG_CONFIG_HOME="$state/config" XDG_DATA_HOME="$state/data" KSTUDIO_SCREENSHOT="$shot" "$@" \
     xvfb-run -a -s '-screen 0 1600x1000x24' "$binary" "$here/resources/examples/$design.kstudio"; then
    echo "$shot"
  else
    echo "screenshots: $design ($suffix) failed" >&2
    status=1
  fi
}
if [ -f "$here/resources/examples/microservices-ingress.kstudio" ]; then
  shoot microservices-ingress path KSTUDIO_SCREENSHOT_DOCK=reachabilityDock "KSTUDIO_SCREENSHOT_PATH=internet;storefront/checkout;"
  shoot microservices-ingress exposure KSTUDIO_SCREENSHOT_ACTIONS=exposureAction
  shoot microservices-ingress classroom "KSTUDIO_SCREENSHOT_CLASSROOM=connect;internet;storefront/web;;3"
fi
[ -f "$here/resources/examples/rails-nginx.kstudio" ] && shoot rails-nginx classroom "KSTUDIO_SCREENSHOT_CLASSROOM=schedule;1"
[ -f "$here/resources/examples/network-policy-lesson.kstudio" ] && shoot_dock network-policy-lesson reachabilityDock reachability
[ -f "$here/resources/examples/rails-nginx.kstudio" ] && shoot rails-nginx placement-whatif KSTUDIO_SCREENSHOT_DOCK=placementDock \
  KSTUDIO_SCREENSHOT_WHATIF=failZone:zone-a
[ -f "$here/resources/examples/rails-nginx.kstudio" ] && shoot rails-nginx capacity KSTUDIO_SCREENSHOT_DIALOG=capacity
exit $status
