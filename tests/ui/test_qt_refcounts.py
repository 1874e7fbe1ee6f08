"""Guard against a Qt binding that leaks or drops references on calls from Qt into Python.

PySide6 6.12.0 under Python 3.11 drops a reference to None/True/False on every signal delivered to a Python
slot and on every pyqtgraph paint callback; a long session then aborts in ``none_dealloc``/``bool_dealloc``.
Run in a subprocess so that a broken binding fails this test instead of killing the test run.
"""

from __future__ import annotations

import subprocess
import sys

_PROBE = r"""
import sys
from PySide6.QtCore import QCoreApplication, QObject, Signal
app = QCoreApplication([])
class Emitter(QObject):
    number = Signal(int)
    flag = Signal(bool)
e = Emitter()
e.number.connect(lambda v: None)
e.flag.connect(lambda v: None)
keep = [None] * 100000 + [True] * 100000 + [False] * 100000   # headroom so a leak is measured, not fatal
before = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
for i in range(20000):
    e.number.emit(i)
    e.flag.emit(bool(i & 1))
after = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
print(after[0] - before[0], after[1] - before[1], after[2] - before[2])
"""


def test_qt_signal_delivery_keeps_refcounts_of_singletons_balanced():
    proc = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    deltas = [int(x) for x in proc.stdout.split()]
    assert all(abs(d) < 100 for d in deltas), f"reference drift on None/True/False: {deltas}"
