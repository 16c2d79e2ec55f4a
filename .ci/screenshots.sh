#!/usr/bin/env bash
# Screenshots of the real Loge window under Xvfb, for people to look at.
#
#   bash .ci/screenshots.sh            (or: make screenshots, which builds ./loge first)
#
# For every workspace in FR and EN it starts `loge --demo` on a fresh database, waits for the window,
# lets it settle, and writes $OUT/<workspace>-<lang>.png at 1440x900 and
# <workspace>-<lang>-1280.png at a laptop's 1280x800; plus board-<lang>-narrow.png at 900x700.
# Every process it starts is stopped on exit.
#
# Environment knobs:
#   LOGE_BIN=./loge                  binary to run
#   OUT=dist/screenshots             output directory (untracked; docs/screenshots holds the
#                                    README's, refreshed on purpose with OUT=docs/screenshots)
#   WORKSPACES="board inbox …"       subset of workspaces
#   LANGS="fr en"                    subset of languages
#   SIZE=1440x900 LAPTOP=1280x800 NARROW=900x700   window sizes (the Xvfb screen is 1440x900;
#                                    LAPTOP= or NARROW= empty skips those shots)
#   SETTLE=3                         seconds to wait after the window is mapped (demo sync, first paint)
#   WAIT=30                          seconds to wait for the window before giving up on a shot
#   FYNE_THEME=light|dark, FYNE_SCALE=1   passed through to the app as usual
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

BIN=${LOGE_BIN:-./loge}
OUT=${OUT:-dist/screenshots}
WORKSPACES=${WORKSPACES:-board inbox planner week requests vendors settings}
LANGS=${LANGS:-fr en}
SIZE=${SIZE:-1440x900}
LAPTOP=${LAPTOP-1280x800}
NARROW=${NARROW-900x700}
SETTLE=${SETTLE:-3}
WAIT=${WAIT:-30}
SCREEN=1440x900x24

for tool in Xvfb import; do
  command -v "$tool" >/dev/null || { echo "screenshots: $tool not found; run 'make deps'" >&2; exit 1; }
done
[ -x "$BIN" ] || { echo "screenshots: $BIN not found; run 'make build'" >&2; exit 1; }
have_xdotool=0; command -v xdotool >/dev/null && have_xdotool=1

work=$(mktemp -d "${TMPDIR:-/tmp}/loge-shots.XXXXXX")
xvfb_pid=""; app_pid=""

stop() { # stop PID: TERM, then KILL if it lingers
  local pid=$1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  stop "$app_pid"; app_pid=""
  stop "$xvfb_pid"; xvfb_pid=""
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A display nobody uses, from :99 up.
display=""
for n in $(seq 99 199); do
  if [ ! -e "/tmp/.X$n-lock" ] && [ ! -e "/tmp/.X11-unix/X$n" ]; then display=":$n"; break; fi
done
[ -n "$display" ] || { echo "screenshots: no free X display between :99 and :199" >&2; exit 1; }

Xvfb "$display" -screen 0 "$SCREEN" -nolisten tcp -noreset >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 100); do
  [ -e "/tmp/.X11-unix/X${display#:}" ] && break
  kill -0 "$xvfb_pid" 2>/dev/null || { cat "$work/xvfb.log" >&2; echo "screenshots: Xvfb did not start" >&2; exit 1; }
  sleep 0.1
done
export DISPLAY=$display
unset WAYLAND_DISPLAY
echo "screenshots: Xvfb on $DISPLAY ($SCREEN)"

# The first visible window of PID (GLFW sets _NET_WM_PID), or of anyone on our private display.
find_window() {
  local pid=$1 wid
  wid=$(xdotool search --onlyvisible --pid "$pid" 2>/dev/null | head -n 1) || true
  [ -n "$wid" ] || wid=$(xdotool search --onlyvisible --name '.' 2>/dev/null | head -n 1) || true
  printf '%s' "$wid"
}

failed=()
shot() { # shot NAME WORKSPACE LANG SIZE
  local name=$1 ws=$2 lang=$3 size=$4
  local dir="$work/$name" log="$work/$name/loge.log" wid="" file="$OUT/$name.png"
  mkdir -p "$dir/config"
  # A fresh database and config dir each time: no state from an earlier shot or from the user's desk.
  XDG_CONFIG_HOME="$dir/config" "$BIN" --demo --db "$dir/loge.db" --lang "$lang" --workspace "$ws" --size "$size" \
    >"$log" 2>&1 &
  app_pid=$!

  if [ "$have_xdotool" = 1 ]; then
    local deadline=$((SECONDS + WAIT))
    while [ -z "$wid" ] && [ "$SECONDS" -lt "$deadline" ] && kill -0 "$app_pid" 2>/dev/null; do
      sleep 0.25
      wid=$(find_window "$app_pid")
    done
  else
    sleep 6
  fi

  if ! kill -0 "$app_pid" 2>/dev/null; then
    echo "screenshots: $name: loge exited before its window could be taken; its output:" >&2
    tail -n 20 "$log" >&2
    failed+=("$name"); app_pid=""; return 0
  fi
  if [ "$have_xdotool" = 1 ] && [ -z "$wid" ]; then
    echo "screenshots: $name: no window after ${WAIT}s; its output:" >&2
    tail -n 20 "$log" >&2
    stop "$app_pid"; app_pid=""
    failed+=("$name"); return 0
  fi

  sleep "$SETTLE"
  # The window itself when we know it (so the narrow variant is 900x700), else the whole screen.
  if import -window "${wid:-root}" "$file" 2>>"$log"; then
    echo "screenshots: $file"
  else
    echo "screenshots: $name: import failed" >&2; tail -n 5 "$log" >&2
    failed+=("$name")
  fi
  stop "$app_pid"; app_pid=""
}

mkdir -p "$OUT"
for ws in $WORKSPACES; do
  for lang in $LANGS; do
    shot "$ws-$lang" "$ws" "$lang" "$SIZE"
    [ -z "$LAPTOP" ] || shot "$ws-$lang-${LAPTOP%x*}" "$ws" "$lang" "$LAPTOP"
  done
done
for lang in $LANGS; do
  [ -z "$NARROW" ] || shot "board-$lang-narrow" board "$lang" "$NARROW"
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "screenshots: failed: ${failed[*]}" >&2
  exit 1
fi
