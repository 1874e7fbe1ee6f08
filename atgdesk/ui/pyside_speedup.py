"""A cheaper answer to PySide6's "does this module use PySide6?" question, asked for every module imported after
PySide6.

PySide6 replaces ``builtins.__import__``; after each new module is imported, its ``__feature__`` support
(``shibokensupport.feature``, also reachable as ``PySide6.support.feature``) calls ``_mod_uses_pyside(module)``,
which runs ``inspect.getsource(module)`` and looks for the string ``"PySide6"`` in it.  ``getsource`` finds the
file, decodes it, splits it into lines and keeps them all in ``linecache``: measured at ~100 ms over the ~380
modules the calculator pulls in (numpy, pyqtgraph, the engine), about a tenth of the start-up
(the same cost is traced in napari/napari#8584).

:func:`install` swaps in :func:`_mod_uses_pyside_fast`, which gives the same answer by searching the bytes of the
module's ``.py`` file: valid Python source is in an ASCII-compatible encoding (PEP 263), so ``"PySide6"`` is in the
decoded text exactly when ``b"PySide6"`` is in the bytes.  A ``.py`` path with no file there (the frozen app's
modules: byte code in PyInstaller's archive) is answered from the module loader's ``get_source``, where ``inspect``
would end up too.  Anything else — no ``__file__`` (builtins, namespace packages), a compiled extension, a ``.pyc``
without source, a file that cannot be read, a loader that cannot say — goes to PySide6's own function, unchanged.

A PySide6 without that function (another version) is left alone: :func:`install` returns False and nothing changes.

:func:`install_pyqtgraph_shims` trims pyqtgraph's import the same way.  ``pyqtgraph.Qt`` keeps its own modules
``pyqtgraph.Qt.QtCore``/``QtGui``/``QtWidgets`` (mirrors of PySide6's) and fills them by copying every name of
PySide6's modules (``_copy_attrs``: ``getattr`` on each of ~1,700 names).  PySide6 creates a class, with its
Python enums, only when it is first asked for, so that copy creates every Qt class and enum there is: ~0.13 s of
the ~0.4 s ``import pyqtgraph`` (measured), for classes the app never uses.  With the shims installed, the copy
sees only what PySide6 has created already, and each mirror answers any other name from PySide6's module when it
is first asked for (a module ``__getattr__``, PEP 562): every name gives the same object as before, created when
needed.  Only where Python's path finder finds pyqtgraph: in a source tree or an installed wheel, and in the frozen
app too (PyInstaller 6 serves its archive through a path-entry finder; the frozen ``--smoke`` logs that the mirrors
answer when asked, and scripts/check_bundle.py checks that line).  Elsewhere the import runs as pyqtgraph wrote it.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any

#: Where PySide6 6.x keeps the feature support (the same module object under both names).
FEATURE_MODULES = ("shibokensupport.feature", "PySide6.support.feature")
_NEEDLE = b"PySide6"


def _feature_module() -> Any:
    """PySide6's feature module holding ``_mod_uses_pyside``, or None."""
    for name in FEATURE_MODULES:
        module = sys.modules.get(name)
        if module is not None and callable(getattr(module, "_mod_uses_pyside", None)):
            return module
    return None


def make_fast(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    """The fast check, falling back to ``original`` for every module it cannot read as a ``.py`` file."""

    def _mod_uses_pyside_fast(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return _NEEDLE in source.read()
            except FileNotFoundError:  # e.g. the frozen app's modules: byte code only, at a .py path
                answer = _answer_from_loader(module)
                if answer is not None:
                    return answer
            except OSError:
                pass
        return original(module)

    _mod_uses_pyside_fast.original = original  # type: ignore[attr-defined]
    return _mod_uses_pyside_fast


def _answer_from_loader(module: ModuleType) -> bool | None:
    """For a module whose ``.py`` file is missing: what ``inspect.getsource`` would find, asked of the module's
    loader directly (inspect ends there too, through ``linecache``): no source (None) means PySide6's function
    gets OSError and says False.  None (undecided: PySide6's own function answers) when the loader cannot say.
    In the frozen app this spares ~40 µs of inspect's search per module, for ~700 modules."""
    get_source = getattr(getattr(module, "__loader__", None), "get_source", None)
    if get_source is None:
        return None
    try:
        source = get_source(module.__name__)
    except Exception:  # e.g. ImportError from a loader that does not know the module: PySide6's own answer
        return None
    if source is None:
        return False
    return isinstance(source, str) and "PySide6" in source


def install() -> bool:
    """Replace PySide6's check with the fast one (once; imports PySide6.QtCore, which installs the hook).

    True when the fast check is in place, False when this PySide6 has no such function (nothing changed)."""
    import PySide6.QtCore  # noqa: F401 - loads shiboken's support modules, which hold the function

    module = _feature_module()
    if module is None:
        return False
    current = module._mod_uses_pyside
    if getattr(current, "original", None) is None:
        module._mod_uses_pyside = make_fast(current)
    return True


def installed() -> bool:
    """True when the fast check is what PySide6 calls now."""
    module = _feature_module()
    return module is not None and getattr(module._mod_uses_pyside, "original", None) is not None


#: pyqtgraph's mirrors of PySide6's modules.
PYQTGRAPH_MIRRORS = {"pyqtgraph.Qt.QtCore": "PySide6.QtCore", "pyqtgraph.Qt.QtGui": "PySide6.QtGui",
                     "pyqtgraph.Qt.QtWidgets": "PySide6.QtWidgets"}


class _PyqtgraphShims(importlib.abc.MetaPathFinder):
    """Finds ``pyqtgraph.Qt`` and its three mirrors as the normal path finder does, and wraps their execution."""

    def find_spec(self, name, path, target=None):
        if name != "pyqtgraph.Qt" and name not in PYQTGRAPH_MIRRORS:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path, target)
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return None  # a loader this finder cannot wrap: imported as it always is
        if name == "pyqtgraph.Qt":
            if not all(importlib.machinery.PathFinder.find_spec(mirror, spec.submodule_search_locations)
                       for mirror in PYQTGRAPH_MIRRORS):
                return None  # a mirror this finder could not wrap: the copy must see every name
            spec.loader = _QtLoader(spec.loader)
        else:
            spec.loader = _MirrorLoader(spec.loader, PYQTGRAPH_MIRRORS[name])
        return spec


class _WrappingLoader(importlib.abc.Loader):
    """A loader around the one the path finder found: creates the module as it does and answers everything else
    (get_source, get_filename, is_package…) with it; subclasses wrap ``exec_module``."""

    def __init__(self, loader) -> None:
        self._loader = loader

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def __getattr__(self, name: str):
        return getattr(self._loader, name)


class _MirrorLoader(_WrappingLoader):
    """Runs a mirror's ``__init__.py``, then lets it answer any name it lacks from PySide6's module."""

    def __init__(self, loader, source: str) -> None:
        super().__init__(loader)
        self._source = source

    def exec_module(self, module) -> None:
        self._loader.exec_module(module)
        source = importlib.import_module(self._source)
        namespace = vars(module)

        def __getattr__(name: str):  # noqa: N807 (PEP 562)
            if name.startswith("__"):
                raise AttributeError(name)
            value = getattr(source, name)
            namespace[name] = value  # kept: the next look-up is an ordinary module attribute (pyqtgraph's paint
            return value             # and mouse code reads QtCore.QPointF and the like on every call)

        __getattr__.answers_from = self._source  # type: ignore[attr-defined]  # see pyqtgraph_mirrors_lazy()
        module.__getattr__ = __getattr__


class _QtLoader(_WrappingLoader):
    """Runs ``pyqtgraph/Qt/__init__.py`` while PySide6's modules list only the names they have created."""

    def exec_module(self, module) -> None:
        saved: dict[str, object] = {}
        for name in PYQTGRAPH_MIRRORS.values():
            namespace = importlib.import_module(name).__dict__
            saved[name] = namespace.get("__dir__", _MISSING)  # PySide6's own (it lists every name)
            namespace["__dir__"] = _listing(list(namespace))
        try:
            self._loader.exec_module(module)
        finally:
            for name, previous in saved.items():
                namespace = importlib.import_module(name).__dict__
                if previous is _MISSING:
                    del namespace["__dir__"]
                else:
                    namespace["__dir__"] = previous


def _listing(names: list[str]) -> Callable[[], list[str]]:
    return lambda: names


_MISSING = object()


def pyqtgraph_mirrors_lazy() -> bool | None:
    """True when pyqtgraph's three mirrors answer names from PySide6's modules when asked (the shims ran), False when
    they were filled by copying, None before pyqtgraph is imported.  ``--smoke`` logs it, and the frozen app's
    check (scripts/check_bundle.py) reads that line."""
    mirrors = {name: sys.modules.get(name) for name in PYQTGRAPH_MIRRORS}
    if any(module is None for module in mirrors.values()):
        return None
    return all(getattr(vars(module).get("__getattr__"), "answers_from", None) == PYQTGRAPH_MIRRORS[name]
               for name, module in mirrors.items())


def install_pyqtgraph_shims() -> bool:
    """Before pyqtgraph is imported: its mirrors of PySide6 are filled when asked, not all at once.  False (and
    nothing changed) when pyqtgraph is imported already."""
    if "pyqtgraph.Qt" in sys.modules:
        return False
    if not any(isinstance(finder, _PyqtgraphShims) for finder in sys.meta_path):
        sys.meta_path.insert(0, _PyqtgraphShims())
    return True
