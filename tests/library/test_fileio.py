"""atgdesk.fileio: atomic writes (whole or nothing, special files never replaced), reads limited before reading,
private folders and files (issue 13)."""

from __future__ import annotations

import os
import resource
import signal
import stat
from pathlib import Path

import pytest

from atgdesk.fileio import (
    FileRefused,
    atomic_write_bytes,
    atomic_write_text,
    ensure_private_dir,
    make_private,
    read_limited,
)


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_atomic_write_creates_and_replaces_whole_files(tmp_path):
    target = tmp_path / "out.txt"
    atomic_write_text(target, "first\n")
    assert target.read_text(encoding="utf-8") == "first\n"
    target.chmod(0o640)
    atomic_write_text(target, "second, longer\n")
    assert target.read_text(encoding="utf-8") == "second, longer\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # the replaced file's permissions are kept
    assert _names(tmp_path) == ["out.txt"]


def test_atomic_write_follows_a_link_instead_of_replacing_it(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    atomic_write_text(link, "new")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"


def test_atomic_write_with_a_private_mode(tmp_path):
    target = tmp_path / "notes.json"
    atomic_write_text(target, "{}", mode=0o600)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_atomic_write_to_a_missing_folder_says_so_and_leaves_nothing(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        atomic_write_text(tmp_path / "missing" / "out.txt", "x")
    assert _names(tmp_path) == []


@pytest.mark.parametrize("kind", ["fifo", "folder", "socket"])
def test_atomic_write_refuses_special_files(tmp_path, kind):
    import socket
    target = tmp_path / "target"
    sock = None
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "folder":
        target.mkdir()
    else:
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(target))
    try:
        with pytest.raises(FileRefused, match="not a file"):
            atomic_write_text(target, "x")
        assert _names(tmp_path) == ["target"]
    finally:
        if sock is not None:
            sock.close()


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_atomic_write_never_replaces_a_device_node(tmp_path):
    device = tmp_path / "null"
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    with pytest.raises(FileRefused, match="a device"):
        atomic_write_text(device, "x")
    assert stat.S_ISCHR(device.stat().st_mode)


def test_atomic_write_on_a_full_disk_keeps_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old\n", encoding="utf-8")
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    old_handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (1024, hard))
    try:
        with pytest.raises(OSError):
            atomic_write_bytes(target, b"x" * 100_000)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, old_handler)
    assert target.read_text(encoding="utf-8") == "old\n"
    assert _names(tmp_path) == ["out.txt"]


def test_read_limited_reads_regular_files_within_the_limit(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"12345")
    assert read_limited(path, 5) == b"12345"
    with pytest.raises(FileRefused, match="too large"):
        read_limited(path, 4)


def test_read_limited_refuses_special_and_huge_files_without_reading(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(FileRefused, match="pipe"):
        read_limited(fifo, 1000)  # no writer: a plain open() would wait forever
    with pytest.raises(FileRefused, match="folder"):
        read_limited(tmp_path, 1000)
    zero = tmp_path / "zero"
    zero.symlink_to("/dev/zero")
    with pytest.raises(FileRefused, match="device"):
        read_limited(zero, 1000)  # would never end
    sparse = tmp_path / "sparse"
    with open(sparse, "wb") as handle:
        handle.truncate(16 * 1024 ** 3)
    with pytest.raises(FileRefused, match="too large"):
        read_limited(sparse, 1_000_000)
    with pytest.raises(FileNotFoundError):
        read_limited(tmp_path / "missing", 10)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_private_folders_and_files(tmp_path):
    folder = ensure_private_dir(tmp_path / "a" / "b")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    loose = tmp_path / "loose"
    loose.mkdir(mode=0o755)
    loose.chmod(0o755)
    ensure_private_dir(loose)
    assert stat.S_IMODE(loose.stat().st_mode) == 0o700
    note = loose / "n.txt"
    note.write_text("x", encoding="utf-8")
    note.chmod(0o644)
    make_private(note)
    assert stat.S_IMODE(note.stat().st_mode) == 0o600
    make_private(loose / "missing")  # nothing to do, no error
