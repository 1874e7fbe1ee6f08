"""Calculator side panels: a vertical-only scroll area, a wrap-aware page, model status badge, dose arithmetic
table, metrics and verdict, target chooser, scenarios table and the model information dialog.

Each panel shows text it is given; the numbers come from the engine through the calculator view.  All text from
data files is shown as plain text (model and target files are user-editable).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QObject,
    QSignalBlocker,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from atgdesk.core.scenario import ScenarioInputs
from atgdesk.ui import theme
from atgdesk.ui.numeric import DecimalSpinBox

STATUS_TEXTS = {"verified": QT_TRANSLATE_NOOP("StatusBadge", "VERIFIED"),
                "illustrative": QT_TRANSLATE_NOOP("StatusBadge", "ILLUSTRATIVE"),
                "user": QT_TRANSLATE_NOOP("StatusBadge", "USER MODEL")}
# Verdict colours come by ROLE (atgdesk.present.calculator) from the theme (atgdesk.ui.theme): the words carry the
# meaning, the colour only repeats it (danger = inside a harmful band; caution = outside an aim; ok = the target
# is met; neutral = no judgement).


# The dose table's flag words for a row beyond a label limit (atgdesk.present.calculator.limits_state).
FLAG_TEXTS = (QT_TRANSLATE_NOOP("DoseTablePanel", "beyond label"), QT_TRANSLATE_NOOP("DoseTablePanel", "REFUSED"))


# The dose table's column titles (atgdesk.present.calculator.dose_rows) in the interface language.
DOSE_HEADERS = (QT_TRANSLATE_NOOP("DoseTablePanel", "Day"), QT_TRANSLATE_NOOP("DoseTablePanel", "Infusion"),
                QT_TRANSLATE_NOOP("DoseTablePanel", "Cumulative mg"),
                QT_TRANSLATE_NOOP("DoseTablePanel", "Cumulative mg/kg"),
                QT_TRANSLATE_NOOP("DoseTablePanel", "Volume mL"), QT_TRANSLATE_NOOP("DoseTablePanel", "Label check"))


def _dose_header(header: str) -> str:
    m = re.fullmatch(r"Vials \((.*)\)", header)
    if m:
        return QCoreApplication.translate("DoseTablePanel", "Vials ({0})").format(m.group(1))
    return QCoreApplication.translate("DoseTablePanel", header) if header in DOSE_HEADERS else header


def _plain_label(text: str = "", wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    return label


class _SelectableOnHover(QObject):
    """Makes a label's text selectable by mouse while the pointer is over it (or a selection is kept).

    A selectable QLabel lays its text out in a QTextDocument: on labels that change on every slider step that cost
    about 1 ms per step against plain drawing.  The pointer is on the slider then, not on these labels, and a
    selection needs the pointer on the label, so the user loses nothing."""

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt naming)
        kind = event.type()
        if kind == QEvent.Type.Enter:
            watched.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        elif kind == QEvent.Type.Leave and not watched.hasSelectedText():
            watched.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        return False


def selectable_on_hover(label: QLabel) -> QLabel:
    """Let the user select ``label``'s text with the mouse, cheaply when the text changes often (see
    :class:`_SelectableOnHover`)."""
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    label.installEventFilter(_SelectableOnHover(label))
    return label


class _CurrentTextTip(QObject):
    """Sets a combo box's tooltip to its current text just before Qt shows it."""

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt naming)
        if event.type() == QEvent.Type.ToolTip and isinstance(watched, QComboBox):
            watched.setToolTip(watched.currentText())
        return False  # Qt then shows the tooltip as usual


def full_text_tooltip(combo: QComboBox) -> None:
    """Show ``combo``'s whole current text as its tooltip: a narrow combo box cuts long names off.  (Set when the
    tooltip is asked for: the combo boxes are refilled with their signals blocked.)"""
    combo.installEventFilter(_CurrentTextTip(combo))


def text_high_rows(table: QTableWidget) -> int:
    """Give ``table`` rows one text line high (the style's default is ~30 px); returns the row height."""
    row_px = table.fontMetrics().height() + 6
    table.verticalHeader().setDefaultSectionSize(row_px)
    return row_px


class ElidedLabel(QLabel):
    """One line of plain text, elided at the right when narrower than the text, the whole text in its tooltip
    (and its accessible text): the model's name beside its badge took three lines of the side column at 1024 px."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt naming)
        super().setText(text)
        self.setToolTip(text)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.fontMetrics().horizontalAdvance("…") * 4, super().minimumSizeHint().height())

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        rect = self.contentsRect()
        painter.drawText(rect, int(self.alignment()), self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideRight, rect.width()))


class LiveLabelBox(QWidget):
    """Holds one label whose text changes on every slider step, and stops that change from re-laying out the
    window.

    ``QLabel.setText`` always asks its parent layout to re-lay out, and that request climbs to the top-level
    window: on the calculator it cost ~7 ms per slider step (measured with bench/bench_calculator_ui.py) even
    when nothing moved.  This box has no layout of its own, so the label's request stops here; the box passes
    it on only when the layout above must learn a new size (another line of wrapped text, or an unwrapped value
    wider than any shown before)."""

    def __init__(self, label: QLabel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = label
        label.setParent(self)
        policy = label.sizePolicy()
        policy.setHeightForWidth(label.wordWrap())
        self.setSizePolicy(policy)
        # Opaque: a changed value repaints this box only, not every transparent ancestor underneath it.
        self.setAutoFillBackground(True)
        # What the layout above was last told, for an unwrapped label: the widest text so far and the height.  A box
        # laid out before its label had text was squeezed below its text without the layout knowing, and the
        # metric values stayed cut off at 1024×700; ``resizeEvent`` and ``showEvent`` now tell the layout.
        self._widest = 0
        self._height = -1

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt naming)
        return self._reported(self.label.sizeHint())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self._reported(self.label.minimumSizeHint())

    def _reported(self, hint: QSize) -> QSize:
        if self.label.wordWrap():
            return hint
        # Never less than the widest text shown: a column of values does not shrink and grow with the digits.
        self._widest = max(self._widest, hint.width())
        self._height = hint.height()
        return QSize(self._widest, hint.height())

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return self.label.wordWrap()

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self.label.heightForWidth(width)

    def resizeEvent(self, event) -> None:  # noqa: N802
        self.label.setGeometry(self.rect())
        super().resizeEvent(event)
        if self._needs_relayout():  # made narrower than a text the layout has not been told about
            self.updateGeometry()

    def showEvent(self, event) -> None:  # noqa: N802
        # Qt posts the label's layout request only while this box is visible: text set before the first show
        # (the calculator computes in its constructor) would otherwise never reach the layout above.
        if self._needs_relayout():
            self.updateGeometry()
        super().showEvent(event)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # posted by the label's setText
            if self._needs_relayout():
                self.updateGeometry()
            return True
        return super().event(event)

    def _needs_relayout(self) -> bool:
        label = self.label
        if label.isHidden() != self.isHidden():
            return True
        if label.wordWrap():
            return label.heightForWidth(self.width()) != self.height()
        hint = label.sizeHint()
        return hint.width() > max(self._widest, self.width()) or hint.height() != self._height


class WrapAwareWidget(QWidget):
    """A widget whose minimum height includes the extra lines its word-wrapped labels need at its width.

    Qt counts a word-wrapped label as one line in a layout's minimum size, and neither QSplitter nor the main
    window asks for height-for-width.  At 1024×700 the banner, the disclaimer and a wrapped dose proposal then took
    their extra lines out of the plot, which was pushed under its read-out and lost its day axis (or the window
    grew past the screen).  Asking the layout for its minimum height at the current width, and telling the layout
    above when a change of width changes it, keeps every line on screen.  Nothing happens per slider step: the
    width does not change then."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt naming)
        hint = super().minimumSizeHint()
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth() and self.width() > 0:
            hint.setHeight(max(hint.height(), layout.totalMinimumHeightForWidth(self.width())))
        return hint

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        layout = self.layout()
        if event.oldSize().width() != event.size().width() and layout is not None and layout.hasHeightForWidth():
            self.updateGeometry()


class VerticalScrollArea(QScrollArea):
    """Scrolls its panel vertically only, and is never narrower than the panel's minimum width.

    A plain QScrollArea with the horizontal scroll bar off lets a splitter squeeze it below its content's minimum
    width, and then cuts the content off at the right (combo-box arrows and spin boxes disappeared behind the
    vertical scroll bar).  This one keeps its explicit minimum width at the content's minimum width plus its own
    scroll bar and frame (or ``setMinimumWidth``'s floor, if larger): splitters and layouts obey an explicit
    minimum before any size hint, so a floor set as a plain minimum width let the metrics be cut off at 1024×700."""

    def __init__(self, widget: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidget(widget)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._floor = 0
        self._content_min_width = widget.minimumSizeHint().width()
        self._apply_minimum_width()
        widget.installEventFilter(self)

    def setMinimumWidth(self, width: int) -> None:  # noqa: N802 (Qt naming)
        """A floor for the minimum width; the content's own minimum still wins when it is wider."""
        self._floor = int(width)
        self._apply_minimum_width()

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        hint = super().minimumSizeHint()
        return QSize(max(hint.width(), self.minimumWidth()), hint.height())

    def _apply_minimum_width(self) -> None:
        width = self._content_min_width + self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth()
        super().setMinimumWidth(max(self._floor, width))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        # Only a change of the content's minimum width concerns the layout above (one int compared per request:
        # slider steps re-lay out nothing up there).
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            width = watched.minimumSizeHint().width()
            if width != self._content_min_width:
                self._content_min_width = width
                self._apply_minimum_width()
        return super().eventFilter(watched, event)


class StatusBadge(QLabel):
    """A coloured badge with a model's status (verified / illustrative / user)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._status = ""
        self.set_status("")
        theme.bind(self, self._apply_theme)

    def set_status(self, status: str) -> None:
        if status == self._status and self.text():
            return  # called on every recompute; a style sheet change re-polishes and repaints the widget
        self._status = status
        self.setText(self.tr(STATUS_TEXTS[status]) if status in STATUS_TEXTS
                     else status.upper() or self.tr("NO MODEL"))
        self.setToolTip(self.tr("Model status: {0}").format(self.text()))
        self.setAccessibleName(self.tr("Model status"))
        self.setAccessibleDescription(self.text())
        self._apply_theme(theme.current())

    def _apply_theme(self, t: theme.Theme) -> None:
        fg, bg = t.badge(self._status)
        self.setStyleSheet(f"QLabel {{ color: {fg}; background: {bg}; border: 1px solid {fg}; "
                           "border-radius: 3px; padding: 1px 6px; font-weight: 700; }")

    def status(self) -> str:
        return self._status


class DoseTablePanel(QGroupBox):
    """Exact dose arithmetic: the schedule table, totals and a button that copies it as tab-separated text."""

    copied = Signal(str)
    SHRINK_DELAY_MS = 300

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Dose arithmetic (exact)"), parent)
        self.table = QTableWidget(0, 0)
        self.table.setAccessibleName(self.tr("Dose schedule"))
        self.table.setTabKeyNavigation(False)  # read-only: Tab leaves it, arrows move inside
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        text_high_rows(self.table)
        # Column widths are set from the text (``_fit_columns``), not with ResizeToContents: that mode re-measures
        # every cell and re-lays out the table on each changed cell, which cost ~8 ms per slider step.
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.setMinimumHeight(90)
        self.summary = selectable_on_hover(_plain_label())
        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.setToolTip(self.tr("Copy the schedule and totals as tab-separated text"))
        self.copy_button.setAccessibleName(self.tr("Copy the dose schedule"))
        top = QHBoxLayout()
        top.addWidget(LiveLabelBox(self.summary), 1)
        top.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.copy_button.clicked.connect(self._on_copy_clicked)
        self._headers: list[str] = []
        self._fit_font = ""
        self._narrower: set[int] = set()  # columns to narrow once the table is still
        self._cell_colours: dict[tuple[int, int], str] = {}  # the flag colour each cell was given ("" = none)
        self._shrink_timer = QTimer(self)
        self._shrink_timer.setSingleShot(True)
        self._shrink_timer.setInterval(self.SHRINK_DELAY_MS)
        self._shrink_timer.timeout.connect(self._shrink_columns)
        self._rows: list[list[str]] = []
        self._summary_lines: list[str] = []

    def set_content(self, headers: list[str], rows: list[list[str]], summary_lines: list[str]) -> None:
        """Replace the table (already formatted strings) and the totals lines.

        Called on every slider step: unchanged cells are left alone and existing items are reused, since
        creating table items costs more than the dose arithmetic itself."""
        headers, rows, summary_lines = list(headers), [list(r) for r in rows], list(summary_lines)
        # Columns to fit: all when the headers, the number of rows or the font changed, else only those with a
        # changed cell (a weight step changes 4 of the 9 columns; measuring a column costs ~30 µs).
        font_key = self.table.font().key()
        refit_all = headers != self._headers or len(rows) != self.table.rowCount() or font_key != self._fit_font
        self._fit_font = font_key
        changed: set[int] = set()
        if headers != self._headers:
            self.table.setColumnCount(len(headers))
            self.table.setHorizontalHeaderLabels([_dose_header(h) for h in headers])
        if len(rows) != self.table.rowCount():
            self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                # a row beyond a label limit is flagged in words and in the caution/danger colour
                flag = {"beyond label": "caution", "REFUSED": "danger"}.get(text)
                if flag:  # the presenter's flag word in the interface language
                    text = QCoreApplication.translate("DoseTablePanel", text)
                colour = theme.current().verdict(flag) if flag else ""
                item = self.table.item(r, c)
                if item is None:
                    item = QTableWidgetItem(text)
                    if c > 0:
                        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    self.table.setItem(r, c, item)
                    self._cell_colours[(r, c)] = ""  # a new item has no colour of its own
                elif item.text() != text:
                    item.setText(text)
                else:
                    continue
                changed.add(c)
                # Only a flagged cell has a colour of its own (the others follow the palette, also after a switch
                # to dark mode); it is set only when it changes: each setForeground repaints the cell again.
                if self._cell_colours.get((r, c), "") != colour:
                    item.setData(Qt.ItemDataRole.ForegroundRole, QBrush(QColor(colour)) if colour else None)
                    self._cell_colours[(r, c)] = colour
        self._fit_columns(range(len(headers)) if refit_all else sorted(changed), now=refit_all)
        if summary_lines != self._summary_lines:
            self.summary.setText("\n".join(summary_lines))
        self._headers, self._rows, self._summary_lines = headers, rows, summary_lines

    def _fit_columns(self, columns, now: bool = False) -> None:
        """Each of ``columns`` as wide as its widest text (what ResizeToContents computes).  A column that needs
        more room gets it at once; one that needs less is narrowed once the table has been still for
        SHRINK_DELAY_MS (``now``: at once, for a new table).  While a slider moves, digits come and go ("176.25", "177.5"): narrowing and widening
        on alternate steps re-laid out and repainted the header and the whole table each time."""
        header = self.table.horizontalHeader()
        for c in columns:
            width = max(header.sectionSizeHint(c), self.table.sizeHintForColumn(c))
            if header.sectionSize(c) < width or (now and header.sectionSize(c) != width):
                header.resizeSection(c, width)
            elif header.sectionSize(c) > width:
                self._narrower.add(c)
        if self._narrower:
            self._shrink_timer.start()  # restarted by every change: runs when the table is still

    def _shrink_columns(self) -> None:
        header = self.table.horizontalHeader()
        for c in sorted(self._narrower):
            if c < self.table.columnCount():
                header.resizeSection(c, max(header.sectionSizeHint(c), self.table.sizeHintForColumn(c)))
        self._narrower.clear()

    def as_text(self) -> str:
        """The table and totals as tab-separated text (what Copy puts on the clipboard)."""
        lines = ["\t".join(self._headers)] + ["\t".join(r) for r in self._rows]
        return "\n".join(lines + [""] + self._summary_lines)

    def rows(self) -> list[list[str]]:
        return [list(r) for r in self._rows]

    def _on_copy_clicked(self) -> None:
        text = self.as_text()
        QApplication.clipboard().setText(text)
        self.copied.emit(text)


class MetricsPanel(QGroupBox):
    """Exposure metrics of the current prediction, the model status badge and the verdict against the target."""

    def __init__(self, parent: QWidget | None = None, verdict_inside: bool = True) -> None:
        """``verdict_inside=False``: the verdict and probability (:attr:`verdict_area`) are placed elsewhere by
        the caller (the calculator puts them under the target they judge)."""
        super().__init__(self.tr("Predicted exposure"), parent)
        self.badge = StatusBadge()
        self.model_name = ElidedLabel()
        self.verdict = _plain_label()
        self.verdict.setAccessibleName(self.tr("Verdict"))
        self._values: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setVerticalSpacing(2)
        # The post-HCT AUC says where it ends (the screen's horizon, not an editable input), on two lines so
        # that the side column keeps its width (on one line it pushed the calculator past 1016 px).
        post_title = self.tr("AUC after day 0\n(to day {0})").format(f"{ScenarioInputs().horizon_day:g}")
        for key, title in (("auc_pre", self.tr("AUC before day 0")), ("auc_post", post_title),
                           ("auc_total", self.tr("AUC total")), ("cmax", "Cmax"), ("tmax", self.tr("Time of Cmax")),
                           ("below", self.tr("Below threshold from"))):
            label = selectable_on_hover(_plain_label(wrap=False))
            self._values[key] = label
            form.addRow(title, LiveLabelBox(label))
        head = QHBoxLayout()
        head.addWidget(self.badge, 0)
        head.addWidget(self.model_name, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(head)
        layout.addLayout(form)
        self.verdict_area = QWidget()
        va = QVBoxLayout(self.verdict_area)
        va.setContentsMargins(0, 0, 0, 0)
        verdict_box = LiveLabelBox(self.verdict)
        verdict_box.setMinimumHeight(24)
        va.addWidget(verdict_box)
        # the population figure stands beside the typical patient's verdict (attainment, or harm for an avoid band)
        self.probability = _plain_label()
        self.probability.setAccessibleName(self.tr("probability beside the verdict"))
        va.addWidget(LiveLabelBox(self.probability))
        if verdict_inside:
            layout.addWidget(self.verdict_area)
        theme.bind(self, self._apply_theme)

    def set_model(self, name: str, status: str) -> None:
        self.badge.set_status(status)
        self.model_name.setText(name)

    def set_values(self, values: dict[str, str]) -> None:
        """Formatted metric strings by key (auc_pre, auc_post, auc_total, cmax, tmax, below)."""
        for key, label in self._values.items():
            label.setText(values.get(key, "—"))

    def value_text(self, key: str) -> str:
        return self._values[key].text()

    def set_verdict(self, role: str, text: str, kind: str = "") -> None:
        """``role``: ok / caution / danger / neutral (the colour); ``text`` says it in words; ``kind`` the
        target kind, or none / refused."""
        if self.verdict.text() != text:
            self.verdict.setText(text)
            self.verdict.setAccessibleDescription(text)  # the verdict in words for screen readers
        self.verdict.setProperty("verdict_kind", kind)
        if self.verdict.property("verdict_role") == role:
            return  # same colour: leave the style sheet alone (re-polishing costs a full repaint)
        self.verdict.setProperty("verdict_role", role)
        self._apply_theme(theme.current())

    def _apply_theme(self, t: theme.Theme) -> None:
        self.verdict.setStyleSheet(theme.verdict_css(t.verdict(self.verdict_role())))

    def set_probability(self, text: str) -> None:
        if self.probability.text() != text:
            self.probability.setText(text)
        self.probability.setVisible(bool(text))

    def verdict_kind(self) -> str:
        return str(self.verdict.property("verdict_kind") or "")

    def verdict_role(self) -> str:
        return str(self.verdict.property("verdict_role") or "")


@dataclass(frozen=True)
class TargetChoice:
    """One entry of the target chooser (already formatted for display)."""

    id: str
    label: str
    source: str
    study_id: str = ""
    comparable: bool = True
    reason: str = ""


class TargetChooser(QGroupBox):
    """Target windows for the chosen setting, each with its source; a custom window; a link to the study."""

    target_changed = Signal(str)
    custom_window_changed = Signal(float, float)
    study_link_activated = Signal(str)

    CUSTOM_ID = "__custom__"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Target"), parent)
        self.combo = QComboBox()
        self.combo.setAccessibleName(self.tr("Target"))
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(12)
        full_text_tooltip(self.combo)
        self.source = QLabel()
        self.source.setWordWrap(True)
        self.source.setTextFormat(Qt.TextFormat.RichText)  # escaped text + one internal link (study id)
        self.source.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                            | Qt.TextInteractionFlag.TextSelectableByMouse)
        self.source.setOpenExternalLinks(False)
        # '.' and ',' both decimal marks in every locale (a typed value never changes magnitude).
        self.custom_lo = DecimalSpinBox(self.tr("Custom window, lower limit"))
        self.custom_hi = DecimalSpinBox(self.tr("Custom window, upper limit"))
        for spin in (self.custom_lo, self.custom_hi):
            spin.setRange(0.0, 10000.0)
            spin.setDecimals(1)
            spin.setKeyboardTracking(False)
        self.custom_lo.setAccessibleName(self.tr("Custom window, lower limit"))
        self.custom_hi.setAccessibleName(self.tr("Custom window, upper limit"))
        self.custom_lo.setValue(60.0)
        self.custom_hi.setValue(95.0)
        self.custom_row = QWidget()
        row = QHBoxLayout(self.custom_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.custom_unit = _plain_label(self.tr("Custom window (post-HCT AUC)"), wrap=False)
        row.addWidget(self.custom_lo)
        row.addWidget(_plain_label(self.tr("to"), wrap=False))
        row.addWidget(self.custom_hi)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.combo)
        layout.addWidget(self.custom_unit)
        layout.addWidget(self.custom_row)
        layout.addWidget(self.source)
        self._layout = layout
        self._choices: dict[str, TargetChoice] = {}
        self._custom_allowed = True
        self.combo.currentIndexChanged.connect(self._on_combo_index_changed)
        self.source.linkActivated.connect(self._on_source_link_activated)
        self.custom_lo.valueChanged.connect(self._on_custom_changed)
        self.custom_hi.valueChanged.connect(self._on_custom_changed)
        self.custom_row.setVisible(False)

    def add_result(self, widget: QWidget) -> None:
        """Show ``widget`` (the verdict against this target) right under the chosen target, above its source:
        the source's long text then never pushes the verdict out of view."""
        self._layout.insertWidget(self._layout.indexOf(self.source), widget)

    def set_choices(self, choices: list[TargetChoice], current_id: str = "") -> None:
        """Replace the list (no signal); the custom window is always offered last."""
        self._choices = {c.id: c for c in choices}
        with QSignalBlocker(self.combo):
            self.combo.clear()
            for c in choices:
                self.combo.addItem(c.label, c.id)
            if choices or self._custom_allowed:
                self.combo.addItem(self.tr("Custom window…"), self.CUSTOM_ID)
            index = self.combo.findData(current_id) if current_id else 0
            self.combo.setCurrentIndex(max(index, 0))
        self._show_source()

    def set_custom_allowed(self, allowed: bool) -> None:
        """Whether the custom window is offered (not before a setting is chosen)."""
        self._custom_allowed = allowed

    def set_unit(self, unit: str) -> None:
        self.custom_unit.setText(self.tr("Custom window, post-HCT AUC ({0})").format(unit))

    def current_id(self) -> str:
        return str(self.combo.currentData() or "")

    def set_current_id(self, target_id: str) -> None:
        index = self.combo.findData(target_id)
        if index >= 0:
            with QSignalBlocker(self.combo):
                self.combo.setCurrentIndex(index)
            self._show_source()

    def custom_window(self) -> tuple[float, float]:
        return self.custom_lo.value(), self.custom_hi.value()

    def set_custom_window(self, lo: float, hi: float) -> None:
        with QSignalBlocker(self.custom_lo), QSignalBlocker(self.custom_hi):
            self.custom_lo.setValue(lo)
            self.custom_hi.setValue(hi)

    def source_text(self) -> str:
        return self.source.text()

    def _show_source(self) -> None:
        tid = self.current_id()
        self.custom_row.setVisible(tid == self.CUSTOM_ID)
        self.custom_unit.setVisible(tid == self.CUSTOM_ID)
        choice = self._choices.get(tid)
        if choice is None:
            self.source.setText(self.tr("Your own window: no published source.") if tid == self.CUSTOM_ID
                                else self.tr("Choose a setting first: its published targets are listed here."))
            return
        text = html.escape(self.tr("Source: {0}").format(choice.source))
        if not choice.comparable:
            text = html.escape(self.tr("Cannot be compared with this model: {0}.").format(choice.reason)) \
                + "<br>" + text
        if choice.study_id:
            text += (f' — <a href="study:{html.escape(choice.study_id)}">'
                     + html.escape(self.tr("open the study in the library")) + "</a>")
        self.source.setText(text)

    def _on_combo_index_changed(self, _index: int) -> None:
        self._show_source()
        self.target_changed.emit(self.current_id())

    def _on_custom_changed(self, _value: float) -> None:
        self.custom_window_changed.emit(self.custom_lo.value(), self.custom_hi.value())

    def _on_source_link_activated(self, link: str) -> None:
        if link.startswith("study:"):
            self.study_link_activated.emit(link[len("study:"):])


class ScenarioPanel(QGroupBox):
    """Pinned scenarios (overlaid on the plot) with their metrics, and the saved ones in the user database."""

    pin_requested = Signal()
    unpin_requested = Signal(int)
    rename_requested = Signal(int, str)
    save_requested = Signal(int)
    load_requested = Signal(int)
    delete_saved_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Scenarios"), parent)
        self.table = QTableWidget(0, 0)
        self.table.setAccessibleName(self.tr("Pinned scenarios"))
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move; F2 renames a scenario
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.verticalHeader().setVisible(False)
        # Text-high rows (the style's default is ~30 px), and room for two of them whatever the splitter does:
        # pinned scenarios are for comparing.
        row_px = text_high_rows(self.table)
        header_px = self.fontMetrics().height() + 10  # the header has no sections yet to ask
        self.table.setMinimumHeight(2 * row_px + header_px + self.table.horizontalScrollBar().sizeHint().height()
                                    + 2 * self.table.frameWidth())
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.pin_button = QPushButton(self.tr("Pin current"))
        self.pin_button.setToolTip(self.tr("Pin the current scenario (Ctrl+P)"))
        self.unpin_button = QPushButton(self.tr("Unpin"))
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setToolTip(self.tr("Save the selected pinned scenario in your personal data"))
        self.saved_combo = QComboBox()
        self.saved_combo.setAccessibleName(self.tr("Saved scenarios"))
        self.saved_combo.setMinimumContentsLength(14)
        self.saved_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.load_button = QPushButton(self.tr("Load"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.load_button.setAccessibleName(self.tr("Load the saved scenario"))
        self.delete_button.setAccessibleName(self.tr("Delete the saved scenario"))
        # One row of controls above the table: with two, the table showed a single pinned scenario at 1024×700.
        buttons = QHBoxLayout()
        for b in (self.pin_button, self.unpin_button, self.save_button):
            buttons.addWidget(b)
        buttons.addSpacing(12)
        saved_label = _plain_label(self.tr("Saved:"), wrap=False)
        saved_label.setBuddy(self.saved_combo)
        buttons.addWidget(saved_label)
        buttons.addWidget(self.saved_combo, 1)
        buttons.addWidget(self.load_button)
        buttons.addWidget(self.delete_button)
        self.note = _plain_label()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        self._updating = False
        self.pin_button.clicked.connect(self.pin_requested)
        self.unpin_button.clicked.connect(self._on_unpin_clicked)
        self.save_button.clicked.connect(self._on_save_clicked)
        self.load_button.clicked.connect(self._on_load_clicked)
        self.delete_button.clicked.connect(self._on_delete_clicked)
        self.table.itemChanged.connect(self._on_table_item_changed)

    def set_rows(self, headers: list[str], rows: list[list[str]], colours: list[str]) -> None:
        """Pinned scenarios: the first column is the (editable) name, the rest formatted metrics."""
        self._updating = True
        try:
            self.table.setColumnCount(len(headers))
            self.table.setHorizontalHeaderLabels(headers)
            self.table.setRowCount(len(rows))
            for r, row in enumerate(rows):
                for c, text in enumerate(row):
                    item = QTableWidgetItem(text)
                    if c == 0:
                        item.setForeground(Qt.GlobalColor.black)
                        item.setToolTip(self.tr("Double-click or F2 to rename"))
                        if r < len(colours):
                            from PySide6.QtGui import QColor
                            item.setBackground(QColor(colours[r]).lighter(185))
                    else:
                        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    self.table.setItem(r, c, item)
        finally:
            self._updating = False

    def set_saved(self, saved: list[tuple[int, str]]) -> None:
        """Saved scenarios as (id, name)."""
        with QSignalBlocker(self.saved_combo):
            self.saved_combo.clear()
            for sid, name in saved:
                self.saved_combo.addItem(name, sid)
        has = bool(saved)
        self.load_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    def selected_row(self) -> int:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if rows:
            return rows[0].row()
        return self.table.rowCount() - 1

    def set_note(self, text: str) -> None:
        self.note.setText(text)

    def _on_unpin_clicked(self) -> None:
        row = self.selected_row()
        if row >= 0:
            self.unpin_requested.emit(row)

    def _on_save_clicked(self) -> None:
        row = self.selected_row()
        if row >= 0:
            self.save_requested.emit(row)

    def _on_load_clicked(self) -> None:
        sid = self.saved_combo.currentData()
        if sid is not None:
            self.load_requested.emit(int(sid))

    def _on_delete_clicked(self) -> None:
        sid = self.saved_combo.currentData()
        if sid is not None:
            self.delete_saved_requested.emit(int(sid))

    def _on_table_item_changed(self, item: QTableWidgetItem) -> None:
        if self._updating or item.column() != 0:
            return
        self.rename_requested.emit(item.row(), item.text())


def _study_link(study_lookup, citation: str, doi: str = "") -> str:
    """' — open in the library' (an internal ``study:ID`` link) when the source is a library entry, else ''."""
    if study_lookup is None:
        return ""
    from types import SimpleNamespace
    study_id = study_lookup(SimpleNamespace(citation=citation, doi=doi, pmid=""))
    if not study_id:
        return ""
    label = html.escape(QCoreApplication.translate("ModelInfoDialog", "open the reference in the library"))
    return f' — <a href="study:{html.escape(study_id)}">{label}</a>'


# The description's fixed texts translated inside f-strings, where lupdate does not look: listed here for it.
MODEL_INFO_TEXTS = (
    QT_TRANSLATE_NOOP("ModelInfoDialog", "Status:"), QT_TRANSLATE_NOOP("ModelInfoDialog", "Id:"),
    QT_TRANSLATE_NOOP("ModelInfoDialog", "Product:"), QT_TRANSLATE_NOOP("ModelInfoDialog", "Analyte:"),
    QT_TRANSLATE_NOOP("ModelInfoDialog", "Structure and equations"), QT_TRANSLATE_NOOP("ModelInfoDialog", "Parameters"),
    QT_TRANSLATE_NOOP("ModelInfoDialog", "Covariate relations"), QT_TRANSLATE_NOOP("ModelInfoDialog", "Validity domain"),
    QT_TRANSLATE_NOOP("ModelInfoDialog", "Source"), QT_TRANSLATE_NOOP("ModelInfoDialog", "File: {0}"),
    QT_TRANSLATE_NOOP("ModelInfoDialog", "{0}:"), QT_TRANSLATE_NOOP("ModelInfoDialog", "Calibration"),
    QT_TRANSLATE_NOOP("ModelInfoDialog", "Figure"), QT_TRANSLATE_NOOP("ModelInfoDialog", "Aimed at"),
    QT_TRANSLATE_NOOP("ModelInfoDialog", "Achieved"), QT_TRANSLATE_NOOP("ModelInfoDialog", "not reproduced"),
)


def model_info_html(model, study_lookup=None) -> str:
    """An HTML description of a :class:`~atgdesk.core.model.PKModel`: every text value escaped."""
    e = html.escape
    src = model.source
    parts = [f"<h3>{e(model.name)}</h3>",
             f"<p><b>{e(QCoreApplication.translate('ModelInfoDialog', 'Status:'))}</b> {e(model.status)} &nbsp; "
             f"<b>{e(QCoreApplication.translate('ModelInfoDialog', 'Id:'))}</b> {e(model.id)} &nbsp; "
             f"<b>{e(QCoreApplication.translate('ModelInfoDialog', 'Product:'))}</b> {e(model.product)} &nbsp; "
             f"<b>{e(QCoreApplication.translate('ModelInfoDialog', 'Analyte:'))}</b> {e(model.analyte)} "
             f"({e(model.assay)})</p>"]
    if model.label:
        parts.append(f"<p style='color:{theme.current().notice_fg}'><b>{e(model.label)}</b></p>")
    parts.append(f"<h4>{e(QCoreApplication.translate('ModelInfoDialog', 'Structure and equations'))}</h4><ul>")
    parts.append("<li>" + QCoreApplication.translate(
        "ModelInfoDialog", "{0} compartment(s); elimination: {1}; distribution: {2}").format(
        model.compartments, e(model.elimination), e(model.distribution)) + "</li>")
    parts.append("<li>" + QCoreApplication.translate("ModelInfoDialog", "C = scale × A1 / V1, scale = {0} ({1} per {2}/{3})")
                 .format(f"{model.amount_to_concentration:g}", e(model.concentration_unit), e(model.dose_unit),
                         e(model.volume_unit)) + "</li>")
    # Written as the engine computes them (atgdesk.core.simulate): the linear terms act on amount/volume, the
    # saturable ones on the concentration C; "CL·C" and "Q·(C − C2)" were right only when scale = 1.
    elim = []
    if model.elimination in ("linear", "linear+mm"):
        elim.append("CL·A1/V1")
    if model.elimination in ("mm", "linear+mm"):
        elim.append("Vmax·C/(Km + C)")
    if model.compartments == 2:
        dist = ("Tm·C/(Kmd + C) − Q·A2/V2" if model.distribution == "saturable" else "Q·(A1/V1 − A2/V2)")
        parts.append("<li>" + QCoreApplication.translate(
            "ModelInfoDialog", "dA1/dt = input − {0} − [{1}] (amounts per day)").format(
            " − ".join(elim) or "0", e(dist)) + "</li>")
        parts.append(f"<li>dA2/dt = {e(dist)}</li>")
    else:
        parts.append("<li>" + QCoreApplication.translate(
            "ModelInfoDialog", "dA1/dt = input − {0} (amounts per day)").format(" − ".join(elim) or "0") + "</li>")
    parts.append("<li>" + QCoreApplication.translate(
        "ModelInfoDialog", "Individual parameter: P = P<sub>typ</sub> × covariate factors × exp(η), η ~ N(0, ω²)")
        + "</li>")
    parts.append(_table_head(e, QCoreApplication.translate("ModelInfoDialog", "Parameters"), (
        QCoreApplication.translate("ModelInfoDialog", "Name"),
        QCoreApplication.translate("ModelInfoDialog", "Typical value"),
        QCoreApplication.translate("ModelInfoDialog", "Unit"),
        QCoreApplication.translate("ModelInfoDialog", "IIV ω²"),
        QCoreApplication.translate("ModelInfoDialog", "Note"))))
    none = e(QCoreApplication.translate("ModelInfoDialog", "none"))
    for p in model.parameters:
        omega = f"{p.omega2:.4g}" if p.omega2 > 0 else none
        parts.append(f"<tr><td>{e(p.name)}</td><td>{p.value:.6g}</td><td>{e(p.unit)}</td><td>{omega}</td>"
                     f"<td>{e(p.note)}</td></tr>")
    parts.append("</table>")
    if not model.eta_names:
        parts.append("<p><i>" + e(QCoreApplication.translate(
            "ModelInfoDialog", "This model has no between-patient variability: no percentile bands or PTA."))
            + "</i></p>")
    residual_note = f" — <i>{e(model.residual_note)}</i>" if model.residual_note else ""
    parts.append("<p>" + QCoreApplication.translate(
        "ModelInfoDialog", "Residual error: proportional {0}, additive {1} {2}").format(
        f"{model.residual_proportional:g}", f"{model.residual_additive:g}", e(model.concentration_unit))
        + f"{residual_note}</p>")
    parts.append(f"<h4>{e(QCoreApplication.translate('ModelInfoDialog', 'Covariate relations'))}</h4><ul>")
    for c in model.covariate_effects:
        if c.form == "power":
            rel = f"× ({e(c.covariate)}/{c.reference:g})^{c.coefficient:g}"
        elif c.form == "linear":
            rel = f"× (1 + {c.coefficient:g}·({e(c.covariate)} − {c.reference:g}))"
        else:
            rel = f"× exp({c.coefficient:g}·({e(c.covariate)} − {c.reference:g}))"
        note = f" <small>— {e(c.note)}</small>" if c.note else ""
        parts.append(f"<li>{e(c.parameter)} {rel}{note}</li>")
    if not model.covariate_effects:
        parts.append(f"<li>{none}</li>")
    parts.append(_table_head(e, QCoreApplication.translate("ModelInfoDialog", "Validity domain"), (
        QCoreApplication.translate("ModelInfoDialog", "Covariate"),
        QCoreApplication.translate("ModelInfoDialog", "Unit"),
        QCoreApplication.translate("ModelInfoDialog", "Typical"),
        QCoreApplication.translate("ModelInfoDialog", "Soft (warn)"),
        QCoreApplication.translate("ModelInfoDialog", "Hard (refuse)"))))
    for d in model.covariates:
        parts.append(f"<tr><td>{e(d.name)}<br><small>{e(d.description)}</small></td><td>{e(d.unit)}</td>"
                     f"<td>{d.typical:g}</td><td>{d.soft_min:g}–{d.soft_max:g}</td>"
                     f"<td>{d.hard_min:g}–{d.hard_max:g}</td></tr>")
    parts.append(f"</table><h4>{e(QCoreApplication.translate('ModelInfoDialog', 'Source'))}</h4>")
    parts.append(f"<p>{e(src.citation)}{_study_link(study_lookup, src.citation, src.doi)}</p><ul>")
    for title, value in (("DOI", src.doi), (QCoreApplication.translate("ModelInfoDialog", "Table/page"), src.table),
                         (QCoreApplication.translate("ModelInfoDialog", "Entered by"), src.entered_by),
                         (QCoreApplication.translate("ModelInfoDialog", "Verified by"), src.verified_by),
                         (QCoreApplication.translate("ModelInfoDialog", "Date"), src.date),
                         (QCoreApplication.translate("ModelInfoDialog", "Note"), src.note)):
        if value:
            parts.append(f"<li><b>{e(QCoreApplication.translate('ModelInfoDialog', '{0}:').format(title))}</b> "
                         f"{e(value)}</li>")
    parts.append("</ul>")
    parts.append(_calibration_html(model.calibration, study_lookup))
    parts.append(f"<p><small>{e(QCoreApplication.translate('ModelInfoDialog', 'File: {0}').format(model.path))}"
                 "</small></p>")
    return "".join(parts)


def _calibration_html(calibration, study_lookup=None) -> str:
    """The calibration record of a model file (an illustrative model must have one): how, which published
    figures it aims at, what it achieved, and which it did not reproduce.  The file is user-editable and this
    table is free-form, so every value is shown as escaped text."""
    if not calibration:
        return ""
    e = html.escape

    def text(value) -> str:
        return e(str(value)) if value not in (None, "") else ""

    parts = [f"<h4>{e(QCoreApplication.translate('ModelInfoDialog', 'Calibration'))}</h4><ul>"]
    for key, title in (("method", QT_TRANSLATE_NOOP("ModelInfoDialog", "Method")),
                       ("infusions", QT_TRANSLATE_NOOP("ModelInfoDialog", "Infusions")),
                       ("not_calibrated", QT_TRANSLATE_NOOP("ModelInfoDialog", "Not calibrated")),
                       ("script", QT_TRANSLATE_NOOP("ModelInfoDialog", "Script")),
                       ("date", QT_TRANSLATE_NOOP("ModelInfoDialog", "Date"))):
        if calibration.get(key):
            label = e(QCoreApplication.translate("ModelInfoDialog", "{0}:").format(
                QCoreApplication.translate("ModelInfoDialog", str(title))))
            parts.append(f"<li><b>{label}</b> {text(calibration.get(key))}</li>")
    parts.append("</ul>")
    targets = [t for t in calibration.get("targets") or () if isinstance(t, dict)]
    if targets:
        parts.append("<table border='1' cellspacing='0' cellpadding='3' width='100%'><tr>"
                     f"<th>{e(QCoreApplication.translate('ModelInfoDialog', 'Figure'))}</th><th width='45%'>"
                     + e(QCoreApplication.translate("ModelInfoDialog", "Published figure and how it was read"))
                     + f"</th><th>{e(QCoreApplication.translate('ModelInfoDialog', 'Aimed at'))}</th>"
                     f"<th>{e(QCoreApplication.translate('ModelInfoDialog', 'Achieved'))}</th>"
                     f"<th>{e(QCoreApplication.translate('ModelInfoDialog', 'Source'))}</th></tr>")
        for t in targets:
            unit = text(t.get("unit"))
            achieved = f"{text(t.get('achieved'))} {unit}"
            if t.get("reproduced") is False:
                achieved += (f"<br><b style='color:{theme.current().error}'>"
                             f"{e(QCoreApplication.translate('ModelInfoDialog', 'not reproduced'))}</b>")
            parts.append(f"<tr><td>{text(t.get('figure'))} {text(t.get('id'))}</td><td>{text(t.get('statement'))}"
                         f"<br><small>{text(t.get('metric'))}</small></td><td>{text(t.get('target'))} {unit}</td>"
                         f"<td>{achieved}</td><td><small>{text(t.get('source'))}"
                         f"{_study_link(study_lookup, str(t.get('source') or ''))} "
                         f"[{text(t.get('confidence'))}]</small></td></tr>")
            if t.get("not_reproduced"):
                parts.append(f"<tr><td></td><td colspan='4' style='color:{theme.current().error}'>"
                             + e(QCoreApplication.translate("ModelInfoDialog", "Not reproduced: {0}").format(
                                 str(t.get("not_reproduced"))))
                             + "</td></tr>")
        parts.append("</table>")
    return "".join(parts)


def _table_head(e, title: str, headers) -> str:
    """Closes the list above, then a heading and the header row of a bordered table (the Model dialog's tables)."""
    return (f"</ul><h4>{e(title)}</h4><table border='1' cellspacing='0' cellpadding='3'><tr>"
            + "".join(f"<th>{e(h)}</th>" for h in headers) + "</tr>")


class ModelInfoDialog(QDialog):
    """Equations, parameters, covariates, validity domain and source of one model.  A source that is a dosing &
    PK reference in the library gets a link; activating it emits :attr:`study_link_activated` with its id (and,
    opened from the calculator, the calculator's own ``study_link_activated``, which the app connects)."""

    study_link_activated = Signal(str)

    def __init__(self, model, parent: QWidget | None = None, study_lookup=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Model — {0}").format(model.name))
        self.resize(680, 620)
        if study_lookup is None:  # opened by the calculator: its lookup of library entries
            study_lookup = getattr(parent, "_study_lookup", None)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setOpenLinks(False)  # links are handled here, never followed inside the browser
        self.browser.setAccessibleName(self.tr("Model description"))
        self.browser.anchorClicked.connect(self._on_browser_anchor_clicked)
        self.browser.setHtml(model_info_html(model, study_lookup))
        forward = getattr(parent, "study_link_activated", None)
        if forward is not None:
            self.study_link_activated.connect(forward)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)

    def _on_browser_anchor_clicked(self, url) -> None:
        link = url.toString()
        if link.startswith("study:"):
            self.study_link_activated.emit(link[len("study:"):])
            self.accept()  # the library tab comes to the front: the dialog would hide it
