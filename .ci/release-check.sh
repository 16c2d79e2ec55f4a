#!/usr/bin/env bash
# The Windows installer, tried as a hotel would use it, under wine in a fresh prefix (make release-check).
#
#   bash .ci/release-check.sh dist/Loge-<version>-setup.exe
#
# Installs silently, then runs the installed program: --version through the console twin and the GUI
# exe, demo-init into the default desk folder (%AppData%\Loge) and into a folder with accents and
# spaces, stats --json, list, itinerary-pdf, export-ics and export-vcard; opens the window on the
# demo desk under Xvfb and saves a screenshot to dist/windows-wine.png (look at it); installs again
# over it (upgrade: the desk file unchanged, PATH not doubled), tries an upgrade while Loge is open
# (refused, exit code 2, nothing replaced), and uninstalls (program, shortcuts, PATH entry and
# "Apps & features" entry gone, the desk kept).
# Needs wine64 and mingw-w64 (../shared/tools/wine-go-prefix installs them), Xvfb and imagemagick.
set -euo pipefail

setup=${1:?usage: release-check.sh Loge-VERSION-setup.exe}
setup=$(cd "$(dirname "$setup")" && pwd)/$(basename "$setup")
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
version=$(sed -n 's/^[[:space:]]*Version[[:space:]]*=[[:space:]]*"\(.*\)"/\1/p' "$repo/FyneApp.toml")
shot="$repo/dist/windows-wine.png"

work=$(mktemp -d "${TMPDIR:-/tmp}/loge-release.XXXXXX")
xvfb=""
cleanup() {
  [ -z "$xvfb" ] || kill "$xvfb" 2>/dev/null || true
  wineserver -k 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# wine links the prefix's Desktop and Documents to $HOME: a HOME of our own keeps the shortcuts in it.
export HOME="$work/home"
mkdir -p "$HOME"
eval "$("$repo/../shared/tools/wine-go-prefix" "$work/prefix")"

step() { printf '\n== %s\n' "$*"; }
fail() { echo "release-check: FAIL: $*" >&2; exit 1; }
# win runs a Windows program, its stderr kept for the failure report below.
win() { wine64 "$@" 2>"$work/stderr" | tr -d '\r'; }
trap 'echo "release-check: FAIL at line $LINENO: $BASH_COMMAND" >&2; tr -d "\r" <"$work/stderr" >&2 2>/dev/null' ERR
# winenv VAR: a Windows environment variable as wine sees it.
winenv() { win cmd /c "echo %$1%"; }
unix() { wine64 winepath -u "$1" 2>/dev/null | tr -d '\r'; }

step "silent install of $(basename "$setup")"
win reg add 'HKCU\Environment' /v Path /t REG_EXPAND_SZ /d '%USERPROFILE%\bin;C:\tools' /f >/dev/null
wine64 "$setup" /S || fail "the installer exited with $?"
localapp=$(winenv LOCALAPPDATA)
appdata=$(winenv APPDATA)
inst="$localapp\\Programs\\Loge"
for f in loge.exe loge.com uninstall.exe; do
  [ -f "$(unix "$inst\\$f")" ] || fail "$inst\\$f missing after install"
done
win reg query 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\Loge' /v DisplayVersion | grep -q "$version" ||
  fail "no Apps & features entry for $version"
startmenu=$(unix "$appdata\\Microsoft\\Windows\\Start Menu\\Programs\\Loge.lnk")
[ -f "$startmenu" ] || fail "no Start-menu shortcut"
[ -f "$HOME/Loge.lnk" ] || fail "no desktop shortcut"
path=$(win reg query 'HKCU\Environment' /v Path)
grep -qF '%USERPROFILE%\bin;C:\tools;' <<<"$path" || fail "the user's PATH lost its entries: $path"
grep -qF "$inst" <<<"$path" || fail "Loge's folder is not on the user's PATH: $path"
echo "installed in $inst, shortcuts and PATH in place"

com="$inst\\loge.com"
exe="$inst\\loge.exe"

step "--version"
out=$(win "$com" --version)
[ "$out" = "Loge $version" ] || fail "loge.com --version said: $out"
out=$(win "$exe" --version)
[ "$out" = "Loge $version" ] || fail "loge.exe --version said: $out"
echo "$out (both loge.com and loge.exe)"

step "demo-init into the default desk folder, then a folder with accents and spaces"
win "$com" demo-init >/dev/null || fail "demo-init at the default path"
default_desk=$(unix "$appdata\\Loge\\loge.db")
[ -s "$default_desk" ] || fail "no desk at %AppData%\\Loge\\loge.db"
mkdir -p "$(unix 'C:\')Réception été/Bureau du soir"
desk='C:\Réception été\Bureau du soir\Loge démo.db'
win "$com" demo-init --db "$desk" >/dev/null || fail "demo-init --db '$desk'"
[ -s "$(unix "$desk")" ] || fail "no desk at $desk"
echo "desks at %AppData%\\Loge\\loge.db and $desk"

step "stats --json, list"
stats=$(win "$com" stats --db "$desk" --json)
grep -q '"messages": *[1-9]' <<<"$stats" || fail "stats --json: $stats"
echo "$stats" | head -c 300; echo
stay=$(win "$com" list --db "$desk" --json stays | grep -o '"id": *"[^"]*"' | head -1 | sed 's/.*"\([^"]*\)"$/\1/')
[ -n "$stay" ] || fail "list stays gave no stay"

step "itinerary-pdf, export-ics, export-vcard"
out="C:\\Réception été\\Documents à envoyer"
mkdir -p "$(unix "$out")"
win "$com" itinerary-pdf --db "$desk" --stay "$stay" --lang fr "$out\\Itinéraire.pdf" >/dev/null
head -c 5 "$(unix "$out\\Itinéraire.pdf")" | grep -q '%PDF-' || fail "itinerary-pdf wrote no PDF"
win "$com" export-ics --db "$desk" --stay "$stay" "$out\\Séjour.ics" >/dev/null
grep -q $'^BEGIN:VCALENDAR\r$' "$(unix "$out\\Séjour.ics")" || fail "export-ics: no CRLF calendar"
win "$com" export-vcard --db "$desk" "$out\\Prestataires.vcf" >/dev/null
vcf=$(unix "$out\\Prestataires.vcf")
grep -q $'^BEGIN:VCARD\r$' "$vcf" || fail "export-vcard: no CRLF vCard"
echo "PDF $(stat -c %s "$(unix "$out\\Itinéraire.pdf")") bytes, $(grep -c '^BEGIN:VEVENT' "$(unix "$out\\Séjour.ics")") events, $(grep -c '^BEGIN:VCARD' "$vcf") cards"

step "backup and check"
win "$com" backup --db "$desk" "$out\\Sauvegarde d’été.db" >/dev/null || fail "backup"
[ -s "$(unix "$out\\Sauvegarde d’été.db")" ] || fail "no backup written"
win "$com" check --db "$out\\Sauvegarde d’été.db" | grep -q "whole" || fail "check of the backup"
echo "backup written and checked whole"

step "the window on the demo desk, under Xvfb (French)"
display=":$((90 + RANDOM % 9))"
Xvfb "$display" -screen 0 1440x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
sleep 1
DISPLAY=$display wine64 "$exe" --demo --lang fr --size 1280x800 >"$work/gui.log" 2>&1 &
gui=$!
for _ in $(seq 60); do
  DISPLAY=$display xdotool search --name '^Loge' >/dev/null 2>&1 && break
  sleep 1
done
DISPLAY=$display xdotool search --name '^Loge' >/dev/null 2>&1 || { cat "$work/gui.log"; fail "no Loge window within 60 s"; }
sleep 8 # let the demo desk's first sync draw
mkdir -p "$(dirname "$shot")"
DISPLAY=$display import -window root "$shot"
echo "screenshot: $shot (look at it)"

step "an upgrade while Loge is open is refused and replaces nothing"
before=$(sha256sum "$(unix "$exe")")
if wine64 "$setup" /S; then code=0; else code=$?; fi
[ "$code" = 2 ] || fail "installing over a running Loge exited with $code, want 2"
[ "$(sha256sum "$(unix "$exe")")" = "$before" ] || fail "loge.exe was replaced while it ran"
kill "$gui" 2>/dev/null || true
wineserver -k 2>/dev/null || true
wait "$gui" 2>/dev/null || true
echo "refused with exit code 2"

step "upgrade in place"
desk_sum=$(sha256sum "$default_desk" | cut -d' ' -f1)
wine64 "$setup" /S || fail "the upgrade exited with $?"
[ "$(sha256sum "$default_desk" | cut -d' ' -f1)" = "$desk_sum" ] || fail "the upgrade changed the desk file"
n=$(win reg query 'HKCU\Environment' /v Path | grep -o 'Programs\\Loge' | wc -l)
[ "$n" = 1 ] || fail "Loge is $n times on the PATH after an upgrade"
echo "desk unchanged, PATH once"

step "silent uninstall"
# _?= runs the uninstaller in place and waits for it (it cannot then remove itself).
wine64 "$(unix "$inst\\uninstall.exe")" /S "_?=$inst" || fail "the uninstaller exited with $?"
for f in loge.exe loge.com; do
  [ ! -e "$(unix "$inst\\$f")" ] || fail "$f still there after uninstall"
done
[ ! -e "$startmenu" ] || fail "the Start-menu shortcut is still there"
[ ! -e "$HOME/Loge.lnk" ] || fail "the desktop shortcut is still there"
if win reg query 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\Loge' >/dev/null 2>&1; then
  fail "the Apps & features entry is still there"
fi
path=$(win reg query 'HKCU\Environment' /v Path)
grep -q 'REG_EXPAND_SZ *%USERPROFILE%\\bin;C:\\tools$' <<<"$path" || fail "PATH after uninstall: $path"
[ "$(sha256sum "$default_desk" | cut -d' ' -f1)" = "$desk_sum" ] || fail "the uninstaller changed the desk"
echo "removed; PATH as before; the desk kept"

printf '\nrelease-check: OK (%s)\n' "$(basename "$setup")"
