"""Screenshots of both screens at several window sizes, light and dark, English and Simplified Chinese (issue 16).

Usage: python scripts/screenshots_matrix.py OUT_DIR [--sizes 1366x768,1024x700,1920x1080] [--schemes light,dark]
       [--languages en,zh_CN] [--select wang2025]
Each combination runs in its own process on its own Xvfb screen of that size (xvfb-run), so the window gets the
screen's real available geometry.  Files: OUT_DIR/<size>-<scheme>-<language>-<library|calculator>.png.
Sizes are logical pixels: under QT_SCALE_FACTOR=F the Xvfb screen (and the PNG) is F times as many physical pixels,
as for scripts/screenshot.py, whose tested xvfb_screen() this uses.
Chinese needs a CJK font (fonts-noto-cjk); without one Qt draws boxes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out_dir")
    parser.add_argument("--sizes", default="1366x768,1024x700,1920x1080")
    parser.add_argument("--schemes", default="light,dark")
    parser.add_argument("--languages", default="en,zh_CN")
    parser.add_argument("--select", default="wang2025", help="study to open in the library")
    parser.add_argument("--one", nargs=3, metavar=("SIZE", "SCHEME", "LANGUAGE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    out = Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if args.one:
        return _shoot(out, *args.one, select=args.select)
    if shutil.which("xvfb-run") is None:
        print("screenshots: needs xvfb-run (make sysdeps)", file=sys.stderr)
        return 2
    shot = _screenshot_script()
    failed = 0
    for size in args.sizes.split(","):
        for scheme in args.schemes.split(","):
            for language in args.languages.split(","):
                env = dict(os.environ, ATGDESK_LANGUAGE=language, ATGDESK_COLOR_SCHEME=scheme)
                env.pop("QT_QPA_PLATFORM", None)
                screen = shot.xvfb_screen(shot._size(size))  # logical size x QT_SCALE_FACTOR
                status = subprocess.call(["xvfb-run", "-a", "-s", f"-screen 0 {screen}x24", sys.executable,
                                          __file__, str(out), "--select", args.select, "--one", size, scheme,
                                          language], env=env)
                failed += status != 0
    return 1 if failed else 0


def _screenshot_script():
    """scripts/screenshot.py as a module (the scripts folder is not a package): its tested size helpers."""
    import importlib.util
    path = Path(__file__).with_name("screenshot.py")
    spec = importlib.util.spec_from_file_location("atgdesk_screenshot_script", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _shoot(out: Path, size: str, scheme: str, language: str, select: str) -> int:
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from PySide6.QtCore import QTimer

    from atgdesk import app
    ctx = app.build()
    window = ctx.window
    window.setGeometry(window.screen().availableGeometry())  # Xvfb has no window manager to maximise it
    window.tabs.setCurrentIndex(0)
    window.show()
    view = window.library_view
    saved: list[str] = []

    def grab(name: str) -> None:
        path = out / f"{size}-{scheme}-{language}-{name}.png"
        if window.screen().grabWindow(0).save(str(path)):
            saved.append(str(path))

    def library() -> None:
        window.tabs.setCurrentIndex(0)
        if hasattr(view, "select_study"):
            view.select_study(select)

    def calculator() -> None:
        grab("library")
        window.tabs.setCurrentIndex(1)

    def finish() -> None:
        grab("calculator")
        ctx.app.quit()

    QTimer.singleShot(400, library)
    QTimer.singleShot(1400, calculator)
    QTimer.singleShot(2600, finish)
    ctx.app.exec()
    for path in saved:
        print(f"screenshot: {path}", file=sys.stderr)
    return 0 if len(saved) == 2 else 1


if __name__ == "__main__":
    sys.exit(main())
