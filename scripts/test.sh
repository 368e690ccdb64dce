#!/usr/bin/env bash
# Sets up, builds (warnings as errors) and runs the whole test suite through CTest,
# then fuzzes the design loader briefly.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCALEBOARD_WERROR=ON "$here/scripts/setup.sh" "$here/build"
export QT_QPA_PLATFORM=offscreen
ctest --test-dir "$here/build" --output-on-failure -j "${SCALEBOARD_JOBS:-$(nproc)}" "$@"
if [ -x "$here/scripts/fuzz.sh" ]; then
  "$here/scripts/fuzz.sh" "${SCALEBOARD_FUZZ_SECONDS:-30}"
fi
