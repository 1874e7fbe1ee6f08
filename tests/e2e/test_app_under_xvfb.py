"""The real app in a real X server: it opens its window, paints, responds to keys and quits cleanly."""

from __future__ import annotations

import pytest

from .conftest import ARTIFACTS, image_stats, quit_cleanly, running_app

pytestmark = pytest.mark.e2e


def test_app_opens_paints_and_quits_on_ctrl_q(xvfb, app_env, qapp):
    with running_app(xvfb, app_env) as (proc, _window):
        xvfb.xdotool("key", "ctrl+2")
        xvfb.xdotool("key", "ctrl+1")
        shot = xvfb.screenshot(ARTIFACTS / "main_window.png")
        width, height, colours = image_stats(shot)
        assert (width, height) == (1280, 800)
        assert colours > 10, "the screenshot is blank"
        quit_cleanly(xvfb, proc)
