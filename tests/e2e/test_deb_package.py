"""scripts/build-deb.sh on a small stand-in bundle: the package layout an administrator gets (app under /opt, the
launcher, a valid menu entry, the icons), root-owned files, the declared dependencies and the cache-refreshing
maintainer scripts.  `make package` builds the real .deb and .ci/run installs, runs and purges it
(packaging/deb-install-check.sh)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "build-deb.sh"


def build(tmp_path: Path, bundle: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, BUNDLE=str(bundle), OUT=str(tmp_path / "out"), PYTHON=sys.executable,
               TMPDIR=str(tmp_path))
    return subprocess.run(["bash", str(SCRIPT)], env=env, capture_output=True, text=True, timeout=300)


def fake_bundle(tmp_path: Path) -> Path:
    bundle = tmp_path / "atgdesk"
    (bundle / "_internal" / "data").mkdir(parents=True)
    (bundle / "atgdesk").write_text("#!/bin/sh\necho frozen\n")
    (bundle / "atgdesk").chmod(0o755)
    (bundle / "_internal" / "data" / "products.toml").write_text("# stand-in\n")
    (bundle / "_internal" / "data" / "products.toml").chmod(0o600)  # a private mode must not reach the package
    return bundle


def test_deb_has_the_app_in_opt_a_launcher_menu_entry_icons_and_root_owned_files(tmp_path):
    proc = build(tmp_path, fake_bundle(tmp_path))
    assert proc.returncode == 0, proc.stderr
    debs = list((tmp_path / "out").glob("atgdesk_*_*.deb"))
    assert len(debs) == 1
    listing = subprocess.run(["dpkg-deb", "-c", str(debs[0])], capture_output=True, text=True, check=True).stdout
    entries = {}
    for line in listing.splitlines():
        mode, owner, *_rest = line.split()
        path = line.split(" ./", 1)[1].split(" -> ", 1)[0]
        entries["/" + path.rstrip("/")] = (mode, owner, line)
    assert {owner for _, owner, _ in entries.values()} == {"root/root"}
    assert entries["/opt/atgdesk/atgdesk"][0] == "-rwxr-xr-x"
    assert entries["/opt/atgdesk/_internal/data/products.toml"][0] == "-rw-r--r--"
    assert "/usr/bin/atgdesk -> /opt/atgdesk/atgdesk" in entries["/usr/bin/atgdesk"][2]
    for path in ("/usr/share/applications/atgdesk.desktop", "/usr/share/icons/hicolor/256x256/apps/atgdesk.png",
                 "/usr/share/icons/hicolor/64x64/apps/atgdesk.png",
                 "/usr/share/icons/hicolor/scalable/apps/atgdesk.svg"):
        assert entries[path][0] == "-rw-r--r--", path
    # Nothing outside the app's own paths and the shared menu/icon/doc folders.
    shared = {"/", "/opt", "/usr", "/usr/bin", "/usr/share", "/usr/share/applications", "/usr/share/doc",
              "/usr/share/icons", "/usr/share/icons/hicolor"}
    own = ("/opt/atgdesk", "/usr/bin/atgdesk", "/usr/share/applications/atgdesk.desktop", "/usr/share/doc/atgdesk",
           "/usr/share/icons/hicolor/")
    assert all(p in shared or p.startswith(own) for p in entries), sorted(entries)


def test_deb_control_declares_runtime_dependencies_and_cache_scripts(tmp_path):
    assert build(tmp_path, fake_bundle(tmp_path)).returncode == 0
    deb = next((tmp_path / "out").glob("atgdesk_*.deb"))
    fields = {f: subprocess.run(["dpkg-deb", "-f", str(deb), f], capture_output=True, text=True,
                                check=True).stdout.strip() for f in ("Package", "Version", "Depends", "Architecture")}
    assert fields["Package"] == "atgdesk"
    from atgdesk import __version__
    assert fields["Version"] == __version__
    depends = [d.strip().split(" ", 1)[0] for d in fields["Depends"].split(",")]
    for pkg in ("libgl1", "libegl1", "fontconfig-config", "fonts-dejavu-core", "libglib2.0-0", "libdbus-1-3",
                "libxcb1", "libstdc++6"):
        assert pkg in depends, pkg
    control = tmp_path / "control"
    subprocess.run(["dpkg-deb", "-e", str(deb), str(control)], check=True)
    for script in ("postinst", "postrm"):
        path = control / script
        assert os.access(path, os.X_OK), script
        text = path.read_text()
        assert "update-desktop-database" in text and "gtk-update-icon-cache" in text
        assert subprocess.run(["sh", "-n", str(path)]).returncode == 0


def test_deb_build_refuses_without_a_frozen_app(tmp_path):
    proc = build(tmp_path, tmp_path / "nothing")
    assert proc.returncode != 0
    assert "build the frozen app first" in proc.stderr
    assert not (tmp_path / "out").exists()
