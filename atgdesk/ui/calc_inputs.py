"""Numeric inputs of the calculator: a slider and a spin box bound to one value, both ways.

:class:`BoundSlider` is the reusable piece.  The slider is an integer ``QSlider`` over a grid of ``step``-sized
positions; the spin box holds the exact value.  A change in either widget updates the other inside a
``QSignalBlocker`` (napari style), so there is no feedback loop and ``value_changed`` fires exactly once per user
change.  Two kinds of limit:

* **soft range** — outside the model's population (its validity domain): the value is accepted and a warning is
  shown beside the control;
* **hard range** — impossible or refused by the engine: the value is not accepted, the widgets go back to the last
  accepted value and the reason is shown, naming the field.

Programmatic updates (``set_value``) never emit ``value_changed``: the view decides when to recompute.
"""

from __future__ import annotations

import math
import re

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSlider,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from atgdesk.present.day_table import format_row
from atgdesk.ui import theme
from atgdesk.ui.calc_panels import text_high_rows
from atgdesk.ui.numeric import DecimalSpinBox

DAY_TABLE_ROWS = 10  # free per-day rows shown whole; more scroll inside the table

STATE_OK = "ok"
STATE_SOFT = "soft"
STATE_REFUSED = "refused"

# Message styles by theme role (atgdesk.ui.theme): colours follow the palette, light or dark.
_WARN_STYLE = "warning"
_REFUSED_STYLE = "error"


def _message_css(style: str) -> str:
    if not style:
        return ""
    colours = theme.current()
    return theme.text_css(getattr(colours, style), bold=style == _REFUSED_STYLE)

# The spin box itself accepts anything in this span so a typed out-of-range value can be refused *with a reason*
# instead of being clamped silently by Qt.
_SPIN_SPAN = 1.0e6


class BoundSlider(QWidget):
    """A labelled slider + spin box for one number, with soft-range warning and hard-range refusal.

    ``label`` names the field in messages; ``unit`` is shown as the spin box suffix.  ``slider_range`` is the span
    the slider covers (defaults to the hard range); the spin box can reach any value inside the hard range.
    """

    value_changed = Signal(float)
    """Emitted once for every accepted user change (slider drag step, spin box commit)."""
    refused = Signal(str)
    """Emitted with the reason when a user value is refused (hard range)."""

    def __init__(self, label: str, unit: str, value: float, hard_range: tuple[float, float],
                 step: float = 1.0, decimals: int = 1, slider_range: tuple[float, float] | None = None,
                 soft_range: tuple[float, float] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # "&Dose per day": the mnemonic (Alt+D) reaches the spin box; names and messages use the plain words.
        # A translation carries it as "每日剂量(&D)": the "(&D)" goes from the plain words.
        plain = re.sub(r"\s*\(&\w\)$", "", label)
        self._label_text = plain.replace("&&", "\0").replace("&", "").replace("\0", "&")
        self._mnemonic_text = label
        self._unit = unit
        self._step = float(step)
        self._decimals = int(decimals)
        self._hard = (float(hard_range[0]), float(hard_range[1]))
        self._hard_reason = ""
        self._soft: tuple[float, float] | None = None
        self._soft_reason = ""
        self._slider_lo, self._slider_hi = slider_range if slider_range is not None else self._hard
        self._value = float(value)
        self._state = STATE_OK
        self._message = ""
        self._build_ui()
        self._connect_signals()
        self._configure_slider()
        if soft_range is not None:
            self.set_soft_range(*soft_range)
        self._show_value(self._value)
        self._update_state(self._value)

    # -- construction -------------------------------------------------------------------------------------------
    def _build_ui(self) -> None:
        self.label = QLabel(self._mnemonic_text)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.slider.setMinimumWidth(80)
        self.slider.setAccessibleName(self.tr("{0} slider").format(self._label_text))
        # '.' and ',' both read as the decimal mark in every locale: a typed value never changes magnitude.
        self.spin = DecimalSpinBox(self._label_text)
        self.spin.setDecimals(self._decimals)
        self.spin.setSingleStep(self._step)
        self.spin.setRange(-_SPIN_SPAN, _SPIN_SPAN)
        self.spin.setKeyboardTracking(False)  # valueChanged on Enter/focus-out/arrows, not on every keystroke
        self.spin.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToPreviousValue)
        self.spin.setSuffix(f" {self._unit}" if self._unit else "")
        self.spin.setMinimumWidth(110)
        self.spin.setAccessibleName(self._label_text)
        self.label.setBuddy(self.spin)
        self.message_label = QLabel("")
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.setWordWrap(True)
        self.message_label.setVisible(False)
        theme.bind(self.message_label, lambda _t: self.message_label.setStyleSheet(
            _message_css(getattr(self, "_message_style", ""))))

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(1)
        grid.addWidget(self.label, 0, 0, 1, 2)
        row = QHBoxLayout()
        row.addWidget(self.slider, 1)
        row.addWidget(self.spin)
        grid.addLayout(row, 1, 0, 1, 2)
        grid.addWidget(self.message_label, 2, 0, 1, 2)

    def _connect_signals(self) -> None:
        self.slider.valueChanged.connect(self._on_slider_value_changed)
        self.spin.valueChanged.connect(self._on_spin_value_changed)
        self.spin.rejected.connect(self._on_spin_text_rejected)

    def _configure_slider(self) -> None:
        lo = max(self._slider_lo, self._hard[0])
        hi = min(self._slider_hi, self._hard[1])
        self._slider_lo, self._slider_hi = lo, hi
        steps = max(1, int(round((hi - lo) / self._step)))
        with QSignalBlocker(self.slider):
            self.slider.setRange(0, steps)
            self.slider.setSingleStep(1)
            self.slider.setPageStep(max(1, steps // 10))

    # -- public -------------------------------------------------------------------------------------------------
    def value(self) -> float:
        """The last accepted value."""
        return self._value

    def state(self) -> str:
        """``"ok"``, ``"soft"`` (accepted with a warning) or ``"refused"`` (the last user value was refused)."""
        return self._state

    def message(self) -> str:
        """The warning or refusal shown beside the control ('' when none)."""
        return self._message

    def field_name(self) -> str:
        return self._label_text

    def hard_range(self) -> tuple[float, float]:
        return self._hard

    def soft_range(self) -> tuple[float, float] | None:
        return self._soft

    def set_value(self, value: float) -> bool:
        """Programmatic update (no ``value_changed``).  Returns False, and shows why, when ``value`` is refused."""
        reason = self._refusal(value)
        if reason:
            self._refuse(reason)
            return False
        self._value = float(value)
        self._show_value(self._value)
        self._update_state(self._value)
        return True

    def set_hard_range(self, lo: float, hi: float, reason: str = "") -> None:
        """Values outside [lo, hi] are refused with ``reason`` (e.g. 'outside the model's hard limits')."""
        if not (math.isfinite(lo) and math.isfinite(hi)) or hi <= lo:
            raise ValueError(f"{self._label_text}: hard range must be finite with lo < hi, got {lo}, {hi}")
        self._hard = (float(lo), float(hi))
        self._hard_reason = reason
        self._slider_lo, self._slider_hi = self._hard
        self._configure_slider()
        if not self._hard[0] <= self._value <= self._hard[1]:
            self._value = min(max(self._value, self._hard[0]), self._hard[1])
        self._show_value(self._value)
        self._update_state(self._value)

    def set_slider_range(self, lo: float, hi: float) -> None:
        """The span the slider covers (clipped to the hard range); the spin box still reaches the whole hard
        range."""
        self._slider_lo, self._slider_hi = float(lo), float(hi)
        self._configure_slider()
        self._show_value(self._value)

    def set_unit(self, unit: str, step: float, decimals: int) -> None:
        """Change the displayed unit and the slider grid (the caller converts the value and ranges)."""
        self._unit, self._step, self._decimals = unit, float(step), int(decimals)
        with QSignalBlocker(self.spin):
            self.spin.setDecimals(self._decimals)
            self.spin.setSingleStep(self._step)
            self.spin.setSuffix(f" {unit}" if unit else "")
        self._configure_slider()

    def set_soft_range(self, lo: float | None, hi: float | None = None, reason: str = "") -> None:
        """Values outside [lo, hi] are accepted with a warning (``reason``); ``lo=None`` removes the soft range."""
        if lo is None or hi is None:
            self._soft, self._soft_reason = None, ""
        else:
            self._soft, self._soft_reason = (float(lo), float(hi)), reason
        self._update_state(self._value)

    # -- slots --------------------------------------------------------------------------------------------------
    def _on_slider_value_changed(self, position: int) -> None:
        value = round(self._slider_lo + position * self._step, self._decimals)
        value = min(max(value, self._slider_lo), self._slider_hi)
        with QSignalBlocker(self.spin):
            self.spin.setValue(value)
        self._accept(value)

    def _on_spin_value_changed(self, value: float) -> None:
        reason = self._refusal(value)
        if reason:
            self._refuse(reason)
            self._show_value(self._value)
            self.refused.emit(reason)
            return
        with QSignalBlocker(self.slider):
            self.slider.setValue(self._position(value))
        self._accept(value)

    def _on_spin_text_rejected(self, reason: str) -> None:
        self._refuse(reason)
        self.refused.emit(reason)

    # -- helpers ------------------------------------------------------------------------------------------------
    def _accept(self, value: float) -> None:
        if value == self._value and self._state != STATE_REFUSED:
            return
        self._value = float(value)
        self._update_state(self._value)
        self.value_changed.emit(self._value)

    def _position(self, value: float) -> int:
        pos = int(round((value - self._slider_lo) / self._step))
        return min(max(pos, self.slider.minimum()), self.slider.maximum())

    def _show_value(self, value: float) -> None:
        with QSignalBlocker(self.spin):
            self.spin.setValue(value)
        with QSignalBlocker(self.slider):
            self.slider.setValue(self._position(value))

    def _fmt(self, value: float) -> str:
        text = f"{value:.{self._decimals}f}"
        return f"{text} {self._unit}".strip()

    def _refusal(self, value: float) -> str:
        if not isinstance(value, int | float) or not math.isfinite(value):
            return self.tr("{0}: {1} is not a finite number — refused.").format(self._label_text, repr(value))
        lo, hi = self._hard
        if value < lo or value > hi:
            why = f" ({self._hard_reason})" if self._hard_reason else ""
            return self.tr("{0}: {1} refused — must be between {2} and {3}{4}. Kept {5}.").format(
                self._label_text, self._fmt(value), self._fmt(lo), self._fmt(hi), why, self._fmt(self._value))
        return ""

    def _refuse(self, reason: str) -> None:
        self._state = STATE_REFUSED
        self._set_message(reason, _REFUSED_STYLE)

    def _update_state(self, value: float) -> None:
        if self._soft is not None and not self._soft[0] <= value <= self._soft[1]:
            why = f" ({self._soft_reason})" if self._soft_reason else ""
            self._state = STATE_SOFT
            self._set_message(self.tr("{0} {1} is outside {2}–{3}{4}: predictions are extrapolated.").format(
                self._label_text, self._fmt(value), self._fmt(self._soft[0]), self._fmt(self._soft[1]), why),
                _WARN_STYLE)
        else:
            self._state = STATE_OK
            self._set_message("", "")

    def _set_message(self, text: str, style: str) -> None:
        if text == getattr(self, "_message", None) and style == getattr(self, "_message_style", None):
            return  # every slider step passes here; unchanged text and style need no re-polish
        self._message = text
        self._message_style = style
        self.message_label.setText(text)
        self.message_label.setStyleSheet(_message_css(style))
        self.message_label.setVisible(bool(text))
        self.setToolTip(text)


class DayTableEditor(QWidget):
    """The free per-day regimen: a table (day, mg/kg, infusion hours) with Add day / Remove day and a line that
    says why a typed table is not used.  What the cells mean is decided in :mod:`atgdesk.present.day_table`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # the calculator screen's texts keep its translation context (QCoreApplication.translate spelled out:
        # lupdate reads a bare tr("A", "B") as QObject.tr(source A, comment B) and dropped these texts)
        self.table = QTableWidget(0, 3)
        self.table.setAccessibleName(QCoreApplication.translate("CalculatorView", "Regimen by day"))
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move; typing or F2 edits
        self.table.setHorizontalHeaderLabels([QCoreApplication.translate("CalculatorView", "Day"), "mg/kg",
                                              QCoreApplication.translate("CalculatorView", "Infusion h")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        text_high_rows(self.table)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the columns stretch
        self.add_button = QPushButton(QCoreApplication.translate("CalculatorView", "Add day"))
        self.remove_button = QPushButton(QCoreApplication.translate("CalculatorView", "Remove day"))
        self.buttons = QWidget()
        row = QHBoxLayout(self.buttons)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for w in (self.table, self.buttons, self.error):
            layout.addWidget(w)
        self.fit_height()
        self.set_table_mode(False)

    def set_table_mode(self, on: bool) -> None:
        """Show the table and its buttons (the builder fields are shown instead when off; the error line stays)."""
        self.table.setVisible(on)
        self.buttons.setVisible(on)

    def fill(self, rows) -> None:
        """Show ``rows`` (no itemChanged signal) and fit the table's height to them."""
        with QSignalBlocker(self.table):
            self.table.setRowCount(len(rows))
            for r, row in enumerate(rows):
                for c, text in enumerate(format_row(row)):
                    self.table.setItem(r, c, QTableWidgetItem(text))
        self.fit_height()

    def cells(self) -> list[list[str]]:
        """The typed texts, row by row ('' for an empty cell)."""
        t = self.table
        return [[item.text() if (item := t.item(r, c)) is not None else "" for c in range(t.columnCount())]
                for r in range(t.rowCount())]

    def set_error(self, text: str) -> None:
        self.error.setText(text)

    def fit_height(self) -> None:
        """As tall as its rows, up to DAY_TABLE_ROWS (then it scrolls): with a fixed 120 px it showed about
        three and a half rows and scrolled inside the scrolling inputs column."""
        table = self.table
        rows = min(max(table.rowCount(), 1), DAY_TABLE_ROWS)
        table.setFixedHeight(table.horizontalHeader().sizeHint().height()
                             + rows * table.verticalHeader().defaultSectionSize() + 2 * table.frameWidth())
