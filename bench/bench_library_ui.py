"""Library screen benchmark: keystroke → citation list updated, bundled library and 100,000 citations.

Each "keystroke" puts the next prefix of a query in the search box (``thymoglobulin`` typed letter by letter,
and a few other queries) and runs the work the debounce timer would start: the ranked search and count, the
one-reset model update with the first page of rows and the count label, then repaints the table (the facet
counts run in a worker and arrive while events are processed, outside the timing).  The debounce delay itself
(``SEARCH_DELAY_MS``) is constant and reported separately.

Baseline, run side by side: right after each keystroke the same database work alone — the ranked search for
the first page and, when the page is full, the count — so the ratio shows what the screen adds to the query
(building rows, the model reset, the count label, the repaint).

"Scrolling" then loads the rest of each full query's list page by page, as ``fetchMore`` does when the user
scrolls to the bottom: the first page beyond the keystroke's fetches every remaining row up to the cap from the
database (the maximum), the others only build and insert rows; each time includes the repaint, and the facet
counts have settled before the scrolling starts.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_library_ui.py``.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import percentile, print_table  # noqa: E402

from atgdesk import paths  # noqa: E402

SYNTHETIC_N = 100_000
WORDS = ["thymoglobulin", "aplastic anemia", "rabbit horse", "kidney transplant", "regulatory t cells"]


def keystrokes() -> list[str]:
    """Every prefix of every query, as typed, then clearing the box."""
    out = []
    for word in WORDS:
        out += [word[:i] for i in range(1, len(word) + 1)]
        out.append("")
    return out


def measure(db_path: Path, rounds: int) -> tuple[list[float], list[float], int, float, list[float]]:
    """Times (ms) of keystroke → list updated; times (ms) of the same keystroke's database work alone; the
    number of keystrokes; the time to build the screen (ms); times (ms) of one more page loaded while
    scrolling."""
    from PySide6.QtCore import QModelIndex
    from PySide6.QtWidgets import QApplication

    from atgdesk.library.db import open_bundled
    from atgdesk.library.userstore import UserStore
    from atgdesk.ui.citation_model import PAGE_ROWS
    from atgdesk.ui.library_view import LibraryController, LibraryView

    app = QApplication.instance() or QApplication([sys.argv[0]])
    with tempfile.TemporaryDirectory() as home:
        library = open_bundled(db_path)
        store = UserStore.open(Path(home) / "user.sqlite")
        t0 = time.perf_counter()
        view = LibraryView()
        controller = LibraryController(library, store, view)
        view.resize(1280, 760)
        view.show()
        app.processEvents()
        build_ms = (time.perf_counter() - t0) * 1000
        times, query_times = [], []
        filters = controller.search_filters(view.filters_panel.state())
        keys = keystrokes()
        for _ in range(rounds):
            for text in keys:
                start = time.perf_counter()
                view.search_edit.setText(text)
                view.flush_search()  # what the debounce timer would do now
                view.table.viewport().repaint()  # the list is painted with the new rows
                times.append((time.perf_counter() - start) * 1000)
                app.processEvents()  # the facet counts run in a worker; their result arrives here
                start = time.perf_counter()  # baseline: the database work of this keystroke alone
                if len(library.search(text, filters, limit=PAGE_ROWS)) >= PAGE_ROWS:
                    library.count(text, filters)
                query_times.append((time.perf_counter() - start) * 1000)
        scroll_times = []
        for text in [""] + WORDS:
            view.search_edit.setText(text)
            view.flush_search()
            while controller.facets_pending():  # a user scrolls after the facets have settled
                app.processEvents()
                time.sleep(0.001)
            app.processEvents()
            while view.model.canFetchMore(QModelIndex()):
                start = time.perf_counter()
                view.model.fetchMore(QModelIndex())
                view.table.viewport().repaint()
                scroll_times.append((time.perf_counter() - start) * 1000)
        controller.shutdown()  # the facet worker finishes before its database closes
        view.close()
        view.deleteLater()
        app.processEvents()
        store.close()
        library.close()
    return times, query_times, len(keys) * rounds, build_ms, scroll_times


def main() -> int:
    from atgdesk.ui.citation_model import PAGE_ROWS
    from atgdesk.ui.library_view import MAX_LIST_ROWS, SEARCH_DELAY_MS
    bundled = paths.bundled_db_path()
    if not bundled.is_file():
        from atgdesk.builder.build import build_database
        print(f"building {bundled} from {paths.data_dir()} …")
        build_database(paths.data_dir(), bundled)
    rows, scroll_rows = [], []
    with tempfile.TemporaryDirectory() as tmp:
        from atgdesk.builder.build import build_synthetic
        synthetic = Path(tmp) / "synthetic.sqlite"
        t0 = time.perf_counter()
        build_synthetic(SYNTHETIC_N, synthetic)
        print(f"synthetic library: {SYNTHETIC_N:,} citations built in {time.perf_counter() - t0:.1f} s")
        runs = (("bundled (67)", bundled, 5), (f"synthetic ({SYNTHETIC_N:,})", synthetic, 1))
        for name, path, rounds in runs:
            times, query_times, n, build_ms, scroll_times = measure(path, rounds)
            p50, q50 = percentile(times, 50), percentile(query_times, 50)
            rows.append((name, n, f"{build_ms:.0f}", f"{p50:.1f}", f"{percentile(times, 95):.1f}",
                         f"{max(times):.1f}", f"{q50:.1f}", f"{percentile(query_times, 95):.1f}",
                         f"{p50 / q50:.1f}x" if q50 > 0 else "-"))
            if scroll_times:
                scroll_rows.append((name, len(scroll_times), f"{percentile(scroll_times, 50):.1f}",
                                    f"{percentile(scroll_times, 95):.1f}", f"{max(scroll_times):.1f}"))
    print_table(f"Keystroke → list updated (ms, after the {SEARCH_DELAY_MS} ms debounce; facets follow)",
                ("library", "keystrokes", "screen build", "p50", "p95", "max", "query p50", "query p95",
                 "p50 ratio"), rows)
    print("(query: the same keystroke's search and count alone, measured right after it; the ratio is what the "
          "screen costs on top)")
    if scroll_rows:
        print_table(f"Scrolling → next {PAGE_ROWS} rows loaded (ms; the first one fetches the rest up to the cap)",
                    ("library", "pages", "p50", "p95", "max"), scroll_rows)
    print(f"(a keystroke loads the first {PAGE_ROWS} rows; scrolling loads more, at most the first "
          f"{MAX_LIST_ROWS:,} hits)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
