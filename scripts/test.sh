#!/usr/bin/env bash
# Sets up, builds everything in the build folder launch.sh uses (same flags, so what launch
# built is reused), runs every test suite through CTest, then fuzzes the three readers
# briefly (20 s each).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/scripts/setup.sh" "$here/build"
export QT_QPA_PLATFORM=offscreen
ctest --test-dir "$here/build" --output-on-failure -j "${SCALEBOARD_JOBS:-$(nproc)}" "$@"
"$here/scripts/fuzz.sh" "${SCALEBOARD_FUZZ_SECONDS:-20}"
