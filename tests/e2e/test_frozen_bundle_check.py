"""scripts/check_bundle.py, the gate `make package` puts on the frozen app: it must notice a missing input-method
plugin or data file, group sizes by package, and tell a plugin that loaded from one that did not.

The real frozen bundle is checked by `make package` itself (it fails the build); these tests make sure the checks
can fail, on small synthetic bundles and on the source app (same Qt plugins, same loader trace).
"""

from __future__ import annotations

import os
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
