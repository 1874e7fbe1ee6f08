"""The app makes no network connection: the smoke path runs with networking blocked."""

from __future__ import annotations

import shutil
import subprocess
import sys

# Runs the smoke path with every Python-level socket creation, connection and name lookup turned into an
# error by an audit hook (it sees all socket use from Python, including libraries), then checks that no Qt
# network module was even loaded (Qt's own C++ networking would bypass the hook).
_BLOCKED_SMOKE = r"""
import sys
def guard(event, args):
    if event in ("socket.__new__", "socket.connect", "socket.getaddrinfo", "socket.gethostbyname",
                 "urllib.Request", "http.client.connect"):
        raise RuntimeError("network access attempted: " + event)
sys.addaudithook(guard)
from atgdesk.cli import main
status = main(["--smoke"])
loaded = [m for m in sys.modules if m.startswith("PySide6.QtNetwork") or m in ("requests", "urllib3", "http.client")]
if loaded:
    print("network modules loaded: " + ", ".join(loaded), file=sys.stderr)
    status = status or 9
sys.exit(status)
"""


def test_smoke_run_makes_no_network_access(app_env):
    proc = subprocess.run([sys.executable, "-c", _BLOCKED_SMOKE], env=app_env, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "network access attempted" not in proc.stderr


def test_smoke_run_passes_in_a_network_namespace_without_interfaces(app_env):
    """Stronger: no network device at all.  As root (CI) `unshare -n`; otherwise a user namespace `-rn`."""
    unshare = shutil.which("unshare")
    assert unshare, "util-linux 'unshare' is part of every Debian install"
    flags = [f for f in ("-n", "-rn") if subprocess.run([unshare, f, "true"], capture_output=True).returncode == 0]
    assert flags, "cannot create a network namespace on this machine"
    proc = subprocess.run([unshare, flags[0], sys.executable, "-m", "atgdesk", "--smoke"], env=app_env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
