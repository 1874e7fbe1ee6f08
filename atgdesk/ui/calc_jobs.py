"""Background work of the calculator: the latest request of each kind (percentile band and probability,
exposure map, dose finder, a slow model's prediction) runs in a worker thread, debounced, one at a time; the
screen drops answers whose generation is stale (``atgdesk.present.calculator.CalculatorPresenter.is_current``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

log = logging.getLogger("atgdesk.ui.calculator")


class JobSignals(QObject):
    """Carries a worker's result back to the GUI thread (queued: the emitter runs in a pool thread)."""

    done = Signal(int, object)
    failed = Signal(int, str)


class Job(QRunnable):
    def __init__(self, generation: int, fn, signals: JobSignals) -> None:
        super().__init__()
        self._generation, self._fn, self._signals = generation, fn, signals

    def run(self) -> None:  # in a pool thread: pure engine code (numpy), no Qt widgets
        try:
            result = self._fn()
        except ValueError as exc:
            self._signals.failed.emit(self._generation, str(exc))
            return
        except Exception as exc:  # an engine bug must not vanish silently in a thread
            log.exception("background calculation failed")
            self._signals.failed.emit(self._generation, f"{type(exc).__name__}: {exc}")
            return
        self._signals.done.emit(self._generation, result)


class LatestJob:
    """Runs the most recent request once the inputs have been quiet for ``delay_ms`` (debounced) in a worker
    thread, so neither a drag nor the GUI waits for it; only the latest request runs, and the view drops results
    whose generation is stale.  (PySide6 6.12.0 corrupted reference counts across threads on Python 3.11; the
    project pins PySide6 < 6.12 and tests/ui/test_qt_refcounts.py guards it.)"""

    def __init__(self, parent: QObject, on_done, on_fail, delay_ms: int = 180) -> None:
        self._on_done, self._on_fail = on_done, on_fail
        self._pending: tuple[int, Callable[[], Any]] | None = None  # (generation, work) waiting to run
        self._running = 0
        self._pool = QThreadPool(parent)
        self._pool.setMaxThreadCount(1)
        self._signals = JobSignals(parent)
        self._signals.done.connect(self._finished)
        self._signals.failed.connect(self._failed)
        self._timer = QTimer(parent)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._run)

    def submit(self, generation: int, fn) -> None:
        self._pending = (generation, fn)
        self._timer.start()

    def busy(self) -> bool:
        return self._pending is not None or self._running > 0

    def _run(self) -> None:
        # one job at a time: while one runs, the latest request waits here (a drag queues no backlog of slow
        # jobs) and starts when the running one ends
        if self._pending is None or self._running:
            return
        generation, fn = self._pending
        self._pending = None
        self._running += 1
        self._pool.start(Job(generation, fn, self._signals))

    def _finished(self, generation: int, result) -> None:
        self._running -= 1
        try:
            self._on_done(generation, result)
        finally:  # the waiting request starts even if showing this result failed
            if not self._timer.isActive():  # a request still inside its quiet period starts when that ends
                self._run()

    def _failed(self, generation: int, message: str) -> None:
        self._running -= 1
        try:
            self._on_fail(generation, message)
        finally:
            if not self._timer.isActive():
                self._run()

    def shutdown(self) -> None:
        self._timer.stop()
        self._pending = None
        self._pool.waitForDone(5000)
