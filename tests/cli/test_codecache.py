"""The table of dataclass methods compiled at build time (atgdesk/codecache.py): the same classes as compiling at
start, any other text still compiled, a table that cannot be trusted ignored, and the whole start covered."""

from __future__ import annotations

import dataclasses
import importlib.util
import marshal
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from atgdesk import codecache


@pytest.fixture(autouse=True)
def _restore_exec():
    codecache.uninstall()
    yield
    codecache.uninstall()
    assert not hasattr(dataclasses, "exec")


def _point_class():
    @dataclasses.dataclass(frozen=True)
    class Point:
        x: int
        label: str = "a"
        tags: tuple = dataclasses.field(default_factory=tuple)

    return Point


def _record(define) -> dict:
    """The text → code of every method ``define()`` makes a dataclass compile."""
    recorded = {}

    def record(source, globals=None, locals=None):  # noqa: A002
        recorded[source] = compile(source, "<string>", "exec", dont_inherit=True)
        return exec(source, globals, locals)

    dataclasses.exec = record
    try:
        define()
    finally:
        del dataclasses.exec
    return recorded


def _write(path: Path, code: dict, magic: bytes = importlib.util.MAGIC_NUMBER) -> Path:
    path.write_bytes(codecache.pack({"magic": magic, "code": code}))
    return path


def test_a_class_from_the_table_behaves_as_one_compiled_at_start(tmp_path):
    table = _write(tmp_path / "t.bin", _record(_point_class))
    compiled_point = _point_class()
    assert codecache.install(table) == 6  # init, repr, eq, hash, setattr, delattr
    point = _point_class()
    assert codecache.stats() == (6, 0)
    p, q = point(1, tags=("x",)), compiled_point(1, tags=("x",))
    assert repr(p) == repr(q).replace(compiled_point.__qualname__, point.__qualname__) == (
        "_point_class.<locals>.Point(x=1, label='a', tags=('x',))")
    assert p == point(1, tags=("x",)) and p != point(2) and hash(p) == hash(point(1, tags=("x",)))
    assert point(1).tags == () and point(1).tags is not None
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.x = 3
    with pytest.raises(dataclasses.FrozenInstanceError):
        del p.label
    assert dataclasses.replace(p, x=5) == point(5, tags=("x",))


def test_a_text_the_table_lacks_is_compiled_as_before(tmp_path):
    table = _write(tmp_path / "t.bin", _record(_point_class))
    codecache.install(table)

    @dataclasses.dataclass(frozen=True)
    class Other:  # other fields: other texts (the __init__, __repr__, … of a changed class)
        y: float

    assert Other(2.5) == Other(2.5) and repr(Other(2.5)).endswith("Other(y=2.5)")
    hits, compiled = codecache.stats()
    assert compiled >= 4 and hits <= 2  # at most texts that do not name the fields (none here)


@pytest.mark.parametrize("content", [
    b"not a packed file",
    marshal.dumps({"magic": importlib.util.MAGIC_NUMBER, "code": {}}),  # not packed
    codecache.pack(["a list, not a table"]),
    codecache.pack({"magic": b"\x00\x00\r\n", "code": {"x": compile("x = 1", "<string>", "exec")}}),  # other Python
    codecache.pack({"magic": importlib.util.MAGIC_NUMBER, "code": "not a dict"}),
    codecache.pack({"magic": importlib.util.MAGIC_NUMBER, "code": {"x": 1}})[:-9],  # cut short
    zlib.compress(b"not marshal data"),
    b"",
])
def test_a_table_that_cannot_be_trusted_is_ignored(tmp_path, content):
    path = tmp_path / "t.bin"
    path.write_bytes(content)
    assert codecache.install(path) == 0
    assert not hasattr(dataclasses, "exec")  # nothing changed: every method is compiled as usual
    point = _point_class()
    assert point(1) == point(1) != point(2)


def test_a_missing_or_oversized_table_is_not_read(tmp_path, monkeypatch):
    assert codecache.install(tmp_path / "none.bin") == 0
    big = _write(tmp_path / "big.bin", _record(_point_class))
    monkeypatch.setattr(codecache, "MAX_TABLE_BYTES", big.stat().st_size - 1)  # the file itself too large
    assert codecache.install(big) == 0 and not hasattr(dataclasses, "exec")
    bomb = tmp_path / "bomb.bin"
    bomb.write_bytes(zlib.compress(b"\0" * 4096, 9))  # small packed, unpacks beyond the limit
    monkeypatch.setattr(codecache, "MAX_TABLE_BYTES", 1024)
    assert bomb.stat().st_size < 1024 and codecache.install(bomb) == 0


_SMOKE_WITH_TABLE = r"""
import sys
from pathlib import Path
from atgdesk import codecache
codecache.install(Path(sys.argv[1]))
from atgdesk.cli import main
sys.exit(main(["--smoke"]))
"""


def test_the_built_table_covers_every_dataclass_method_of_the_start(app_env, tmp_path):
    """Built as `make` builds it (a fresh interpreter importing every module), it leaves nothing to compile in a
    --smoke run, which defines every class the first window and the calculator need."""
    table = tmp_path / "dataclass-code.bin"
    built = subprocess.run([sys.executable, "-m", "atgdesk.codecache", "build", str(table)], env=app_env,
                           capture_output=True, text=True, timeout=120)
    assert built.returncode == 0, built.stderr
    assert "dataclass code table:" in built.stdout and len(codecache.read_table(table)) > 300
    home = tmp_path / "home"
    proc = subprocess.run([sys.executable, "-c", _SMOKE_WITH_TABLE, str(table)],
                          env=dict(app_env, ATGDESK_HOME=str(home)), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    log = (home / "logs" / "atgdesk.log").read_text(encoding="utf-8")
    line = next(ln for ln in log.splitlines() if "smoke run passed" in ln)
    assert "compiled at start: 0)" in line, line
    hits = int(line.split("dataclass methods from the build's table: ")[1].split(",")[0])
    assert hits > 300, line


def test_building_the_table_needs_a_fresh_interpreter(tmp_path):
    """In a process that has imported the app already, classes defined earlier would be missing: refused."""
    import atgdesk.core.regimen  # noqa: F401 - imported before the build
    with pytest.raises(RuntimeError, match="fresh interpreter"):
        codecache.build(tmp_path / "t.bin")
    assert not (tmp_path / "t.bin").exists()


_BUILD_WITH_A_BROKEN_MODULE = r"""
import sys
from pathlib import Path
from atgdesk import codecache
codecache._app_modules = lambda: ["atgdesk.core.regimen", "atgdesk.no_such_module"]
print(codecache.build(Path(sys.argv[1])))
"""


def test_a_module_that_cannot_be_imported_is_left_to_compile_at_start(app_env, tmp_path):
    """On a machine still lacking Qt's system libraries the table is built from what imports; `make` goes on."""
    table = tmp_path / "t.bin"
    proc = subprocess.run([sys.executable, "-c", _BUILD_WITH_A_BROKEN_MODULE, str(table)], env=app_env,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert int(proc.stdout) > 0 and len(codecache.read_table(table)) == int(proc.stdout)
    assert "atgdesk.no_such_module (ModuleNotFoundError" in proc.stderr
