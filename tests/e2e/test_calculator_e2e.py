"""The real app under Xvfb: open the Calculator (Ctrl+2), drag the weight slider with real mouse events and
check that the screen changed (the curve and the metrics are redrawn)."""

from __future__ import annotations

import re
import time

import pytest

from .conftest import ARTIFACTS, image_stats, quit_cleanly, running_app, scaled

pytestmark = pytest.mark.e2e

_GEOMETRY = re.compile(r"ATGDESK_GEOMETRY (\w+) .*handle_x=(-?\d+) handle_y=(-?\d+)")


def _wait_for_geometry(path, name: str, timeout: float = 30.0) -> tuple[int, int]:
    timeout = scaled(timeout)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for line in path.read_text(errors="replace").splitlines():
            m = _GEOMETRY.search(line)
            if m and m.group(1) == name:
                return int(m.group(2)), int(m.group(3))
        time.sleep(0.2)
    raise AssertionError(f"the calculator did not report the {name} slider geometry within {timeout} s")


def _differing_pixels(a, b) -> int:
    from PySide6.QtGui import QImage
    ia, ib = QImage(str(a)), QImage(str(b))
    assert ia.size() == ib.size()
    return sum(1 for x in range(0, ia.width(), 3) for y in range(0, ia.height(), 3) if ia.pixel(x, y) != ib.pixel(x, y))


def test_calculator_slider_drag_redraws(xvfb, app_env, qapp, tmp_path):
    env = dict(app_env, ATGDESK_DEBUG_GEOMETRY="1")
    out_path = tmp_path / "stdout.txt"
    with out_path.open("w") as out, running_app(xvfb, env, stdout=out) as (proc, _window):
        xvfb.xdotool("key", "ctrl+2")  # a real (XTEST) key press to the focused window
        hx, hy = _wait_for_geometry(out_path, "weight")
        time.sleep(0.5)
        before = xvfb.screenshot(ARTIFACTS / "calculator_before.png")
        xvfb.xdotool("mousemove", "--sync", str(hx), str(hy))
        xvfb.xdotool("mousedown", "1")
        for dx in (10, 25, 45, 70):
            xvfb.xdotool("mousemove", "--sync", str(hx + dx), str(hy))
            time.sleep(0.05)
        xvfb.xdotool("mouseup", "1")
        # Redrawn once the queued mouse events are handled: poll (longer under load) rather than sleep once.
        deadline = time.monotonic() + scaled(10)
        while True:
            time.sleep(0.5)
            after = xvfb.screenshot(ARTIFACTS / "calculator_after.png")
            changed = _differing_pixels(before, after)
            if changed > 200 or time.monotonic() > deadline:
                break
        assert image_stats(before)[2] > 10 and image_stats(after)[2] > 10
        assert changed > 200, "dragging the weight slider changed nothing on screen"
        quit_cleanly(xvfb, proc)
