"""Measured-levels tab: enter or paste (day, concentration, unit) rows or import a CSV; see observed against
fitted levels, the non-compartmental AUC so far, a forecast and a remaining-dose proposal with the fit quality.

All figures come from ``atgdesk.core.levels`` (parsing), ``nca`` (observed AUC) and ``fit`` (individual or MAP
fit, forecast, proposal); the panel only formats them.  The regimen, model, covariates and target are handed in by
the calculator view (``set_context``).

One figure is compared with the chosen target: the post-HCT exposure (AUC from day 0 to the horizon), measured
where the levels cover it and forecast by the fit for the rest (``fit.post_hct_exposure``), judged by the same rule
as the calculator's verdict (``core.targets.judge``).  Every other figure is explained in words beside it.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from atgdesk.core import fit as fitting
from atgdesk.core.levels import (
    AU_PER_ML,
    MG_PER_L,
    UG_PER_ML,
    LevelSeries,
    day_clock,
    levels_from_rows,
    read_levels_csv,
)
from atgdesk.core.nca import nca
from atgdesk.core.targets import judge, metric_words
from atgdesk.present.note import field_names, format_number, status_word
from atgdesk.ui import theme
from atgdesk.ui.calc_panels import VerticalScrollArea, full_text_tooltip

FIT_CHOICES = (("individual-1", QT_TRANSLATE_NOOP("LevelsPanel", "Individual fit, 1 compartment")),
               ("individual-2", QT_TRANSLATE_NOOP("LevelsPanel", "Individual fit, 2 compartments")),
               ("map", QT_TRANSLATE_NOOP("LevelsPanel", "Bayesian (MAP) with the model")))
EMPTY_ROWS = 8
EMPTY_DAY_RANGE = (-10.0, 30.0)  # days shown before any level is entered
WHEN_COLUMN = 3  # read-only: each sample's day and clock time relative to HCT


@dataclass(frozen=True)
class LevelsContext:
    """What the levels analysis needs from the calculator: the doses given (engine regimen), the model and the
    patient's covariates (for MAP), the chosen target (a ``core.targets.TargetWindow`` or None; ``window`` is
    kept for callers that only have bounds), horizon and threshold."""

    regimen: object | None = None
    model: object | None = None
    covariates: dict | None = None
    window: tuple[float, float, str] | None = None
    horizon_day: float = 100.0
    threshold: float = 1.0
    target: object | None = None


def _fmt(value: float | None, unit: str = "", digits: int = 3) -> str:
    if value is None or not np.isfinite(value):
        return "—"
    return f"{format_number(value, digits)} {unit}".strip()  # one number format: never '1.43e+03'


# The quality verdicts of core.nca and core.fit (codes compared in core), listed for lupdate.
_QUALITY_WORDS = {"good": QT_TRANSLATE_NOOP("LevelsPanel", "good"),
                  "questionable": QT_TRANSLATE_NOOP("LevelsPanel", "questionable")}


class LevelsPanel(QWidget):
    """Enter measured levels and read exposure from them."""

    analysed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = LevelsContext()
        self._series: LevelSeries | None = None
        self._result_text = ""
        self._verdict_role = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._build_ui()
        self._connect_signals()

    # -- construction -------------------------------------------------------------------------------------------
    def _build_ui(self) -> None:
        self.table = QTableWidget(EMPTY_ROWS, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Day"), self.tr("Concentration"), self.tr("Unit"),
                                              self.tr("When")])
        self.table.setAccessibleName(self.tr("Measured levels table"))
        # Tab leaves the table (a keyboard trap otherwise); arrows move between cells, typing or F2 edits one.
        self.table.setTabKeyNavigation(False)
        self.table.horizontalHeaderItem(0).setToolTip(self.tr(
            "Day relative to HCT (day 0 = transplant); a fraction is the time of day (-2.75 = day −3, 06:00). "
            "'.' or ',' as the decimal mark."))
        self.table.horizontalHeaderItem(2).setToolTip(self.tr("Leave blank for the default unit"))
        self.table.horizontalHeaderItem(WHEN_COLUMN).setToolTip(self.tr(
            "The sample's day and clock time relative to HCT, counting from HCT at 00:00 on day 0 (read-only)"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for column in (0, 2, WHEN_COLUMN):  # day, unit and 'day −3, 06:00' read whole; the concentration takes the rest
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.unit_combo = QComboBox()
        self.unit_combo.addItems([AU_PER_ML, UG_PER_ML, MG_PER_L])
        self.unit_combo.setAccessibleName(self.tr("Default unit"))
        self.add_button = QPushButton(self.tr("Add row"))
        self.paste_button = QPushButton(self.tr("Paste"))
        self.paste_button.setToolTip(self.tr("Paste rows copied from a spreadsheet: day, concentration[, unit]"))
        self.import_button = QPushButton(self.tr("Import CSV…"))
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.setAccessibleName(self.tr("Clear the measured levels"))
        self.fit_combo = QComboBox()
        self.fit_combo.setAccessibleName(self.tr("Fit"))
        for key, text in FIT_CHOICES:
            self.fit_combo.addItem(self.tr(text), key)
        self.fit_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.fit_combo.setMinimumContentsLength(14)
        full_text_tooltip(self.fit_combo)
        self.verdict = QLabel("")
        self.verdict.setTextFormat(Qt.TextFormat.PlainText)
        self.verdict.setWordWrap(True)
        self.verdict.setAccessibleName(self.tr("Levels compared with the target"))
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.errors = QLabel()
        self.errors.setTextFormat(Qt.TextFormat.PlainText)
        self.errors.setWordWrap(True)
        theme.bind(self.errors, lambda t: self.errors.setStyleSheet(theme.text_css(t.error)))
        self.results = QLabel(self.tr("Enter at least two measured levels."))
        self.results.setAccessibleName(self.tr("Exposure from the levels"))
        self.results.setTextFormat(Qt.TextFormat.PlainText)
        self.results.setWordWrap(True)
        self.results.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.results.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        self.plot_widget = pg.PlotWidget()  # colours: _apply_plot_theme (the palette's, light or dark)
        self.plot_item = self.plot_widget.getPlotItem()
        self.plot_item.showGrid(x=True, y=True, alpha=0.25)
        self.plot_item.setMenuEnabled(False)
        self.plot_item.hideButtons()
        self.plot_item.setLabel("bottom", self.tr("Day relative to HCT"))
        for name in ("bottom", "left"):
            # No "(x0.001)" scale factors: days and concentrations are read as they are (an empty plot showed
            # "Day relative to HCT (x0.001)" under ticks of ±400).
            self.plot_item.getAxis(name).enableAutoSIPrefix(False)
        colours = theme.current()
        self.legend = self.plot_item.addLegend(offset=(-10, 10), labelTextColor=colours.plot_foreground,
                                               brush=pg.mkBrush(*colours.plot_legend_bg_rgba))
        self.observed = pg.ScatterPlotItem([], [], size=9, name=self.tr("Measured"))
        self.fitted = pg.PlotDataItem([], [], name=self.tr("Fit and forecast"))
        self.day0 = pg.InfiniteLine(pos=0.0, angle=90, movable=False)
        self.plot_item.addItem(self.fitted)
        self.plot_item.addItem(self.observed)
        self.plot_item.addItem(self.day0)
        theme.bind(self.plot_widget, self._apply_plot_theme)
        self._show_empty_range()

        # A narrow entry column (buttons two by two, unit and fit on their own rows) leaves the plot and the
        # results most of the tab: at 1024×700 the plot was 200 px wide and the unit column's title cut off.
        entry = QGroupBox(self.tr("Measured levels"))
        buttons = QGridLayout()
        for i, b in enumerate((self.add_button, self.paste_button, self.import_button, self.clear_button)):
            buttons.addWidget(b, i // 2, i % 2)
        settings = QFormLayout()
        settings.addRow(self.tr("Default unit"), self.unit_combo)
        settings.addRow(self.tr("Fit"), self.fit_combo)
        entry_layout = QVBoxLayout(entry)
        entry_layout.addLayout(buttons)
        entry_layout.addLayout(settings)
        entry_layout.addWidget(self.table, 1)
        entry_layout.addWidget(self.errors)

        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.plot_widget)
        box = QGroupBox(self.tr("Exposure from the levels"))
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(2, 2, 2, 2)
        box_layout.addWidget(self.verdict)
        # The results run to a dozen wrapped lines (fit quality, forecast, remaining dose): they scroll, where
        # they used to be cut off at the bottom of the box with the fit quality unreadable.
        self.results_scroll = VerticalScrollArea(self.results)
        self.results_scroll.setFrameShape(QFrame.Shape.NoFrame)
        box_layout.addWidget(self.results_scroll, 1)
        right.addWidget(box)
        right.setSizes([320, 260])
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(entry)
        split.addWidget(right)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setSizes([330, 670])  # the entry column with its When column; the results keep the most room
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(split)

    def _connect_signals(self) -> None:
        self.table.itemChanged.connect(self._on_table_item_changed)
        self.unit_combo.currentIndexChanged.connect(self._on_settings_changed)
        self.fit_combo.currentIndexChanged.connect(self._on_settings_changed)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.paste_button.clicked.connect(self._on_paste_clicked)
        self.import_button.clicked.connect(self._on_import_clicked)
        self.clear_button.clicked.connect(self._on_clear_clicked)
        self._timer.timeout.connect(self.analyse)

    # -- public -------------------------------------------------------------------------------------------------
    def set_context(self, context: LevelsContext) -> None:
        """The calculator's current regimen/model/covariates/target; re-analyses (debounced) when levels exist."""
        self._context = context
        model = context.model
        has_iiv = bool(model is not None and getattr(model, "eta_names", ()))
        index = self.fit_combo.findData("map")
        item = self.fit_combo.model().item(index)
        if item is not None:
            item.setEnabled(has_iiv)
            item.setToolTip("" if has_iiv else self.tr("The model has no between-patient variability"))
        if not has_iiv and self.fit_combo.currentData() == "map":
            with QSignalBlocker(self.fit_combo):
                self.fit_combo.setCurrentIndex(0)
        if self._series is not None:
            self._timer.start()

    def set_rows(self, rows: list[tuple[str, str, str]]) -> None:
        """Replace the table with text rows (day, concentration, unit) and analyse."""
        with QSignalBlocker(self.table):
            self.table.setRowCount(max(len(rows) + 2, EMPTY_ROWS))
            self.table.clearContents()
            for r, row in enumerate(rows):
                for c, text in enumerate(row[:3]):
                    self.table.setItem(r, c, QTableWidgetItem(str(text)))
        self.analyse()

    def load_csv(self, path: str | Path) -> bool:
        """Import a levels CSV into the table; False (message shown) when the file is refused."""
        try:
            series = read_levels_csv(path, unit=self.unit_combo.currentText())
        except ValueError as exc:
            self.errors.setText(str(exc))
            return False
        rows = []
        for s in series.samples:
            conc = "BLQ" if s.blq and s.lloq is None else (f"<{s.lloq:g}" if s.blq else f"{s.concentration:g}")
            rows.append((f"{s.t_day:g}", conc, series.unit))
        self.set_rows(rows)
        return True

    def series(self) -> LevelSeries | None:
        return self._series

    def result_text(self) -> str:
        return self.results.text()

    def error_text(self) -> str:
        return self.errors.text()

    def verdict_text(self) -> str:
        return self.verdict.text()

    def _quality(self, verdict: str) -> str:
        """A terminal phase's or fit's verdict ('good' / 'questionable', core codes) in the interface language."""
        return self.tr(_QUALITY_WORDS.get(verdict, verdict))

    def _join(self, items) -> str:
        """A list in the interface language: ', ' in English, '、' in Chinese (the separator is translated)."""
        return self.tr(", ", "list separator").join(items)

    def _unit(self, unit: str) -> str:
        """A fit parameter's unit: 'mg/day per AU/mL' (the core's words for an arbitrary assay unit) with its
        'per' in the interface language; plain units ('L/day') as they are."""
        amount, sep, conc = unit.partition(" per ")
        return self.tr("{0} per {1}", "a dose unit per concentration unit").format(amount, conc) if sep else unit

    def verdict_role(self) -> str:
        """ok / caution / danger / neutral ('' when nothing is compared)."""
        return self._verdict_role

    def analyse(self) -> None:
        """Parse the table and recompute NCA, fit, forecast, the post-HCT exposure against the target and the
        proposal."""
        self._timer.stop()
        self.errors.setText("")
        rows = self._table_rows()
        if not rows:
            self._series = None
            self._show_times(None)
            self._clear_results(self.tr("Enter at least two measured levels."))
            return
        try:
            series = levels_from_rows(rows, unit=self.unit_combo.currentText(), source=self.tr("levels table"))
        except ValueError as exc:
            self._series = None
            self._show_times(None)
            self.errors.setText(str(exc))
            self._clear_results(self.tr("The table has an error (see above)."))
            return
        self._series = series
        self._show_times(series)
        self.observed.setData(series.t_day, series.concentration)
        self.plot_item.enableAutoRange()
        self.plot_item.setLabel("left", self.tr("Concentration ({0})").format(html.escape(series.unit)))  # the label renders HTML
        ctx = self._context
        try:
            res = nca(series, horizon_day=ctx.horizon_day)
        except ValueError as exc:
            res, nca_problem = None, str(exc)
        else:
            nca_problem = ""
        fit_lines, curve, forecast = self._fit_lines(series)
        exposure = fitting.post_hct_exposure(res, forecast)
        lines = self._exposure_lines(series, res, exposure)
        lines += ["", self.tr("The other figures:")]
        lines += self._nca_lines(series, res, nca_problem)
        lines += fit_lines
        if curve is not None:
            lines += self._proposal_lines(series, curve)
        self.results.setText("\n".join(lines))
        self.analysed.emit()

    # -- analysis (formatting the core's results) ---------------------------------------------------------------
    def _exposure_lines(self, series: LevelSeries, res, exposure) -> list[str]:
        """The one post-HCT exposure, how it is made up, and its verdict against the chosen target."""
        u = series.exposure_unit
        h = self._context.horizon_day
        title = self.tr("Post-HCT exposure (AUC after day 0, to day {0})").format(format_number(h))
        if exposure is None:
            self._set_verdict("", "")
            why = self.tr("the levels do not reach day {0} and there is no forecast (set the regimen on the "
                          "Prediction tab) nor a terminal phase to extrapolate").format(format_number(h))
            return [self.tr("{0}: not available — {1}.").format(title, why)]
        lines = [self.tr("{0}: {1}", "a heading and its value").format(title, _fmt(exposure.auc, u))]
        if exposure.observed_from_day is not None:
            lines.append("  " + self.tr("measured day {0} to {1} (non-compartmental): {2}").format(
                format_number(exposure.observed_from_day), format_number(exposure.observed_to_day),
                _fmt(exposure.observed, u)))
        if exposure.method.endswith("forecast"):
            lines.append("  " + self.tr("+ forecast by the fit for the rest, with the regimen as given and "
                                        "planned: {0}").format(_fmt(exposure.added, u)))
        elif exposure.method.endswith("extrapolation"):
            lines.append("  " + self.tr("+ extrapolated from the last level with the terminal half-life: {0} "
                                        "(no fit: later doses are not counted)").format(_fmt(exposure.added, u)))
        self._compare_with_target(series, exposure.auc)
        return lines

    def _compare_with_target(self, series: LevelSeries, value: float) -> None:
        target = self._context.target
        if target is None:
            self._set_verdict(self.tr("Not compared with a target: choose a setting and a target on the "
                                      "Prediction tab."), "")
            return
        if target.metric != "auc_post":
            self._set_verdict(self.tr("Not compared: the chosen target is about the {0}, the levels give the "
                                      "post-HCT AUC.").format(metric_words(target)), "")
            return
        if target.unit != series.exposure_unit:
            self._set_verdict(self.tr("Not compared: the target is in {0}, the levels give {1} (different assays "
                                      "are never compared).").format(target.unit, series.exposure_unit), "")
            return
        verdict = judge(target, value, subject=self.tr("This patient (measured + forecast)"))
        self._set_verdict(verdict.text, verdict.role)

    def _apply_plot_theme(self, t: theme.Theme) -> None:
        self.plot_widget.setBackground(t.plot_background)
        for name in ("bottom", "left"):
            self.plot_item.getAxis(name).setPen(pg.mkPen(t.plot_axis))
            self.plot_item.getAxis(name).setTextPen(pg.mkPen(t.plot_foreground))
        self.legend.setBrush(pg.mkBrush(*t.plot_legend_bg_rgba))
        self.legend.setLabelTextColor(t.plot_foreground)
        # measured levels: the first pin colour (Okabe–Ito vermillion), outlined in the plot's text colour
        self.observed.setBrush(pg.mkBrush(t.pins[0]))
        self.observed.setPen(pg.mkPen(t.plot_foreground))
        self.fitted.setPen(pg.mkPen(t.plot_curve, width=2))
        self.day0.setPen(pg.mkPen(t.plot_foreground, style=Qt.PenStyle.DashLine))
        if getattr(self, "_verdict_role", ""):
            self._set_verdict(self.verdict.text(), self._verdict_role)

    def _set_verdict(self, text: str, role: str) -> None:
        self.verdict.setText(text)
        self.verdict.setAccessibleDescription(text)  # the verdict in words for screen readers, not colour alone
        self._verdict_role = role
        if role:
            self.verdict.setStyleSheet(theme.verdict_css(theme.current().verdict(role)))
        else:
            self.verdict.setStyleSheet("")
        self.verdict.setVisible(bool(text))

    def _nca_lines(self, series: LevelSeries, res, problem: str) -> list[str]:
        if res is None:
            return ["• " + self.tr("Measured AUC: not available — {0}").format(problem)]
        u = res.exposure_unit
        lines = [
            "• " + self.tr("Measured: {0} levels, {1} to {2}; highest {3} on {4} (clock times from HCT at 00:00 "
                           "on day 0).").format(
                res.n_levels, day_clock(res.first_day), day_clock(res.last_day), _fmt(res.c_max, series.unit),
                day_clock(res.t_max_day)),
            "• " + self.tr("Measured AUC before day 0: {0} — exposure during conditioning; the targets count "
                           "only the post-HCT AUC.").format(_fmt(res.auc_pre_observed, u)),
            "• " + self.tr("Measured AUC between the levels, first to last: {0} — before and after day 0 "
                           "together, not to be compared with a target.").format(_fmt(res.auc_observed, u))]
        if res.terminal is not None:
            lines.append("• " + self.tr(
                "Terminal half-life {0} ({1}). Extrapolating the last level with it gives a post-HCT AUC of {2} "
                "({3} extrapolated) — a cross-check only: it ignores doses after the last level.").format(
                _fmt(res.terminal.half_life_day, self.tr("days")), self._quality(res.terminal.verdict), _fmt(res.auc_post, u),
                _fmt(res.pct_extrapolated_post, "%")))
        for note in res.notes:
            lines.append("  " + self.tr("Note: {0}").format(note))
        return lines

    def _fit_lines(self, series: LevelSeries) -> tuple[list[str], object | None, object | None]:
        """(text lines, fitted curve or None, forecast metrics or None)."""
        ctx = self._context
        if ctx.regimen is None:
            self.fitted.setData([], [])
            return (["• " + self.tr("Fit: set a regimen on the Prediction tab (the doses given) to fit the "
                                    "levels.")], None, None)
        choice = self.fit_combo.currentData()
        try:
            if choice == "map":
                result = fitting.fit_map(series, ctx.regimen, ctx.model, ctx.covariates or {})
                head = self.tr("Bayesian (MAP) estimate with {0} [{1}] — shrinkage {2}").format(
                    ctx.model.name, status_word(ctx.model.status),
                    self._join(f"{n} {100 * s:.0f} %" for n, s in zip(result.eta_names, result.shrinkage,
                                                                      strict=True)))
            else:
                comps = 1 if choice == "individual-1" else 2
                result = fitting.fit_individual(series, ctx.regimen, compartments=comps)
                head = self.tr("Individual linear {0}-compartment fit (apparent parameters): {1}").format(
                    comps, self._join(f"{e.name} {_fmt(e.value, self._unit(e.unit))} "
                                      f"(RSE {_fmt(e.rse_pct, '%', 2)})" for e in result.estimates))
        except ValueError as exc:
            self.fitted.setData([], [])
            return ["• " + self.tr("Fit: not possible — {0}").format(field_names(str(exc)))], None, None
        q = result.quality
        lines = ["• " + head,
                 "  " + self.tr("Fit quality: {0}").format(self._quality(q.verdict))
                 + (" — " + self.tr("; ", "separator of reasons").join(q.reasons) if q.reasons else "")
                 + " " + self.tr("(n = {0}, residual SD {1})").format(q.n_observations,
                                                                      format_number(q.residual_sd))]
        curve = result.curve()
        try:
            fc = fitting.forecast_curve(curve, ctx.regimen, ctx.horizon_day, ctx.threshold)
        except ValueError as exc:
            self.fitted.setData([], [])
            return lines + ["  " + self.tr("Forecast: not possible — {0}").format(field_names(str(exc)))], curve, None
        if np.all(np.isfinite(fc.conc)):
            self.fitted.setData(fc.t_day, fc.conc)
        u = series.exposure_unit
        below = (self.tr("day {0}").format(f"{fc.day_below_threshold:.1f}") if fc.day_below_threshold is not None
                 else self.tr("not within the horizon"))
        lines.append("• " + self.tr(
            "Forecast of the fitted curve alone, regimen as given and planned: post-HCT AUC {0} (the figure "
            "above uses the measured levels where they exist); with the AUC before day 0, total {1}; below {2} "
            "from {3}.").format(_fmt(fc.auc_post, u), _fmt(fc.auc_total, u),
                                _fmt(ctx.threshold, series.unit), below))
        for note in result.notes:
            lines.append("  " + self.tr("Note: {0}").format(field_names(note)))
        return lines, curve, fc

    def _proposal_lines(self, series: LevelSeries, curve) -> list[str]:
        ctx = self._context
        target = ctx.target
        if target is None:
            return ["• " + self.tr("Remaining dose: choose a target on the Prediction tab.")]
        if target.metric != "auc_post" or target.unit != series.exposure_unit:
            return ["• " + self.tr("Remaining dose: not proposed — the target cannot be compared with these "
                                   "levels (see above).")]
        if target.kind != "aim-window" or target.lower is None or target.upper is None:
            return ["• " + self.tr("Remaining dose: proposed only towards an aim window (a range to aim at); "
                                   "this target is a limit or a band, so no dose is aimed at it.")]
        aim = (target.lower + target.upper) / 2.0
        last_day = float(series.t_day[-1])
        later = [a for a in ctx.regimen.administrations if a.start_day > last_day]
        if not later:
            return ["• " + self.tr("Remaining dose: not proposed — no dose of the regimen starts after the last "
                                   "level (day {0}), so nothing is left to adjust.").format(
                format_number(last_day))]
        try:
            prop = fitting.propose_remaining_dose(curve, ctx.regimen, aim, after_day=last_day,
                                                  horizon_day=ctx.horizon_day)
        except ValueError as exc:
            return ["• " + self.tr("Remaining dose: not proposed — {0}").format(
                str(exc).split(": ", 1)[-1])]
        unit = target.unit
        doses = self._join(self.tr("{0}: {1} mg", "a dose on a day and time").format(
            day_clock(a.start_day), format_number(a.amount)) for a in prop.proposed_remaining)
        return ["• " + self.tr(
            "Remaining-dose proposal towards the middle of the window ({0}; status {1}): {2} → predicted post-HCT "
            "AUC {3} (the planned doses give {4}). A proposal only — nothing is changed.").format(
            _fmt(aim, unit), prop.status, doses, _fmt(prop.achieved_auc, unit), _fmt(prop.planned_auc, unit))]

    # -- helpers ------------------------------------------------------------------------------------------------
    def _show_times(self, series: LevelSeries | None) -> None:
        """Fill the read-only 'When' column: each row's day and clock time relative to HCT."""
        by_row = {}
        if series is not None:
            by_row = {s.row: day_clock(s.t_day) for s in series.samples}
        with QSignalBlocker(self.table):
            entered = 0
            for r in range(self.table.rowCount()):
                cells = [(self.table.item(r, c).text().strip() if self.table.item(r, c) else "") for c in range(3)]
                text = ""
                if any(cells):
                    entered += 1
                    text = by_row.get(entered, "")
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(r, WHEN_COLUMN, item)

    def _table_rows(self) -> list[tuple[str, str, str]]:
        rows = []
        for r in range(self.table.rowCount()):
            cells = [(self.table.item(r, c).text().strip() if self.table.item(r, c) else "") for c in range(3)]
            if not any(cells):
                continue
            rows.append((cells[0], cells[1], cells[2]))
        return rows

    def _clear_results(self, text: str) -> None:
        self.observed.setData([], [])
        self.fitted.setData([], [])
        self._set_verdict("", "")
        self.results.setText(text)
        self._show_empty_range()

    def _show_empty_range(self) -> None:
        """Without levels, the weeks around the transplant (not pyqtgraph's default ±0.5 scaled by 1000)."""
        self.plot_item.setXRange(*EMPTY_DAY_RANGE, padding=0.0)
        self.plot_item.setYRange(0.0, 1.0, padding=0.0)  # (fixes the range: levels turn auto-range back on)

    # -- slots --------------------------------------------------------------------------------------------------
    def _on_table_item_changed(self, _item: QTableWidgetItem) -> None:
        self._timer.start()

    def _on_settings_changed(self, _index: int) -> None:
        self._timer.start()

    def _on_add_clicked(self) -> None:
        self.table.setRowCount(self.table.rowCount() + 1)

    def _on_paste_clicked(self) -> None:
        text = QApplication.clipboard().text()
        rows = []
        for line in text.splitlines():
            if not line.strip():
                continue
            # Tabs (a spreadsheet), else ';' (a CSV written where ',' is the decimal mark), else ','.
            sep = "\t" if "\t" in line else (";" if ";" in line else ",")
            cells = [c.strip() for c in line.split(sep)]
            if cells and cells[0].lower() in ("day", "time", "time_day", "t_day"):
                continue  # a header row copied with the data
            rows.append(tuple((cells + ["", "", ""])[:3]))
        if rows:
            self.set_rows(rows)

    def _on_import_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import measured levels"), "",
                                              self.tr("CSV files (*.csv);;All (*)"))
        if path:
            self.load_csv(path)

    def _on_clear_clicked(self) -> None:
        self.set_rows([])
