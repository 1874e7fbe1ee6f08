"""Keyboard only, in the real app under Xvfb (xdotool key presses, no mouse): a library task (search, open a study,
copy its citation) and a calculator task (change the dose per day, read the predicted exposure as text)."""

from __future__ import annotations

import re
import time

import pytest

from .conftest import ARTIFACTS, quit_cleanly, running_app, scaled

pytestmark = pytest.mark.e2e

QUERY = "horse rabbit aplastic"
_AUC_POST = re.compile(r"AUC after day 0[^:]*:\s*([0-9.]+)")


def _expected_citation(db_path) -> tuple[str, str]:
    from atgdesk.library import cite
    from atgdesk.library.db import open_bundled
    library = open_bundled(db_path)
    try:
        hits = library.search(QUERY)
        assert hits
        return hits[0].id, cite.format_details(library.details([hits[0].id]), cite.DEFAULT_STYLE)[0]
    finally:
        library.close()


def _wait_clipboard(xvfb, accept, what: str, timeout: float = 15.0) -> str:
    deadline = time.monotonic() + scaled(timeout)
    clip = xvfb.clipboard()
    while not accept(clip) and time.monotonic() < deadline:
        time.sleep(0.3)
        clip = xvfb.clipboard()
    assert accept(clip), f"{what}: the clipboard held {clip!r}"
    return clip


def _keys(xvfb, *keys: str) -> None:
    for key in keys:
        xvfb.xdotool("key", "--delay", "60", key)


def test_library_task_by_keyboard_only(xvfb, app_env, bundled_db):
    study_id, expected = _expected_citation(bundled_db)
    with running_app(xvfb, app_env) as (proc, _window):
        _keys(xvfb, "ctrl+1", "ctrl+f")
        xvfb.xdotool("type", "--delay", "40", QUERY)
        _keys(xvfb, "Down", "Return")  # the first hit, opened in the study view
        _keys(xvfb, "ctrl+shift+c")    # Copy citation (the open study's)
        _wait_clipboard(xvfb, lambda clip: clip == expected, f"copying {study_id} by keyboard")
        xvfb.screenshot(ARTIFACTS / "keyboard_library.png")
        quit_cleanly(xvfb, proc)


def test_calculator_task_by_keyboard_only(xvfb, app_env):
    with running_app(xvfb, app_env) as (proc, _window):
        _keys(xvfb, "ctrl+2", "ctrl+shift+r")  # the prediction as text
        before = _wait_clipboard(xvfb, lambda clip: _AUC_POST.search(clip) is not None, "copying the prediction")
        auc_before = float(_AUC_POST.search(before).group(1))
        _keys(xvfb, "alt+d", "ctrl+a")  # the dose per day, by its label's mnemonic
        xvfb.xdotool("type", "--delay", "60", "4")
        _keys(xvfb, "Return", "ctrl+shift+r")

        def changed(clip: str) -> bool:
            m = _AUC_POST.search(clip)
            return m is not None and float(m.group(1)) > auc_before * 1.3

        after = _wait_clipboard(xvfb, changed, "the exposure after typing a higher dose per day")
        assert "AUC total" in after and "Cmax" in after
        xvfb.screenshot(ARTIFACTS / "keyboard_calculator.png")
        quit_cleanly(xvfb, proc)
