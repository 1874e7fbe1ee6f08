"""The cheaper "does this module use PySide6?" check gives PySide6's own answer, and the app's start path installs it."""

from __future__ import annotations

import importlib
import importlib.util
import py_compile
import subprocess
import sys
import types

import pytest

from atgdesk.ui import pyside_speedup


@pytest.fixture
def checks():
    """(fast, original): the fast check around PySide6's own function, whether or not it is installed."""
    assert pyside_speedup.install()  # this PySide6 has the function: a version without it would make this fail
    module = pyside_speedup._feature_module()
    fast = module._mod_uses_pyside
    assert fast.original.__module__ in pyside_speedup.FEATURE_MODULES  # PySide6's own, not a wrapper of ours
    return fast, fast.original


def _import_from(folder, name, monkeypatch):
    monkeypatch.syspath_prepend(str(folder))
    importlib.invalidate_caches()
    module = importlib.import_module(name)
    monkeypatch.delitem(sys.modules, name)
    return module


def test_same_answer_as_pyside_for_a_sample_of_modules(checks):
    fast, original = checks
    import numpy
    import numpy.linalg
    import pyqtgraph
    import pyqtgraph.Qt

    import atgdesk.core.regimen
    import atgdesk.ui.main_window
    sample = {
        "ours, with Qt": atgdesk.ui.main_window, "ours, without Qt": atgdesk.core.regimen,
        "a package naming PySide6": pyqtgraph.Qt, "pyqtgraph": pyqtgraph, "numpy": numpy, "numpy.linalg": numpy.linalg,
        "builtin": sys, "extension": numpy.linalg._umath_linalg, "stdlib": importlib,
        "PySide6's own support module": pyside_speedup._feature_module(),
    }
    answers = {name: (fast(module), original(module)) for name, module in sample.items()}
    assert {name: a for name, (a, b) in answers.items() if a != b} == {}
    # the sample holds both answers, so agreeing is not agreeing on a constant
    assert answers["ours, with Qt"] == (True, True) and answers["ours, without Qt"] == (False, False)
    assert answers["a package naming PySide6"] == (True, True) and answers["numpy"] == (False, False)


def test_same_answer_for_every_module_loaded_so_far(checks):
    fast, original = checks
    modules = [m for m in list(sys.modules.values()) if isinstance(m, types.ModuleType)]
    assert len(modules) > 100
    assert [m.__name__ for m in modules if fast(m) != original(m)] == []


def test_modules_without_readable_source_get_pysides_answer(checks, tmp_path, monkeypatch):
    fast, original = checks
    # a module compiled to .pyc and its source removed (as in a sourceless install): the text is in the bytecode,
    # but PySide6 reads source only, so both say False
    (tmp_path / "sourceless_qt.py").write_text("import PySide6\nNAME = 'PySide6'\n", encoding="utf-8")
    py_compile.compile(str(tmp_path / "sourceless_qt.py"), cfile=str(tmp_path / "sourceless_qt.pyc"))
    (tmp_path / "sourceless_qt.py").unlink()
    sourceless = _import_from(tmp_path, "sourceless_qt", monkeypatch)
    assert sourceless.__file__.endswith(".pyc")
    assert fast(sourceless) is original(sourceless) is False
    # a frozen app's module: its __file__ names a .py that is not on disk, its loader has no source
    frozen = types.ModuleType("frozen_qt")
    frozen.__file__ = str(tmp_path / "missing" / "frozen_qt.py")
    frozen.__loader__ = importlib.machinery.SourcelessFileLoader("frozen_qt", str(tmp_path / "x.pyc"))
    assert fast(frozen) is original(frozen) is False
    # ... and as PyInstaller's loader does: a missing .py, the loader answers get_source (None, or the text)
    #     (one module name and path each: linecache keeps what a loader once said under the path)
    def _refuse(name):
        raise ImportError(name)

    cases = [(lambda name: None, False), (lambda name: "import PySide6\n", True),
             (lambda name: "import numpy\n", False), (_refuse, False)]
    for number, (get_source, expected) in enumerate(cases):
        module = types.ModuleType(f"frozen_{number}")
        module.__file__ = str(tmp_path / "missing" / f"frozen_{number}.py")
        module.__loader__ = types.SimpleNamespace(get_source=get_source)
        assert fast(module) is original(module) is expected, number
    # no __file__ at all (made at run time), and a namespace package
    assert fast(types.ModuleType("made_here")) is original(types.ModuleType("made_here")) is False


def test_a_source_in_another_ascii_compatible_encoding(checks, tmp_path, monkeypatch):
    fast, original = checks
    (tmp_path / "latin_qt.py").write_bytes("# -*- coding: latin-1 -*-\nNAME = 'café PySide6'\n".encode("latin-1"))
    (tmp_path / "latin_plain.py").write_bytes("# -*- coding: latin-1 -*-\nNAME = 'café'\n".encode("latin-1"))
    qt = _import_from(tmp_path, "latin_qt", monkeypatch)
    plain = _import_from(tmp_path, "latin_plain", monkeypatch)
    assert fast(qt) is original(qt) is True
    assert fast(plain) is original(plain) is False


def test_install_twice_wraps_once(checks):
    fast, original = checks
    assert pyside_speedup.install()
    assert pyside_speedup._feature_module()._mod_uses_pyside is fast
    assert pyside_speedup.installed()


def test_a_pyside6_without_the_function_is_left_alone(monkeypatch):
    for name in pyside_speedup.FEATURE_MODULES:
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    assert pyside_speedup.install() is False
    assert not pyside_speedup.installed()


_START = r"""
import sys
from atgdesk.ui import pyside_speedup
print(pyside_speedup.installed())
from atgdesk import app
ctx = app.build()
print(pyside_speedup.installed(), any(isinstance(f, pyside_speedup._PyqtgraphShims) for f in sys.meta_path))
"""


def test_installed_in_the_start_path(app_env):
    """app.build() (run_gui and --smoke go through it) installs the fast check and pyqtgraph's shims before it
    builds any screen."""
    proc = subprocess.run([sys.executable, "-c", _START], env=app_env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["False", "True", "True"]


_MIRRORS = r"""
import sys
import PySide6.QtCore, PySide6.QtGui, PySide6.QtWidgets
from atgdesk.ui import pyside_speedup
if {shims}:
    assert pyside_speedup.install_pyqtgraph_shims()
import pyqtgraph
from pyqtgraph.Qt import QtCore, QtGui, QtWidgets
sources = {{QtCore: PySide6.QtCore, QtGui: PySide6.QtGui, QtWidgets: PySide6.QtWidgets}}
created = sum(len(vars(source)) for source in sources.values())
names = {{mirror.__name__: sorted(n for n in dir(source) if not n.startswith("__")) for mirror, source in sources.items()}}
same = all(getattr(mirror, n) is getattr(source, n) for mirror, source in sources.items() for n in names[mirror.__name__])
dunders = all(getattr(mirror, n) is getattr(source, n) for mirror, source in sources.items()
              for n in ("__version__", "__version_info__") if hasattr(source, n))
from pyqtgraph.Qt.QtWidgets import QApplication
app = QApplication([])
plot = pyqtgraph.PlotWidget()
plot.plot([0, 1, 2], [1, 2, 0])
plot.resize(300, 200)
plot.show()
app.processEvents()
image = plot.grab().toImage()
print(pyside_speedup.pyqtgraph_mirrors_lazy(), created, sum(map(len, names.values())), same, dunders,
      len({{image.pixel(x, 100) for x in range(300)}}) > 2)
"""


def _mirrors(app_env, shims: bool) -> list[str]:
    proc = subprocess.run([sys.executable, "-c", _MIRRORS.format(shims=shims)], env=app_env, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.split()


def test_pyqtgraph_mirrors_give_the_same_objects_and_create_fewer_classes(app_env):
    lazy_with, created_with, names_with, *checks_with = _mirrors(app_env, True)
    lazy_without, created_without, names_without, *checks_without = _mirrors(app_env, False)
    # what --smoke logs (and scripts/check_bundle.py reads from the frozen app): whether the shims ran
    assert (lazy_with, lazy_without) == ("True", "False")
    # every name of PySide6's modules answers the same object through pyqtgraph's mirrors, and a plot draws
    assert checks_with == checks_without == ["True", "True", "True"]
    assert names_with == names_without
    # ... while far fewer of PySide6's classes were created by importing pyqtgraph and drawing one plot
    assert int(created_with) < int(created_without) / 2


def test_mirrors_are_not_judged_before_pyqtgraph_is_imported(monkeypatch):
    for name in pyside_speedup.PYQTGRAPH_MIRRORS:
        monkeypatch.delitem(sys.modules, name, raising=False)
    assert pyside_speedup.pyqtgraph_mirrors_lazy() is None


def test_pyqtgraph_shims_come_too_late_once_pyqtgraph_is_imported():
    import pyqtgraph  # noqa: F401 - imported in this test process already or now
    assert pyside_speedup.install_pyqtgraph_shims() is False


def test_pyqtgraph_shims_leave_an_archive_they_cannot_read_alone(monkeypatch):
    """Where the path finder cannot find pyqtgraph (e.g. a zip or custom importer), the shims leave its import as it
    is.  (PyInstaller's archive is served through a path-entry finder: the frozen app is shimmed, which
    scripts/check_bundle.py checks from the frozen --smoke's log.)"""
    finder = pyside_speedup._PyqtgraphShims()
    monkeypatch.setattr(importlib.machinery.PathFinder, "find_spec", classmethod(lambda cls, *args: None))
    assert finder.find_spec("pyqtgraph.Qt", ["/nowhere"]) is None
    assert finder.find_spec("pyqtgraph.Qt.QtGui", ["/nowhere"]) is None
    assert finder.find_spec("numpy", None) is None
