#!/usr/bin/env bash
# Installs what Scaleboard needs to build and test on Debian 12 (idempotent: installs only
# missing packages; apt-get as root, sudo otherwise), then configures and builds.
# Usage: scripts/setup.sh [build-dir]   (environment: SCALEBOARD_WERROR=ON for -Werror)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${1:-$here/build}"

packages=(
  build-essential cmake ninja-build ccache pkg-config git
  qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-svg-dev libgl-dev
  qt6-qpa-plugins libqt6sql6-sqlite
  libboost-dev libsqlite3-dev nlohmann-json3-dev libcli11-dev libbenchmark-dev
  clang dpkg-dev file fakeroot
  xvfb xauth poppler-utils
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
# Paths relative to the checkout, so a fresh clone elsewhere reuses the cache.
export CCACHE_BASEDIR="$here" CCACHE_NOHASHDIR=1
jobs="${SCALEBOARD_JOBS:-$(nproc)}"
cmake -S "$here" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DSCALEBOARD_WERROR="${SCALEBOARD_WERROR:-OFF}" >/dev/null
cmake --build "$build_dir" -j "$jobs"
