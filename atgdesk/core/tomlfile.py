"""Reading the TOML data files of the core (models, products, targets) with one set of error messages."""

from __future__ import annotations

import tomllib
from pathlib import Path

from atgdesk.fileio import FileRefused, read_limited

#: Files are read whole; without a caller's limit this one applies (no data file of the core comes close).
DEFAULT_MAX_BYTES = 5_000_000


def read_toml(path: str | Path, error: type[Exception], max_bytes: int | None = None) -> tuple[dict, str]:
    """(parsed document, file name) of a TOML file; problems raise ``error`` with a message that starts with the
    file name and says what is wrong (unreadable, not a regular file, too large, not UTF-8, nested too deeply,
    TOML syntax).  The file type and size are checked before reading: a pipe, a device or a huge sparse file in
    a models folder neither hangs nor exhausts memory."""
    p = Path(path)
    name = str(p)
    limit = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    try:
        raw = read_limited(p, limit)
    except FileRefused as exc:
        reason = str(exc)
        if reason.startswith("too large"):
            reason = f"larger than {limit:,} bytes"
        raise error(f"{name}: file: {reason}") from None
    except OSError as exc:
        raise error(f"{name}: file: cannot read ({exc.strerror or exc})") from None
    try:
        return tomllib.loads(raw.decode("utf-8")), name
    except UnicodeDecodeError:
        raise error(f"{name}: file: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{name}: TOML syntax: {exc}") from None
    except RecursionError:  # arrays or tables nested thousands deep: refused, never a crash
        raise error(f"{name}: TOML: nested too deeply") from None
