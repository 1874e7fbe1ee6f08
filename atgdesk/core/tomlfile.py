"""Reading the TOML data files of the core (models, products, targets) with one set of error messages."""

from __future__ import annotations

import tomllib
from pathlib import Path


def read_toml(path: str | Path, error: type[Exception], max_bytes: int | None = None) -> tuple[dict, str]:
    """(parsed document, file name) of a TOML file; problems raise ``error`` with a message that starts with the
    file name and says what is wrong (unreadable, too large, not UTF-8, TOML syntax)."""
    p = Path(path)
    name = str(p)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise error(f"{name}: file: cannot read ({exc.strerror or exc})") from None
    if max_bytes is not None and len(raw) > max_bytes:
        raise error(f"{name}: file: larger than {max_bytes:,} bytes")
    try:
        return tomllib.loads(raw.decode("utf-8")), name
    except UnicodeDecodeError:
        raise error(f"{name}: file: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{name}: TOML syntax: {exc}") from None
