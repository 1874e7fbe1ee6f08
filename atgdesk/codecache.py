"""Dataclass methods compiled once, when the app is built, instead of at every start.

Python (3.11, which the app ships) writes each method a ``@dataclass`` generates (``__init__``, ``__repr__``,
``__eq__``, ``__hash__``, a frozen class's ``__setattr__`` and ``__delattr__``) as source text and compiles that text
when the class is defined: ~330 compilations before the first window and the calculator are ready, about 8 % of
the instructions of a start (``bench/bench_startup_instructions.py``).  The text is the same at every start, so the
code compiled from it can be made in advance, like the ``.pyc`` of a module.

``python -m atgdesk.codecache build FILE`` imports every module of the app, records the text of each generated
method with the code compiled from it, and writes the table (``make`` writes ``build/dataclass-code.bin``;
the frozen app carries it).  :func:`install` gives ``dataclasses`` an ``exec`` that takes the code for a text from
that table and compiles any other text as before.  The table is keyed by the whole source text and tied to the
interpreter's bytecode version (``importlib.util.MAGIC_NUMBER``): a class changed since the build, or another
Python, finds nothing and is compiled as it always was — a stale or missing table costs time, never behaviour.  A
table that cannot be read (damaged, too large, not a table) is ignored.  It is read only from the app's own
read-only files (:func:`atgdesk.paths.dataclass_code_path`), never from a user folder.
"""

from __future__ import annotations

import builtins
import dataclasses
import importlib
import importlib.util
import marshal
import os
import sys
import zlib
from pathlib import Path
from types import CodeType

#: Larger than any table the app makes (~0.7 MB unpacked, ~0.1 MB packed): a bigger file, or one that unpacks to
#: more, is not one of ours and is not read.
MAX_TABLE_BYTES = 8 * 1024 * 1024
#: Not imported to build the table: the entry points (running them would start the app or a command) and the
#: database builder (build time only, never on the start path).
SKIPPED_MODULES = ("atgdesk.__main__", "atgdesk.builder")

_table: dict[str, CodeType] = {}
_hits = 0
_compiled = 0


def _compile(source: str) -> CodeType:
    # As exec(source) inside dataclasses compiles it: file "<string>", no __future__ flags of this module.
    return compile(source, "<string>", "exec", dont_inherit=True)


def _exec(source, globals=None, locals=None):  # noqa: A002 (exec's own parameter names)
    """``exec`` for the dataclasses module: the code for a known text from the table, anything else as usual."""
    global _hits, _compiled
    if isinstance(source, str):
        code = _table.get(source)
        if code is None:
            _compiled += 1
            code = _compile(source)
        else:
            _hits += 1
        return builtins.exec(code, globals, locals)
    return builtins.exec(source, globals, locals)


def pack(table: dict) -> bytes:
    """A table as written to its file: marshal, then zlib (~0.1 MB instead of ~0.7 MB in the bundle)."""
    return zlib.compress(marshal.dumps(table), 9)


def read_table(path: Path) -> dict[str, CodeType]:
    """The table in ``path``, or {} when there is none, it is not one, or it was made by another Python."""
    try:
        if not path.is_file() or path.stat().st_size > MAX_TABLE_BYTES:
            return {}
        unpack = zlib.decompressobj()
        raw = unpack.decompress(path.read_bytes(), MAX_TABLE_BYTES)
        if unpack.unconsumed_tail or not unpack.eof:  # larger than any table of ours, or cut short
            return {}
        data = marshal.loads(raw)
    except (OSError, ValueError, EOFError, TypeError, zlib.error):
        return {}
    if not isinstance(data, dict) or data.get("magic") != importlib.util.MAGIC_NUMBER:
        return {}
    code = data.get("code")
    if not isinstance(code, dict):
        return {}
    return {text: obj for text, obj in code.items() if isinstance(text, str) and isinstance(obj, CodeType)}


def install(path: Path | None = None) -> int:
    """Use the table in ``path`` (default: the app's own, :func:`atgdesk.paths.dataclass_code_path`) for every
    dataclass defined from now on; returns how many methods it holds (0: nothing changes)."""
    global _table
    if path is None:
        from atgdesk import paths
        path = paths.dataclass_code_path()
    table = read_table(path)
    if table:
        _table = table
        dataclasses.exec = _exec  # type: ignore[attr-defined]  # _create_fn's exec(): a module global first
    return len(_table)


def uninstall() -> None:
    """Back to the built-in ``exec`` (tests)."""
    global _table, _hits, _compiled
    if getattr(dataclasses, "exec", None) is _exec:
        del dataclasses.exec  # type: ignore[attr-defined]
    _table, _hits, _compiled = {}, 0, 0


def stats() -> tuple[int, int]:
    """(methods taken from the table, methods compiled) since :func:`install`."""
    return _hits, _compiled


def _app_modules() -> list[str]:
    import pkgutil  # here: only the build walks the package

    import atgdesk
    names = []
    for module in pkgutil.walk_packages(atgdesk.__path__, "atgdesk."):
        if not any(module.name == s or module.name.startswith(s + ".") for s in SKIPPED_MODULES):
            names.append(module.name)
    return sorted(names)


def build(out: Path) -> int:
    """Import every module of the app, recording each dataclass method's text and code; write the table to
    ``out`` (atomically); return how many methods it holds."""
    recorded: dict[str, CodeType] = {}

    def record(source, globals=None, locals=None):  # noqa: A002
        if isinstance(source, str):
            recorded[source] = recorded.get(source) or _compile(source)
            return builtins.exec(recorded[source], globals, locals)
        return builtins.exec(source, globals, locals)

    # Classes of modules imported before recording begins would be missing from the table.
    already = sorted(m for m in sys.modules if m.startswith("atgdesk.") and m != __name__)
    if already:
        raise RuntimeError(f"build the table in a fresh interpreter (already imported: {', '.join(already[:5])}…)")
    dataclasses.exec = record  # type: ignore[attr-defined]
    failed = []
    try:
        for name in _app_modules():
            try:
                importlib.import_module(name)
            except Exception as exc:  # e.g. Qt's system libraries not installed yet: those classes compile at start
                failed.append(f"{name} ({type(exc).__name__}: {exc})")
    finally:
        del dataclasses.exec  # type: ignore[attr-defined]
    if failed:
        print(f"dataclass code table: not imported, their methods will be compiled at start: {'; '.join(failed)}",
              file=sys.stderr)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(pack({"magic": importlib.util.MAGIC_NUMBER, "code": recorded}))
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return len(recorded)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2 or args[0] != "build":
        print("usage: python -m atgdesk.codecache build FILE", file=sys.stderr)
        return 2
    count = build(Path(args[1]))
    print(f"dataclass code table: {count} methods -> {args[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
