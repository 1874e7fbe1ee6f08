#!/usr/bin/env bash
# Installs the Debian packages a fresh machine lacks for ATG Desk (the list was worked out on Debian 12).
#   runtime : offscreen/desktop Qt libraries and fonts (make run)
#   test    : runtime + Xvfb/xdotool for end-to-end tests and screenshots, a CJK font, the .deb tools, strace
#             (the bundle check's start-up trace is tested on a stand-in bundle) (make test)
#   package : runtime + what building and checking the frozen app and the .deb use (make package): binutils
#             (PyInstaller's objdump, readelf/strip in packaging/atgdesk.spec), desktop-file-utils, Xvfb for the
#             X11 check, GTK3 so that check also loads the bundled GTK3 theme plugin (GTK itself is not bundled),
#             strace to see the Chinese translation catalogues read from the bundle
# Only acts where apt-get exists and we are root and something is missing; otherwise prints what is missing.
set -u
profile="${1:-test}"
runtime_pkgs="libgl1 libegl1 libxkbcommon0 libfontconfig1 fontconfig-config libdbus-1-3 libglib2.0-0 fonts-dejavu-core
 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0 libxcb-xkb1
 libxkbcommon-x11-0 libx11-xcb1"
test_pkgs="xvfb xauth xdotool fonts-wqy-microhei dpkg desktop-file-utils strace"
package_pkgs="binutils dpkg desktop-file-utils xvfb xauth libgtk-3-0 strace"
pkgs="$runtime_pkgs"
[ "$profile" = "test" ] && pkgs="$pkgs $test_pkgs"
[ "$profile" = "package" ] && pkgs="$pkgs $package_pkgs"

command -v dpkg-query >/dev/null 2>&1 || exit 0   # not a Debian-like system: nothing to do here
missing=()
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Missing system packages (install them as root): ${missing[*]}" >&2
fi
exit 0
