"""Measured-levels tab: enter or paste (day, concentration, unit) rows or import a CSV; see observed against
fitted levels, the non-compartmental AUC so far, a forecast and a remaining-dose proposal with the fit quality.

All figures come from ``atgdesk.core.levels`` (parsing), ``nca`` (observed AUC) and ``fit`` (individual or MAP
fit, forecast, proposal); the panel only formats them.  The regimen, model, covariates and target window are
handed in by the calculator view (``set_context``).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Signal
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
from atgdesk.core.levels import AU_PER_ML, MG_PER_L, UG_PER_ML, LevelSeries, levels_from_rows, read_levels_csv
from atgdesk.core.nca import nca
from atgdesk.ui.calc_panels import VerticalScrollArea, full_text_tooltip

FIT_CHOICES = (("individual-1", "Individual fit, 1 compartment"), ("individual-2", "Individual fit, 2 compartments"),
               ("map", "Bayesian (MAP) with the model"))
EMPTY_ROWS = 8
EMPTY_DAY_RANGE = (-10.0, 30.0)  # days shown before any level is entered


@dataclass(frozen=True)
class LevelsContext:
    """What the levels analysis needs from the calculator: the doses given (engine regimen), the model and the
    patient's covariates (for MAP), the target window (lo, hi, unit or None), horizon and threshold."""

    regimen: object | None = None
    model: object | None = None
    covariates: dict | None = None
    window: tuple[float, float, str] | None = None
    horizon_day: float = 100.0
    threshold: float = 1.0


def _fmt(value: float | None, unit: str = "", digits: int = 3) -> str:
    if value is None or not np.isfinite(value):
        return "—"
    return f"{value:.{digits}g} {unit}".strip()


class LevelsPanel(QWidget):
    """Enter measured levels and read exposure from them."""

    analysed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = LevelsContext()
        self._series: LevelSeries | None = None
        self._result_text = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._build_ui()
        self._connect_signals()

    # -- construction -------------------------------------------------------------------------------------------
    def _build_ui(self) -> None:
        self.table = QTableWidget(EMPTY_ROWS, 3)
        self.table.setHorizontalHeaderLabels(["Day", "Concentration", "Unit"])
        self.table.horizontalHeaderItem(0).setToolTip("Day relative to HCT (day 0 = transplant)")
        self.table.horizontalHeaderItem(2).setToolTip("Leave blank for the default unit")
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.unit_combo = QComboBox()
        self.unit_combo.addItems([AU_PER_ML, UG_PER_ML, MG_PER_L])
        self.add_button = QPushButton("Add row")
        self.paste_button = QPushButton("Paste")
        self.paste_button.setToolTip("Paste rows copied from a spreadsheet: day, concentration[, unit]")
        self.import_button = QPushButton("Import CSV…")
        self.clear_button = QPushButton("Clear")
        self.fit_combo = QComboBox()
        for key, text in FIT_CHOICES:
            self.fit_combo.addItem(text, key)
        self.fit_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.fit_combo.setMinimumContentsLength(14)
        full_text_tooltip(self.fit_combo)
        self.errors = QLabel()
        self.errors.setTextFormat(Qt.TextFormat.PlainText)
        self.errors.setWordWrap(True)
        self.errors.setStyleSheet("color: #b00020;")
        self.results = QLabel("Enter at least two measured levels.")
        self.results.setTextFormat(Qt.TextFormat.PlainText)
        self.results.setWordWrap(True)
        self.results.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.results.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        self.plot_widget = pg.PlotWidget(background="w")
        self.plot_item = self.plot_widget.getPlotItem()
        self.plot_item.showGrid(x=True, y=True, alpha=0.25)
        self.plot_item.setMenuEnabled(False)
        self.plot_item.hideButtons()
        self.plot_item.setLabel("bottom", "Day relative to HCT")
        for name in ("bottom", "left"):
            # No "(x0.001)" scale factors: days and concentrations are read as they are (an empty plot showed
            # "Day relative to HCT (x0.001)" under ticks of ±400).
            self.plot_item.getAxis(name).enableAutoSIPrefix(False)
        self.plot_item.addLegend(offset=(-10, 10), labelTextColor="#222", brush=pg.mkBrush(255, 255, 255, 210))
        self.observed = pg.ScatterPlotItem([], [], size=9, brush=pg.mkBrush("#c0392b"), pen=pg.mkPen("#7b241c"),
                                           name="Measured")
        self.fitted = pg.PlotDataItem([], [], pen=pg.mkPen("#1f4e9c", width=2), name="Fit and forecast")
        self.day0 = pg.InfiniteLine(pos=0.0, angle=90, movable=False,
                                    pen=pg.mkPen("#333", style=Qt.PenStyle.DashLine))
        self.plot_item.addItem(self.fitted)
        self.plot_item.addItem(self.observed)
        self.plot_item.addItem(self.day0)
        self._show_empty_range()

        # A narrow entry column (buttons two by two, unit and fit on their own rows) leaves the plot and the
        # results most of the tab: at 1024×700 the plot was 200 px wide and the unit column's title cut off.
        entry = QGroupBox("Measured levels")
        buttons = QGridLayout()
        for i, b in enumerate((self.add_button, self.paste_button, self.import_button, self.clear_button)):
            buttons.addWidget(b, i // 2, i % 2)
        settings = QFormLayout()
        settings.addRow("Default unit", self.unit_combo)
        settings.addRow("Fit", self.fit_combo)
        entry_layout = QVBoxLayout(entry)
        entry_layout.addLayout(buttons)
        entry_layout.addLayout(settings)
        entry_layout.addWidget(self.table, 1)
        entry_layout.addWidget(self.errors)

        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.plot_widget)
        box = QGroupBox("Exposure from the levels")
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(2, 2, 2, 2)
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
        split.setSizes([300, 700])
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
            item.setToolTip("" if has_iiv else "The model has no between-patient variability")
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

    def analyse(self) -> None:
        """Parse the table and recompute NCA, fit, forecast and proposal."""
        self._timer.stop()
        self.errors.setText("")
        rows = self._table_rows()
        if not rows:
            self._series = None
            self._clear_results("Enter at least two measured levels.")
            return
        try:
            series = levels_from_rows(rows, unit=self.unit_combo.currentText(), source="levels table")
        except ValueError as exc:
            self._series = None
            self.errors.setText(str(exc))
            self._clear_results("The table has an error (see above).")
            return
        self._series = series
        self.observed.setData(series.t_day, series.concentration)
        self.plot_item.enableAutoRange()
        self.plot_item.setLabel("left", f"Concentration ({html.escape(series.unit)})")  # the label renders HTML
        lines = self._nca_lines(series)
        lines += self._fit_lines(series)
        self.results.setText("\n".join(lines))
        self.analysed.emit()

    # -- analysis (formatting the core's results) ---------------------------------------------------------------
    def _nca_lines(self, series: LevelSeries) -> list[str]:
        ctx = self._context
        try:
            res = nca(series, horizon_day=ctx.horizon_day)
        except ValueError as exc:
            return [f"Observed AUC: not available — {exc}"]
        u = res.exposure_unit
        lines = [f"Observed (non-compartmental, {res.n_levels} levels, day {res.first_day:g} to {res.last_day:g}):",
                 f"  AUC so far {_fmt(res.auc_observed, u)}; before day 0 {_fmt(res.auc_pre_observed, u)}; "
                 f"after day 0 {_fmt(res.auc_post_observed, u)}",
                 f"  Cmax {_fmt(res.c_max, series.unit)} on day {res.t_max_day:g}"]
        if res.terminal is not None:
            lines.append(f"  Terminal half-life {_fmt(res.terminal.half_life_day, 'days')} "
                         f"({res.terminal.verdict}); AUC after day 0 to day {res.horizon_day:g} with extrapolation "
                         f"{_fmt(res.auc_post, u)} ({_fmt(res.pct_extrapolated_post, '%')} extrapolated)")
        for note in res.notes:
            lines.append(f"  Note: {note}")
        return lines

    def _fit_lines(self, series: LevelSeries) -> list[str]:
        ctx = self._context
        if ctx.regimen is None:
            self.fitted.setData([], [])
            return ["Fit: set a regimen on the Prediction tab (the doses given) to fit the levels."]
        choice = self.fit_combo.currentData()
        try:
            if choice == "map":
                result = fitting.fit_map(series, ctx.regimen, ctx.model, ctx.covariates or {})
                head = (f"Bayesian (MAP) estimate with {ctx.model.name} [{ctx.model.status}] — shrinkage "
                        + ", ".join(f"{n} {100 * s:.0f} %" for n, s in zip(result.eta_names, result.shrinkage,
                                                                           strict=True)))
            else:
                comps = 1 if choice == "individual-1" else 2
                result = fitting.fit_individual(series, ctx.regimen, compartments=comps)
                head = (f"Individual linear {comps}-compartment fit: "
                        + ", ".join(f"{e.name} {_fmt(e.value, e.unit)} (RSE {_fmt(e.rse_pct, '%', 2)})"
                                    for e in result.estimates))
        except ValueError as exc:
            self.fitted.setData([], [])
            return [f"Fit: not possible — {exc}"]
        q = result.quality
        lines = ["", head, f"  Fit quality: {q.verdict}" + (f" — {'; '.join(q.reasons)}" if q.reasons else "")
                 + f" (n = {q.n_observations}, residual SD {q.residual_sd:.3g})"]
        curve = result.curve()
        try:
            fc = fitting.forecast_curve(curve, ctx.regimen, ctx.horizon_day, ctx.threshold)
        except ValueError as exc:
            self.fitted.setData([], [])
            return lines + [f"  Forecast: not possible — {exc}"]
        if np.all(np.isfinite(fc.conc)):
            self.fitted.setData(fc.t_day, fc.conc)
        u = series.exposure_unit
        below = f"day {fc.day_below_threshold:.1f}" if fc.day_below_threshold is not None else "not within horizon"
        lines.append(f"  Forecast for the planned regimen: AUC after day 0 {_fmt(fc.auc_post, u)}, total "
                     f"{_fmt(fc.auc_total, u)}; below {ctx.threshold:g} {series.unit} from {below}")
        lines += self._proposal_lines(series, curve)
        for note in result.notes:
            lines.append(f"  Note: {note}")
        return lines

    def _proposal_lines(self, series: LevelSeries, curve) -> list[str]:
        ctx = self._context
        if ctx.window is None:
            return ["  Remaining dose: choose a target window on the Prediction tab."]
        lo, hi, unit = ctx.window
        if unit != series.exposure_unit:
            return [f"  Remaining dose: not proposed — the target is in {unit}, the levels give "
                    f"{series.exposure_unit} (different assays are never compared)."]
        target = (lo + hi) / 2.0 if np.isfinite(hi) else lo
        last_day = float(series.t_day[-1])
        try:
            prop = fitting.propose_remaining_dose(curve, ctx.regimen, target, after_day=last_day,
                                                  horizon_day=ctx.horizon_day)
        except ValueError as exc:
            return [f"  Remaining dose: not proposed — {exc}"]
        doses = ", ".join(f"day {a.start_day:g}: {a.amount:.0f} mg" for a in prop.proposed_remaining)
        return [f"  Remaining-dose proposal (to AUC {target:g} {unit} after day 0; status {prop.status}): {doses} "
                f"→ predicted {_fmt(prop.achieved_auc, unit)} (planned doses give {_fmt(prop.planned_auc, unit)}). "
                "A proposal only — nothing is changed."]

    # -- helpers ------------------------------------------------------------------------------------------------
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
            cells = [c.strip() for c in (line.split("\t") if "\t" in line else line.split(","))]
            if cells and cells[0].lower() in ("day", "time", "time_day", "t_day"):
                continue  # a header row copied with the data
            rows.append(tuple((cells + ["", "", ""])[:3]))
        if rows:
            self.set_rows(rows)

    def _on_import_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import measured levels", "", "CSV files (*.csv);;All (*)")
        if path:
            self.load_csv(path)

    def _on_clear_clicked(self) -> None:
        self.set_rows([])
