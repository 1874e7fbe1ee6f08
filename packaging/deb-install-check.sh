#!/usr/bin/env bash
# Installs the .deb as an administrator would (dpkg -i, then apt-get -f for missing dependencies), runs the
# installed app's --smoke (offscreen, a temporary ATGDESK_HOME) and one command, purges the package and checks
# that none of its files is left (nothing under /opt/atgdesk).  Run as root; .ci/run calls it after `make package`.
#   bash packaging/deb-install-check.sh [dist/atgdesk_<version>_<arch>.deb]
set -euo pipefail
cd "$(dirname "$0")/.."
die() { echo "deb-install-check: $*" >&2; exit 1; }
[ "$(id -u)" = "0" ] || die "run as root (it installs and removes a system package)"
DEB="${1:-$(ls -t dist/atgdesk_*.deb 2>/dev/null | head -n 1)}"
[ -f "$DEB" ] || die "no .deb found (run make package)"
export DEBIAN_FRONTEND=noninteractive

if dpkg-query -W -f='${Status}' atgdesk 2>/dev/null | grep -q "installed"; then
  die "atgdesk is already installed here; remove it first (dpkg --purge atgdesk) so the check starts clean"
fi

echo "== dpkg -i $DEB"
if ! dpkg -i "$DEB"; then
  echo "== dependencies missing: apt-get install -f"
  apt-get update -qq
  apt-get install -f -y -qq --no-install-recommends
fi
dpkg-query -W -f='${Status}\n' atgdesk | grep -q "install ok installed" || die "atgdesk is not configured after install"
mapfile -t FILES < <(dpkg -L atgdesk)

for f in /usr/bin/atgdesk /opt/atgdesk/atgdesk /usr/share/applications/atgdesk.desktop \
         /usr/share/icons/hicolor/256x256/apps/atgdesk.png /usr/share/icons/hicolor/scalable/apps/atgdesk.svg; do
  [ -e "$f" ] || die "$f was not installed"
done

home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
echo "== installed app: atgdesk --smoke"
env -u DISPLAY -u WAYLAND_DISPLAY QT_QPA_PLATFORM=offscreen ATGDESK_HOME="$home" /usr/bin/atgdesk --smoke \
  || die "the installed app's --smoke failed"
ATGDESK_HOME="$home" /usr/bin/atgdesk search thymoglobulin | head -n 3
[ "${PIPESTATUS[0]}" = "0" ] || die "the installed app's search failed"
ATGDESK_HOME="$home" /usr/bin/atgdesk --version

echo "== dpkg --purge atgdesk"
dpkg --purge atgdesk
if dpkg-query -W -f='${Status}' atgdesk 2>/dev/null | grep -q "installed"; then
  die "atgdesk is still installed after dpkg --purge"
fi
left=()
for f in "${FILES[@]}"; do
  case "$f" in
    /|/.|/opt|/usr|/usr/bin|/usr/share|/usr/share/applications|/usr/share/doc|/usr/share/icons|/usr/share/icons/hicolor|\
    /usr/share/icons/hicolor/*x*|/usr/share/icons/hicolor/*x*/apps|/usr/share/icons/hicolor/scalable|\
    /usr/share/icons/hicolor/scalable/apps) continue ;;   # shared folders other packages own too
  esac
  [ -e "$f" ] || [ -L "$f" ] && left+=("$f")
done
[ -e /opt/atgdesk ] && left+=("/opt/atgdesk")
[ ${#left[@]} -eq 0 ] || die "left after purge: ${left[*]:0:10}"
echo "deb install check passed: installed ${#FILES[@]} paths, --smoke ran, purge left nothing behind"
