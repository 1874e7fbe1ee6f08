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
decoded text exactly when ``b"PySide6"`` is in the bytes.  Anything else — no ``__file__`` (builtins, namespace
packages), a compiled extension, a ``.pyc`` without source, a file that cannot be read (e.g. the frozen app's
modules, which live in PyInstaller's archive) — goes to PySide6's own function, unchanged.

A PySide6 without that function (another version) is left alone: :func:`install` returns False and nothing changes.
"""

from __future__ import annotations

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
            except OSError:
                pass  # e.g. a frozen module whose source is not on disk: PySide6's own answer
        return original(module)

    _mod_uses_pyside_fast.original = original  # type: ignore[attr-defined]
    return _mod_uses_pyside_fast


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
