"""Build hook: a wheel that carries the built evidence database and the files the app reads at run time.

Everything else about the package is in pyproject.toml.  ``python -m build`` (an sdist, then a wheel from it) and
``pip install .`` run ``build_py``; after it has copied the package, :class:`BuildPyWithBundle` builds the database
from ``data/`` with the project's own builder and copies the run-time data files and ``resources/`` into
``atgdesk/_bundle/`` *inside the build folder* (the source tree is never written).  ``atgdesk/paths.py`` finds
them there through ``importlib.resources``.  Editable installs skip this step: they read ``data/`` and
``build/atgdesk.sqlite`` in the checkout.  The builder's tools (sqlite-utils, jsonschema) are build requirements
in pyproject.toml, not run-time dependencies.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
BUNDLE = "_bundle"  # atgdesk.paths.PACKAGE_BUNDLE
# The files of data/ the app reads at run time (the studies and corrections are in the database).
RUNTIME_DATA = ("models", "products.toml", "targets.toml", "vocab.toml")


def stage_bundle(target: Path) -> list[Path]:
    """Fill ``target`` with atgdesk.sqlite (built now from data/), data/ (run-time files) and resources/."""
    sys.path.insert(0, str(ROOT))  # the builder of this source tree, not an installed atgdesk
    try:
        from atgdesk.builder.build import build_database
    finally:
        sys.path.remove(str(ROOT))
    if target.exists():
        shutil.rmtree(target)
    (target / "data").mkdir(parents=True)
    with tempfile.TemporaryDirectory() as tmp:
        # Build beside, then copy: the builder's atomic rename needs one file system.
        report = build_database(ROOT / "data", Path(tmp) / "atgdesk.sqlite")
        shutil.copyfile(report.out_path, target / "atgdesk.sqlite")
    for name in RUNTIME_DATA:
        source = ROOT / "data" / name
        if not source.exists():
            raise FileNotFoundError(f"data/{name} is missing: the wheel would lack it")
        if source.is_dir():
            shutil.copytree(source, target / "data" / name)
        else:
            shutil.copyfile(source, target / "data" / name)
    shutil.copytree(ROOT / "resources", target / "resources")
    return sorted(p for p in target.rglob("*") if p.is_file())


class BuildPyWithBundle(build_py):
    """build_py, then the evidence database and run-time files into atgdesk/_bundle/ of the build folder."""

    _bundle_files: list[Path] = []

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        self._bundle_files = stage_bundle(Path(self.build_lib) / "atgdesk" / BUNDLE)
        print(f"bundled {len(self._bundle_files)} files into atgdesk/{BUNDLE}/")

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        return [*super().get_outputs(include_bytecode), *(str(p) for p in self._bundle_files)]


setup(cmdclass={"build_py": BuildPyWithBundle})
