"""Start-up loads only what the first screen needs: the export/import formats, SciPy and numpy.ma, one study's full
details, the measured-levels parser, the virtual population and the exposure map wait until used, and the
calculator (numpy, pyqtgraph, the engine, the catalogue) waits until its tab is shown or the first window has
painted.

These modules were measured on the start-up path (bench/bench_startup.py): the citation formats and importers
with bibtexparser/rispy/pylatexenc ~30 ms, numpy.ma 14 ms, SciPy far more; the calculator's imports and
construction ~0.4 s, about half of start-up.  A change that pulls one of them back in front of the first window
fails here rather than only showing up as a slower benchmark.
"""

from __future__ import annotations

import subprocess
import sys

from atgdesk import app
from atgdesk.ui.main_window import CALCULATOR_TAB, LIBRARY_TAB

DEFERRED = ("atgdesk.library.formats", "atgdesk.library.importers", "atgdesk.ui.library_dialogs", "bibtexparser",
            "rispy", "pylatexenc", "scipy", "numpy.ma",
            # each with frozen dataclasses (~1 ms apiece to create on this Python): made when a study is opened,
            # the Measured levels tab is shown, the band is asked for or the Exposure map tab is shown
            "atgdesk.library.details", "atgdesk.core.levels", "atgdesk.core.population", "atgdesk.core.exposure_map")
#: Not loaded before the first window has painted when it opens on the library (the calculator's share).
CALCULATOR_ONLY = ("numpy", "pyqtgraph", "atgdesk.ui.calculator_view", "atgdesk.ui.calc_plot",
                   "atgdesk.present.catalogue", "atgdesk.present.calculator", "atgdesk.core.simulate",
                   "atgdesk.core.model")

_SMOKE = r"""
import sys
from atgdesk.cli import main
status = main(["--smoke"])
print(" ".join(sorted(sys.modules)))
sys.exit(status)
"""

_FIRST_WINDOW = r"""
import sys
from atgdesk import app
ctx = app.build()
ctx.window.show()
ctx.app.processEvents()
assert not ctx.window.grab().isNull()
print(ctx.window.calculator_built(), " ".join(sorted(sys.modules)))
"""


def test_smoke_start_does_not_load_deferred_modules(app_env, tmp_path):
    marks = tmp_path / "marks.txt"
    proc = subprocess.run([sys.executable, "-c", _SMOKE], env=dict(app_env, ATGDESK_STARTUP_TIMES=str(marks)),
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    loaded = set(proc.stdout.split())
    assert "atgdesk.ui.library_view" in loaded  # the screen itself was built
    assert "atgdesk.ui.calculator_view" in loaded  # and the calculator too, after the first window
    assert sorted(m for m in DEFERRED if m in loaded) == []
    # the moments bench/bench_startup.py reads: the first window painted, then every area
    times = dict(line.split() for line in marks.read_text().splitlines())
    assert set(times) == {"first_window_painted", "every_area_painted"}
    assert float(times["first_window_painted"]) < float(times["every_area_painted"])


def test_first_window_on_the_library_does_not_load_the_calculator(app_env):
    proc = subprocess.run([sys.executable, "-c", _FIRST_WINDOW], env=app_env, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    built, *modules = proc.stdout.split()
    assert built == "False"
    loaded = set(modules)
    assert "atgdesk.ui.library_view" in loaded
    assert sorted(m for m in CALCULATOR_ONLY if m in loaded) == []


def test_calculator_is_built_when_its_tab_is_shown(qtbot, app_env):
    ctx = app.build()
    qtbot.addWidget(ctx.window)
    window = ctx.window
    assert window.tabs.currentIndex() == LIBRARY_TAB and not window.calculator_built()
    assert window.tabs.tabText(CALCULATOR_TAB) == "Calculator"
    ready = []
    window.calculator_ready.connect(ready.append)
    window.show_calculator_action.trigger()
    assert window.calculator_built()
    assert window.tabs.currentIndex() == CALCULATOR_TAB
    assert window.tabs.currentWidget() is window.calculator_view is ready[0]
    assert window.tabs.tabText(CALCULATOR_TAB) == "Calculator"
    assert window.tabs.count() == 2
    # wired as if it had been built with the window: its messages reach the status bar
    window.calculator_view.status_message.emit("Written somewhere")
    assert window.statusBar().currentMessage() == "Written somewhere"


def test_calculator_asked_for_from_the_library_stays_behind_the_library(qtbot, app_env):
    ctx = app.build()
    qtbot.addWidget(ctx.window)
    calculator = ctx.window.calculator_view  # e.g. a menu action or the idle-time preparation
    assert ctx.window.tabs.currentIndex() == LIBRARY_TAB
    assert ctx.window.tabs.widget(CALCULATOR_TAB) is calculator


def test_remembered_calculator_tab_waits_for_the_first_paint_and_is_built_when_asked(qtbot, app_env):
    ctx = app.build()
    qtbot.addWidget(ctx.window)
    ctx.window.tabs.setCurrentIndex(CALCULATOR_TAB)
    ctx.window.close()
    again = app.build()
    qtbot.addWidget(again.window)
    # not before show(): the first paint is "Opening the calculator…" (tests/ui/test_main_window_remembered_*)
    assert not again.window.calculator_built() and again.window.calculator_deferred()
    assert again.window.tabs.currentIndex() == CALCULATOR_TAB
    calculator = again.window.calculator_view  # asked for (a menu entry): built at once, into its tab
    assert again.window.tabs.currentWidget() is calculator and not again.window.calculator_deferred()
    calculator.status_message.emit("Connected")
    assert again.window.statusBar().currentMessage() == "Connected"


def test_pins_survive_a_session_that_never_opened_the_calculator(qtbot, app_env):
    ctx = app.build()
    qtbot.addWidget(ctx.window)
    assert ctx.window.calculator_view.pin_current() is not None
    ctx.window.tabs.setCurrentIndex(LIBRARY_TAB)
    ctx.window.close()
    second = app.build()  # opens on the library; the calculator is never built
    qtbot.addWidget(second.window)
    second.window.close()
    assert not second.window.calculator_built()
    third = app.build()
    qtbot.addWidget(third.window)
    assert len(third.window.calculator_view.pinned()) == 1


def test_idle_preparation_after_the_first_paint_builds_the_calculator(qtbot, app_env, monkeypatch):
    monkeypatch.setattr(app, "_resume_gc", lambda: None)  # gc.freeze() would hold this test process's garbage
    ctx = app.build()
    qtbot.addWidget(ctx.window)
    painted = []
    ctx.window.after_first_paint.append(lambda: painted.append(ctx.window.calculator_built()))
    ctx.window.after_first_paint.append(lambda: app._prepare_calculator(ctx.window))
    ctx.window.show()
    qtbot.waitUntil(lambda: painted == [False], timeout=10_000)  # the library painted without the calculator
    qtbot.waitUntil(ctx.window.calculator_built, timeout=30_000)
    assert ctx.window.tabs.currentIndex() == LIBRARY_TAB
    assert ctx.window.tabs.widget(CALCULATOR_TAB) is ctx.window.calculator_view


def test_a_calculator_that_fails_to_build_says_why_in_its_tab_and_is_tried_again(qtbot, tmp_path):
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QLabel, QWidget

    from atgdesk.ui.about import AboutInfo
    from atgdesk.ui.main_window import MainWindow
    attempts = []

    def factory():
        attempts.append(1)
        if len(attempts) <= 2:
            raise ImportError("cannot import name 'X'")
        return QWidget()

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    about = AboutInfo("0", "", "", 0, "", "")
    window = MainWindow(settings, about, QWidget(), factory)
    qtbot.addWidget(window)
    window.tabs.setCurrentIndex(CALCULATOR_TAB)  # the slot must not raise
    assert not window.calculator_built()
    assert window.calculator_error == "ImportError: cannot import name 'X'"
    placeholder = window.tabs.widget(CALCULATOR_TAB)
    assert isinstance(placeholder, QLabel) and "cannot import name 'X'" in placeholder.text()
    window.tabs.setCurrentIndex(LIBRARY_TAB)
    window.pin_action.trigger()  # a Calculator menu entry: tries again, shows the tab that says why, no exception
    assert len(attempts) == 2 and not window.calculator_built()
    assert window.tabs.currentIndex() == CALCULATOR_TAB
    assert window.prediction_text() == ""  # tried a third time: now it builds (an empty QWidget has no metrics)
    window.tabs.setCurrentIndex(LIBRARY_TAB)
    window.tabs.setCurrentIndex(CALCULATOR_TAB)
    assert window.calculator_built() and window.calculator_error == ""
    assert window.tabs.currentWidget() is window.calculator_view
