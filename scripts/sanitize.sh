#!/usr/bin/env bash
# Builds every library, program and test suite with AddressSanitizer and UBSan (the
# `asan` CMake preset, in build-asan) and runs all the CTest suites under it, the GUI
# suites included (offscreen), with LeakSanitizer on: any leak, out-of-bounds access or
# undefined behaviour fails its suite. About 15 minutes of building and 8 of testing on
# two cores. Usage: scripts/sanitize.sh [ctest arguments, e.g. -R gui_live]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
cmake --preset asan
cmake --build build-asan -j"${SCALEBOARD_JOBS:-2}"
ctest --preset asan -j"${SCALEBOARD_JOBS:-2}" --timeout 3000 "$@"
