"""The real app in a real X server: it opens its window, paints, responds to keys and quits cleanly."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import ARTIFACTS, image_stats

pytestmark = pytest.mark.e2e


def test_app_opens_paints_and_quits_on_ctrl_q(xvfb, app_env, qapp):
    env = xvfb.env(app_env)
    proc = subprocess.Popen([sys.executable, "-m", "atgdesk"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        window = xvfb.wait_for_window("ATG Desk")
        # Real key presses go to the focused window (XTEST); `key --window` would send synthetic events,
        # which Qt ignores.
        xvfb.xdotool("windowactivate", "--sync", window, check=False)
        xvfb.xdotool("windowfocus", "--sync", window, check=False)
        xvfb.xdotool("key", "ctrl+2")
        xvfb.xdotool("key", "ctrl+1")
        shot = xvfb.screenshot(ARTIFACTS / "main_window.png")
        width, height, colours = image_stats(shot)
        assert (width, height) == (1280, 800)
        assert colours > 10, "the screenshot is blank"
        xvfb.xdotool("key", "ctrl+q")
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert "Traceback" not in err
