"""The study view beside the citation list: citation, full author list, structured summary (each field with
where it came from: the seed, a published source with its link, or "not stated"), published results with their
numbers and sources, excerpt, abstract (English/Chinese), identifiers with links, corrections, related studies,
and the personal layer (favourite, tags, notes).  A dosing & PK reference carries its badge and lists what the
calculator takes from it.

Every piece of database or imported text is shown as plain text (``Qt.PlainText`` labels); links are buttons
that open the system browser only after the user confirms that this leaves the app.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QObject,
    QPoint,
    QRect,
    QSize,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QStylePainter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from atgdesk.library.cite import STYLES
from atgdesk.library.present import FACT_SECTION_LABELS, SOURCE_KIND_LABELS, summary_fields
from atgdesk.ui import keyboard, vocabulary
from atgdesk.ui.citation_model import plain_tooltip, reference_badge

NOTE_SAVE_DELAY_MS = 500
STATUS_TEXT = {"verified": "verified", "seed": "printed in source", "probable": "unverified"}
ID_LABELS = {"pmid": "PMID", "doi": "DOI", "nct": "ClinicalTrials.gov", "issn": "ISSN", "handle": "Handle",
             "scopus": "Scopus", "wos": "Web of Science", "pmcid": "PMCID"}
EVIDENCE_SCALE = "simplified OCEBM 2011 scale"
# Widest a tag chip's text may be (a tag may have 60 characters): longer tags are elided, whole in the tooltip.
TAG_CHIP_TEXT_PX = 200
RELATED_ROWS = 5  # related studies listed without scrolling (the library links at most five)
SHOWN_ABSTRACT_CHARS = 10_000  # an imported abstract beyond this is cut in the view (the export keeps it)
SHOWN_AUTHORS_CHARS = 2_000


def _capped(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + "…(truncated)"


def identifier_url(kind: str, value: str) -> QUrl | None:
    """The public web page of an identifier, or None when it has none or the value does not look right."""
    value = value.strip()
    if kind == "pmid" and re.fullmatch(r"\d{1,9}", value):
        return QUrl(f"https://pubmed.ncbi.nlm.nih.gov/{value}/")
    if kind == "doi" and re.fullmatch(r"10\.\d{4,9}/\S+", value):
        url = QUrl("https://doi.org/")
        url.setPath("/" + value)
        return url
    if kind == "nct" and re.fullmatch(r"NCT\d{8}", value):
        return QUrl(f"https://clinicaltrials.gov/study/{value}")
    if kind == "issn" and re.fullmatch(r"\d{4}-\d{3}[\dX]", value):
        return QUrl(f"https://portal.issn.org/resource/ISSN/{value}")
    if kind == "handle":
        url = QUrl(value)
        if url.isValid() and url.scheme() in ("http", "https") and url.host() == "hdl.handle.net":
            url.setScheme("https")
            return url
    return None


def _label(text: str = "", selectable: bool = True, wrap: bool = True) -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setText(text)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return label


def _heading(text: str) -> QLabel:
    label = _label(text, selectable=False)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    label.setContentsMargins(0, 8, 0, 0)
    return label


def _clear_layout(layout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None:
            widget.deleteLater()
        elif item.layout() is not None:
            _clear_layout(item.layout())
            item.layout().deleteLater()  # taken out of its parent, it would linger until the view closes


class _FocusOutFilter(QObject):
    """Calls ``callback`` when the watched widget loses keyboard focus."""

    def __init__(self, callback: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._callback = callback

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.FocusOut:
            self._callback()
        return False


class _LinkButton(QPushButton):
    """A flat identifier link whose text is elided in the middle when the study view is too narrow for it.

    A push button never shrinks below its text, so a long DOI made the study view's content wider than its
    scroll area and every wrapped paragraph was clipped on the right.  The whole address stays in the tooltip
    and in the confirmation shown before anything opens.
    """

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)  # may shrink to the minimum

    def _chrome(self) -> int:
        """Width the button adds around its text (frame, padding)."""
        return super().sizeHint().width() - self.fontMetrics().horizontalAdvance(self.text())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        hint = super().minimumSizeHint()
        hint.setWidth(min(hint.width(), self._chrome() + self.fontMetrics().horizontalAdvance("10.1…123 ↗")))
        return hint

    def paintEvent(self, event) -> None:  # noqa: N802
        if self.width() >= super().sizeHint().width():  # the whole text fits (the usual case)
            super().paintEvent(event)
            return
        option = QStyleOptionButton()
        self.initStyleOption(option)
        room = max(self.width() - self._chrome(), 0)
        option.text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideMiddle, room)
        QStylePainter(self).drawControl(QStyle.ControlElement.CE_PushButton, option)


class _FlowLayout(QLayout):
    """Lays widgets out left to right, wrapping onto new lines (Qt has none): a study's tag chips wrap within
    the study view instead of widening it past its scroll area."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items = []
        self.setContentsMargins(0, 0, 0, 0)
        self.setSpacing(4)

    def addItem(self, item) -> None:  # noqa: N802
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802
        size = QSize(0, 0)
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _arrange(self, rect: QRect, move: bool) -> int:
        """Place the items in ``rect`` (when ``move``); returns the height they take."""
        x, y, line = rect.x(), rect.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            # An item wider than the whole line gets the line (an identifier link then elides its text).
            hint.setWidth(max(min(hint.width(), rect.width()), item.minimumSize().width()))
            if x > rect.x() and x + hint.width() > rect.x() + rect.width():
                x, y, line = rect.x(), y + line + self.spacing(), 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self.spacing()
            line = max(line, hint.height())
        return y + line - rect.y()


class StudyView(QWidget):
    """Shows one study (or one imported citation) and edits its personal layer."""

    favourite_toggled = Signal(str, bool)
    tag_added = Signal(str, str)
    tag_removed = Signal(str, str)
    note_edited = Signal(str, str)
    note_retry_requested = Signal()
    copy_requested = Signal(str, str)
    related_activated = Signal(str)
    remove_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._study_id = ""
        self._note_study_id = ""
        self._note_pending = False
        self._abstracts = ("", "")
        self._identifier_buttons: list[QPushButton] = []
        #: Asked before a link opens the browser; tests replace it.  Returns True to go ahead.
        self.confirm_open: Callable[[QUrl], bool] = self._confirm_open
        #: Opens a URL in the system browser; tests replace it.
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl
        #: The study's own widgets (everything in ``content``) are made when first needed: start-up shows only
        #: the placeholder, and ~60 widgets nobody sees yet cost ~15 ms of it.  See :meth:`_build_content`.
        self._content_built = False
        self._build_ui()
        self.clear()

    if not TYPE_CHECKING:  # the type checker sees the widgets as plain attributes (made in _build_content)
        def __getattr__(self, name: str):
            """Only for a name that is not there yet: one of the study's widgets asked for before the first study
            was shown (by the library screen or a test) makes them all, then answers as if they had always been
            there.  Any other missing name is an AttributeError as usual, and makes nothing."""
            if name not in _CONTENT_NAMES or self.__dict__.get("_content_built", True):
                raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
            self._build_content()
            return getattr(self, name)

    # -- construction ----------------------------------------------------------------------------------------
    def _build_ui(self) -> None:
        """The scroll area, the placeholder and the (still empty, hidden) ``content`` holder."""
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        body.setObjectName("study_body")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(12, 8, 12, 12)
        layout.setSpacing(4)

        self.placeholder_label = _label(self.tr("Select a study in the list to read it here."), selectable=False)
        layout.addWidget(self.placeholder_label)

        self.content = QWidget()
        self.content.hide()
        layout.addWidget(self.content)
        layout.addStretch(1)
        self.scroll.setWidget(body)
        outer.addWidget(self.scroll)

    def is_content_built(self) -> bool:
        """Whether the study's widgets exist yet (they are made for the first study shown)."""
        return self._content_built

    def _build_content(self) -> None:
        """Every widget of a shown study, in ``content``, with its signals connected.  Runs once."""
        if self._content_built:
            return
        self._content_built = True  # first: a name missing while building is an AttributeError, not a loop
        content = QVBoxLayout(self.content)
        content.setContentsMargins(0, 0, 0, 0)
        content.setSpacing(4)

        self.title_label = _label()
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setObjectName("study_title")
        content.addWidget(self.title_label)

        actions = QHBoxLayout()
        self.favourite_button = QToolButton()
        self.favourite_button.setCheckable(True)
        self.favourite_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.favourite_button.setAccessibleName(self.tr("Favourite"))  # its text (★/☆) is the state
        self.copy_button = QToolButton()
        self.copy_button.setText(self.tr("Copy citation"))
        self.copy_button.setAccessibleName(self.tr("Copy citation"))
        self.copy_button.setToolTip(self.tr("Copy the citation to the clipboard in the style chosen last (the arrow "
                                            "or Alt+Down offers Vancouver, AMA and APA; Ctrl+Shift+C; Ctrl+C in "
                                            "the list)"))
        self.copy_button.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.copy_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.copy_menu = QMenu(self.copy_button)
        self.copy_actions = {}
        for key, style in STYLES.items():
            self.copy_actions[key] = self.copy_menu.addAction(self.tr("Copy as %1").replace("%1", style.label))
        self.copy_button.setMenu(self.copy_menu)
        keyboard.menu_from_keyboard(self.copy_button)  # Alt+Down/Down/F4: Vancouver, AMA, APA without a mouse
        self.remove_button = QPushButton(self.tr("Remove from my library"))
        self.remove_button.setToolTip(self.tr("Delete this imported citation from your personal library"))
        actions.addWidget(self.favourite_button)
        actions.addWidget(self.copy_button)
        actions.addStretch(1)
        content.addLayout(actions)

        # Dosing & PK references only: set apart from the seed studies by a badge (palette colours).
        self.kind_badge = _label("", selectable=False)
        self.kind_badge.setObjectName("study_kind_badge")
        self.kind_badge.setAccessibleName(self.tr("Kind of library entry"))
        self.kind_badge.setStyleSheet("#study_kind_badge { background: palette(highlight); "
                                      "color: palette(highlighted-text); padding: 2px 6px; }")
        content.addWidget(self.kind_badge)
        self.citation_label = _label()
        self.citation_label.setObjectName("study_citation")
        content.addWidget(self.citation_label)
        self.authors_label = _label()
        self.authors_label.setObjectName("study_authors")
        self.authors_label.setAccessibleName(self.tr("Authors"))
        content.addWidget(self.authors_label)
        self.source_label = _label()
        content.addWidget(self.source_label)
        # On its own line (imported citations only): beside the other two it made the row wider than the view.
        remove_row = QHBoxLayout()
        remove_row.addWidget(self.remove_button)
        remove_row.addStretch(1)
        content.addLayout(remove_row)

        self.summary_heading = _heading(self.tr("Summary"))
        content.addWidget(self.summary_heading)
        self.summary_grid = QGridLayout()
        self.summary_grid.setColumnStretch(1, 1)
        self.summary_grid.setHorizontalSpacing(12)
        self.summary_grid.setVerticalSpacing(3)
        self.summary_labels: dict[str, QLabel] = {}
        self.summary_names: dict[str, QLabel] = {}
        # Where each field came from: "seed", "not stated", or a link to the published source.
        self.summary_origins: dict[str, QLabel] = {}
        self.summary_links: dict[str, QPushButton] = {}
        for row, (key, name) in enumerate((("design", QT_TRANSLATE_NOOP("StudyView", "Design")),
                                           ("species", QT_TRANSLATE_NOOP("StudyView", "Species")),
                                           ("setting", QT_TRANSLATE_NOOP("StudyView", "Setting")),
                                           ("product", QT_TRANSLATE_NOOP("StudyView", "ATG product")),
                                           ("population", QT_TRANSLATE_NOOP("StudyView", "Population")),
                                           ("registration", QT_TRANSLATE_NOOP("StudyView", "Registration")),
                                           ("evidence", QT_TRANSLATE_NOOP("StudyView", "Evidence level")))):
            name_label = _label(self.tr(name), selectable=False, wrap=False)
            name_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            value = _label()
            value.setAccessibleName(self.tr(name))
            origin = _label("", selectable=False)  # wraps: the view must fit the narrowest window
            origin.setObjectName(f"summary_origin_{key}")
            origin.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            link = self._link_button()
            link.setAccessibleName(self.tr("Open the source of %1").replace("%1", self.tr(name)))
            cell = QVBoxLayout()
            cell.setSpacing(0)
            cell.addWidget(value)
            origin_row = QHBoxLayout()
            origin_row.setSpacing(4)
            origin_row.addWidget(origin)
            origin_row.addWidget(link, 1)
            cell.addLayout(origin_row)
            self.summary_names[key] = name_label
            self.summary_labels[key] = value
            self.summary_origins[key] = origin
            self.summary_links[key] = link
            self.summary_grid.addWidget(name_label, row, 0)
            self.summary_grid.addLayout(cell, row, 1)
        content.addLayout(self.summary_grid)

        self.take_home_heading = _heading(self.tr("Take-home"))
        self.take_home_label = _label()
        content.addWidget(self.take_home_heading)
        content.addWidget(self.take_home_label)

        self.findings_heading = _heading(self.tr("Key findings (from the seed)"))
        self.findings_label = _label()
        self.findings_label.setObjectName("study_findings")
        content.addWidget(self.findings_heading)
        content.addWidget(self.findings_label)

        # Results read outside the seed (published abstract, registry, publisher page), each with its source.
        self.published_heading = _heading(self.tr("Published results"))
        self.published_label = _label()
        self.published_label.setObjectName("study_published")
        self.published_label.setAccessibleName(self.tr("Published results"))
        self.published_sources = QVBoxLayout()
        self.published_sources.setSpacing(0)
        content.addWidget(self.published_heading)
        content.addWidget(self.published_label)
        content.addLayout(self.published_sources)

        # Dosing & PK references: what the calculator takes from the document, generated from the data files.
        self.reference_heading = _heading(self.tr("What the calculator takes from it"))
        self.reference_label = _label()
        self.reference_label.setObjectName("study_reference_uses")
        self.reference_label.setAccessibleName(self.tr("What the calculator takes from this reference"))
        self.reference_sources = QVBoxLayout()  # the pages a label's facts were read on, as links
        self.reference_sources.setSpacing(0)
        content.addWidget(self.reference_heading)
        content.addWidget(self.reference_label)
        content.addLayout(self.reference_sources)

        self.excerpt_heading = _heading(self.tr("Excerpt from the source list"))
        self.excerpt_frame = QFrame()
        self.excerpt_frame.setObjectName("excerpt_frame")
        self.excerpt_frame.setStyleSheet("#excerpt_frame { border-left: 3px solid palette(mid); }")
        excerpt_layout = QVBoxLayout(self.excerpt_frame)
        excerpt_layout.setContentsMargins(10, 2, 4, 2)
        self.excerpt_label = _label()
        italic = self.excerpt_label.font()
        italic.setItalic(True)
        self.excerpt_label.setFont(italic)
        excerpt_layout.addWidget(self.excerpt_label)
        content.addWidget(self.excerpt_heading)
        content.addWidget(self.excerpt_frame)

        abstract_head = QHBoxLayout()
        self.abstract_heading = _heading(self.tr("Abstract"))
        self.english_button = QPushButton(self.tr("English"))
        self.english_button.setAccessibleName(self.tr("Abstract in English"))
        self.chinese_button = QPushButton("中文")
        self.chinese_button.setAccessibleName(self.tr("Abstract in Chinese"))
        self.language_group = QButtonGroup(self)
        for i, button in enumerate((self.english_button, self.chinese_button)):
            button.setCheckable(True)
            button.setFlat(True)
            self.language_group.addButton(button, i)
        self.english_button.setChecked(True)
        abstract_head.addWidget(self.abstract_heading)
        abstract_head.addStretch(1)
        abstract_head.addWidget(self.english_button)
        abstract_head.addWidget(self.chinese_button)
        content.addLayout(abstract_head)
        self.abstract_label = _label()
        self.abstract_label.setObjectName("study_abstract")
        content.addWidget(self.abstract_label)

        self.identifiers_heading = _heading(self.tr("Identifiers"))
        self.identifiers_grid = QGridLayout()
        self.identifiers_grid.setColumnStretch(1, 1)
        content.addWidget(self.identifiers_heading)
        content.addLayout(self.identifiers_grid)

        self.corrections_heading = _heading(self.tr("Corrections made to the source text"))
        self.corrections_label = _label()
        self.corrections_label.setObjectName("study_corrections")
        content.addWidget(self.corrections_heading)
        content.addWidget(self.corrections_label)

        self.extras_heading = _heading(self.tr("Bibliographic record"))
        self.extras_label = _label()
        content.addWidget(self.extras_heading)
        content.addWidget(self.extras_label)

        self.related_heading = _heading(self.tr("Related studies"))
        self.related_list = QListWidget()
        self.related_list.setAccessibleName(self.tr("Related studies"))
        self.related_list.setObjectName("related_list")
        self.related_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.related_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        content.addWidget(self.related_heading)
        content.addWidget(self.related_list)

        tags_heading = _heading(self.tr("My &tags"))
        content.addWidget(tags_heading)
        self.tags_box = _FlowLayout()
        content.addLayout(self.tags_box)
        tags_row = QHBoxLayout()
        self.tag_edit = QLineEdit()
        self.tag_edit.setPlaceholderText(self.tr("Add a tag and press Enter"))
        self.tag_edit.setAccessibleName(self.tr("Add a tag"))
        tags_heading.setBuddy(self.tag_edit)
        self.tag_edit.setMaximumWidth(220)
        # Wide enough for its placeholder (the row's stretch left it elided), never wider than the narrow view.
        self.tag_edit.setMinimumWidth(min(self.tag_edit.fontMetrics().horizontalAdvance(
            self.tag_edit.placeholderText()) + 24, 220))
        tags_row.addWidget(self.tag_edit)
        tags_row.addStretch(1)
        content.addLayout(tags_row)

        notes_heading = _heading(self.tr("My &notes (saved as you type)"))
        content.addWidget(notes_heading)
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setAccessibleName(self.tr("My notes"))
        notes_heading.setBuddy(self.notes_edit)
        self.notes_edit.setObjectName("notes_edit")
        self.notes_edit.setPlaceholderText(self.tr("Your notes on this study stay on this computer."))
        self.notes_edit.setMinimumHeight(90)
        self.notes_edit.setTabChangesFocus(True)
        content.addWidget(self.notes_edit)
        self.notes_status = _label("", selectable=False)
        # A note that could not be saved stays in the editor, marked "not saved", with a retry (issue 13).
        self.notes_retry_button = QPushButton(self.tr("Retry saving"))
        self.notes_retry_button.setObjectName("notes_retry_button")
        self.notes_retry_button.setAccessibleName(self.tr("Retry saving the note"))
        self.notes_retry_button.hide()
        notes_status_row = QHBoxLayout()
        notes_status_row.addWidget(self.notes_status, 1)
        notes_status_row.addWidget(self.notes_retry_button)
        content.addLayout(notes_status_row)

        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_SAVE_DELAY_MS)
        self._focus_filter = _FocusOutFilter(self.flush_note, self)
        self.notes_edit.installEventFilter(self._focus_filter)
        self._connect_signals()

    def _connect_signals(self) -> None:  # called by _build_content
        self.favourite_button.toggled.connect(self._on_favourite_button_toggled)
        self.copy_button.clicked.connect(lambda: self.copy_requested.emit(self._study_id, ""))  # "": last style
        for key, action in self.copy_actions.items():
            action.triggered.connect(lambda _=False, k=key: self.copy_requested.emit(self._study_id, k))
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.language_group.idClicked.connect(self._on_language_group_clicked)
        self.related_list.itemActivated.connect(self._on_related_list_activated)
        self.related_list.itemClicked.connect(self._on_related_list_activated)
        self.tag_edit.returnPressed.connect(self._on_tag_edit_return_pressed)
        self.notes_edit.textChanged.connect(self._on_notes_edit_text_changed)
        self._note_timer.timeout.connect(self.flush_note)
        self.notes_retry_button.clicked.connect(self.note_retry_requested)

    # -- public ----------------------------------------------------------------------------------------------
    @property
    def study_id(self) -> str:
        return self._study_id

    def clear(self) -> None:
        """Show the 'select a study' placeholder."""
        self.flush_note()
        self._study_id = ""
        self.content.hide()
        self.placeholder_label.show()

    def set_study(self, detail, citation: str, favourite: bool, tags: Sequence[str], note: str) -> None:
        """Show a bundled study (``StudyDetail``), its formatted citation and the user's personal layer."""
        self.flush_note()
        record = detail.record
        self._study_id = record.id
        self.title_label.setText(record.title)
        self.citation_label.setText(citation)
        self.source_label.setText("")
        self.source_label.hide()
        self.remove_button.hide()
        is_reference = bool(getattr(record, "is_reference", False))
        if is_reference:
            self.title_label.setText(record.title or detail.reference.get("citation_text", record.id))
        self.kind_badge.setText(reference_badge() + self.tr(" — a source of the calculator's dosing and PK "
                                                            "data, not one of the seed studies"))
        self.kind_badge.setVisible(is_reference)
        self._set_authors(detail)
        self._set_summary_fields(summary_fields(detail), hide_unstated=is_reference)
        self.take_home_label.setText(detail.take_home)
        self._show(self.take_home_heading, self.take_home_label, visible=bool(detail.take_home))
        self._set_findings(detail.key_findings)
        self._set_published(detail)
        self._set_reference(detail)
        self.excerpt_label.setText(f"“{detail.excerpt.strip()}”" if detail.excerpt.strip() else "")
        self._show(self.excerpt_heading, self.excerpt_frame, visible=bool(detail.excerpt.strip()))
        self._set_abstracts(detail.abstract_en, detail.abstract_zh)
        self._set_identifiers([(i.type, i.value, i.status) for i in detail.identifiers])
        self._set_corrections(detail.corrections)
        self._set_extras(detail.record_extras)
        self._set_related([(r.id, f"{r.first_author} {r.year} — {r.title}") for r in detail.related])
        self._set_personal(favourite, tags, note)
        self._reveal()

    def set_imported(self, citation, citation_text: str, favourite: bool, tags: Sequence[str],
                     note: str) -> None:
        """Show a citation the user imported (``userstore.ImportedCitation``)."""
        self.flush_note()
        self._study_id = f"user:{citation.id}"
        self.title_label.setText(citation.title)
        self.citation_label.setText(citation_text)
        self.source_label.setText(self.tr("Imported by you from {0} ({1}). Not part of the curated library: no "
                                          "summary.").format(citation.source_file, citation.format.upper()))
        self.source_label.show()
        self.remove_button.show()
        self.kind_badge.hide()
        self.authors_label.setText(_capped(", ".join(citation.authors), SHOWN_AUTHORS_CHARS))
        self.authors_label.setVisible(bool(citation.authors))
        self._set_summary({})
        self._set_published(None)
        self._set_reference(None)
        self._show(self.take_home_heading, self.take_home_label, visible=False)
        self._set_findings(())
        self._show(self.excerpt_heading, self.excerpt_frame, visible=False)
        # imported text can be huge: word-wrapping 100,000 characters froze the window for seconds
        self._set_abstracts(_capped(citation.abstract, SHOWN_ABSTRACT_CHARS), "")
        ids = [(k, v, "imported") for k, v in (("pmid", citation.pmid), ("doi", citation.doi)) if v]
        self._set_identifiers(ids)
        self._set_corrections(())
        self._set_extras({})
        self._set_related([])
        self._set_personal(favourite, tags, note)
        self._reveal()

    def set_favourite(self, favourite: bool) -> None:
        self.favourite_button.blockSignals(True)
        self.favourite_button.setChecked(favourite)
        self.favourite_button.setText(self.tr("★ Favourite") if favourite else self.tr("☆ Add to favourites"))
        self.favourite_button.setAccessibleName(self.tr("Favourite"))
        self.favourite_button.blockSignals(False)

    def set_tags(self, tags: Sequence[str]) -> None:
        """Show the study's tags as removable chips."""
        _clear_layout(self.tags_box)
        for tag in tags:
            chip = QToolButton()
            shown = chip.fontMetrics().elidedText(tag, Qt.TextElideMode.ElideMiddle, TAG_CHIP_TEXT_PX)
            chip.setText(f"{shown}  ✕")
            chip.setToolTip(plain_tooltip(self.tr("Remove the tag “{0}”").format(tag)))
            chip.setAccessibleName(self.tr("Remove the tag “{0}”").format(tag))
            chip.setProperty("tag", tag)
            chip.clicked.connect(lambda _=False, t=tag: self.tag_removed.emit(self._study_id, t))
            self.tags_box.addWidget(chip)

    def tag_chips(self) -> list[str]:
        """The tags currently shown (for tests and accessibility)."""
        return [self.tags_box.itemAt(i).widget().property("tag") for i in range(self.tags_box.count())
                if self.tags_box.itemAt(i).widget() is not None]

    def set_note_status(self, text: str) -> None:
        self.notes_status.setText(text)
        self.notes_retry_button.hide()

    def set_note_unsaved(self, text: str) -> None:
        """The note in the editor is not saved: say why and offer to retry."""
        self.notes_status.setText(text)
        self.notes_retry_button.show()

    def set_personal_read_only(self, reason: str) -> None:
        """Personal data can be read but not changed: notes stay selectable, editing controls are off."""
        self.notes_edit.setReadOnly(True)
        self.tag_edit.setEnabled(False)
        self.favourite_button.setEnabled(False)
        self.notes_edit.setToolTip(reason)
        self.notes_edit.setPlaceholderText(self.tr("Personal data is read-only (see the notice)."))

    def flush_note(self) -> None:
        """Save a pending note edit now (focus-out, switching study, closing)."""
        if not self._content_built:
            return  # no study shown yet, so no note typed
        self._note_timer.stop()
        if self._note_pending and self._note_study_id:
            self._note_pending = False
            self.note_edited.emit(self._note_study_id, self.notes_edit.toPlainText())
        self._note_pending = False

    def identifier_buttons(self) -> list[QPushButton]:
        """The link buttons currently shown (for tests)."""
        return list(self._identifier_buttons)

    def open_identifier(self, url: QUrl) -> bool:
        """Open ``url`` in the system browser after the user confirms; returns whether it was opened."""
        if not self.confirm_open(url):
            return False
        self.open_url(url)
        return True

    def show_language(self, chinese: bool) -> None:
        """Switch the abstract between English and Chinese (when both exist)."""
        (self.chinese_button if chinese else self.english_button).setChecked(True)
        self._on_language_group_clicked(1 if chinese else 0)

    # -- helpers ---------------------------------------------------------------------------------------------
    def _reveal(self) -> None:
        self.placeholder_label.hide()
        self.content.show()
        self.scroll.verticalScrollBar().setValue(0)

    @staticmethod
    def _show(*widgets: QWidget, visible: bool) -> None:
        for widget in widgets:
            widget.setVisible(visible)

    def _set_summary(self, values: dict[str, str]) -> None:
        any_value = False
        for key, label in self.summary_labels.items():
            text = values.get(key, "")
            label.setText(text)
            label.setVisible(bool(text))
            self.summary_names[key].setVisible(bool(text))
            self.summary_origins[key].setVisible(False)  # imported citations: no provenance to show
            self.summary_links[key].setVisible(False)
            any_value = any_value or bool(text)
        self.summary_heading.setVisible(any_value)

    def _link_button(self, text: str = "", url: QUrl | None = None) -> QPushButton:
        """A flat link that opens ``url`` in the browser after the user confirms (hidden without a url)."""
        button = _LinkButton(text)
        button.setFlat(True)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.setStyleSheet("QPushButton { text-align: left; color: palette(link); padding: 1px 2px; }")
        button.clicked.connect(lambda _=False, b=button: self._open_button_url(b))
        self._set_link(button, text, url)
        return button

    def _set_link(self, button: QPushButton, text: str, url: QUrl | None) -> None:
        button.setText(text)
        button.setProperty("url", url.toString() if url is not None else "")
        if url is not None:
            button.setToolTip(plain_tooltip(self.tr("Open %1 in your web browser (asks first)").replace(
                "%1", url.toString())))
        button.setVisible(url is not None)

    def _open_button_url(self, button: QPushButton) -> None:
        address = button.property("url") or ""
        if address:
            self.open_identifier(QUrl(address))

    def _set_authors(self, detail) -> None:
        """The whole author list as used for citing, and whether it is complete (and where it was read)."""
        names = ", ".join(a.short for a in detail.authors)
        prov = detail.provenance.get("authors", {})
        if detail.et_al:
            note = self.tr("list ends in “et al.”: the remaining authors are not known here")
        elif prov.get("from") == "published":
            note = self.tr("complete list, from the %1").replace(
                "%1", vocabulary.label(SOURCE_KIND_LABELS.get(prov.get("source_kind", ""),
                                                              prov.get("source_kind", ""))))
        else:
            note = self.tr("complete list")
        self.authors_label.setText(self.tr("Authors: %1 (%2)").replace("%1", names + (", et al." if detail.et_al
                                                                                       else "")).replace("%2", note)
                                   if names else "")
        self.authors_label.setVisible(bool(names))

    _SCALE = QT_TRANSLATE_NOOP("StudyView", "simplified OCEBM 2011 scale")  # atgdesk.library.present

    def _evidence_shown(self, text: str) -> str:
        """'Level 5 — <label> (<scale>)' (atgdesk.library.present) with the label and words translated."""
        m = re.fullmatch(r"Level (\S+)(?: — (.*))? \((.*)\)", text or "")
        if m is None:
            return text
        level, label, scale = m.groups()
        shown = self.tr("Level {0}").format(level)
        if label:
            shown += " — " + vocabulary.label(label)
        return shown + " (" + QCoreApplication.translate("StudyView", scale) + ")"

    def _set_summary_fields(self, fields, hide_unstated: bool = False) -> None:
        """Every summary field with where it came from; a field nobody states reads "Not stated" (kept visible,
        so a missing design is seen, not guessed), except on a dosing & PK reference, which is no study."""
        keys = {"evidence_level": "evidence"}
        for f in fields:
            key = keys.get(f.key, f.key)
            value, origin, link = self.summary_labels[key], self.summary_origins[key], self.summary_links[key]
            visible = bool(f.text) or not hide_unstated
            font = value.font()
            font.setItalic(not f.text)
            value.setFont(font)
            # vocabulary labels (design, species, setting, product) in the interface language; study text as is
            shown = vocabulary.labels(f.text) if f.key in ("design", "species", "setting", "product") else f.text
            if f.key == "evidence_level":
                shown = self._evidence_shown(f.text)
            value.setText(shown or self.tr("Not stated"))
            if not f.text:
                origin.setText(self.tr("(neither the seed nor a published source states it)"))
                self._set_link(link, "", None)
            elif f.n_origin == "published" and f.origin != "published":
                # the n was read in a published source, the description is the seed's: each named for itself
                # (short origin text: the label wraps to its own narrow width beside the link)
                origin.setText(self.tr("from the seed;"))
                url = QUrl(f.n_source_address)
                self._set_link(link, self.tr("n from the %1 ↗").replace("%1", vocabulary.label(f.n_origin_text)),
                               url if url.scheme() in ("http", "https") else None)
            elif f.origin == "published":
                origin.setText(self.tr("n from the seed;") if f.n_origin == "seed" else self.tr("from the"))
                url = QUrl(f.source_address)
                kind = vocabulary.label(f.origin_text)
                text = (self.tr("the rest from the %1 ↗").replace("%1", kind) if f.n_origin == "seed"
                        else f"{kind} ↗")
                self._set_link(link, text, url if url.scheme() in ("http", "https") else None)
            elif f.origin == "reference":
                origin.setText(self.tr("from this reference's entry (%1)").replace("%1", f.source_address))
                self._set_link(link, "", None)
            else:
                origin.setText(self.tr("from the seed"))
                self._set_link(link, "", None)
            for widget in (value, origin, self.summary_names[key]):
                widget.setVisible(visible)
            if not visible:
                link.hide()
        self.summary_heading.setVisible(True)

    def _set_published(self, detail) -> None:
        """Results read outside the seed with their numbers and sources, or "not available offline"."""
        _clear_layout(self.published_sources)
        if detail is None or (not detail.availability and not detail.sources):
            self.published_label.setText("")
            self._show(self.published_heading, self.published_label, visible=False)
            return
        if detail.availability == "not-found":
            text = self.tr("Published results not available offline.")
            if detail.searched:
                text += "\n" + self.tr("Searched: %1").replace("%1", detail.searched)
            self.published_label.setText(text)
            self._show(self.published_heading, self.published_label, visible=True)
            return
        several = len(detail.sources) > 1
        blocks: list[str] = []
        last_section = ""
        for fact in detail.facts:
            if fact.section == "finding":
                continue  # the seed's findings are listed under their own heading
            where = ""
            if several:
                where = " [" + vocabulary.label(SOURCE_KIND_LABELS.get(fact.source_kind, fact.source_kind)) + "]"
            label = self.tr(FACT_SECTION_LABELS.get(fact.section, fact.section))
            if fact.section in ("result", "harm"):
                heading = self.tr("Results") if fact.section == "result" else self.tr("Harms")
                if fact.section != last_section:
                    blocks.append(heading + ":")
                blocks.append(f"•  {fact.text}{where}")
            else:
                blocks.append(f"{label}: {fact.text}{where}")
            last_section = fact.section
        self.published_label.setText("\n".join(blocks))
        for source in detail.sources:
            status = self.tr("whole record read") if source.status == "read" else self.tr("part of the record read")
            text = (f"{self.tr('Source')}: {vocabulary.label(SOURCE_KIND_LABELS.get(source.kind, source.kind))} ({status}"
                    + (f", {source.read_on}" if source.read_on else "") + ") ↗")
            url = QUrl(source.address)
            button = self._link_button(text, url if url.scheme() in ("http", "https") else None)
            button.setAccessibleName(self.tr("Open the published source"))
            if source.note:
                button.setToolTip(plain_tooltip(f"{source.address}\n{source.note}"))
            self.published_sources.addWidget(button)
        self._show(self.published_heading, self.published_label, visible=True)

    def _set_reference(self, detail) -> None:
        """For a dosing & PK reference: how the data files cite it and what the calculator takes from it."""
        reference = detail.reference if detail is not None else {}
        _clear_layout(self.reference_sources)
        if not reference:
            self.reference_label.setText("")
            self._show(self.reference_heading, self.reference_label, visible=False)
            return
        lines = [self.tr("As the calculator's data cite it: %1").replace("%1", reference.get("citation_text", ""))]
        if reference.get("note"):
            lines.append(reference["note"])
        for address in reference.get("addresses", []):
            url = QUrl(address)
            button = self._link_button(self.tr("Read on: %1").replace("%1", address) + " ↗",
                                       url if url.scheme() in ("http", "https") else None)
            button.setAccessibleName(self.tr("Open the page the label facts were read on"))
            self.reference_sources.addWidget(button)
        lines.append("")
        lines += [f"•  {u.what}  [{u.file}]" for u in detail.uses] or [self.tr("Nothing in the data cites it.")]
        self.reference_label.setText("\n".join(lines))
        self._show(self.reference_heading, self.reference_label, visible=True)

    def _set_findings(self, findings: Sequence[str]) -> None:
        # One plain-text label, a bullet per finding: wraps reliably at any width.
        self.findings_label.setText("\n".join(f"•  {finding}" for finding in findings))
        self._show(self.findings_heading, self.findings_label, visible=bool(findings))

    def _set_abstracts(self, english: str, chinese: str) -> None:
        self._abstracts = (english.strip(), chinese.strip())
        both = bool(self._abstracts[0] and self._abstracts[1])
        self.english_button.setVisible(both)
        self.chinese_button.setVisible(both)
        self.english_button.setChecked(True)
        text = self._abstracts[0] or self._abstracts[1]
        self.abstract_label.setText(text)
        self._show(self.abstract_heading, self.abstract_label, visible=bool(text))

    def _set_identifiers(self, identifiers: Sequence[tuple[str, str, str]]) -> None:
        """One row per identifier: its name, then the value (a link when it has a web page) followed by its
        status.  Value and status share a wrapping row, so on a narrow view the status moves under the value
        rather than pushing the grid wider than the view (which clipped every paragraph on the right)."""
        _clear_layout(self.identifiers_grid)
        self._identifier_buttons = []
        for row, (kind, value, status) in enumerate(identifiers):
            # The name wraps at spaces ("Web of / Science"): the grid must fit the narrowest view.
            name = _label(ID_LABELS.get(kind, kind.upper()), selectable=False)
            self.identifiers_grid.addWidget(name, row, 0)
            cell = _FlowLayout()
            url = identifier_url(kind, value)
            if url is not None:
                button = _LinkButton(f"{value} ↗")
                button.setFlat(True)
                button.setCursor(Qt.CursorShape.PointingHandCursor)
                button.setToolTip(plain_tooltip(self.tr("Open {0} in your web browser (asks first)").format(
                    url.toString())))
                button.setProperty("url", url.toString())
                button.setStyleSheet(
                    "QPushButton { text-align: left; color: palette(link); padding: 1px 2px; }")
                button.clicked.connect(lambda _=False, u=url: self.open_identifier(u))
                self._identifier_buttons.append(button)
                cell.addWidget(button)
            else:
                cell.addWidget(_label(value, wrap=False))
            status_label = _label(f"({STATUS_TEXT.get(status, status)})", selectable=False, wrap=False)
            if status == "probable":
                status_label.setToolTip(self.tr("This identifier was matched to the study but not confirmed; "
                                                "check it before you rely on it."))
            cell.addWidget(status_label)
            self.identifiers_grid.addLayout(cell, row, 1)
        self.identifiers_heading.setVisible(bool(identifiers))

    def _set_corrections(self, corrections: Sequence) -> None:
        blocks = []
        for c in corrections:
            status = "" if c.status == "applied" else f" [{c.status}]"
            # A field the source did not give at all reads as added, not as a change from "" (wang2025's title).
            before = f"“{c.original}”" if c.original else self.tr("(not in the source)")
            after = f"“{c.corrected}”" if c.corrected else self.tr("(removed)")
            text = f"{c.field}{status}: {before} → {after}"
            if c.reason:
                text += "\n" + self.tr("Why: {0}").format(c.reason)
            blocks.append(text)
        self.corrections_label.setText("\n\n".join(blocks))
        self._show(self.corrections_heading, self.corrections_label, visible=bool(corrections))

    def _set_extras(self, extras: dict) -> None:
        lines = []
        for key, value in extras.items():
            shown = "; ".join(str(v) for v in value) if isinstance(value, list | tuple) else str(value)
            if shown:
                lines.append(f"{key.replace('_', ' ').capitalize()}: {shown}")
        self.extras_label.setText("\n".join(lines))
        self._show(self.extras_heading, self.extras_label, visible=bool(lines))

    def _set_related(self, related: Sequence[tuple[str, str]]) -> None:
        self.related_list.clear()
        for study_id, text in related:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, study_id)
            item.setToolTip(plain_tooltip(text))
            self.related_list.addItem(item)
        # As tall as its studies (up to RELATED_ROWS): a fixed height left a big empty box under one study.
        rows = min(max(len(related), 1), RELATED_ROWS)
        self.related_list.setFixedHeight(rows * max(self.related_list.sizeHintForRow(0), 1)
                                         + 2 * self.related_list.frameWidth())
        self._show(self.related_heading, self.related_list, visible=bool(related))

    def _set_personal(self, favourite: bool, tags: Sequence[str], note: str) -> None:
        self.set_favourite(favourite)
        self.set_tags(tags)
        self.notes_edit.blockSignals(True)
        self.notes_edit.setPlainText(note)
        self.notes_edit.blockSignals(False)
        self._note_study_id = self._study_id
        self._note_pending = False
        self.set_note_status("")

    def _confirm_open(self, url: QUrl) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Open in your web browser?"),
                          self.tr("This opens the following address in your web browser and leaves ATG Desk:")
                          + f"\n\n{url.toString()}",
                          QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Open

    # -- slots -----------------------------------------------------------------------------------------------
    def _on_favourite_button_toggled(self, checked: bool) -> None:
        self.set_favourite(checked)
        if self._study_id:
            self.favourite_toggled.emit(self._study_id, checked)

    def _on_remove_button_clicked(self) -> None:
        if self._study_id:
            self.remove_requested.emit(self._study_id)

    def _on_language_group_clicked(self, button_id: int) -> None:
        english, chinese = self._abstracts
        self.abstract_label.setText(chinese if button_id == 1 and chinese else english or chinese)

    def _on_related_list_activated(self, item: QListWidgetItem) -> None:
        study_id = item.data(Qt.ItemDataRole.UserRole)
        if study_id:
            self.related_activated.emit(study_id)

    def _on_tag_edit_return_pressed(self) -> None:
        text = " ".join(self.tag_edit.text().split())
        if text and self._study_id:
            self.tag_added.emit(self._study_id, text)
        self.tag_edit.clear()

    def _on_notes_edit_text_changed(self) -> None:
        self._note_study_id = self._study_id
        self._note_pending = True
        self.notes_status.setText(self.tr("Saving…"))
        self._note_timer.start()


#: The names :meth:`StudyView._build_content` uses (its code object lists every attribute it sets or reads, and
#: the globals it calls): the study's widgets asked for early are among them; any other missing name is not.
_CONTENT_NAMES = frozenset(name for name in StudyView._build_content.__code__.co_names if not name.startswith("__"))
