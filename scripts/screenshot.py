"""Take a screenshot of the real app on a real X server (run under Xvfb: `make screenshot`).

Usage: python scripts/screenshot.py OUT.png [--tab library|calculator] [--search TEXT]
Starts the app in-process, optionally types a search, waits for the window to settle, grabs the whole screen.
Re-executes itself under xvfb-run when there is no display.
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
    parser.add_argument("out")
    parser.add_argument("--tab", choices=["library", "calculator"], default="library")
    parser.add_argument("--search", default="")
    parser.add_argument("--select", default="", help="study id to open in the study view")
    parser.add_argument("--size", default="1280x800")
    args = parser.parse_args()
    if not os.environ.get("DISPLAY"):
        if shutil.which("xvfb-run") is None:
            print("screenshot: needs a display or xvfb-run (make sysdeps)", file=sys.stderr)
            return 2
        return subprocess.call(["xvfb-run", "-a", "-s", f"-screen 0 {args.size}x24", sys.executable,
                                *sys.argv])
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from PySide6.QtCore import QTimer

    from atgdesk import app
    ctx = app.build()
    window = ctx.window
    width, height = (int(v) for v in args.size.split("x"))
    window.setGeometry(0, 0, width, height)
    window.tabs.setCurrentIndex(0 if args.tab == "library" else 1)
    window.show()
    view = window.library_view
    if args.search and hasattr(view, "set_query"):
        view.set_query(args.search)
    if args.select and hasattr(view, "select_study"):
        QTimer.singleShot(700, lambda: view.select_study(args.select))
    result = {"ok": False}

    def grab() -> None:
        image = window.screen().grabWindow(0)
        result["ok"] = image.save(args.out)
        ctx.app.quit()

    QTimer.singleShot(1500, grab)
    ctx.app.exec()
    print(f"screenshot: {args.out}" if result["ok"] else "screenshot: failed", file=sys.stderr)
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
