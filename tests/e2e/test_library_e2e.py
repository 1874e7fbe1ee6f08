"""The Library screen in the real app under Xvfb, driven by real key presses (xdotool)."""

from __future__ import annotations

import time

import pytest

from .conftest import ARTIFACTS, image_stats, quit_cleanly, running_app

pytestmark = pytest.mark.e2e


def test_library_search_select_and_read_under_xvfb(xvfb, app_env):
    with running_app(xvfb, app_env) as (proc, _window):
        time.sleep(0.5)
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
        quit_cleanly(xvfb, proc)
