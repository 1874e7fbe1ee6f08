"""Take a screenshot of the real app on a real X server (run under Xvfb: `make screenshot`).

Usage: python scripts/screenshot.py OUT.png [--tab library|calculator] [--search TEXT] [--select ID]
       [--size WxH] [--study-scroll PIXELS|end] [--chinese] [--favourite] [--tag TAG] [--note TEXT]
       [--dialog export|import-report|open-link] [--tooltip title] [--target ID] [--dose MG_PER_KG]
       [--weight KG]
Starts the app in-process, optionally types a search, opens a study and puts the screen in the state asked for,
waits for the window to settle, grabs the whole screen.  Re-executes itself under xvfb-run when there is no
display.  A --size below the window's minimum size shows the window at its minimum size (the screen keeps the
asked size, so what does not fit is visible as such).

--size is in logical pixels, as the app lays itself out: under QT_SCALE_FACTOR=2, --size 1366x768 is a
2732x1536 screen (a 2x laptop), the Xvfb screen is made that large and the PNG has that many pixels.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="QT_SCALE_FACTOR (e.g. 2) scales the screen: see --size.")
    parser.add_argument("out")
    parser.add_argument("--tab", choices=["library", "calculator"], default="library")
    parser.add_argument("--search", default="")
    parser.add_argument("--select", default="", help="study id to open in the study view")
    parser.add_argument("--size", default="1280x800", type=_size,
                        help="window and screen size WxH in logical pixels (default 1280x800); under "
                             "QT_SCALE_FACTOR=F the screen and the PNG are F times as many physical pixels")
    parser.add_argument("--study-scroll", default="", help="scroll the study view down by PIXELS, or 'end'")
    parser.add_argument("--chinese", action="store_true", help="show the Chinese abstract (wang2025)")
    parser.add_argument("--favourite", action="store_true", help="mark the selected study as a favourite")
    parser.add_argument("--tag", action="append", default=[], help="add a tag to the selected study")
    parser.add_argument("--note", default="", help="type a note on the selected study")
    parser.add_argument("--dialog", choices=["export", "import-report", "open-link"], default="",
                        help="open one of the library's dialogs (not modal, so the grab sees it)")
    parser.add_argument("--tooltip", choices=["title"], default="",
                        help="show the tooltip of the selected row's title cell")
    parser.add_argument("--target", default="", help="calculator: choose this target (and its setting)")
    parser.add_argument("--dose", type=float, default=None, help="calculator: daily dose in mg/kg")
    parser.add_argument("--weight", type=float, default=None, help="calculator: body weight in kg")
    args = parser.parse_args()
    if not os.environ.get("DISPLAY"):
        if shutil.which("xvfb-run") is None:
            print("screenshot: needs a display or xvfb-run (make sysdeps)", file=sys.stderr)
            return 2
        return subprocess.call(["xvfb-run", "-a", "-s", f"-screen 0 {xvfb_screen(args.size)}x24", sys.executable,
                                *sys.argv])
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from PySide6.QtCore import QTimer

    from atgdesk import app
    ctx = app.build()
    window = ctx.window
    width, height = args.size  # logical pixels: Qt scales them to the screen's physical ones
    window.setGeometry(0, 0, width, height)
    window.tabs.setCurrentIndex(0 if args.tab == "library" else 1)
    window.show()
    view = window.library_view
    if args.search and hasattr(view, "set_query"):
        view.set_query(args.search)
    if args.select and hasattr(view, "select_study"):
        QTimer.singleShot(700, lambda: view.select_study(args.select))
        QTimer.singleShot(800, lambda: _arrange(view, args))
    if args.target or args.dose is not None or args.weight is not None:
        QTimer.singleShot(700, lambda: _calculator(window.calculator_view, args))
    result = {"ok": False, "keep": []}
    if args.dialog:
        QTimer.singleShot(900, lambda: result["keep"].append(_open_dialog(view, args.dialog)))

    def grab() -> None:
        image = window.screen().grabWindow(0)
        result["ok"] = image.save(args.out)
        ctx.app.quit()

    QTimer.singleShot(1500, grab)
    ctx.app.exec()
    print(f"screenshot: {args.out}" if result["ok"] else "screenshot: failed", file=sys.stderr)
    return 0 if result["ok"] else 1


def _size(text: str) -> tuple[int, int]:
    """'1366x768' (or 1366×768) → (1366, 768); argparse reports a malformed size naming --size."""
    parts = text.lower().replace("×", "x").split("x")
    try:
        width, height = (int(v) for v in parts)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WxH in logical pixels, e.g. 1366x768, got {text!r}") from None
    if width < 100 or height < 100:
        raise argparse.ArgumentTypeError(f"too small: {text!r} (at least 100x100)")
    return width, height


def xvfb_screen(size: tuple[int, int]) -> str:
    """The Xvfb screen for a logical ``size``: Xvfb counts physical pixels, the logical size times the scale
    factor Qt will apply ('2732x1536' for 1366x768 under QT_SCALE_FACTOR=2)."""
    scale = _scale_factor()
    return f"{round(size[0] * scale)}x{round(size[1] * scale)}"


def _scale_factor() -> float:
    """QT_SCALE_FACTOR as Qt reads it (1 when unset or not a positive number)."""
    try:
        value = float(os.environ.get("QT_SCALE_FACTOR", "1") or "1")
    except ValueError:
        return 1.0
    return value if value > 0 else 1.0


def _arrange(view, args) -> None:
    """Put the selected study in the state the options ask for."""
    from PySide6.QtCore import QTimer
    study = view.study_view
    if args.favourite and not study.favourite_button.isChecked():
        study.favourite_button.click()
    for tag in args.tag:
        study.tag_edit.setText(tag)
        study.tag_edit.returnPressed.emit()
    if args.note:
        study.notes_edit.setPlainText(args.note)
        study.flush_note()
    if args.chinese:
        study.show_language(True)
    if args.tooltip == "title":
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QToolTip

        from atgdesk.ui.citation_model import CitationTableModel
        index = view.table.currentIndex().siblingAtColumn(CitationTableModel.TITLE)
        rect = view.table.visualRect(index)
        QToolTip.showText(view.table.viewport().mapToGlobal(rect.center()),
                          index.data(Qt.ItemDataRole.ToolTipRole), view.table)
    if args.study_scroll:
        bar = study.scroll.verticalScrollBar()
        QTimer.singleShot(100, lambda: bar.setValue(bar.maximum() if args.study_scroll == "end"
                                                    else int(args.study_scroll)))


def _calculator(calc, args) -> None:
    """Put the calculator in the state the options ask for: inputs first, then the target's setting and it."""
    changes = {}
    if args.dose is not None:
        changes["dose_mg_per_kg"] = args.dose
    if args.weight is not None:
        changes["weight_kg"] = args.weight
    if changes:
        calc.set_inputs(calc.inputs().with_(**changes))
    if args.target:
        target = next((t for t in calc._targets if t.id == args.target), None)
        if target is None:
            print(f"screenshot: --target: unknown id {args.target!r}", file=sys.stderr)
            return
        calc.setting_combo.setCurrentIndex(calc.setting_combo.findData(target.setting))
        calc.target.combo.setCurrentIndex(calc.target.combo.findData(args.target))


def _open_dialog(view, which: str):
    """Show one of the library's dialogs without blocking (returned so it is not garbage-collected)."""
    from atgdesk.ui import library_dialogs
    if which == "export":
        dialog = library_dialogs.ExportDialog(len(view.selected_ids()), len(view.listed_ids()), parent=view)
    elif which == "import-report":
        text = library_dialogs.import_report_text([
            ("pubmed-export-with-a-rather-long-file-name-2025.nbib", 3,
             [("Horse versus rabbit antithymocyte globulin in acquired aplastic anemia.", "same PMID as a "
               "study in the library")], ""),
            ("broken.ris", 0, [], "line 12: a record ends without an ER tag")])
        dialog = library_dialogs.ImportReportDialog(text, view)
    else:  # the study view's own confirmation (modal: the grab runs inside its event loop, quitting ends both)
        buttons = view.study_view.identifier_buttons()
        if buttons:
            buttons[0].click()
        return None
    dialog.show()
    return dialog


if __name__ == "__main__":
    sys.exit(main())
