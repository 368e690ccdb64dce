#!/usr/bin/env bash
# Fuzzes the design reader with libFuzzer for N seconds (default 60): configures a separate
# clang build in build-fuzz with every library instrumented (address and undefined-behaviour
# sanitizers), builds fuzz_design_reader and runs it on the seed corpus.
# Usage: scripts/fuzz.sh [seconds]   (environment: SCALEBOARD_JOBS=N for the build)
# Crashes are written to fuzz-corpus-work/ as crash-<hash>; replay one with
#   build-fuzz/fuzz/fuzz_design_reader fuzz-corpus-work/crash-<hash>
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-60}"
build="$here/build-fuzz"
work="$here/fuzz-corpus-work"
sanitizers="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all"

cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_CXX_FLAGS="$sanitizers" \
  -DSCALEBOARD_FUZZ=ON -DSCALEBOARD_BUILD_GUI=OFF -DSCALEBOARD_BUILD_BENCH=OFF >/dev/null
cmake --build "$build" --target fuzz_design_reader -j "${SCALEBOARD_JOBS:-$(nproc)}"

mkdir -p "$work/design_reader"
echo "scaleboard: fuzzing the design reader for ${seconds} s"
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  "$build/fuzz/fuzz_design_reader" -max_total_time="$seconds" -max_len=16384 -timeout=10 \
  -print_final_stats=1 -dict="$here/fuzz/design.dict" -artifact_prefix="$work/" \
  "$work/design_reader" "$here/fuzz/corpus/design_reader"
