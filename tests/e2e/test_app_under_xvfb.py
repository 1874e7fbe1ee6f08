"""The real app in a real X server: it opens its window, paints, responds to keys and quits cleanly."""

from __future__ import annotations

import subprocess
import sys

import pytest

from . import conftest
from .conftest import ARTIFACTS, AppFailed, image_stats, quit_cleanly, running_app

pytestmark = pytest.mark.e2e


def test_app_opens_paints_and_quits_on_ctrl_q(xvfb, app_env, qapp):
    # The window wait scales with the machine's load and reports the app's stderr (it once timed out at a fixed
    # 30 s on a loaded 2-core machine); Xvfb picks its own display, so a parallel run cannot share it.
    with running_app(xvfb, app_env) as (proc, _window):
        xvfb.xdotool("key", "ctrl+2")
        xvfb.xdotool("key", "ctrl+1")
        shot = xvfb.screenshot(ARTIFACTS / "main_window.png")
        width, height, colours = image_stats(shot)
        assert (width, height) == (1280, 800)
        assert colours > 10, "the screenshot is blank"
        quit_cleanly(xvfb, proc)
        assert not xvfb.xdotool("search", "--onlyvisible", "--name", "ATG Desk", check=False), \
            "a window named 'ATG Desk' is still visible after the app quit"


def test_window_wait_reports_the_apps_stderr_when_it_exits(xvfb):
    proc = subprocess.Popen([sys.executable, "-c", "import sys; sys.stderr.write('boom: no display'); sys.exit(3)"],
                            stderr=subprocess.PIPE, text=True)
    with pytest.raises(AppFailed, match=r"(?s)status 3.*boom: no display"):
        xvfb.wait_for_window("ATG Desk", timeout=30, proc=proc)


def test_waits_stretch_with_the_load_per_core(monkeypatch):
    monkeypatch.setattr(conftest.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(conftest.os, "getloadavg", lambda: (9.0, 1.0, 1.0))
    assert conftest.scaled(30) == pytest.approx(135)
    monkeypatch.setattr(conftest.os, "getloadavg", lambda: (0.5, 1.0, 1.0))
    assert conftest.scaled(30) == 30  # never shorter than on an idle machine
