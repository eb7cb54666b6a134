#!/usr/bin/env bash
# Installs what is missing, builds, and starts the studio on a bundled example design.
# Without a display it starts the studio under Xvfb, saves a screenshot and exits.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/setup.sh" "$here/build"
example="$here/resources/examples/three-tier-web-app.kstudio"
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  exec "$here/build/app/kstudio" "$example"
fi
shot="$here/build/kstudio-screenshot.png"
echo "run: no display; starting the studio under Xvfb and saving a screenshot to $shot" >&2
xvfb-run -a -s '-screen 0 1280x800x24' bash -c "
  '$here/build/app/kstudio' '$example' & pid=\$!
  sleep 4; import -window root '$shot'; kill \$pid; wait \$pid 2>/dev/null || true"
echo "$shot"
