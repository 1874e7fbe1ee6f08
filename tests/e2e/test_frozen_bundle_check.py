"""scripts/check_bundle.py, the gate `make package` puts on the frozen app: it must notice a missing input-method
plugin or data file, group sizes by package, and tell a plugin that loaded from one that did not.

The real frozen bundle is checked by `make package` itself (it fails the build); these tests make sure the checks
can fail, on small synthetic bundles and on the source app (same Qt plugins, same loader trace).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import PySide6
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import check_bundle  # noqa: E402

IBUS = "libibusplatforminputcontextplugin.so"


def make_bundle(root: Path) -> Path:
    """A bundle with every required file (empty files; the checks look at presence and layout only)."""
    bundle = root / "atgdesk"
    inner = bundle / "_internal"
    for rel in check_bundle.REQUIRED_FILES:
        (inner / rel).parent.mkdir(parents=True, exist_ok=True)
        (inner / rel).write_bytes(b"")
    for rel, source in check_bundle.REQUIRED_TREES:
        for src in source.rglob("*"):
            if src.is_file() and "__pycache__" not in src.parts:
                dst = inner / rel / src.relative_to(source)
                dst.parent.mkdir(parents=True, exist_ok=True)
                dst.write_bytes(b"")
    (bundle / "atgdesk").write_bytes(b"")
    return bundle


def test_a_complete_bundle_passes_and_a_missing_plugin_or_model_file_is_named(tmp_path):
    bundle = make_bundle(tmp_path)
    assert check_bundle.missing_files(bundle) == []
    inner = bundle / "_internal"
    (inner / "PySide6/Qt/plugins/platforminputcontexts" / IBUS).unlink()
    model = next((inner / "data" / "models").rglob("*.toml"))
    model.unlink()
    (inner / "PySide6/Qt/translations/qtbase_zh_CN.qm").unlink()
    problems = check_bundle.missing_files(bundle)
    assert any(IBUS in p for p in problems), problems
    assert any(model.name in p for p in problems), problems
    assert any("qtbase_zh_CN.qm" in p for p in problems), problems
    assert len(problems) == 3


def test_size_table_groups_files_by_package_largest_first_without_counting_links(tmp_path):
    bundle = tmp_path / "b"
    files = {
        "_internal/numpy/_core/x.so": 300, "_internal/numpy.libs/openblas.so": 500,
        "_internal/PySide6/Qt/lib/libicudata.so.73": 700, "_internal/PySide6/Qt/lib/libQt6Core.so.6": 100,
        "_internal/PySide6/Qt/plugins/platforms/libqxcb.so": 10, "_internal/libz.so.1": 20,
        "_internal/data/models/m.toml": 5, "atgdesk": 50,
    }
    for rel, size in files.items():
        (bundle / rel).parent.mkdir(parents=True, exist_ok=True)
        (bundle / rel).write_bytes(b"x" * size)
    os.symlink("PySide6/Qt/lib/libQt6Core.so.6", bundle / "_internal/libQt6Core.so.6")
    rows = check_bundle.sizes_by_package(bundle)
    assert [(name, size) for name, size, _ in rows] == [
        ("numpy", 800), ("PySide6: ICU data/libraries", 700), ("PySide6: Qt libraries", 100),
        ("atgdesk executable (bootloader + Python bytecode)", 50), ("system libraries (bundled copies)", 20),
        ("PySide6: Qt plugins", 10), ("ATG Desk data (database, models, resources)", 5),
    ]


def test_plain_pyc_modules_are_named_and_grouped_with_their_package(tmp_path):
    """The start's modules are bundled as plain .pyc files (packaging/atgdesk.spec): the check knows them as modules
    (the calculator-export check looks for atgdesk.ui.calc_plot, now one of them) and counts each with its package,
    the standard library's with Python's."""
    bundle = tmp_path / "b"
    for rel in ("typing.pyc", "json/__init__.pyc", "json/decoder.pyc", "pyqtgraph/__init__.pyc",
                "atgdesk/ui/calc_plot.pyc", "typing_extensions.pyc", "numpy/_core/x.so"):
        (bundle / "_internal" / rel).parent.mkdir(parents=True, exist_ok=True)
        (bundle / "_internal" / rel).write_bytes(b"x")
    assert check_bundle.loose_modules(bundle) == {"typing", "json", "json.decoder", "pyqtgraph",
                                                  "atgdesk.ui.calc_plot", "typing_extensions"}
    groups = {rel: check_bundle.package_of(Path("_internal", rel)) for rel in
              ("typing.pyc", "json/decoder.pyc", "pyqtgraph/__init__.pyc", "atgdesk/ui/calc_plot.pyc",
               "typing_extensions.pyc", "libz.so.1")}
    python = "Python (libpython, standard library)"
    assert groups == {"typing.pyc": python, "json/decoder.pyc": python, "pyqtgraph/__init__.pyc": "pyqtgraph",
                      "atgdesk/ui/calc_plot.pyc": "atgdesk", "typing_extensions.pyc": "typing_extensions",
                      "libz.so.1": "system libraries (bundled copies)"}


def _reading_bundle(root: Path, modules: int) -> Path:
    """A stand-in frozen app whose start reads ``modules`` plain .pyc files from its bundle."""
    bundle = root / "atgdesk"
    inner = bundle / "_internal" / "pkg"
    inner.mkdir(parents=True)
    for i in range(modules):
        (inner / f"m{i}.pyc").write_bytes(b"x")
    (inner / "other.dat").write_bytes(b"x")
    exe = bundle / "atgdesk"
    exe.write_text(f'#!/bin/sh\ncat "{inner}"/*.pyc "{inner}/other.dat" > /dev/null\n')
    exe.chmod(0o755)
    return bundle


def test_start_reading_its_modules_from_the_archive_is_refused(tmp_path):
    """The gate on the frozen start's modules (strace of --smoke): enough plain .pyc files read passes; a start that
    reads few (its modules back in the compressed archive) is refused with the count."""
    assert check_bundle.plain_start_problems(_reading_bundle(tmp_path / "good", 250)) == []
    problems = check_bundle.plain_start_problems(_reading_bundle(tmp_path / "bad", 12))
    assert len(problems) == 1 and "read only 12 modules as plain .pyc files" in problems[0], problems


@pytest.mark.slow
def test_start_module_list_names_what_the_start_imports_and_not_what_it_defers(tmp_path, app_env):
    """packaging/start_modules.py, which the spec runs to choose the modules stored uncompressed: the app's and
    the calculator's modules, pyqtgraph and numpy are listed; the modules the start defers are not."""
    out = tmp_path / "start.txt"
    script = ROOT / "packaging" / "start_modules.py"
    proc = subprocess.run([sys.executable, str(script), str(out)], env=app_env, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    names = set(out.read_text(encoding="utf-8").split())
    assert {"atgdesk.app", "atgdesk.ui.library_view", "atgdesk.ui.calculator_view", "pyqtgraph", "numpy",
            "typing"} <= names
    assert not names & {"atgdesk.core.levels", "atgdesk.library.importers", "scipy", "atgdesk.builder"}
    usage = subprocess.run([sys.executable, str(script)], env=app_env, capture_output=True, text=True, timeout=60)
    assert usage.returncode == 2 and "Usage: python packaging/start_modules.py OUT" in usage.stderr


def test_loader_trace_parser_reads_initialised_libraries():
    trace = ("     12345:\tcalling init: /opt/atgdesk/_internal/PySide6/Qt/plugins/platforminputcontexts/"
             f"{IBUS}\n     12345:\tfile=libfoo.so [0];  needed by /x\n")
    assert check_bundle.loaded_libraries(trace) == {
        f"/opt/atgdesk/_internal/PySide6/Qt/plugins/platforminputcontexts/{IBUS}"}


@pytest.mark.slow
def test_plugin_load_check_sees_ibus_load_only_when_requested(app_env):
    """The same check `make package` runs on the frozen app, on the source app: QT_IM_MODULE=ibus loads the IBus
    plugin from PySide6's plugin folder; asking for Compose does not, and the check says so."""
    plugins = Path(PySide6.__file__).parent / "Qt" / "plugins"
    cmd = [sys.executable, "-m", "atgdesk", "--smoke"]
    assert check_bundle.plugin_load_problems(cmd, plugins, [({"QT_IM_MODULE": "ibus"}, IBUS)]) == []
    problems = check_bundle.plugin_load_problems(cmd, plugins, [({"QT_IM_MODULE": "compose"}, IBUS)])
    assert problems == [f"QT_IM_MODULE=compose: {IBUS} was not loaded from {plugins.resolve()}"]


def test_spec_refuses_to_build_without_a_run_time_file(tmp_path):
    """packaging/atgdesk.spec stops before analysis when a run-time file is missing (it used to skip it silently):
    run from a copy whose surrounding tree has data/ but no built database, it names the database."""
    spec = (ROOT / "packaging" / "atgdesk.spec").read_text()
    (tmp_path / "packaging").mkdir()
    for rel in ("data/models", "resources"):
        (tmp_path / rel).mkdir(parents=True)
    for rel in ("data/products.toml", "data/targets.toml", "data/vocab.toml"):
        (tmp_path / rel).write_text("")
    scope = {"SPECPATH": str(tmp_path / "packaging"), "workpath": str(tmp_path / "work")}
    with pytest.raises(SystemExit) as stop:
        exec(compile(spec, "atgdesk.spec", "exec"), scope)
    message = str(stop.value)
    assert "missing run-time file" in message and "atgdesk.sqlite" in message
    assert "products.toml" not in message
