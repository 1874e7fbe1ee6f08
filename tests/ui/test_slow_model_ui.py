"""A stiff user model (accepted by the validator, slow to simulate) never freezes the calculator: the prediction
runs in the worker while the event loop keeps running, the screen says "computing" meanwhile (no curve, a neutral
verdict, a busy indicator with an accessible name), only the latest inputs' curve is ever drawn, and exports and
pins wait for it."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QTimer

from atgdesk import paths
from atgdesk.core import scenario as sc
from atgdesk.present.catalogue import load_catalogue
from atgdesk.ui.calculator_view import CalculatorView
from atgdesk.ui.report import ReportError
from tests.present.test_slow_prediction import write_stiff_model

STIFF = "stiff-user-model"


@pytest.fixture
def view(qtbot, tmp_path):
    # ~1,350 per day: about half a second per prediction (several seconds on a loaded machine)
    write_stiff_model(tmp_path / "models", v1=0.02, model_id=STIFF)
    catalogue = load_catalogue([paths.models_dir(), tmp_path / "models"], paths.data_dir())
    v = CalculatorView(paths.models_dir(), paths.data_dir(), None, catalogue=catalogue)
    qtbot.addWidget(v)
    v.resize(1280, 760)
    yield v
    qtbot.waitUntil(lambda: not v.busy(), timeout=60_000)


def _choose_stiff(view):
    view.model_combo.setCurrentIndex(view.model_combo.findData(STIFF))
    assert view.model().id == STIFF


def _synchronous(view):
    return sc.evaluate(view.model(), view.inputs())


def test_the_event_loop_runs_while_a_stiff_model_computes_and_the_result_is_the_engines(qtbot, view):
    ticks = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    _choose_stiff(view)
    # at once: computing, nothing from the previous model on screen, a busy indicator a screen reader names
    assert view.computing()
    assert view.busy_indicator.isVisibleTo(view) and view.busy_indicator.accessibleName()
    assert view.plot.curve_data()[0].size == 0
    assert view.metrics.verdict_kind() == "computing" and view.metrics.verdict_role() == "neutral"
    assert "Computing" in view.metrics.verdict.text()
    ticks.clear()
    qtbot.waitUntil(lambda: not view.computing(), timeout=60_000)
    timer.stop()
    assert len(ticks) >= 3  # the GUI thread kept processing events during the computation
    assert not view.busy_indicator.isVisibleTo(view)
    x, y = view.plot.curve_data()
    expected = _synchronous(view)
    np.testing.assert_array_equal(x, expected.t_day)
    np.testing.assert_array_equal(y, expected.conc)
    assert view.metrics.verdict_kind() != "computing"
    assert view._presenter.state.metric("auc_post") != "—"


def test_only_the_latest_inputs_curve_is_ever_drawn(qtbot, view, monkeypatch):
    _choose_stiff(view)
    qtbot.waitUntil(lambda: not view.computing(), timeout=60_000)
    drawn = []
    real = view.plot.set_curve
    monkeypatch.setattr(view.plot, "set_curve", lambda t, c: (drawn.append(np.asarray(c).copy()), real(t, c))[1])
    for dose in (3.0, 3.5, 4.0):  # three new inputs while the first is still running
        view.set_inputs(view.inputs().with_(dose_mg_per_kg=dose))
        assert view.computing()
    qtbot.waitUntil(lambda: not view.computing(), timeout=60_000)
    qtbot.waitUntil(lambda: not view._eval_job.busy(), timeout=60_000)
    expected = _synchronous(view)
    assert view.inputs().dose_mg_per_kg == 4.0
    shown = [c for c in drawn if c.size]
    assert shown, "the final curve was drawn"
    for curve in shown:  # no stale curve (3.0 or 3.5 mg/kg) was ever put on screen
        np.testing.assert_array_equal(curve, expected.conc)


def test_export_and_pin_wait_for_the_prediction(qtbot, view, tmp_path):
    _choose_stiff(view)
    assert view.computing()
    with pytest.raises(ReportError, match="still being computed"):
        view.export_pdf(tmp_path / "note.pdf")
    with pytest.raises(ReportError, match="still being computed"):
        view.export_plot(tmp_path / "plot.png", "png")
    assert not (tmp_path / "note.pdf").exists() and not (tmp_path / "plot.png").exists()
    assert view.pin_current() is None and view.pinned() == []
    qtbot.waitUntil(lambda: not view.computing(), timeout=60_000)
    assert view.export_pdf(tmp_path / "note.pdf").exists()
    assert view.pin_current() is not None


def test_the_job_helper_runs_one_job_at_a_time_and_only_the_latest_request(qtbot):
    """While a job runs, newer requests wait and replace each other: a drag over a slow model queues no backlog;
    the latest starts when the running one ends, even if showing the previous result failed."""
    import threading
    import time

    from PySide6.QtCore import QObject

    from atgdesk.ui.calculator_view import _LatestJob

    parent = QObject()
    ran, done, overlap = [], [], []
    active = threading.Lock()

    def job(name, seconds):
        def fn():
            if not active.acquire(blocking=False):
                overlap.append(name)
                return name
            try:
                ran.append(name)
                time.sleep(seconds)
                return name
            finally:
                active.release()
        return fn

    def on_done(generation, result):
        done.append(result)
        if result == "a":
            raise RuntimeError("showing the result failed")

    helper = _LatestJob(parent, on_done, lambda g, m: done.append(m), delay_ms=0)
    with qtbot.capture_exceptions() as exceptions:
        helper.submit(1, job("a", 0.4))
        qtbot.waitUntil(lambda: ran == ["a"], timeout=5000)
        for k, name in enumerate("bcd", start=2):
            helper.submit(k, job(name, 0.01))
            qtbot.wait(20)
        assert helper.busy()
        qtbot.waitUntil(lambda: not helper.busy(), timeout=10_000)
    helper.shutdown()
    assert ran == ["a", "d"] and done == ["a", "d"] and overlap == []
    assert [str(e[1]) for e in exceptions] == ["showing the result failed"]


def test_suggest_a_dose_while_the_prediction_is_computed_says_to_wait(qtbot, view):
    """Asked for a dose before the stiff model's prediction is shown, the finder says it is still being computed
    (not that there is no prediction), and proposes nothing."""
    _choose_stiff(view)
    assert view.computing()
    view.suggest_dose()
    assert "still being computed" in view.proposal_label.text()
    assert view.proposal() is None and not view.apply_proposal_button.isVisibleTo(view)
