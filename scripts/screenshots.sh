#!/usr/bin/env bash
# Takes the screenshot tour in docs/screenshots/ from the built window, on a virtual X
# display with a window manager, the way a user sees it: 1366x768 and 1920x1080, light and
# dark, a run during its fault, and presentation mode during step 11's data-centre outage.
# Needs Xvfb, openbox, xdotool and imagemagick (apt-get install xvfb openbox xdotool
# imagemagick); these are for taking screenshots only, not for building or testing.
# Usage: scripts/screenshots.sh [build-dir]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
app="${1:-$here/build}/app/scaleboard"
out="$here/docs/screenshots"
for tool in Xvfb openbox xdotool import; do
  command -v "$tool" >/dev/null || { echo "screenshots: needs $tool" >&2; exit 2; }
done
[ -x "$app" ] || { echo "screenshots: build the app first ($app)" >&2; exit 2; }
tmp="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$tmp"' EXIT

# The templates with their fault a few seconds in, so a short wait catches it.
sed 's/"at_s": *40/"at_s": 4/' "$here/resources/templates/step04-replication.json" \
  | sed 's/"at_s": *30/"at_s": 4/' >"$tmp/step04.json"
sed 's/"at_s": *30/"at_s": 5/' "$here/resources/templates/step11-multi-datacentre.json" \
  >"$tmp/step11.json"

display=90
# shot NAME WIDTHxHEIGHT THEME DESIGN|- WAIT KEYS...: opens the design (or the welcome page
# for -), presses each key (F5 runs, F11 presents) with a pause, waits, takes the picture.
shot() {
  local name=$1 size=$2 theme=$3 design=$4 wait=$5
  shift 5
  display=$((display + 1))
  Xvfb ":$display" -screen 0 "${size}x24" -nolisten tcp >/dev/null 2>&1 &
  local xvfb=$!
  sleep 1
  DISPLAY=":$display" openbox >/dev/null 2>&1 &
  local wm=$!
  sleep 1
  local args=(--theme "$theme")
  [ "$design" = - ] || args+=("$design")
  XDG_CONFIG_HOME="$tmp/config-$display" DISPLAY=":$display" "$app" "${args[@]}" \
    >/dev/null 2>&1 &
  local pid=$!
  local window
  window=$(DISPLAY=":$display" xdotool search --sync --onlyvisible --name Scaleboard | head -1)
  DISPLAY=":$display" xdotool windowactivate --sync "$window" >/dev/null 2>&1 || true
  # Maximized, as one works on a laptop or a projector.
  DISPLAY=":$display" xdotool windowmove --sync "$window" 0 0 windowsize --sync "$window" 100% 100% \
    >/dev/null 2>&1 || true
  sleep 2
  for key in "$@"; do
    DISPLAY=":$display" xdotool key --clearmodifiers "$key"
    sleep 1
  done
  sleep "$wait"
  DISPLAY=":$display" import -window root "$out/$name.png"
  kill "$pid" "$wm" "$xvfb" 2>/dev/null || true
  wait "$pid" "$wm" "$xvfb" 2>/dev/null || true
  echo "screenshots: $out/$name.png"
}

for size in 1366x768 1920x1080; do
  for theme in light dark; do
    shot "welcome-$size-$theme" "$size" "$theme" - 0
    shot "designer-step11-$size-$theme" "$size" "$theme" "$tmp/step11.json" 0
    shot "live-step4-$size-$theme" "$size" "$theme" "$tmp/step04.json" 6 F5
  done
done
shot "presentation-step11-1920x1080-dark" 1920x1080 dark "$tmp/step11.json" 6 F5 F11
shot "presentation-step11-1366x768-light" 1366x768 light "$tmp/step11.json" 6 F5 F11
# Help > Guided path on a laptop's screen, beside the step-1 design.
shot "lessons-1366x768-light" 1366x768 light "$here/resources/templates/step01-single-server.json" 0 alt+h g
# Tools > Practice progress on a workspace holding four graded attempts at two problems.
cli="$(dirname "$app")/../cli/scaleboard-cli"
for attempt in "step01-single-server news-feed 1520" "step05-cache news-feed 2400" \
  "step07-stateless-web news-feed 2400" "step03-load-balancer url-shortener 1100"; do
  read -r design problem seconds <<<"$attempt"
  "$cli" grade "$here/resources/templates/$design.json" --problem "$problem" --seeds 2 \
    --record "$tmp/practice.sbw" --time-taken "$seconds" >/dev/null 2>&1 || true
done
shot "progress-1366x768-light" 1366x768 light "$tmp/practice.sbw" 0 alt+o p
