#!/usr/bin/env bash
# Builds dist/atgdesk_<version>_<arch>.deb from the frozen app (dist/atgdesk, `make package`) with standard Debian
# tools: the app under /opt/atgdesk, a launcher /usr/bin/atgdesk (symbolic link: the frozen app finds its files
# from its real path), the menu entry in /usr/share/applications (checked by desktop-file-validate) and the icon in
# the hicolor theme.  Root owns every file (dpkg-deb --root-owner-group; no fakeroot needed).
#   BUNDLE=dir  the onedir bundle to package (default dist/atgdesk)
#   OUT=dir     where the .deb goes (default dist)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUNDLE="${BUNDLE:-$ROOT/dist/atgdesk}"
OUT="${OUT:-$ROOT/dist}"
die() { echo "build-deb: $*" >&2; exit 1; }

[ -x "$BUNDLE/atgdesk" ] || die "$BUNDLE/atgdesk not found: build the frozen app first (make package)"
for tool in dpkg-deb desktop-file-validate; do
  command -v "$tool" >/dev/null || die "$tool is missing (apt-get install dpkg desktop-file-utils)"
done
VERSION="$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$ROOT/atgdesk/__init__.py")"
[ -n "$VERSION" ] || die "no __version__ in atgdesk/__init__.py"
ARCH="$(dpkg --print-architecture)"

# Libraries the bundle leaves to the system (packaging/atgdesk.spec, SYSTEM_LIBS; scripts/check_bundle.py checks
# that this list covers every library the bundle needs and does not carry), the OpenGL/EGL libraries Qt loads, and
# the fonts and font configuration a bare machine lacks (environment.md).
DEPENDS="libc6 (>= 2.36), libstdc++6, libgcc-s1, libglib2.0-0, libdbus-1-3, libxcb1, libx11-6, libx11-xcb1, libgl1,
 libegl1, libfontconfig1, fontconfig-config, fonts-dejavu-core, libfreetype6, libpng16-16, libbrotli1, libexpat1,
 libxkbcommon0, libxkbcommon-x11-0, zlib1g, libzstd1, libbz2-1.0, liblzma5, libsqlite3-0 (>= 3.40)"
DEPENDS="$(echo "$DEPENDS" | tr -s ' \n' ' ')"
# Chinese abstracts need a CJK font; IBus lets a user type Chinese (the bundled input-method plugin talks to it; a
# suggestion only, so a desktop with another input method does not get a second one).
RECOMMENDS="fonts-noto-cjk | fonts-wqy-microhei"
SUGGESTS="ibus"

# Every system library the bundle needs (ldd) must come from a package listed here.
"${PYTHON:-python3}" "$ROOT/scripts/check_bundle.py" "$BUNDLE" --depends "$DEPENDS" || die "Depends: is incomplete"

STAGE="$(mktemp -d "${TMPDIR:-/tmp}/atgdesk-deb.XXXXXX")"
trap 'rm -rf "$STAGE"' EXIT
PKG="$STAGE/atgdesk"
install -d -m 0755 "$PKG/DEBIAN" "$PKG/opt" "$PKG/usr/bin" "$PKG/usr/share/applications" \
  "$PKG/usr/share/icons/hicolor/256x256/apps" "$PKG/usr/share/icons/hicolor/64x64/apps" \
  "$PKG/usr/share/icons/hicolor/scalable/apps" "$PKG/usr/share/doc/atgdesk"
cp -a "$BUNDLE" "$PKG/opt/atgdesk"
ln -s /opt/atgdesk/atgdesk "$PKG/usr/bin/atgdesk"
install -m 0644 "$ROOT/packaging/atgdesk.desktop" "$PKG/usr/share/applications/atgdesk.desktop"
install -m 0644 "$ROOT/resources/icons/atgdesk-256.png" "$PKG/usr/share/icons/hicolor/256x256/apps/atgdesk.png"
install -m 0644 "$ROOT/resources/icons/atgdesk-64.png" "$PKG/usr/share/icons/hicolor/64x64/apps/atgdesk.png"
install -m 0644 "$ROOT/resources/icons/atgdesk.svg" "$PKG/usr/share/icons/hicolor/scalable/apps/atgdesk.svg"
cat > "$PKG/usr/share/doc/atgdesk/README.Debian" <<EOF
ATG Desk $VERSION, the frozen (PyInstaller) build, installed under /opt/atgdesk.
Start it from the desktop menu or with \`atgdesk\`; \`atgdesk --help\` lists the command-line tools.
Per-user data (notes, tags, scenarios, logs) lives in ~/.local/share/ATG Desk and is not removed with the package.
EOF
chmod 0644 "$PKG/usr/share/doc/atgdesk/README.Debian"

desktop-file-validate "$PKG/usr/share/applications/atgdesk.desktop" || die "desktop-file-validate rejected atgdesk.desktop"

# Normalise permissions: directories and executables 0755, everything else 0644 (a umask or a copied read-only file
# must not leak into the package).
find "$PKG" -type d -exec chmod 0755 {} +
find "$PKG/opt/atgdesk" -type f -exec chmod 0644 {} +
find "$PKG/opt/atgdesk" -type f \( -name '*.so' -o -name '*.so.*' \) -exec chmod 0755 {} +
chmod 0755 "$PKG/opt/atgdesk/atgdesk"

# Menu and icon caches: Debian's desktop-file-utils and hicolor-icon-theme refresh them through dpkg triggers when
# installed; the scripts below cover systems where only the cache tools are present.  Neither fails the install.
for script in postinst postrm; do
  cat > "$PKG/DEBIAN/$script" <<'EOF'
#!/bin/sh
set -e
case "$1" in
  configure|remove|purge|abort-install|abort-upgrade)
    if command -v update-desktop-database >/dev/null 2>&1; then
      update-desktop-database -q /usr/share/applications || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f /usr/share/icons/hicolor/index.theme ]; then
      gtk-update-icon-cache -q -t -f /usr/share/icons/hicolor || true
    fi
    ;;
esac
exit 0
EOF
  chmod 0755 "$PKG/DEBIAN/$script"
done

INSTALLED_KB="$(du -sk --exclude=DEBIAN "$PKG" | cut -f1)"
cat > "$PKG/DEBIAN/control" <<EOF
Package: atgdesk
Version: $VERSION
Architecture: $ARCH
Maintainer: ATG Desk team
Installed-Size: $INSTALLED_KB
Section: science
Priority: optional
Depends: $DEPENDS
Recommends: $RECOMMENDS
Suggests: $SUGGESTS
Description: offline reference on anti-thymocyte globulin (ATG)
 ATG Desk is an offline desktop clinical reference on anti-thymocyte globulin:
 an evidence library of published studies with search, filters and citation
 export, and a dose/exposure calculator with pharmacokinetic models.
 .
 It is a reference and teaching tool; it does not replace the treating team's
 protocol, the product label or clinical judgement.
EOF

mkdir -p "$OUT"
DEB="$OUT/atgdesk_${VERSION}_${ARCH}.deb"
dpkg-deb --build --root-owner-group -Zzstd -z9 "$PKG" "$DEB" >/dev/null
echo "built $DEB ($(du -h "$DEB" | cut -f1); installs $((INSTALLED_KB / 1024)) MB)"
