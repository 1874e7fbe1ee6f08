"""The calculator's exports: the dosing note (PDF), the plot (PNG or SVG) and the curve (CSV), each from the
presenter's current state (never from widget text), with the file dialog and the message each one ends with.

Nothing is written while the prediction for the current inputs is still being computed, or when there is none:
the reason is said instead.  Texts keep the calculator screen's translation context ("CalculatorView").
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from atgdesk.ui.calc_plot import ExposurePlot

if TYPE_CHECKING:  # the note's module is imported when a note is made (not when the calculator opens)
    from atgdesk.present.note import NoteContent, NoteFields

translate = QCoreApplication.translate  # pyside6-lupdate reads translate("Context", "text") calls


class CalculatorExports:
    """Writes the calculator's exports.  ``presenter`` holds the state (result, model, whether the current
    prediction is still computing); ``status(text)`` reports a written file (the status bar)."""

    def __init__(self, parent: QWidget, plot: ExposurePlot, presenter: Any, status: Callable[[str], None],
                 population_size: int) -> None:
        self._parent, self._plot, self._presenter = parent, plot, presenter
        self._status, self._n = status, population_size

    def check_ready(self) -> None:
        """ReportError when there is nothing current to export (still computing, or refused: why)."""
        from atgdesk.ui.report import ReportError
        if getattr(self._presenter, "computing", False):  # never the previous inputs' numbers
            raise ReportError(translate("CalculatorView", "the prediction for these inputs is still being "
                                        "computed; export again once it is shown"))
        if self._presenter.result is None or self._presenter.model is None:
            raise ReportError(self._presenter.error or translate("CalculatorView", "no prediction to export"))

    def content(self) -> NoteContent:
        """The dosing note's content, from the presenter's state (ReportError when there is nothing to report)."""
        from atgdesk.present.note import calculator_note
        from atgdesk.ui.report import ReportError, check_finite_metrics
        self.check_ready()
        m = self._presenter.result.metrics
        check_finite_metrics([m.auc_pre, m.auc_post, m.auc_total, m.cmax, m.tmax_day, m.day_below_threshold])
        try:
            return calculator_note(self._presenter, band_shown=self._presenter.band_wanted, n=self._n)
        except ValueError as exc:
            raise ReportError(str(exc)) from exc

    def pdf(self, path: str | Path, fields: NoteFields | None = None) -> Path:
        """The dosing note; ``fields`` (patient, prescriber, HCT date) are printed, not kept."""
        from atgdesk.ui.report import PLOT_EXPORT_WIDTH, plot_qimage, write_pdf
        content = self.content()
        with self._plot.export_title(PLOT_EXPORT_WIDTH):
            image = plot_qimage(self._plot.plot_item, PLOT_EXPORT_WIDTH)
        return write_pdf(path, content, image, fields)

    def plot(self, path: str | Path, fmt: str) -> Path:
        from atgdesk.ui.report import PLOT_EXPORT_WIDTH, export_plot_image, export_plot_svg
        self.check_ready()
        if fmt == "svg":  # drawn at the plot's own size: nothing to scale
            with self._plot.export_title():
                return export_plot_svg(self._plot.plot_item, path)
        with self._plot.export_title(PLOT_EXPORT_WIDTH):
            return export_plot_image(self._plot.plot_item, path, PLOT_EXPORT_WIDTH)

    def csv(self, path: str | Path) -> Path:
        from atgdesk.ui.report import write_curve_csv
        content = self.content()
        curve = self._presenter.state.plot.curve  # the curve on screen (the state's read-only arrays)
        return write_curve_csv(path, curve.t_day, curve.conc, content, self._presenter.model.concentration_unit)

    def run(self, fn: Callable[[str], Path], path: str) -> None:
        """Write with ``fn``; a failure is shown with its reason (nothing written), a success in the status bar."""
        from atgdesk.ui.report import ReportError
        try:
            out = fn(path)
        except (ReportError, OSError, ValueError) as exc:
            QMessageBox.warning(self._parent, translate("CalculatorView", "Export"),
                                translate("CalculatorView", "Nothing was written: {0}").format(exc))
            return
        self._status(translate("CalculatorView", "Written {0}").format(out))

    def _ask_path(self, title: str, suffix: str, filt: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self._parent, title, f"atg-scenario.{suffix}", filt)
        if path and not path.lower().endswith(f".{suffix}"):
            path += f".{suffix}"
        return path

    # ---- the Export menu's actions
    def ask_pdf(self) -> None:
        from atgdesk.ui.report import ask_note_fields
        fields = ask_note_fields(self._parent)  # optional patient / prescriber / HCT date, printed only
        if fields is None:
            return
        path = self._ask_path(translate("CalculatorView", "Save the dosing note"), "pdf", "PDF (*.pdf)")
        if path:
            self.run(lambda p: self.pdf(p, fields), path)

    def ask_plot(self, fmt: str) -> None:
        path = self._ask_path(translate("CalculatorView", "Save the plot"), fmt, f"{fmt.upper()} (*.{fmt})")
        if path:
            self.run(lambda p: self.plot(p, fmt), path)

    def ask_csv(self) -> None:
        path = self._ask_path(translate("CalculatorView", "Save the curve"), "csv", "CSV (*.csv)")
        if path:
            self.run(self.csv, path)
