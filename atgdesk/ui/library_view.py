"""The Library screen: search box, facet filters, citation list and study view, and the logic behind them.

:class:`LibraryView` is a thin view (widgets, keyboard, debounced search text, ``set_*`` methods, signals).
:class:`LibraryController` holds the evidence library and the user store and answers the view's signals:
it runs the ranked search (the database decides rows and order), fills the list page by page and the facet
counts, shows the selected study, saves favourites/tags/notes (one userstore transaction each), copies
citations, exports and imports.  ``atgdesk.app`` builds both and wires ``MainWindow.export_requested`` to
:meth:`LibraryView.request_export`; the main window saves and restores the screen's layout and copy style
with :meth:`LibraryView.save_state` and :meth:`LibraryView.restore_state`.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QRunnable,
    QSettings,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from atgdesk.library import cite
from atgdesk.library.present import entry_counts
from atgdesk.library.records import SearchFilters, StudyRecord
from atgdesk.library.userstore import UserStoreBusy, UserStoreError
from atgdesk.ui.citation_model import (
    PAGE_ROWS,
    STUDY_ID_ROLE,
    CitationRow,
    CitationSortProxy,
    CitationTableModel,
    HighlightDelegate,
    RowSource,
    imported_id,
    match_imported,
    reference_badge,
    row_from_imported,
    row_from_record,
    sort_key,
)
from atgdesk.ui.filters_panel import FiltersPanel, FilterState
from atgdesk.ui.study_view import StudyView

# formats and importers (bibtexparser, rispy, pylatexenc) and library_dialogs are imported in the methods that
# export or import: nothing else needs them, and loading them at start-up cost ~30 ms.
log = logging.getLogger("atgdesk.ui.library")
PERSONAL_FILE_MAX_BYTES = 50 * 1024 * 1024  # far above any personal layer (notes are at most 200,000 characters each)
NOTE_RETRY_MS = 3000  # a note that could not be saved is tried again this often (the GUI never waits on a lock)

SEARCH_DELAY_MS = 180
# The list holds at most this many hits of the database (the count says how many matched): a keystroke loads
# the first PAGE_ROWS, scrolling loads the rest up to this cap; nobody scrolls past the first thousand.
MAX_LIST_ROWS = 1000
COLUMN_WIDTHS = (28, 110, 48, 320, 130, 150, 170, 190)
# How a list too narrow for its columns makes room for the journal: (column, narrowest width) in turn; the text
# of a narrowed column elides and its tooltip is whole.  TITLE_MIN_WIDTH: the title's first floor.
TITLE_MIN_WIDTH = 160
NARROWING = ((CitationTableModel.TITLE, TITLE_MIN_WIDTH), (CitationTableModel.JOURNAL, 90),
             (CitationTableModel.AUTHOR, 80), (CitationTableModel.TITLE, 120))
# List columns the database can order by: its sort name (see atgdesk.library.search.SORTS) for (ascending,
# descending).  Sorted by one of these, the pages come from the database in that order, so the list is sorted
# across all matches however few rows are loaded.  The other columns (favourite, design, product, setting) are
# sorted by the proxy alone: the list then loads all its rows (up to MAX_LIST_ROWS) at once and orders those.
DB_SORTS = {
    CitationTableModel.YEAR: ("year-asc", "year"),
    CitationTableModel.AUTHOR: ("author", "author-desc"),
    CitationTableModel.TITLE: ("title", "title-desc"),
    CitationTableModel.JOURNAL: ("journal", "journal-desc"),
}
# QSettings keys of the screen's state (next to the main window's "window/…").
SPLITTER_KEY = "library/splitter_sizes"
COPY_STYLE_KEY = "library/copy_style"


class _TitleWidth(QObject):
    """The title column takes the room a wide list has (at 1920×1080 it stayed 320 px beside empty space).  In a
    narrow one (1366×768 or 1024×700, also at scale factor 2) the columns up to the journal stay in view: the
    title gives up width first (to 160 px), then the journal (to 90), the author (to 80) and the title again (to
    120); their text elides and the tooltip shows it whole.  Design, product and setting lie past the right edge,
    reached by scrolling (none is hidden).  Widths taken from the journal and author are given back when the list
    widens again."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self._table = table
        self._shrunk: set[int] = set()  # author/journal narrowed here (not by the user): restored when room returns
        table.viewport().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt naming)
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def fit(self) -> None:
        header = self._table.horizontalHeader()
        title, journal = CitationTableModel.TITLE, CitationTableModel.JOURNAL
        last = header.logicalIndex(header.count() - 1)  # stretched to fill: counted at its default width
        shown = [c for c in range(header.count()) if c != title and not header.isSectionHidden(c)]
        # a column narrowed here counts at its default width, so a widening list gives it back first
        width = {c: COLUMN_WIDTHS[c] if c == last or c in self._shrunk else header.sectionSize(c) for c in shown}
        room = self._table.viewport().width()
        if room - sum(width.values()) >= COLUMN_WIDTHS[title]:  # every column fits: the title takes the rest
            width[title] = room - sum(width.values())
        else:  # the columns up to the journal fill the list, narrowed in NARROWING order
            front = [c for c in shown if header.visualIndex(c) <= header.visualIndex(journal)] + [title]
            width[title] = COLUMN_WIDTHS[title]
            excess = sum(width[c] for c in front) - room
            for column, floor in NARROWING:
                if excess <= 0:
                    break
                if column in width and width[column] > floor:
                    give = min(excess, width[column] - floor)
                    width[column] -= give
                    excess -= give
        for column in (CitationTableModel.AUTHOR, journal):
            if column in width and (column in self._shrunk or width[column] < header.sectionSize(column)):
                if header.sectionSize(column) != width[column]:
                    self._table.setColumnWidth(column, width[column])
                if width[column] < COLUMN_WIDTHS[column]:
                    self._shrunk.add(column)
                else:
                    self._shrunk.discard(column)
        if header.sectionSize(title) != width[title]:
            self._table.setColumnWidth(title, width[title])


class LibraryView(QWidget):
    """Search box + count + actions on top; filters | citation list | study view in a splitter."""

    query_changed = Signal(str)
    sort_changed = Signal()
    current_changed = Signal(str)
    study_activated = Signal(str)
    copy_requested = Signal(list, str)
    favourite_clicked = Signal(str)
    export_requested = Signal()
    export_selection_requested = Signal()
    import_requested = Signal()
    personal_export_requested = Signal()
    personal_import_requested = Signal()
    remove_requested = Signal(str)
    hidden = Signal()
    shown = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The citation style chosen last (copying, and the citation shown in the study view); saved in settings.
        self.copy_style = cite.DEFAULT_STYLE
        # Splitter sizes mean nothing until the screen has been laid out once; until then, save what was restored.
        self._shown_once = False
        self._restored_sizes: list[int] | None = None
        self._build_ui()
        self._connect_signals()

    # -- construction ----------------------------------------------------------------------------------------
    def _build_ui(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        top = QHBoxLayout()
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("search_edit")
        self.search_edit.setPlaceholderText(self.tr("Search titles, authors, journals, summaries… (Ctrl+F)"))
        self.search_edit.setAccessibleName(self.tr("Search the library"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMaxLength(10_000)
        self.count_label = QLabel()
        self.count_label.setObjectName("count_label")
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.import_button = QPushButton(self.tr("&Import…"))
        self.import_button.setToolTip(self.tr("Add citations from RIS, MEDLINE/nbib or PubMed XML files"))
        self.export_button = QPushButton(self.tr("E&xport…"))
        self.export_button.setToolTip(self.tr("Export the selected studies or the whole list (Ctrl+E)"))
        # A push button with a menu, like Import and Export beside it: the style places its menu arrow in room of
        # its own (a QToolButton's instant-popup arrow sat on the text's last glyph, '我的数据' under zh_CN).
        self.more_button = QPushButton(self.tr("My data"))
        self.more_button.setAccessibleName(self.tr("My data: export or import favourites, tags and notes"))
        more = QMenu(self.more_button)
        self.personal_export_action = more.addAction(self.tr("Export favourites, tags and notes…"))
        self.personal_import_action = more.addAction(self.tr("Import favourites, tags and notes…"))
        self.more_button.setMenu(more)
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.count_label)
        top.addWidget(self.import_button)
        top.addWidget(self.export_button)
        top.addWidget(self.more_button)
        layout.addLayout(top)

        self.filters_panel = FiltersPanel()
        self.model = CitationTableModel(self)
        self.proxy = CitationSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("citation_table")
        self.table.setAccessibleName(self.tr("Citations"))
        # Read-only list: Tab leaves it for the next control instead of walking cell by cell (arrows move).
        self.table.setTabKeyNavigation(False)
        self.table.setModel(self.proxy)
        # Only the columns with search terms get the (Python) highlighting delegate; Qt paints the others.
        highlighter = HighlightDelegate(self.table)
        for column in CitationTableModel.HIGHLIGHTED:
            self.table.setItemDelegateForColumn(column, highlighter)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setAlternatingRowColors(True)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSortIndicatorClearable(True)  # third click returns to the database's ranking
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        for column, width in enumerate(COLUMN_WIDTHS):
            self.table.setColumnWidth(column, width)
        self._title_width = _TitleWidth(self.table)
        self.table.setSortingEnabled(True)
        self.study_view = StudyView()

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        # (the filters panel's minimum width is its own minimumSizeHint: what its year boxes need)
        self.table.setMinimumWidth(320)
        self.study_view.setMinimumWidth(320)
        self.splitter.addWidget(self.filters_panel)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.study_view)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([220, 600, 460])
        layout.addWidget(self.splitter, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self.find_shortcut = QShortcut(QKeySequence.StandardKey.Find, self)
        self.find_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.copy_shortcut = QShortcut(QKeySequence.StandardKey.Copy, self.table)
        self.copy_shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        # Esc in the study view (after Enter opened a study) goes back to the list, on the same study; a note
        # being typed is saved as the notes editor loses focus.
        self.back_shortcut = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.study_view)
        self.back_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.search_edit.installEventFilter(self)
        self.table.installEventFilter(self)

    def _connect_signals(self) -> None:
        self.search_edit.textChanged.connect(self._on_search_edit_text_changed)
        self._search_timer.timeout.connect(self._on_search_timer_timeout)
        self.find_shortcut.activated.connect(self.focus_search)
        self.copy_shortcut.activated.connect(lambda: self.copy_requested.emit(self.selected_ids(), ""))
        self.back_shortcut.activated.connect(self._on_back_shortcut_activated)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
        self.table.activated.connect(self._on_table_activated)
        self.table.clicked.connect(self._on_table_clicked)
        self.table.customContextMenuRequested.connect(self._on_table_context_menu)
        # QTableView's own connection (made by setSortingEnabled) sorts the proxy first; then the controller
        # reloads the rows in the database's order for that column (see DB_SORTS).
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._on_header_sort_indicator_changed)
        self.import_button.clicked.connect(self.import_requested)
        self.export_button.clicked.connect(self.export_requested)
        self.personal_export_action.triggered.connect(self.personal_export_requested)
        self.personal_import_action.triggered.connect(self.personal_import_requested)
        self.study_view.related_activated.connect(self.select_study)

    # -- public ----------------------------------------------------------------------------------------------
    def query(self) -> str:
        return self.search_edit.text()

    def set_query(self, text: str) -> None:
        """Put text in the search box (the search runs after the debounce delay, as if typed)."""
        self.search_edit.setText(text)

    def flush_search(self) -> None:
        """Run a pending debounced search now."""
        if self._search_timer.isActive():
            self._search_timer.stop()
            self.query_changed.emit(self.search_edit.text())

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def set_rows(self, rows: Sequence[CitationRow], more: RowSource | None = None) -> None:
        """Replace the list (one model reset) with its first rows, ``more`` giving the rest as the user scrolls;
        the current study stays selected when it is among the new rows."""
        current = self.current_id()
        self.model.set_rows(rows, more)
        if current:
            self.select_study(current, emit=False)

    def sort_order(self) -> tuple[int, bool]:
        """The column the list is sorted by (-1: the database's ranking) and whether it is descending."""
        header = self.table.horizontalHeader()
        return header.sortIndicatorSection(), header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder

    def set_count(self, text: str) -> None:
        self.count_label.setText(text)

    def set_favourites(self, ids: set[str]) -> None:
        self.model.set_favourites(ids)

    def current_id(self) -> str:
        index = self.table.currentIndex()
        return (index.data(STUDY_ID_ROLE) or "") if index.isValid() else ""

    def selected_ids(self) -> list[str]:
        """Ids of the selected rows in list order (the current row when nothing is selected)."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        ids = [self.proxy.index(r, 0).data(STUDY_ID_ROLE) for r in rows]
        if not ids and self.current_id():
            ids = [self.current_id()]
        return ids

    def listed_ids(self) -> list[str]:
        """Ids of every row loaded in the list, in the order shown (more may follow as the list scrolls)."""
        return [self.proxy.index(r, 0).data(STUDY_ID_ROLE) for r in range(self.proxy.rowCount())]

    def select_study(self, study_id: str, emit: bool = True) -> bool:
        """Make ``study_id`` the current row (scrolling to it); returns False when it is not listed."""
        source_row = self.model.row_of(study_id)
        if source_row < 0:
            if emit:
                self.current_changed.emit(study_id)  # e.g. a related study hidden by filters: show it
            return False
        index = self.proxy.mapFromSource(self.model.index(source_row, 1))
        selection = self.table.selectionModel()
        if not emit:
            selection.blockSignals(True)
        selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                  | QItemSelectionModel.SelectionFlag.Rows)
        if not emit:
            selection.blockSignals(False)
        else:  # also when it was already the current row (the study view may show a related study)
            self.current_changed.emit(study_id)
        self.table.scrollTo(index)
        return True

    def request_export(self) -> None:
        """Ask for an export (File ▸ Export citations…, Ctrl+E)."""
        self.export_requested.emit()

    # -- state -----------------------------------------------------------------------------------------------
    def save_state(self, settings: QSettings) -> None:
        """Store the splitter sizes and the chosen copy style (the caller syncs the settings)."""
        sizes = self.splitter.sizes() if self._shown_once else self._restored_sizes
        if sizes is not None:  # a screen never shown (the app closed on another tab) keeps what it had
            settings.setValue(SPLITTER_KEY, sizes)
        settings.setValue(COPY_STYLE_KEY, self.copy_style)

    def restore_state(self, settings: QSettings) -> None:
        """Apply what :meth:`save_state` stored; a missing or garbled value keeps the default."""
        sizes = _splitter_sizes(settings.value(SPLITTER_KEY), self.splitter.count())
        if sizes is not None:
            self.splitter.setSizes(sizes)
            self._restored_sizes = sizes
        style = settings.value(COPY_STYLE_KEY)
        if isinstance(style, str) and style in cite.STYLES:
            self.copy_style = style

    # -- events ----------------------------------------------------------------------------------------------
    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if watched is self.search_edit:
                if key == Qt.Key.Key_Escape and self.search_edit.text():
                    self.search_edit.clear()
                    return True
                if key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.proxy.rowCount():
                    self.flush_search()
                    current = self.table.currentIndex()
                    self.table.selectRow(current.row() if current.isValid() else 0)
                    self.table.setFocus(Qt.FocusReason.OtherFocusReason)
                    if key != Qt.Key.Key_Down:
                        self._on_table_activated(self.table.currentIndex())
                    return True
            elif watched is self.table:
                if key == Qt.Key.Key_Escape:
                    self.search_edit.clear()
                    self.focus_search()
                    return True
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    self._on_table_activated(self.table.currentIndex())
                    return True
        return super().eventFilter(watched, event)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self._shown_once = True
        self.shown.emit()

    def hideEvent(self, event) -> None:  # noqa: N802
        # Closing the window hides its children: save a note being typed before anything else can happen, and
        # run a pending search now rather than after the databases may have been closed.
        self.study_view.flush_note()
        self.flush_search()
        self.hidden.emit()
        super().hideEvent(event)

    # -- slots -----------------------------------------------------------------------------------------------
    def _on_search_edit_text_changed(self, _text: str) -> None:
        self._search_timer.start()

    def _on_search_timer_timeout(self) -> None:
        self.query_changed.emit(self.search_edit.text())

    def _on_table_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.current_changed.emit(current.data(STUDY_ID_ROLE))

    def _on_table_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.study_activated.emit(index.data(STUDY_ID_ROLE))
            self.study_view.scroll.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_back_shortcut_activated(self) -> None:
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _on_header_sort_indicator_changed(self, _section: int, _order: Qt.SortOrder) -> None:
        self.sort_changed.emit()

    def _on_table_clicked(self, index: QModelIndex) -> None:
        if index.isValid() and index.column() == CitationTableModel.STAR:
            self.favourite_clicked.emit(index.data(STUDY_ID_ROLE))

    def _on_table_context_menu(self, pos) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        menu = QMenu(self)
        for key, style in cite.STYLES.items():
            action = QAction(self.tr("Copy citation (%1)").replace("%1", style.label), menu)
            action.triggered.connect(lambda _=False, k=key: self.copy_requested.emit(self.selected_ids(), k))
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.tr("Export selected…")).triggered.connect(self.export_selection_requested)
        if len(ids) == 1:
            menu.addAction(self.tr("Toggle favourite")).triggered.connect(lambda: self.favourite_clicked.emit(ids[0]))
            if imported_id(ids[0]) is not None:
                menu.addAction(self.tr("Remove from my library")).triggered.connect(
                    lambda: self.remove_requested.emit(ids[0]))
        menu.exec(self.table.viewport().mapToGlobal(pos))


def _splitter_sizes(value: object, count: int) -> list[int] | None:
    """Splitter sizes read back from settings (an INI file gives a list of strings), or None when they are not
    ``count`` whole, non-negative numbers of pixels with some width in total."""
    if not isinstance(value, (list, tuple)) or len(value) != count:
        return None
    sizes = []
    for item in value:
        text = str(item).strip()
        if not text.isdigit() or len(text) > 6:  # no sign, no fraction, no absurd width
            return None
        sizes.append(int(text))
    return sizes if sum(sizes) > 0 else None


class _SearchPages:
    """The rows of one search, handed to the citation list page by page (a ``RowSource``).

    The database's hits come in its order for ``sort`` (the rank, or a column: see ``DB_SORTS``), at most
    ``limit`` of them.  ``extras`` — studies found only in the user's notes and tags, and imported citations —
    are merged in by the proxy's sort key of ``column`` so that the loaded rows are always the start of the
    whole list as shown; unsorted (``column`` -1) they follow the hits, as the database has no rank for them.

    ``Library.search`` has no offset: the keystroke's query fetches the first page, and the first request beyond
    it fetches every remaining hit up to ``limit`` in one query (one short pause when the user first scrolls past
    the first page — tens of ms at 100,000 studies — rather than one per page).
    """

    def __init__(self, library, query: str, filters: SearchFilters, sort: str, first: Sequence[StudyRecord],
                 limit: int, extras: Sequence[CitationRow], column: int, descending: bool,
                 favourites: set[str]) -> None:
        self._library, self._query, self._filters, self._sort = library, query, filters, sort
        self._records = list(first)
        self._complete = len(self._records) >= limit  # every hit the list may show is in _records
        self._limit = limit
        self._next = 0
        self._given: set[str] = set()
        self._column, self._descending = column, descending
        if column >= 0:  # stable: extras with equal keys keep their order
            extras = sorted(extras, key=lambda row: sort_key(row, column), reverse=descending)
        self._extras = list(extras)
        self._next_extra = 0
        self.favourites = favourites

    @property
    def exhausted(self) -> bool:
        # Without querying: the count told how many hits there are, so an incomplete _records means more.
        hits_left = len(self._given) < self._limit and (self._next < len(self._records) or not self._complete)
        return not hits_left and self._next_extra >= len(self._extras)

    def fetch(self, count: int) -> list[CitationRow]:
        rows: list[CitationRow] = []
        while len(rows) < count:
            record = self._peek_record()
            extra = self._extras[self._next_extra] if self._next_extra < len(self._extras) else None
            if record is None and extra is None:
                break
            hit = row_from_record(record, record.id in self.favourites) if record is not None else None
            if extra is not None and (hit is None or self._before(extra, hit)):
                rows.append(replace(extra, favourite=extra.id in self.favourites))
                self._next_extra += 1
            else:
                rows.append(hit)
                self._given.add(hit.id)
                self._next += 1
        return rows

    def all_ids(self) -> list[str]:
        """Every id of the result without the list's cap: all the database's hits in its order, then the
        extras."""
        hits = self._library.search(self._query, self._filters, sort=self._sort)
        return [r.id for r in hits] + [row.id for row in self._extras]

    def _peek_record(self) -> StudyRecord | None:
        if len(self._given) >= self._limit:
            return None
        if self._next >= len(self._records):
            if self._complete:
                return None
            records = self._library.search(self._query, self._filters, sort=self._sort, limit=self._limit)
            # The longer query starts with the rows already given (same order, ties broken by id); skipping
            # them by id keeps the list free of duplicates even if it did not.
            self._records = [r for r in records if r.id not in self._given]
            self._next = 0
            self._complete = True
            if not self._records:
                return None
        return self._records[self._next]

    def _before(self, extra: CitationRow, hit: CitationRow) -> bool:
        """Whether ``extra`` comes before ``hit`` in the proxy's order (ties: the database's row first)."""
        if self._column < 0:
            return False
        a, b = sort_key(extra, self._column), sort_key(hit, self._column)
        return a > b if self._descending else a < b  # keys of one column are all numbers or all text


class _FacetSignals(QObject):
    done = Signal(int, object)


class _FacetJob(QRunnable):
    """Counts facets on the worker's own connection and reports back through a queued signal."""

    def __init__(self, library, generation: int, query: str, filters, signals: _FacetSignals) -> None:
        super().__init__()
        self._library, self._generation, self._query, self._filters = library, generation, query, filters
        self._signals = signals

    def run(self) -> None:  # in a pool thread: SQL only, no widgets
        try:
            facets = self._library.facets(self._query, self._filters)
        except Exception:  # keep the old counts rather than lose the thread's error
            log.exception("facet count failed")
            return
        self._signals.done.emit(self._generation, facets)


class _ImportSignals(QObject):
    parsed = Signal(int, object, str)  # file index, ParsedFile or None, error message
    finished = Signal()


class _ImportJob(QRunnable):
    """Parses the files to import in a pool thread (no widgets, no database), one by one, so a large file never
    blocks the window; stops before the next file once cancelled."""

    def __init__(self, paths: Sequence[str | Path], signals: _ImportSignals, cancelled: threading.Event) -> None:
        super().__init__()
        self._paths, self._signals, self._cancelled = list(paths), signals, cancelled

    def run(self) -> None:
        from atgdesk.library import importers
        try:
            for index, path in enumerate(self._paths):
                if self._cancelled.is_set():
                    break
                name = Path(path).name
                try:
                    self._signals.parsed.emit(index, importers.parse_file(path), "")
                except importers.ImportParseError as exc:
                    self._signals.parsed.emit(index, None, exc.message if exc.file == name and exc.line is None
                                              else str(exc))
                except Exception as exc:  # an unforeseen parser failure is reported for this file only
                    log.exception("import of %s failed", name)
                    self._signals.parsed.emit(index, None, f"{type(exc).__name__}: {exc}")
        finally:
            self._signals.finished.emit()


class LibraryController(QObject):
    """Drives a :class:`LibraryView` from the evidence library and the user store (which may be None)."""

    import_finished = Signal()

    def __init__(self, library, userstore, view: LibraryView) -> None:
        super().__init__(view)
        self.library = library
        self.store = userstore
        self.view = view
        try:
            self.last_dir = str(Path.home())
        except RuntimeError:  # no home folder (HOME unset, no password entry): file dialogs start here instead
            self.last_dir = str(Path.cwd())
        self.last_refresh_ms = 0.0
        self._known: list[tuple[str, str, str]] | None = None
        self._imported: list = []
        self._pages: _SearchPages | None = None
        self._pending_facets: tuple | None = None
        self._facet_timer = QTimer(self)
        self._facet_timer.setSingleShot(True)
        self._facet_timer.setInterval(0)
        self._facet_timer.timeout.connect(self._start_facet_count)
        # Facet counts are recounted in a worker thread on a second read-only connection, so typing never
        # waits for them (tens of ms on a 100,000-citation library); only the newest request's result is shown.
        self._facet_generation = 0
        self._facet_library = None
        self._facet_pool = QThreadPool(self)
        self._facet_pool.setMaxThreadCount(1)
        self._facet_signals = _FacetSignals(self)
        self._facet_signals.done.connect(self._on_facets_counted)
        # Imports are parsed in their own worker thread (one at a time), never on the GUI thread.
        self._import_pool = QThreadPool(self)
        self._import_pool.setMaxThreadCount(1)
        self._import_job = None
        self._closing = False
        self.last_import_results: list = []
        # Notes that could not be saved (locked, read-only or full user database), by study: kept, shown as
        # "not saved" in the editor, retried from a timer (never by blocking the GUI) and on Retry.
        self._unsaved_notes: dict[str, str] = {}
        self._note_failure = ""
        self._note_retry_timer = QTimer(self)
        self._note_retry_timer.setSingleShot(True)
        self._note_retry_timer.setInterval(NOTE_RETRY_MS)
        self._note_retry_timer.timeout.connect(self.save_pending_notes)
        self._connect_signals()
        self._load_static()
        self.refresh()
        self.flush_facets()

    def _connect_signals(self) -> None:
        view, study = self.view, self.view.study_view
        view.query_changed.connect(self._on_view_query_changed)
        view.sort_changed.connect(self._on_view_sort_changed)
        view.filters_panel.filters_changed.connect(self._on_filters_changed)
        view.current_changed.connect(self._on_view_current_changed)
        view.study_activated.connect(self._on_view_current_changed)
        view.copy_requested.connect(self._on_view_copy_requested)
        view.favourite_clicked.connect(self._on_view_favourite_clicked)
        view.export_requested.connect(lambda: self.export_interactive(None))
        view.export_selection_requested.connect(lambda: self.export_interactive("selection"))
        view.import_requested.connect(self.import_interactive)
        view.personal_export_requested.connect(self.export_personal_interactive)
        view.personal_import_requested.connect(self.import_personal_interactive)
        view.remove_requested.connect(self.remove_imported)
        # Facet counts are recounted only while the screen is visible (never after the window has closed and
        # the databases with it); a pending recount resumes when the screen shows again.
        view.hidden.connect(self._facet_timer.stop)
        view.shown.connect(self._on_view_shown)
        study.favourite_toggled.connect(self._on_study_favourite_toggled)
        study.tag_added.connect(self._on_study_tag_added)
        study.tag_removed.connect(self._on_study_tag_removed)
        study.note_edited.connect(self._on_study_note_edited)
        study.note_retry_requested.connect(self.save_pending_notes)
        study.copy_requested.connect(lambda sid, style: self._on_view_copy_requested([sid], style))
        study.remove_requested.connect(self.remove_imported)
        app = QGuiApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(study.flush_note)

    def _load_static(self) -> None:
        years = [f.key for f in self.library.facets().get("year", [])]
        numbers = sorted(int(y) for y in years if str(y).lstrip("-").isdigit())
        if numbers:
            self.view.filters_panel.set_year_bounds(numbers[0], numbers[-1])
        if self.store is not None and self.store.read_only:
            self.view.study_view.set_personal_read_only(self.store.read_only_reason)
        if self.store is None:
            self.view.study_view.notes_edit.setEnabled(False)
            self.view.study_view.notes_edit.setPlaceholderText(self.tr("Your personal data is unavailable (see "
                                                                       "the status bar)."))
            self.view.study_view.tag_edit.setEnabled(False)
            self.view.study_view.favourite_button.setEnabled(False)
        self._reload_personal()

    # -- search ----------------------------------------------------------------------------------------------
    def search_filters(self, state: FilterState) -> SearchFilters:
        """Turn the panel's selection into database filters (favourites and tags become an id subset)."""
        ids: set[str] | None = None
        if state.favourites_only:
            ids = self.store.favourites() if self.store else set()
        if state.tag:
            tagged = self.store.studies_with_tag(state.tag) if self.store else set()
            ids = tagged if ids is None else ids & tagged
        return SearchFilters(year_min=state.year_min, year_max=state.year_max, designs=state.designs,
                             species=state.species, settings=state.settings, products=state.products,
                             journals=state.journals, evidence_levels=state.evidence_levels,
                             kinds=state.kinds, ids=frozenset(ids) if ids is not None else None)

    def refresh(self) -> None:
        """Run the search for the current text, filters and sort column and show the result: the count and the
        first page at once (the rest as the list scrolls), the facet counts right after, so the list never waits
        for them."""
        started = time.perf_counter()
        query = self.view.query()
        state = self.view.filters_panel.state()
        filters = self.search_filters(state)
        column, descending = self.view.sort_order()
        proxy_sorted = column >= 0 and column not in DB_SORTS
        sort = DB_SORTS[column][descending] if column in DB_SORTS else "rank"
        first = self.library.search(query, filters, sort=sort, limit=PAGE_ROWS)
        # The exact number of matches: known when they fit one page, else one count (a few ms at 100,000
        # studies, far less than building the rows it stands for).
        hits = len(first) if len(first) < PAGE_ROWS else self.library.count(query, filters)
        capped = hits > MAX_LIST_ROWS
        favourites = self.store.favourites() if self.store else set()
        personal = [] if capped else self._personal_rows(query, filters, sort, first, hits, favourites)
        imported = match_imported(self._imported, query, state.year_min, state.year_max, filters.ids,
                                  state.facet_filtered)
        terms = tuple(first[0].match_terms) if first else tuple(
            w.casefold() for w in query.replace('"', " ").split())
        extras = personal + [row_from_imported(c, f"user:{c.id}" in favourites, terms) for c in imported]
        pages = _SearchPages(self.library, query, filters, sort, first, min(hits, MAX_LIST_ROWS), extras,
                             -1 if proxy_sorted else column, descending, favourites)
        # Sorted by a column the database cannot order, the proxy needs every row to sort them.
        rows = pages.fetch(MAX_LIST_ROWS + len(extras) if proxy_sorted else PAGE_ROWS)
        self._pages = pages
        self.view.set_rows(rows, pages)
        text = self._count_text(query, filters, hits, personal, capped)
        if self._imported:
            text += self.tr(" · {0} of {1} imported").format(len(imported), len(self._imported))
        self.view.set_count(text)
        self._pending_facets = (query, filters)
        self._facet_timer.start()
        self.last_refresh_ms = (time.perf_counter() - started) * 1000

    def _count_text(self, query: str, filters: SearchFilters, hits: int, personal: Sequence[CitationRow],
                    capped: bool) -> str:
        """'12 of 67 studies', '3 of 25 dosing & PK references' or both: the calculator's dosing & PK references
        are library entries but no studies, and a clinician must never read them counted as studies."""
        seeds, refs = entry_counts(self.library.meta)
        kinds = set(filters.kinds)
        if kinds == {"dosing-reference"}:
            study_hits, ref_hits = 0, hits
        elif kinds == {"study"} or not refs:
            study_hits, ref_hits = hits, 0
        else:  # both kinds listed: one more count says how many of the hits are references
            ref_hits = self.library.count(query, replace(filters, kinds=("dosing-reference",)))
            study_hits = hits - ref_hits
        if not capped:  # rows found by the user's own notes and tags
            personal_refs = sum(row.design == reference_badge() for row in personal)
            study_hits, ref_hits = study_hits + len(personal) - personal_refs, ref_hits + personal_refs
        studies = self.tr("{0} of {1} studies").format(f"{study_hits:,}", f"{seeds:,}")
        references = self.tr("{0} of {1} dosing & PK references").format(f"{ref_hits:,}", f"{refs:,}")
        if kinds == {"dosing-reference"}:
            text = references
        elif kinds == {"study"} or not refs:
            text = studies
        else:
            text = studies + " · " + references
        if capped:
            text += self.tr(" (first {0} listed; refine the search)").format(f"{MAX_LIST_ROWS:,}")
        return text

    def _personal_rows(self, query: str, filters: SearchFilters, sort: str, first: Sequence[StudyRecord],
                       hits: int, favourites: set[str]) -> list[CitationRow]:
        """Rows of the studies that the user's own notes and tags match but the search does not (they are
        searchable too, and listed after the hits)."""
        if not query.strip() or self.store is None:
            return []
        personal = self.store.search_personal(query)
        allowed = personal if filters.ids is None else personal & filters.ids
        if not allowed:
            return []
        subset = replace(filters, ids=frozenset(allowed))
        if hits <= len(first):
            found = {r.id for r in first}
        else:  # which of them the search matches anyway (only these few ids are tested)
            found = {r.id for r in self.library.search(query, subset)}
        return [row_from_record(r, r.id in favourites) for r in self.library.search("", subset, sort=sort)
                if r.id not in found]

    def flush_facets(self) -> None:
        """Recount the facets for the last search now, on this thread (start-up and tests; typing uses the
        worker, see :meth:`_start_facet_count`)."""
        self._facet_timer.stop()
        if self._pending_facets is not None:
            query, filters = self._pending_facets
            self._pending_facets = None
            self._facet_generation += 1  # a worker result still on its way is now stale
            self.view.filters_panel.set_facets(self.library.facets(query, filters))

    def _start_facet_count(self) -> None:
        if self._pending_facets is None:
            return
        query, filters = self._pending_facets
        self._pending_facets = None
        if self._facet_library is None:
            self._facet_library = self.library.reopen()
        self._facet_generation += 1
        self._facet_pool.start(_FacetJob(self._facet_library, self._facet_generation, query, filters,
                                         self._facet_signals))

    def _on_facets_counted(self, generation: int, facets) -> None:
        if generation == self._facet_generation:
            self.view.filters_panel.set_facets(facets)

    def facets_pending(self) -> bool:
        """True while a facet recount is queued or running."""
        return self._pending_facets is not None or self._facet_pool.activeThreadCount() > 0

    def shutdown(self) -> None:
        """Let a running facet count finish and close its connection; no more note retries."""
        self._facet_timer.stop()
        self._note_retry_timer.stop()
        self._closing = True
        if self._import_job is not None:
            self._import_job[2].set()  # a running import stops before its next file
        self._import_pool.waitForDone(10_000)
        self._facet_pool.waitForDone(5000)
        if self._facet_library is not None:
            self._facet_library.close()
            self._facet_library = None

    def result_ids(self) -> list[str]:
        """Every id of the list's result — however little of it is loaded, and not capped like the list: all
        studies matching the search and filters, then those found in notes and tags, then imported citations."""
        return self._pages.all_ids() if self._pages is not None else []

    def _reload_personal(self) -> None:
        if self.store is None:
            return
        self._imported = self.store.imported()
        self.view.filters_panel.set_tags(self.store.tag_counts())

    @property
    def copy_style(self) -> str:
        """The citation style chosen last (kept by the view, which saves it with its state)."""
        return self.view.copy_style

    @copy_style.setter
    def copy_style(self, style: str) -> None:
        self.view.copy_style = style

    # -- study view ------------------------------------------------------------------------------------------
    def show_study(self, study_id: str) -> None:
        """Show a bundled study or an imported citation in the study view (a note not saved yet is shown as
        typed, marked "not saved")."""
        self._show_study(study_id)
        if study_id in self._unsaved_notes and self.view.study_view.study_id == study_id:
            self.view.study_view.set_note_unsaved(self._note_failure)

    def _show_study(self, study_id: str) -> None:
        favourite = bool(self.store and self.store.is_favourite(study_id))
        tags = self.store.tags_for(study_id) if self.store else []
        note = self.store.note(study_id) if self.store else ""
        note = self._unsaved_notes.get(study_id, note)
        number = imported_id(study_id)
        if number is not None:
            citation = next((c for c in self._imported if c.id == number), None)
            if citation is None:
                self.view.study_view.clear()
                return
            text = cite.format_details([cite.detail_from_imported(citation)], self.copy_style)[0]
            self.view.study_view.set_imported(citation, text, favourite, tags, note)
            return
        try:
            detail = self.library.get(study_id)
        except KeyError:
            self.view.study_view.clear()
            return
        text = cite.format_details([detail], self.copy_style)[0]
        self.view.study_view.set_study(detail, text, favourite, tags, note)

    def details_for(self, ids: Sequence[str]) -> list:
        """Study details (bundled or imported) for ids, in order; unknown ids are skipped."""
        out = []
        by_id = {f"user:{c.id}": c for c in self._imported}
        bundled = [i for i in ids if imported_id(i) is None]
        details = {d.id: d for d in self.library.details(bundled)} if bundled else {}
        for study_id in ids:
            if study_id in by_id:
                out.append(cite.detail_from_imported(by_id[study_id]))
            elif study_id in details:
                out.append(details[study_id])
        return out

    # -- copy / export ---------------------------------------------------------------------------------------
    def copy_citations(self, ids: Sequence[str], style: str = "") -> str:
        """Put the formatted citations of ``ids`` on the clipboard (one per line); returns the text."""
        style = style or self.copy_style
        texts = cite.format_details(self.details_for(ids), style)
        text = "\n".join(texts)
        if text:
            QGuiApplication.clipboard().setText(text)
            label = cite.STYLES[style].label
            self._status((self.tr("Copied 1 citation ({1}).") if len(texts) == 1 else
                          self.tr("Copied {0} citations ({1}).")).format(len(texts), label))
        return text

    def export_to(self, path: str | Path, fmt: str, ids: Sequence[str]) -> int:
        """Write the citations of ``ids`` to ``path`` in ``fmt``; returns how many were written."""
        from atgdesk.fileio import atomic_write_text
        from atgdesk.library import formats
        details = self.details_for(ids)
        text = formats.export(details, fmt)
        atomic_write_text(path, text)  # whole or not at all; a device or pipe is refused (FileRefused)
        return len(details)

    def export_interactive(self, scope: str | None) -> None:
        """Ask scope, format and file, then export (errors shown, nothing half-written is left behind)."""
        from atgdesk.ui import library_dialogs
        self.view.flush_search()  # text still in the debounce delay: export what the box says
        selected, listed = self.view.selected_ids(), self.result_ids()
        dialog = library_dialogs.ExportDialog(len(selected), len(listed), parent=self.view)
        if scope == "selection" and selected:
            dialog.selection_radio.setChecked(True)
        if not dialog.exec():
            return
        choice = dialog.choice()
        ids = selected if choice.scope == "selection" else listed
        path = library_dialogs.ask_export_path(self.view, choice.fmt, self.last_dir)
        if not path:
            return
        self.last_dir = str(Path(path).parent)
        try:
            count = self.export_to(path, choice.fmt, ids)
        except (OSError, ValueError) as exc:
            library_dialogs.show_error(self.view, self.tr("Export citations"),
                                       self.tr("Could not write {0}: {1}").format(path, exc))
            return
        self._status((self.tr("Exported 1 citation to {1}.") if count == 1 else
                      self.tr("Exported {0} citations to {1}.")).format(count, path))

    # -- import citations ------------------------------------------------------------------------------------
    def known_citations(self) -> list[tuple[str, str, str]]:
        """(pmid, doi, title) of every bundled study, for duplicate detection (computed once)."""
        if self._known is None:
            statuses = ("verified", "seed", "probable")
            self._known = [(d.identifier("pmid", statuses), d.identifier("doi", statuses), d.record.title)
                           for d in self.library.details(self.library.all_ids())]
        return self._known

    def import_files(self, paths: Sequence[str | Path]) -> list[tuple[str, int, list, str]]:
        """Import each file (all of it or none); returns (file name, added, duplicates, error) per file."""
        from atgdesk.library import importers
        results = []
        if self.store is None:
            return [(Path(p).name, 0, [], "your personal library is unavailable") for p in paths]
        for path in paths:
            name = Path(path).name
            try:
                parsed = importers.parse_file(path)
            except importers.ImportParseError as exc:
                results.append((name, 0, [], exc.message if exc.file == name and exc.line is None
                                else str(exc)))
                continue
            results.append(self._store_parsed(name, parsed))
        self._reload_personal()
        self.refresh()
        return results

    def _store_parsed(self, name: str, parsed) -> tuple[str, int, list, str]:
        """Add one parsed file's records in one transaction; (file name, added, duplicates, error)."""
        try:
            report = self.store.import_citations(parsed.records, name, parsed.format, known=self.known_citations())
        except Exception as exc:  # a database error: the transaction was rolled back, nothing was added
            log.exception("import of %s failed", name)
            return (name, 0, [], f"{type(exc).__name__}: {exc}")
        return (name, len(report.added), list(report.duplicates), "")

    def import_interactive(self) -> None:
        from atgdesk.library import importers
        from atgdesk.ui import library_dialogs
        paths = library_dialogs.ask_import_paths(self.view, importers.FILE_DIALOG_FILTER, self.last_dir)
        if not paths:
            return
        self.last_dir = str(Path(paths[0]).parent)
        self.import_in_background(paths)

    def import_in_background(self, paths: Sequence[str | Path]) -> None:
        """Import files with the parsing in a worker thread, a progress dialog and Cancel (files not reached are
        not imported; a file already parsed is imported whole); the report is shown at the end."""
        from PySide6.QtWidgets import QProgressDialog

        from atgdesk.ui import library_dialogs
        if self.store is None:
            library_dialogs.ImportReportDialog(library_dialogs.import_report_text(
                [(Path(p).name, 0, [], "your personal library is unavailable") for p in paths]), self.view).exec()
            return
        paths = list(paths)
        results: list[tuple[str, int, list, str]] = []
        cancelled = threading.Event()
        progress = QProgressDialog(self.tr("Reading citation files…"), self.tr("Cancel"), 0, len(paths), self.view)
        progress.setWindowTitle(self.tr("Import citations"))
        progress.setAccessibleName(self.tr("Import progress"))
        progress.setMinimumDuration(300)  # a quick import shows no dialog at all
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(cancelled.set)
        signals = _ImportSignals(self)

        def on_parsed(index: int, parsed, error: str) -> None:
            if self._closing:  # the window closed meanwhile: the database may be gone
                return
            name = Path(paths[index]).name
            results.append(self._store_parsed(name, parsed) if parsed is not None else (name, 0, [], error))
            progress.setValue(index + 1)

        def on_finished() -> None:
            progress.close()
            self._import_job = None
            if self._closing:
                return
            for path in paths[len(results):]:
                results.append((Path(path).name, 0, [], self.tr("not imported: the import was cancelled")))
            self._reload_personal()
            self.refresh()
            self.last_import_results = results
            self.import_finished.emit()
            library_dialogs.ImportReportDialog(library_dialogs.import_report_text(results), self.view).exec()

        signals.parsed.connect(on_parsed)
        signals.finished.connect(on_finished)
        self._import_job = (progress, signals, cancelled)  # kept alive while the job runs
        self._import_pool.start(_ImportJob(paths, signals, cancelled))

    def remove_imported(self, study_id: str) -> None:
        from atgdesk.ui import library_dialogs
        number = imported_id(study_id)
        if number is None or self.store is None:
            return
        citation = next((c for c in self._imported if c.id == number), None)
        title = citation.title if citation else study_id
        if not library_dialogs.confirm(self.view, self.tr("Remove imported citation"),
                                       self.tr("Remove this citation from your library?") + f"\n\n{title}"):
            return
        self.store.remove_imported(number)
        self._reload_personal()
        if self.view.study_view.study_id == study_id:
            self.view.study_view.clear()
        self.refresh()

    # -- personal layer export / import ----------------------------------------------------------------------
    def export_personal_to(self, path: str | Path) -> None:
        """Write favourites, tags, notes and scenarios as JSON (written whole, then moved into place)."""
        from atgdesk.fileio import atomic_write_text
        self.view.study_view.flush_note()
        data = self.store.export_personal()
        # temporary file in the target folder, fsync, rename; removed on failure; private (clinical notes)
        atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n", mode=0o600)

    def import_personal_from(self, path: str | Path) -> dict[str, int]:
        """Merge a personal-layer JSON file (all or nothing); raises ValueError naming the file."""
        from atgdesk.fileio import FileRefused, read_limited
        from atgdesk.library.userstore import UserStoreError
        path = Path(path)
        try:  # type and size checked before reading; nesting refused (no RecursionError reaches the user)
            data = json.loads(read_limited(path, PERSONAL_FILE_MAX_BYTES).decode("utf-8"))
        except FileRefused as exc:
            raise ValueError(f"{path.name}: cannot be imported: {exc}") from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise ValueError(f"{path.name}: cannot be read ({exc})") from exc
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path.name}, line {exc.lineno}: not valid JSON ({exc.msg})") from exc
        except RecursionError:
            raise ValueError(f"{path.name}: JSON nested too deeply") from None
        self.view.study_view.flush_note()
        try:
            counts = self.store.import_personal(data)
        except (UserStoreError, ValueError) as exc:
            raise ValueError(f"{path.name}: {exc}") from exc
        self._reload_personal()
        self.refresh()
        current = self.view.study_view.study_id
        if current:
            self.show_study(current)
        return counts

    def export_personal_interactive(self) -> None:
        from atgdesk.ui import library_dialogs
        if self.store is None:
            return
        path = library_dialogs.ask_personal_export_path(self.view, self.last_dir)
        if not path:
            return
        try:
            self.export_personal_to(path)
        except (OSError, ValueError) as exc:
            library_dialogs.show_error(self.view, self.tr("Export personal data"),
                                       self.tr("Could not write {0}: {1}").format(path, exc))
            return
        self._status(self.tr("Saved your favourites, tags and notes to {0}.").format(path))

    def import_personal_interactive(self) -> None:
        from atgdesk.ui import library_dialogs
        if self.store is None:
            return
        path = library_dialogs.ask_personal_import_path(self.view, self.last_dir)
        if not path:
            return
        try:
            counts = self.import_personal_from(path)
        except ValueError as exc:
            library_dialogs.show_error(self.view, self.tr("Import personal data"),
                                       self.tr("Nothing was imported.") + f"\n\n{exc}")
            return
        self._status(self.tr("Imported {0}.").format(", ".join(f"{n} {k}" for k, n in counts.items())))

    # -- helpers ---------------------------------------------------------------------------------------------
    def _status(self, text: str) -> None:
        window = self.view.window()
        if hasattr(window, "set_status"):
            window.set_status(text)

    def _personal_changed(self, study_id: str) -> None:
        favourites = self.store.favourites()
        self.view.set_favourites(favourites)
        if self._pages is not None:  # rows not loaded yet get the new stars when they are
            self._pages.favourites = favourites
        self.view.filters_panel.set_tags(self.store.tag_counts())
        if self.view.study_view.study_id == study_id:
            self.view.study_view.set_favourite(study_id in favourites)
            self.view.study_view.set_tags(self.store.tags_for(study_id))
        state = self.view.filters_panel.state()
        if state.favourites_only or state.tag:
            self.refresh()

    # -- slots -----------------------------------------------------------------------------------------------
    def _on_view_query_changed(self, _text: str) -> None:
        self.refresh()

    def _on_view_sort_changed(self) -> None:
        self.refresh()

    def _on_view_shown(self) -> None:
        if self._pending_facets is not None:
            self._facet_timer.start()

    def _on_filters_changed(self) -> None:
        self.refresh()

    def _on_view_current_changed(self, study_id: str) -> None:
        if study_id and study_id != self.view.study_view.study_id:
            self.show_study(study_id)

    def _on_view_copy_requested(self, ids: list, style: str) -> None:
        if style:
            self.copy_style = style
        self.copy_citations(ids, style)

    def _personal_write(self, study_id: str, write) -> None:
        """One personal-layer write (star, tag); a failure is said in the status bar and the view shows what the
        database holds (the star or tag goes back), never a false success."""
        try:
            write()
        except (UserStoreError, ValueError) as exc:
            self._status(self.tr("Not saved: {0}").format(exc))
        self._personal_changed(study_id)

    def _on_view_favourite_clicked(self, study_id: str) -> None:
        if self.store is None or not study_id:
            return
        self._personal_write(study_id, lambda: self.store.set_favourite(study_id,
                                                                         not self.store.is_favourite(study_id)))

    def _on_study_favourite_toggled(self, study_id: str, favourite: bool) -> None:
        if self.store is None:
            return
        self._personal_write(study_id, lambda: self.store.set_favourite(study_id, favourite))

    def _on_study_tag_added(self, study_id: str, tag: str) -> None:
        if self.store is None:
            return
        self._personal_write(study_id, lambda: self.store.add_tag(study_id, tag))

    def _on_study_tag_removed(self, study_id: str, tag: str) -> None:
        if self.store is None:
            return
        self._personal_write(study_id, lambda: self.store.remove_tag(study_id, tag))

    def _on_study_note_edited(self, study_id: str, text: str) -> None:
        if self.store is None:
            return
        self._unsaved_notes[study_id] = text  # pending until the database has committed it
        self.save_pending_notes()

    @property
    def note_failure(self) -> str:
        """Why the notes in :meth:`unsaved_notes` are not saved ("" when every note is)."""
        return self._note_failure

    def write_unsaved_notes(self, path: str | Path) -> None:
        """Write the notes that could not be saved to a private text file (atomically), so none is lost."""
        from atgdesk.fileio import atomic_write_text
        parts = [f"=== {study_id} ===\n{text}\n" for study_id, text in self._unsaved_notes.items()]
        atomic_write_text(path, "\n".join(parts), mode=0o600)

    def personal_data_replaced(self) -> None:
        """The user database changed behind the views (restored copy): reload tags, list and study."""
        self._reload_personal()
        self.refresh()
        current = self.view.study_view.study_id
        if current:
            self.show_study(current)

    def unsaved_notes(self) -> dict[str, str]:
        """Notes typed but not (yet) in the database, by study id."""
        return dict(self._unsaved_notes)

    def save_pending_notes(self) -> bool:
        """Try to save every note not saved yet; True when none is left.  Failures keep the text, say why in
        the study view and the status bar, and retry from a timer."""
        self._note_retry_timer.stop()
        if self.store is None or not self._unsaved_notes:
            return not self._unsaved_notes
        saved: list[str] = []
        failure = ""
        for study_id, text in list(self._unsaved_notes.items()):
            try:
                self.store.set_note(study_id, text)
            except ValueError as exc:  # too long: only the user can change that; no retry helps
                failure = self.tr("Not saved: {0}. Your text is kept here until it is shortened.").format(exc)
                continue
            except UserStoreBusy:
                failure = self.tr("Not saved yet: your personal-data file is in use by another program. Your "
                                  "text is kept here; saving is retried every few seconds.")
                break
            except UserStoreError as exc:
                failure = self.tr("Not saved: {0}. Your text is kept here; saving is retried every few "
                                  "seconds.").format(exc)
                break
            self._unsaved_notes.pop(study_id, None)
            saved.append(study_id)
        current = self.view.study_view.study_id
        if self._unsaved_notes:
            self._note_failure = failure or self._note_failure
            log.warning("notes not saved for %d studies: %s", len(self._unsaved_notes), self._note_failure)
            if current in self._unsaved_notes:
                self.view.study_view.set_note_unsaved(self._note_failure)
            self._status(self.tr("{0} note(s) not saved yet — see the study view.").format(
                len(self._unsaved_notes)))
            if self.store is not None and not self.store.read_only:
                self._note_retry_timer.start()
            return False
        if current in saved:
            self.view.study_view.set_note_status(self.tr("Saved."))
        if self._note_failure:
            self._note_failure = ""
            self._status(self.tr("Every note is saved."))
        return True
