#!/usr/bin/env bash
# Installs what Scaleboard needs to build and test on Debian 12 (idempotent: installs only
# missing packages; apt-get as root, sudo otherwise), then configures and builds the given
# targets (default: everything, tests and benchmarks included).
# Usage: scripts/setup.sh [build-dir] [target...]
# launch.sh and test.sh share one build folder with one set of compile flags, so whatever
# the first of them compiled the second reuses.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${1:-$here/build}"
shift || true

# Every package named explicitly: apt-get runs with --no-install-recommends, so nothing a
# package only recommends (Qt6OpenGL's CMake files, for one) arrives by itself.
packages=(
  # compiler, build system and compiler cache
  build-essential cmake ninja-build ccache
  # Qt 6: Widgets, Charts (needs Qt6OpenGL's CMake files), Svg, Test, PrintSupport, and
  # the platform plugins (xcb for a display, offscreen for the GUI tests)
  qt6-base-dev qt6-base-dev-tools libqt6opengl6-dev libgl-dev qt6-charts-dev qt6-svg-dev
  qt6-qpa-plugins
  # Boost.Asio, SQLite, nlohmann-json, CLI11, Google Benchmark
  libboost-dev libsqlite3-dev nlohmann-json3-dev libcli11-dev libbenchmark-dev
  # FFmpeg's libraries for run animations (WebM, MP4, GIF), found with pkg-config, and
  # ffprobe for their test
  libavcodec-dev libavformat-dev libswscale-dev libavutil-dev pkg-config ffmpeg
  # Slurm and MUNGE for test_slurm (a single-node cluster on loopback runs an emitted
  # experiment array; docs/experiments.md)
  munge slurmctld slurmd slurm-client
  # wrk, the HTTP load generator bench_serve drives the live endpoint with
  wrk
  # libFuzzer and the sanitizer runtimes for the short fuzz run of scripts/test.sh
  clang libclang-rt-14-dev
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "scaleboard: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/ccache}"
# Paths relative to the checkout, so a fresh clone elsewhere reuses the cache; precompiled
# headers need the sloppiness below to be cached at all.
export CCACHE_BASEDIR="$here" CCACHE_NOHASHDIR=1
export CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime
jobs="${SCALEBOARD_JOBS:-$(nproc)}"
# Optimised without debug information (it doubles link times and nobody reads it here);
# warnings are errors for launch and test alike, so both compile every file the same way.
cmake -S "$here" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" \
  -DSCALEBOARD_WERROR="${SCALEBOARD_WERROR:-ON}" >/dev/null
targets=()
for t in "$@"; do targets+=(--target "$t"); done
cmake --build "$build_dir" -j "$jobs" "${targets[@]}"
