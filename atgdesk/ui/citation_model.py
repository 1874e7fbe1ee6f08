"""The citation list: rows, table model, sort proxy and the match-highlighting delegate.

The database decides which rows and in which order (ranked search); :class:`CitationTableModel` holds them.
A new result resets the model with its first page only; further pages come from a :class:`RowSource` through
Qt's ``canFetchMore``/``fetchMore`` as the user scrolls (one ``beginInsertRows`` per page), so a keystroke never
builds more rows than a screenful needs.  :class:`CitationSortProxy` only re-sorts when the user clicks a header
(year numerically; unsorted keeps the rank).  :class:`HighlightDelegate` paints plain text with the searched
terms highlighted — no HTML is ever built from database text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from atgdesk.ui import theme, vocabulary

IMPORTED_PREFIX = "user:"

# Custom roles (after Qt.UserRole).
STUDY_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
TERMS_ROLE = Qt.ItemDataRole.UserRole + 3
IMPORTED_ROLE = Qt.ItemDataRole.UserRole + 4
ROW_ROLE = Qt.ItemDataRole.UserRole + 5
_ROLE_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ROLE_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ROLE_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_ROLE_FONT = int(Qt.ItemDataRole.FontRole)
_ROLE_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
#: The roles CitationTableModel.data answers (as ints); any other gets None without further work.
_ANSWERED_ROLES = frozenset({_ROLE_DISPLAY, _ROLE_TOOLTIP, _ROLE_ALIGNMENT, _ROLE_FONT, _ROLE_FOREGROUND,
                             int(SORT_ROLE), int(STUDY_ID_ROLE), int(TERMS_ROLE), int(IMPORTED_ROLE), int(ROW_ROLE)})

# Rows added per fetchMore (and shown after a new search): a few screenfuls, cheap to build on every keystroke.
PAGE_ROWS = 200


@dataclass(frozen=True)
class CitationRow:
    """One line of the citation list: a bundled study or a citation the user imported (``imported`` True)."""

    id: str
    first_author: str
    authors: str
    year: int | None
    title: str
    journal: str
    design: str = ""
    product: str = ""
    setting: str = ""
    evidence_level: str = ""
    favourite: bool = False
    imported: bool = False
    terms: tuple[str, ...] = ()


def row_from_record(record, favourite: bool = False) -> CitationRow:
    """A list row for a bundled ``StudyRecord``; a dosing & PK reference carries that badge in the Design column
    (it is no study of its own) and, when its title was not read on a record, says so instead of a title."""
    design, title = vocabulary.label(record.design_label), record.title
    if getattr(record, "is_reference", False):
        design = reference_badge()
        title = title or QCoreApplication.translate("CitationTableModel", "(title not recorded in the data files)")
    return CitationRow(
        id=record.id, first_author=record.first_author, authors=record.authors_short, year=record.year or None,
        title=title, journal=record.journal, design=design,
        product="; ".join(map(vocabulary.label, record.product_labels)),
        setting="; ".join(map(vocabulary.label, record.setting_labels)),
        evidence_level=record.evidence_level, favourite=favourite, terms=tuple(record.match_terms))


def reference_badge() -> str:
    """The badge of a dosing & PK reference (list and study view)."""
    return QCoreApplication.translate("CitationTableModel", "Dosing & PK reference")


def row_from_imported(citation, favourite: bool = False, terms: Sequence[str] = ()) -> CitationRow:
    """A list row for a user-imported citation (``userstore.ImportedCitation``)."""
    first = citation.authors[0] if citation.authors else ""
    first_family = first.split(",")[0].strip() if "," in first else first
    return CitationRow(
        id=f"{IMPORTED_PREFIX}{citation.id}", first_author=first_family, authors=", ".join(citation.authors),
        year=citation.year, title=citation.title, journal=citation.journal,
        design=f"Imported ({citation.format.upper()})", favourite=favourite, imported=True,
        terms=tuple(terms))


def imported_id(row_id: str) -> int | None:
    """The userstore id of an imported row id ('user:12' → 12), or None for a bundled study."""
    if row_id.startswith(IMPORTED_PREFIX) and row_id[len(IMPORTED_PREFIX):].isdigit():
        return int(row_id[len(IMPORTED_PREFIX):])
    return None


def match_imported(citations: Iterable, query: str, year_min: int | None = None, year_max: int | None = None,
                   ids: frozenset[str] | None = None, facet_filtered: bool = False) -> list:
    """Imported citations matching a query by simple case-insensitive substring on title, authors and journal.

    Every whitespace-separated word must occur (quotes are ignored).  Imported citations carry no design,
    species, setting or product, so when such a facet is filtered (``facet_filtered``) none match.
    """
    if facet_filtered:
        return []
    words = [w.casefold() for w in query.replace('"', " ").split() if any(c.isalnum() for c in w)]
    if query.strip() and not words and query.replace('"', " ").strip():
        return []
    out = []
    for citation in citations:
        if ids is not None and f"{IMPORTED_PREFIX}{citation.id}" not in ids:
            continue
        if year_min is not None and (citation.year is None or citation.year < year_min):
            continue
        if year_max is not None and (citation.year is None or citation.year > year_max):
            continue
        haystack = " ".join((citation.title, " ".join(citation.authors), citation.journal)).casefold()
        if all(w in haystack for w in words):
            out.append(citation)
    return out


class RowSource(Protocol):
    """The rest of a result, handed to :meth:`CitationTableModel.fetchMore` in list order."""

    @property
    def exhausted(self) -> bool:
        """True once every row has been handed out."""
        ...

    def fetch(self, count: int) -> list[CitationRow]:
        """The next ``count`` rows (fewer only when the result ends)."""
        ...


class CitationTableModel(QAbstractTableModel):
    """Rows of :class:`CitationRow` in the database's order: the first page from :meth:`set_rows`, the next
    ones from its :class:`RowSource` when the view asks for more (``canFetchMore``/``fetchMore``)."""

    COLUMNS = ("★", QT_TRANSLATE_NOOP("CitationTableModel", "First author"),
               QT_TRANSLATE_NOOP("CitationTableModel", "Year"), QT_TRANSLATE_NOOP("CitationTableModel", "Title"),
               QT_TRANSLATE_NOOP("CitationTableModel", "Journal"), QT_TRANSLATE_NOOP("CitationTableModel", "Design"),
               QT_TRANSLATE_NOOP("CitationTableModel", "Product"),
               QT_TRANSLATE_NOOP("CitationTableModel", "Setting"))
    STAR, AUTHOR, YEAR, TITLE, JOURNAL, DESIGN, PRODUCT, SETTING = range(8)
    HIGHLIGHTED = (AUTHOR, TITLE, JOURNAL)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[CitationRow] = []
        self._more: RowSource | None = None
        self._italic = QFont()
        self._italic.setItalic(True)

    # -- public ----------------------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[CitationRow], more: RowSource | None = None) -> None:
        """Replace every row (one model reset, not per-row inserts); ``more`` supplies the rows after them."""
        self.beginResetModel()
        self._rows = list(rows)
        self._more = more if more is not None and not more.exhausted else None
        self.endResetModel()

    def fetch_all(self) -> None:
        """Load every remaining row now, in one insert."""
        self._insert_from_source(None)

    def set_favourites(self, favourite_ids: set[str]) -> None:
        """Update the star column in place (no reset, selection kept)."""
        changed = False
        for i, row in enumerate(self._rows):
            fav = row.id in favourite_ids
            if fav != row.favourite:
                self._rows[i] = CitationRow(**{**row.__dict__, "favourite": fav})
                changed = True
        if changed and self._rows:
            self.dataChanged.emit(self.index(0, self.STAR), self.index(len(self._rows) - 1, self.STAR))

    def row_at(self, row: int) -> CitationRow:
        return self._rows[row]

    def rows(self) -> list[CitationRow]:
        return list(self._rows)

    def row_of(self, study_id: str) -> int:
        """Source row of a study id, or -1."""
        for i, row in enumerate(self._rows):
            if row.id == study_id:
                return i
        return -1

    # -- Qt model interface ----------------------------------------------------------------------------------
    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and self._more is not None

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008, N802
        if not parent.isValid():
            self._insert_from_source(PAGE_ROWS)

    def _insert_from_source(self, count: int | None) -> None:
        """Append the next ``count`` rows of the source (all of them for None) with one beginInsertRows."""
        source = self._more
        if source is None:
            return
        rows = source.fetch(count) if count is not None else _fetch_rest(source)
        if count is None or source.exhausted or len(rows) < count:
            self._more = None  # settled before the insert: a view may ask canFetchMore while it lays out
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._column_title(section)
        if role == Qt.ItemDataRole.ToolTipRole:
            if section == self.STAR:
                return QCoreApplication.translate("CitationTableModel", "Favourite")
            return QCoreApplication.translate("CitationTableModel", "Sort by {0}").format(
                self._column_title(section).lower())
        return None

    def _column_title(self, section: int) -> str:
        return QCoreApplication.translate("CitationTableModel", str(self.COLUMNS[section]))

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        # Called for every role of every visible cell on each repaint (~12 roles a cell): the roles are compared
        # as plain ints (_ROLE_*), and the roles this model has nothing for return at once.
        role = int(role)
        if role not in _ANSWERED_ROLES or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == _ROLE_DISPLAY:
            return cell_text(row, column)
        if role == _ROLE_TOOLTIP:
            if column == self.STAR:
                return QCoreApplication.translate("CitationTableModel", "Favourite") if row.favourite else None
            if column == self.AUTHOR:
                return plain_tooltip(row.authors or row.first_author)
            return plain_tooltip(cell_text(row, column))
        if role == SORT_ROLE:
            return sort_key(row, column)
        if role == _ROLE_ALIGNMENT:
            return int(Qt.AlignmentFlag.AlignCenter) if column in (self.STAR, self.YEAR) else None
        if role == _ROLE_FONT:
            return self._italic if row.imported and column == self.DESIGN else None
        if role == _ROLE_FOREGROUND:
            return QBrush(QColor(theme.current().favourite)) if column == self.STAR and row.favourite else None
        if role == STUDY_ID_ROLE:
            return row.id
        if role == TERMS_ROLE:
            return row.terms if column in self.HIGHLIGHTED else ()
        if role == IMPORTED_ROLE:
            return row.imported
        if role == ROW_ROLE:
            return row
        return None



def _fetch_rest(source: RowSource) -> list[CitationRow]:
    rows: list[CitationRow] = []
    while not source.exhausted:
        page = source.fetch(PAGE_ROWS * 5)
        if not page:
            break
        rows += page
    return rows


def plain_tooltip(text: str) -> str | None:
    """``text`` as a tooltip that Qt shows literally (None for no text).

    QToolTip renders any text that looks like markup as rich text, so a title containing ``<b>`` would show in
    bold and ``<img>`` as a broken image.  Escaped into a paragraph, database text reads as typed, and a long
    title or author list wraps instead of running off the screen.
    """
    if not text:
        return None
    return "<p>" + html.escape(text, quote=False).replace("\n", "<br>") + "</p>"


def cell_text(row: CitationRow, column: int) -> str:
    """The text a list cell shows."""
    model = CitationTableModel
    if column == model.STAR:
        return "★" if row.favourite else ""
    if column == model.AUTHOR:
        return row.first_author
    if column == model.YEAR:
        return str(row.year) if row.year is not None else ""
    if column == model.TITLE:
        return row.title
    if column == model.JOURNAL:
        return row.journal
    if column == model.DESIGN:
        return row.design
    if column == model.PRODUCT:
        return row.product
    if column == model.SETTING:
        return row.setting
    return ""


def sort_key(row: CitationRow, column: int) -> int | str:
    """What :class:`CitationSortProxy` orders a column by (:data:`SORT_ROLE`): the year as a number (missing
    years first, as SQLite puts NULL), favourites before the rest, other text case-folded."""
    if column == CitationTableModel.YEAR:
        return row.year if row.year is not None else -1
    if column == CitationTableModel.STAR:
        return 0 if row.favourite else 1
    return cell_text(row, column).casefold()


class CitationSortProxy(QSortFilterProxyModel):
    """Sorts by :data:`SORT_ROLE` (year numeric) when a header is clicked; unsorted keeps the database's rank.

    Which rows exist is decided by the database (search, facets, favourites and tags are SQL); this proxy
    never filters, it only orders, and ties keep the database order.
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def lessThan(self, left, right) -> bool:  # noqa: N802
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if a == b:  # ties keep the database order, whichever way the column is sorted
            if self.sortOrder() == Qt.SortOrder.DescendingOrder:
                return left.row() > right.row()
            return left.row() < right.row()
        return a < b


def term_spans(text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    """(start, length) of every case-insensitive occurrence of a term in ``text``, merged and sorted.

    Used by the delegate; terms are the words the user searched for (a term matches the start of a word, so
    'thymo' marks 'Thymoglobulin' but 'mo' does not light up the middle of words).
    """
    words = [t for t in terms if t and any(c.isalnum() for c in t)]
    if not words or not text:
        return []
    pattern = re.compile("|".join(r"(?<!\w)" + re.escape(t) if t[0].isalnum() else re.escape(t)
                                  for t in sorted(words, key=len, reverse=True)), re.IGNORECASE)
    spans: list[tuple[int, int]] = []
    for match in pattern.finditer(text):
        start, end = match.span()
        if spans and start <= spans[-1][0] + spans[-1][1]:
            prev_start, prev_len = spans[-1]
            spans[-1] = (prev_start, max(prev_start + prev_len, end) - prev_start)
        elif end > start:
            spans.append((start, end - start))
    return spans


def _may_contain(text: object, terms: Sequence[str]) -> bool:
    """A quick test before :func:`term_spans`: whether any term occurs in ``text`` at all."""
    if not isinstance(text, str) or not text:
        return False
    folded = text.casefold()
    return any(term in folded for term in terms)


class HighlightDelegate(QStyledItemDelegate):
    """Paints a cell's plain text elided to its width, with the search terms on a highlight background.

    Text is drawn run by run with ``QPainter.drawText`` (never as rich text): markup in a title stays literal.
    """

    def paint(self, painter, option, index) -> None:
        terms = index.data(TERMS_ROLE) or ()
        if not terms or not _may_contain(index.data(Qt.ItemDataRole.DisplayRole), terms):
            super().paint(painter, option, index)  # nothing to mark: Qt's own painting is cheaper
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
        rect = rect.adjusted(margin, 0, -margin, 0)
        metrics = opt.fontMetrics
        elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(rect.width(), 0))
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Active if opt.state & QStyle.StateFlag.State_Active else \
            QPalette.ColorGroup.Inactive
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setFont(opt.font)
        painter.setClipRect(rect)
        painter.setPen(opt.palette.color(group, role))
        colours = theme.current()
        x = rect.left()
        flags = (int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
                 | int(Qt.TextFlag.TextSingleLine))
        position = 0
        runs = []
        for start, length in term_spans(elided, terms):
            runs.append((elided[position:start], False))
            runs.append((elided[start:start + length], True))
            position = start + length
        runs.append((elided[position:], False))
        for run, marked in runs:
            if not run:
                continue
            width = metrics.horizontalAdvance(run)
            box = QRect(x, rect.top(), width, rect.height())
            if marked:  # the theme's highlight with its own text colour: ≥ 4.5:1 on light and dark palettes
                painter.fillRect(box.adjusted(0, 2, 0, -2), QColor(colours.search_highlight_bg))
                painter.setPen(QColor(colours.text))
            painter.drawText(box, flags, run)
            if marked:
                painter.setPen(opt.palette.color(group, role))
            x += width
        painter.restore()
