#!/usr/bin/env bash
# Fuzzes the readers with libFuzzer for N seconds each (default 60): the design reader,
# the workspace reader and the command line's argument parser. Configures a separate clang
# build in build-fuzz with every library instrumented (address and undefined-behaviour
# sanitizers), builds the fuzzers and runs each on its seed corpus.
# Usage: scripts/fuzz.sh [seconds] [fuzzer...]   (fuzzers: design_reader workspace_reader
#        arguments; environment: SCALEBOARD_JOBS=N for the build)
# Crashes are written to fuzz-corpus-work/ as crash-<hash>; replay one with
#   build-fuzz/fuzz/fuzz_<name> fuzz-corpus-work/crash-<hash>
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-60}"
shift || true
fuzzers=("$@")
[ ${#fuzzers[@]} -gt 0 ] || fuzzers=(design_reader workspace_reader arguments)
build="$here/build-fuzz"
work="$here/fuzz-corpus-work"
sanitizers="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all"

cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_CXX_FLAGS="$sanitizers" \
  -DSCALEBOARD_FUZZ=ON -DSCALEBOARD_BUILD_GUI=OFF -DSCALEBOARD_BUILD_BENCH=OFF >/dev/null
targets=()
for f in "${fuzzers[@]}"; do targets+=(--target "fuzz_$f"); done
cmake --build "$build" "${targets[@]}" -j "${SCALEBOARD_JOBS:-$(nproc)}"

for f in "${fuzzers[@]}"; do
  case "$f" in
    design_reader) dict=design.dict; max_len=65536 ;;
    workspace_reader) dict=workspace.dict; max_len=65536 ;;
    arguments) dict=arguments.dict; max_len=4096 ;;
    *) echo "scaleboard: no fuzzer named $f" >&2; exit 2 ;;
  esac
  mkdir -p "$work/$f"
  echo "scaleboard: fuzzing the ${f//_/ } for ${seconds} s"
  # -close_fd_mask=1: the argument parser prints help and errors; keep stderr for crashes.
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$build/fuzz/fuzz_$f" -max_total_time="$seconds" -max_len="$max_len" -timeout=10 \
    -rss_limit_mb=4096 -close_fd_mask=1 -print_final_stats=1 -dict="$here/fuzz/$dict" \
    -artifact_prefix="$work/" "$work/$f" "$here/fuzz/corpus/$f"
done
