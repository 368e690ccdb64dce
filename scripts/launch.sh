#!/usr/bin/env bash
# Sets up, builds the window (nothing else) and opens Scaleboard on its built-in default
# design. Without a display it runs that design headless and prints the summary.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/scripts/setup.sh" "$here/build" scaleboard
app="$here/build/app/scaleboard"
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec "$app" --headless "$@"
fi
exec "$app" "$@"
