#!/usr/bin/env bash
# For people who only want the application: sets up, builds the two programs (no tests),
# packs them into a Debian package with CPack and installs it with apt (as root, or with
# sudo). Afterwards `scaleboard` and `scaleboard-cli` are on the PATH and in the menu.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$here/build"
"$here/scripts/setup.sh" "$build" scaleboard scaleboard-cli scaleboard-render
rm -f "$build"/scaleboard_*.deb
(cd "$build" && cpack -G DEB >/dev/null)
deb=$(ls "$build"/scaleboard_*.deb)
echo "scaleboard: installing $deb"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "$deb"
