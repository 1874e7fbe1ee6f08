"""The Library screen in the real app under Xvfb, driven by real key presses (xdotool)."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from .conftest import ARTIFACTS, image_stats

pytestmark = pytest.mark.e2e


def test_library_search_select_and_read_under_xvfb(xvfb, app_env):
    env = xvfb.env(app_env)
    proc = subprocess.Popen([sys.executable, "-m", "atgdesk"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        window = xvfb.wait_for_window("ATG Desk")
        xvfb.xdotool("windowactivate", "--sync", window, check=False)
        xvfb.xdotool("windowfocus", "--sync", window, check=False)
        time.sleep(0.5)
        # Keys go to the focused window as real X input (events sent to a window id are ignored by Qt).
        xvfb.xdotool("key", "ctrl+1")
        xvfb.xdotool("key", "ctrl+f")
        xvfb.xdotool("type", "--delay", "40", "horse rabbit aplastic")
        time.sleep(0.8)  # past the search debounce
        xvfb.xdotool("key", "Down")  # from the search box into the first hit, which opens in the study view
        time.sleep(0.8)
        shot = xvfb.screenshot(ARTIFACTS / "library_search.png")
        width, height, colours = image_stats(shot)
        assert (width, height) == (1280, 800)
        assert colours > 10, "the screenshot is blank"
        xvfb.xdotool("key", "Escape")  # clears the search
        time.sleep(0.5)
        xvfb.xdotool("key", "ctrl+q")
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert "Traceback" not in err
