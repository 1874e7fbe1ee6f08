"""End-to-end fixtures: a real X server (Xvfb), the real app in a subprocess, xdotool input, screenshots."""

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

_GRAB = (
    "import sys\n"
    "from PySide6.QtGui import QGuiApplication\n"
    "app = QGuiApplication(sys.argv[:1])\n"
    "image = app.primaryScreen().grabWindow(0)\n"
    "sys.exit(0 if image.save(sys.argv[1]) else 1)\n"
)


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

    def wait_for_window(self, title: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            out = self.xdotool("search", "--onlyvisible", "--name", title, check=False)
            if out:
                return out.splitlines()[0]
            time.sleep(0.2)
        raise AssertionError(f"no visible window named {title!r} within {timeout} s")

    def screenshot(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        env = self.env(dict(os.environ))
        proc = subprocess.run([sys.executable, "-c", _GRAB, str(path)], env=env, capture_output=True, text=True,
                              timeout=60)
        assert proc.returncode == 0 and path.exists(), proc.stderr
        return path


@pytest.fixture(scope="session")
def xvfb():
    """Start Xvfb on a free display number; fail clearly when it is not installed (make sysdeps installs it)."""
    if shutil.which("Xvfb") is None or shutil.which("xdotool") is None:
        pytest.fail("Xvfb and xdotool are needed for end-to-end tests: run `make sysdeps` (as root) first")
    for number in range(91, 120):
        if Path(f"/tmp/.X11-unix/X{number}").exists() or Path(f"/tmp/.X{number}-lock").exists():
            continue
        proc = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            if Path(f"/tmp/.X11-unix/X{number}").exists():
                break
            if proc.poll() is not None:
                break
            time.sleep(0.05)
        if proc.poll() is None and Path(f"/tmp/.X11-unix/X{number}").exists():
            display = Display(number, proc)
            yield display
            proc.terminate()
            proc.wait(timeout=10)
            return
    pytest.fail("could not start Xvfb on any display :91–:119")


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
        window = display.wait_for_window("ATG Desk")
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
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "Traceback" not in err
