"""The Library screen in the real app under Xvfb, driven by real key presses (xdotool): a search typed into the
box, the first hit selected with Down and copied with Ctrl+C must put that study's citation on the clipboard."""

from __future__ import annotations

import time

import pytest

from .conftest import ARTIFACTS, image_stats, quit_cleanly, running_app, scaled

pytestmark = pytest.mark.e2e

QUERY = "horse rabbit aplastic"


def _expected_citation(db_path) -> tuple[str, str]:
    """(id, Vancouver citation) of the first hit for QUERY, from the same database through the library layer."""
    from atgdesk.library import cite
    from atgdesk.library.db import open_bundled
    library = open_bundled(db_path)
    try:
        hits = library.search(QUERY)
        unfiltered = library.search("")
        assert hits and unfiltered[0].id != hits[0].id, "the query must change the first row, or it proves nothing"
        return hits[0].id, cite.format_details(library.details([hits[0].id]), cite.DEFAULT_STYLE)[0]
    finally:
        library.close()


def test_library_search_select_and_copy_under_xvfb(xvfb, app_env, bundled_db):
    study_id, expected = _expected_citation(bundled_db)
    with running_app(xvfb, app_env) as (proc, _window):
        xvfb.xdotool("key", "ctrl+1")
        xvfb.xdotool("key", "ctrl+f")
        xvfb.xdotool("type", "--delay", "40", QUERY)
        # Down flushes the pending search and moves from the search box to the first hit; Ctrl+C copies it in
        # the default style.  Key events are queued in order, so polling the clipboard is enough.
        xvfb.xdotool("key", "Down")
        xvfb.xdotool("key", "ctrl+c")
        deadline = time.monotonic() + scaled(15)
        clip = xvfb.clipboard()
        while clip != expected and time.monotonic() < deadline:
            time.sleep(0.3)
            clip = xvfb.clipboard()
        shot = xvfb.screenshot(ARTIFACTS / "library_search.png")
        assert clip == expected, (f"after searching {QUERY!r} and copying the first hit the clipboard held "
                                  f"{clip!r}, expected the citation of {study_id}: {expected!r}")
        width, height, colours = image_stats(shot)
        assert (width, height) == (1280, 800) and colours > 10, "the screenshot is blank"
        xvfb.xdotool("key", "Escape")  # back to the search box, clearing it
        quit_cleanly(xvfb, proc)
