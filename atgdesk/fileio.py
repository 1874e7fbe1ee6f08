"""Safe file writing and reading for every layer (standard library only: no Qt, no sqlite3).

* :func:`atomic_write_bytes` / :func:`atomic_write_text`: a temporary file in the target folder, written whole,
  flushed to disk (``fsync``), then renamed over the target — a reader sees the old file or the new one, never a
  partial one, and a failure leaves no temporary file behind.  Device nodes, pipes, sockets and folders are never
  replaced: writing to them is refused with a message.
* :func:`read_limited`: the file type and size are checked on the opened file **before** reading, so a pipe, a
  device or a huge (sparse) file can neither hang the caller nor exhaust memory.
* :func:`ensure_private_dir` / :func:`make_private`: personal files are created private on POSIX (folder 0700,
  files 0600) and tightened when found looser.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from pathlib import Path

POSIX = os.name == "posix"
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


class FileRefused(ValueError):  # noqa: N818 (a refusal, not an error of the program)
    """A file was refused before reading or writing (wrong kind of file, too large); ``str()`` says why."""


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def check_write_target(path: str | os.PathLike[str]) -> Path:
    """The real file a write to ``path`` must replace (links followed); refuses special files and missing folders.

    Raises :class:`FileRefused` for a device, pipe, socket or folder, :class:`FileNotFoundError` when the folder
    does not exist."""
    target = Path(os.path.realpath(os.fspath(path)))
    try:
        st = target.stat()
    except FileNotFoundError:
        st = None
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise FileRefused(f"{os.fspath(path)} is {_kind(st.st_mode)}, not a file; choose a file name")
    if not target.parent.is_dir():
        raise FileNotFoundError(2, f"the folder {target.parent} does not exist", str(target.parent))
    return target


def _default_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes, mode: int | None = None) -> Path:
    """Write ``data`` to ``path`` atomically (temporary file in the same folder, fsync, rename).

    ``mode``: permissions of the new file (default: those of the file it replaces, else the umask's).  Returns
    the path written.  On any failure the temporary file is removed and the old file, if any, is untouched."""
    target = check_write_target(path)
    if mode is None:
        try:
            mode = stat.S_IMODE(target.stat().st_mode)
        except FileNotFoundError:
            mode = _default_mode()
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            view = memoryview(data)
            while view:  # a short write (full disk) raises; an unchecked partial file is never renamed
                written = handle.write(view)
                view = view[written:]
            handle.flush()
            os.fsync(handle.fileno())
        if POSIX:
            os.chmod(tmp_name, mode)
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    _fsync_dir(target.parent)
    return target


def atomic_write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8",
                      mode: int | None = None) -> Path:
    """:func:`atomic_write_bytes` of ``text`` encoded (UTF-8 by default)."""
    return atomic_write_bytes(path, text.encode(encoding), mode)


def _fsync_dir(folder: Path) -> None:
    """The rename itself reaches the disk (POSIX; not possible, nor needed, on Windows)."""
    if not POSIX:
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def read_limited(path: str | os.PathLike[str], max_bytes: int) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``; checked on the opened file before reading.

    Raises :class:`FileRefused` (a device, pipe, socket, folder, or a file too large — sparse files included,
    their apparent size counts) or :class:`OSError` (cannot open or read).  A pipe is opened without waiting
    for a writer, so this never blocks."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(os.fspath(path), flags)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise FileRefused(f"{_kind(st.st_mode)}, not a file")
        if st.st_size > max_bytes:
            raise FileRefused(f"too large ({_size(st.st_size)}; at most {_size(max_bytes)})")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        chunks = []
        remaining = max_bytes + 1  # a file that grows while read is caught too
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        data = b"".join(chunks)
        if len(data) > max_bytes:
            raise FileRefused(f"too large (more than {_size(max_bytes)})")
        return data
    finally:
        os.close(fd)


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):,.1f} MB".replace(".0 MB", " MB")
    if n >= 1024:
        return f"{n / 1024:,.1f} kB".replace(".0 kB", " kB")
    return f"{n:,} bytes"


def ensure_private_dir(folder: str | os.PathLike[str]) -> Path:
    """Create ``folder`` (and its parents) private to the user (0700 on POSIX); an existing folder of the user's
    that others can read is tightened.  Raises OSError when it cannot be created."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
    _tighten(folder, PRIVATE_DIR_MODE)
    return folder


def make_private(path: str | os.PathLike[str]) -> None:
    """Tighten an existing personal file to 0600 (POSIX) when others can read or write it."""
    _tighten(Path(path), PRIVATE_FILE_MODE)


def _tighten(path: Path, wanted: int) -> None:
    if not POSIX or sys.platform == "win32":
        return
    try:
        st = path.stat()
        if st.st_uid != os.geteuid() or not stat.S_IMODE(st.st_mode) & 0o077:
            return  # not ours to change, or already private
        os.chmod(path, stat.S_IMODE(st.st_mode) & ~0o077 & 0o7777 | (wanted & 0o700))
    except OSError:
        pass  # a file we cannot tighten still works; never block start-up over it
