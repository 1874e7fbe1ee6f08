"""End-to-end fixtures: a real X server (Xvfb), the real app in a subprocess, xdotool input, screenshots and the
clipboard.

Waits scale with the machine's load (:func:`load_factor`): on a 2-core machine shared with other test runs the app
can take far longer than usual to map its window, and a fixed 30 s once failed there.  When a wait fails, the
app's stderr is part of the message.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

_CLIPBOARD = (
    "import sys\n"
    "from PySide6.QtGui import QGuiApplication\n"
    "app = QGuiApplication(sys.argv[:1])\n"
    "sys.stdout.write(app.clipboard().text())\n"
)

_GRAB = (
    "import sys\n"
    "from PySide6.QtGui import QGuiApplication\n"
    "app = QGuiApplication(sys.argv[:1])\n"
    "image = app.primaryScreen().grabWindow(0)\n"
    "sys.exit(0 if image.save(sys.argv[1]) else 1)\n"
)


def load_factor() -> float:
    """How much slower than an idle machine to expect: the 1-minute load average per core, at least 1."""
    try:
        load = os.getloadavg()[0]
    except OSError:
        return 1.0
    return max(1.0, load / (os.cpu_count() or 1))


def scaled(seconds: float) -> float:
    """A timeout for an idle machine, stretched by the current load."""
    return seconds * load_factor()


class AppFailed(AssertionError):
    """The app exited, or did not show what a test waited for; carries the app's stderr."""


def _stderr_of(proc: subprocess.Popen | None) -> str:
    """The app's stderr so far (the app is killed first when still running)."""
    if proc is None:
        return ""
    if proc.poll() is None:
        proc.kill()
    try:
        _, err = proc.communicate(timeout=10)
    except (subprocess.TimeoutExpired, ValueError):
        return "(stderr unavailable)"
    err = err or ""
    return err[-4000:] if err.strip() else "(the app wrote nothing to stderr)"


class Display:
    """A running Xvfb server and helpers to drive and photograph it."""

    def __init__(self, number: int, proc: subprocess.Popen) -> None:
        self.name = f":{number}"
        self.proc = proc

    def env(self, base: dict[str, str]) -> dict[str, str]:
        env = dict(base, DISPLAY=self.name, QT_QPA_PLATFORM="xcb")
        env.pop("WAYLAND_DISPLAY", None)
        return env

    def xdotool(self, *args: str, check: bool = True) -> str:
        proc = subprocess.run(["xdotool", *args], env=dict(os.environ, DISPLAY=self.name), capture_output=True,
                              text=True, timeout=30)
        if check and proc.returncode != 0:
            raise AssertionError(f"xdotool {' '.join(args)} failed: {proc.stderr}")
        return proc.stdout.strip()

    def wait_for_window(self, title: str, timeout: float = 30.0, proc: subprocess.Popen | None = None) -> str:
        """Id of the first visible window named ``title``.  Waits ``timeout`` seconds on an idle machine, longer
        under load (re-measured while waiting); fails at once if ``proc`` exits, with its stderr."""
        started = time.monotonic()
        factor = load_factor()
        while True:
            out = self.xdotool("search", "--onlyvisible", "--name", title, check=False)
            if out:
                return out.splitlines()[0]
            if proc is not None and proc.poll() is not None:
                raise AppFailed(f"the app exited with status {proc.returncode} before showing a window named "
                                f"{title!r}; its stderr:\n{_stderr_of(proc)}")
            factor = max(factor, load_factor())
            waited = time.monotonic() - started
            if waited > timeout * factor:
                raise AppFailed(f"no visible window named {title!r} within {waited:.0f} s ({timeout:.0f} s × load "
                                f"factor {factor:.1f}, load average {os.getloadavg()[0]:.1f} on "
                                f"{os.cpu_count()} cores); the app's stderr:\n{_stderr_of(proc)}")
            time.sleep(0.2)

    def clipboard(self) -> str:
        """The clipboard's text as another X client reads it (the app must still be running: X serves the
        clipboard from its owner)."""
        proc = subprocess.run([sys.executable, "-c", _CLIPBOARD], env=self.env(dict(os.environ)),
                              capture_output=True, text=True, timeout=scaled(30))
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    def screenshot(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        env = self.env(dict(os.environ))
        proc = subprocess.run([sys.executable, "-c", _GRAB, str(path)], env=env, capture_output=True, text=True,
                              timeout=scaled(60))
        assert proc.returncode == 0 and path.exists(), proc.stderr
        return path


@pytest.fixture(scope="session")
def xvfb():
    """Start Xvfb on a display number it chooses itself; fail clearly when it is not installed (make sysdeps).

    ``-displayfd`` makes Xvfb pick a free display and write its number once it accepts connections.  Picking a
    number here raced with other test runs on the same machine: a second Xvfb on a taken number exits, and the
    tests then drove (and photographed) the other run's server."""
    if shutil.which("Xvfb") is None or shutil.which("xdotool") is None:
        pytest.fail("Xvfb and xdotool are needed for end-to-end tests: run `make sysdeps` (as root) first")
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24", "-nolisten",
                             "tcp"], pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    os.close(write_fd)
    with os.fdopen(read_fd) as reader:
        number = reader.readline().strip()  # empty when Xvfb exits without a display
    if not number.isdigit():
        proc.kill()
        _, err = proc.communicate(timeout=10)
        pytest.fail(f"Xvfb did not start: {err.decode(errors='replace')[-2000:]}")
    yield Display(int(number), proc)
    proc.terminate()
    proc.wait(timeout=10)


def image_stats(path: Path) -> tuple[int, int, int]:
    """(width, height, number of distinct colours in a sample grid) of a PNG, read with Qt."""
    from PySide6.QtGui import QImage
    image = QImage(str(path))
    colours = set()
    for x in range(0, image.width(), 7):
        for y in range(0, image.height(), 7):
            colours.add(image.pixel(x, y))
    return image.width(), image.height(), len(colours)


@contextlib.contextmanager
def running_app(display: Display, env: dict[str, str], stdout=subprocess.PIPE):
    """Start the real app on ``display``, wait for its window and focus it; yields (process, window id).

    The process is killed on the way out if a test left it running (e.g. after a failed assertion)."""
    proc = subprocess.Popen([sys.executable, "-m", "atgdesk"], env=display.env(env), stdout=stdout,
                            stderr=subprocess.PIPE, text=True)
    try:
        window = display.wait_for_window("ATG Desk", proc=proc)
        # Real key presses go to the focused window (XTEST); `key --window` sends synthetic events Qt ignores.
        display.xdotool("windowactivate", "--sync", window, check=False)
        display.xdotool("windowfocus", "--sync", window, check=False)
        yield proc, window
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()


def quit_cleanly(display: Display, proc: subprocess.Popen) -> None:
    """Ctrl+Q, then the app must exit with status 0 and no traceback."""
    display.xdotool("key", "ctrl+q")
    try:
        _, err = proc.communicate(timeout=scaled(30))
    except subprocess.TimeoutExpired:
        raise AppFailed(f"the app did not quit on Ctrl+Q; its stderr:\n{_stderr_of(proc)}") from None
    assert proc.returncode == 0, err
    assert "Traceback" not in err
