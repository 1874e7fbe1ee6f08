"""Facet filters beside the citation list: kind of entry (seed study or dosing & PK reference), year range, design,
species, setting, product, journal, evidence level, favourites and a personal tag, each value with the number of
matching studies.  A study that states nothing for a facet is counted under its "Not stated" value, so the counts
of a facet always cover every study and no filter silently drops one.

A thin view: it shows what it is given (:meth:`FiltersPanel.set_facets`, :meth:`set_tags`,
:meth:`set_year_bounds`) and reports changes with :attr:`FiltersPanel.filters_changed`; :meth:`state` says
what is selected.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSignalBlocker, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStyle,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
)

from atgdesk.library.search import NOT_STATED
from atgdesk.ui import vocabulary
from atgdesk.ui.citation_model import plain_tooltip

# Facet name (as returned by Library.facets) → group title.
FACETS = (
    ("kind", QT_TRANSLATE_NOOP("FiltersPanel", "Library entries")),
    ("design", QT_TRANSLATE_NOOP("FiltersPanel", "Design")),
    ("species", QT_TRANSLATE_NOOP("FiltersPanel", "Species")),
    ("setting", QT_TRANSLATE_NOOP("FiltersPanel", "Setting / indication")),
    ("product", QT_TRANSLATE_NOOP("FiltersPanel", "ATG product")),
    ("evidence_level", QT_TRANSLATE_NOOP("FiltersPanel", "Evidence level")),
    ("journal", QT_TRANSLATE_NOOP("FiltersPanel", "Journal")),
)
FACET_ROWS = 8  # a facet list shows this many values (every design, every product), then scrolls
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
LABEL_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class FilterState:
    """What the user selected; empty tuples / None mean 'no restriction'."""

    year_min: int | None = None
    year_max: int | None = None
    designs: tuple[str, ...] = ()
    species: tuple[str, ...] = ()
    settings: tuple[str, ...] = ()
    products: tuple[str, ...] = ()
    evidence_levels: tuple[str, ...] = ()
    journals: tuple[str, ...] = ()
    favourites_only: bool = False
    tag: str = ""
    kinds: tuple[str, ...] = ()

    @property
    def facet_filtered(self) -> bool:
        """True when a facet that imported citations do not have (design, species, kind…) is restricted."""
        return bool(self.designs or self.species or self.settings or self.products or self.evidence_levels
                    or self.journals or self.kinds)

    @property
    def active(self) -> bool:
        """True when anything is restricted."""
        return self != FilterState()


class _FacetDelegate(QStyledItemDelegate):
    """Elides a facet value's label but never its count: "Aplastic anaemia / marr… (13)".

    The list's own elision cut the end of "label (count)", so in a narrow panel the counts vanished.
    """

    def initStyleOption(self, option, index) -> None:  # noqa: N802
        super().initStyleOption(option, index)
        label = index.data(LABEL_ROLE)
        if not isinstance(label, str) or not option.text.startswith(label) or option.rect.width() <= 0:
            return
        count = option.text[len(label):]
        widget = option.widget
        style = widget.style() if widget is not None else None
        if style is None:
            return
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, widget)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
        # (a few pixels spare: the widths of two runs need not add up to the width of the joined text)
        room = text_rect.width() - 2 * margin - option.fontMetrics.horizontalAdvance(count) - 4
        if option.fontMetrics.horizontalAdvance(option.text) > text_rect.width() - 2 * margin:
            option.text = option.fontMetrics.elidedText(label, Qt.TextElideMode.ElideRight, max(room, 0)) + count


_FIELD_OF = {"kind": "kinds", "design": "designs", "species": "species", "setting": "settings", "product": "products",
             "evidence_level": "evidence_levels", "journal": "journals"}


class FiltersPanel(QWidget):
    """The facet filter column."""

    filters_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._year_bounds = (1900, 2100)
        self.lists: dict[str, QListWidget] = {}
        self._build_ui()
        self._connect_signals()

    # -- construction ----------------------------------------------------------------------------------------
    def _build_ui(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)

        header = QHBoxLayout()
        title = QLabel(self.tr("Filters"))
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.setToolTip(self.tr("Remove every filter"))
        self.clear_button.setAccessibleName(self.tr("Clear every filter"))
        header.addWidget(title)
        header.addStretch(1)
        header.addWidget(self.clear_button)
        layout.addLayout(header)

        personal = QGroupBox(self.tr("Personal"))
        personal_layout = QVBoxLayout(personal)
        self.favourites_check = QCheckBox(self.tr("Favourites only"))
        self.favourites_check.setAccessibleName(self.tr("Favourites only"))
        self.tag_combo = QComboBox()
        self.tag_combo.setToolTip(self.tr("Show only studies carrying one of your tags"))
        self.tag_combo.setAccessibleName(self.tr("Tag"))  # named by what it filters, not by its value
        self.tag_combo.addItem(self.tr("Any tag"), "")
        personal_layout.addWidget(self.favourites_check)
        personal_layout.addWidget(self.tag_combo)
        layout.addWidget(personal)

        years = QGroupBox(self.tr("Year"))
        years_layout = QHBoxLayout(years)
        self.year_min_spin = QSpinBox()
        self.year_max_spin = QSpinBox()
        for spin in (self.year_min_spin, self.year_max_spin):
            spin.setRange(*self._year_bounds)
            spin.setKeyboardTracking(False)  # typing "2008" must not filter by 2, 20, 200 on the way
        self.year_min_spin.setValue(self._year_bounds[0])
        self.year_max_spin.setValue(self._year_bounds[1])
        self.year_min_spin.setToolTip(self.tr("Earliest publication year"))
        self.year_max_spin.setToolTip(self.tr("Latest publication year"))
        self.year_min_spin.setAccessibleName(self.tr("Year from"))
        self.year_max_spin.setAccessibleName(self.tr("Year to"))
        years_layout.addWidget(self.year_min_spin)
        to_label = QLabel(self.tr("to"))
        to_label.setBuddy(self.year_max_spin)
        years_layout.addWidget(to_label)
        years_layout.addWidget(self.year_max_spin)
        layout.addWidget(years)

        for facet, label in FACETS:
            group = QGroupBox(self.tr(label))
            group_layout = QVBoxLayout(group)
            group_layout.setContentsMargins(4, 4, 4, 4)
            widget = QListWidget()
            widget.setObjectName(f"facet_{facet}")
            widget.setAccessibleName(self.tr("%1 filter").replace("%1", self.tr(label)))
            widget.setUniformItemSizes(True)
            widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            widget.setTextElideMode(Qt.TextElideMode.ElideRight)
            widget.setItemDelegate(_FacetDelegate(widget))
            group_layout.addWidget(widget)
            self.lists[facet] = widget
            layout.addWidget(group)
        layout.addStretch(1)
        scroll.setWidget(body)
        outer.addWidget(scroll)
        self._scroll = scroll

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        """As wide as the filters need beside a vertical scroll bar: the scroll area alone could be made
        narrower than the year boxes and the Clear button, which were then cut off on the right."""
        hint = super().minimumSizeHint()
        body = self._scroll.widget().minimumSizeHint().width()
        bar = self._scroll.verticalScrollBar().sizeHint().width()
        return QSize(max(hint.width(), body + bar + 2 * self._scroll.frameWidth()), hint.height())

    def _connect_signals(self) -> None:
        self.clear_button.clicked.connect(self._on_clear_button_clicked)
        self.favourites_check.toggled.connect(self._on_any_changed)
        self.tag_combo.currentIndexChanged.connect(self._on_any_changed)
        self.year_min_spin.valueChanged.connect(self._on_any_changed)
        self.year_max_spin.valueChanged.connect(self._on_any_changed)
        for widget in self.lists.values():
            widget.itemChanged.connect(self._on_any_changed)

    # -- public ----------------------------------------------------------------------------------------------
    def set_year_bounds(self, first: int, last: int) -> None:
        """Years the library spans; the spin boxes start at these (meaning 'no restriction')."""
        self._year_bounds = (first, last)
        with QSignalBlocker(self.year_min_spin), QSignalBlocker(self.year_max_spin):
            for spin in (self.year_min_spin, self.year_max_spin):
                spin.setRange(first, last)
            self.year_min_spin.setValue(first)
            self.year_max_spin.setValue(last)

    def set_years(self, year_min: int | None, year_max: int | None) -> None:
        """Select a year range (None: the library's bound); emits :attr:`filters_changed` once."""
        with QSignalBlocker(self.year_min_spin), QSignalBlocker(self.year_max_spin):
            self.year_min_spin.setValue(year_min if year_min is not None else self._year_bounds[0])
            self.year_max_spin.setValue(year_max if year_max is not None else self._year_bounds[1])
        self.filters_changed.emit()

    def set_facets(self, facets: dict[str, Sequence]) -> None:
        """Show each facet's values (``FacetCount``: key, label, count) keeping what is checked.

        A checked value that has no hits any more stays listed with a zero count so it can be unchecked.
        """
        for facet, widget in self.lists.items():
            checked = {widget.item(i).data(KEY_ROLE): widget.item(i).data(LABEL_ROLE)
                       for i in range(widget.count()) if widget.item(i).checkState() == Qt.CheckState.Checked}
            values = [(f.key, f.label, f.count) for f in facets.get(facet, ())]
            present = {key for key, _, _ in values}
            values += [(key, label, 0) for key, label in checked.items() if key not in present]
            with QSignalBlocker(widget):
                widget.clear()
                for key, label, count in values:
                    shown = vocabulary.label(label or key)
                    if key == NOT_STATED:
                        shown = self.tr("Not stated")
                    item = QListWidgetItem(f"{shown} ({count})")
                    item.setData(KEY_ROLE, key)
                    item.setData(LABEL_ROLE, shown)
                    item.setToolTip(plain_tooltip((self.tr("{0}: 1 study") if count == 1 else
                                                   self.tr("{0}: {1} studies")).format(shown, count)))
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(Qt.CheckState.Checked if key in checked else Qt.CheckState.Unchecked)
                    if key == NOT_STATED:  # not a value of the vocabulary: set apart in italics
                        font = item.font()
                        font.setItalic(True)
                        item.setFont(font)
                        item.setToolTip(plain_tooltip(self.tr("Studies that state nothing for this facet "
                                                              "(neither the seed nor a published source): %n",
                                                              "", count)))
                    if count == 0:
                        item.setForeground(self.palette().brush(self.palette().ColorGroup.Disabled,
                                                                self.palette().ColorRole.Text))
                    widget.addItem(item)
            # As tall as its values, up to FACET_ROWS whole rows (then it scrolls): no empty space, no half-cut row,
            # no endless column.  The row height is the view's own (the font's height guessed it ~40 % high).
            rows = min(max(widget.count(), 1), FACET_ROWS)
            row_height = widget.sizeHintForRow(0) if widget.count() else widget.fontMetrics().height() + 4
            widget.setFixedHeight(rows * row_height + 2 * widget.frameWidth())

    def set_tags(self, tags: Sequence[tuple[str, int]]) -> None:
        """The user's tags with their study counts; keeps the selected tag when it still exists."""
        current = self.tag_combo.currentData() or ""
        with QSignalBlocker(self.tag_combo):
            self.tag_combo.clear()
            self.tag_combo.addItem(self.tr("Any tag"), "")
            for tag, count in tags:
                self.tag_combo.addItem(f"{tag} ({count})", tag)
            index = self.tag_combo.findData(current)
            self.tag_combo.setCurrentIndex(max(index, 0))
        if current and self.tag_combo.currentData() != current:
            self.filters_changed.emit()

    def check(self, facet: str, key: str, checked: bool = True) -> None:
        """Check or uncheck one facet value (used by tests and keyboard users alike)."""
        widget = self.lists[facet]
        for i in range(widget.count()):
            item = widget.item(i)
            if item.data(KEY_ROLE) == key:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                return
        raise KeyError(f"{facet}: no value {key!r} is listed")

    def set_favourites_only(self, on: bool) -> None:
        self.favourites_check.setChecked(on)

    def set_tag(self, tag: str) -> None:
        index = self.tag_combo.findData(tag)
        if index < 0:
            raise KeyError(f"tag: {tag!r} is not one of your tags")
        self.tag_combo.setCurrentIndex(index)

    def state(self) -> FilterState:
        """The current selection."""
        checked: dict[str, tuple[str, ...]] = {}
        for facet, widget in self.lists.items():
            checked[_FIELD_OF[facet]] = tuple(
                widget.item(i).data(KEY_ROLE) for i in range(widget.count())
                if widget.item(i).checkState() == Qt.CheckState.Checked)
        low, high = self.year_min_spin.value(), self.year_max_spin.value()
        if low > high:
            low, high = high, low
        return FilterState(
            year_min=low if low > self._year_bounds[0] else None,
            year_max=high if high < self._year_bounds[1] else None,
            favourites_only=self.favourites_check.isChecked(), tag=self.tag_combo.currentData() or "",
            **checked)

    def clear(self) -> None:
        """Remove every filter; emits :attr:`filters_changed` once."""
        with QSignalBlocker(self.favourites_check), QSignalBlocker(self.tag_combo), \
                QSignalBlocker(self.year_min_spin), QSignalBlocker(self.year_max_spin):
            self.favourites_check.setChecked(False)
            self.tag_combo.setCurrentIndex(0)
            self.year_min_spin.setValue(self._year_bounds[0])
            self.year_max_spin.setValue(self._year_bounds[1])
            for widget in self.lists.values():
                with QSignalBlocker(widget):
                    for i in range(widget.count()):
                        widget.item(i).setCheckState(Qt.CheckState.Unchecked)
        self.filters_changed.emit()

    # -- slots -----------------------------------------------------------------------------------------------
    def _on_clear_button_clicked(self) -> None:
        self.clear()

    def _on_any_changed(self, *args) -> None:
        self.filters_changed.emit()
