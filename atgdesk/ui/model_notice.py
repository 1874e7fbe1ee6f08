"""The calculator's notice that model files were not loaded, and its details dialog.

A model file the checks refuse (a user's file with a TOML error, a missing field, an id a bundled model already
uses) is skipped so the others still load; this notice beside the model chooser says so in one line, in the
palette's warning colour with a warning icon (the words carry the message, the colour repeats it), and opens the
list of files with the field and reason, the folder and how to fix it.  The words come from
:mod:`atgdesk.present.model_files`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPushButton,
    QSizePolicy,
    QStyle,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from atgdesk.present import model_files as mf
from atgdesk.ui import theme


class ModelFilesNotice(QPushButton):
    """'N model files were not loaded — details': hidden while every file loaded; Tab reaches it and Enter or
    Space opens :class:`ModelFilesDialog`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._problems: tuple[mf.ModelFileProblem, ...] = ()
        self._user_folder: Path | None = None
        self.dialog: ModelFilesDialog | None = None
        self.setFlat(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning))
        # one line whatever the count (a push button never wraps); it never widens the inputs column (at 1024×700
        # '100 model files …' took ~50 px from the plot): narrower than its text, the text is elided and the
        # accessible name and tooltip keep it whole
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self._full_text = ""
        self.setVisible(False)
        self.clicked.connect(self.show_details)
        theme.bind(self, self._apply_theme)

    def _apply_theme(self, t: theme.Theme) -> None:
        c = t.warning
        # flat and left-aligned like a link, with a visible frame when it has the keyboard focus
        self.setStyleSheet(f"QPushButton {{ color: {c}; text-align: left; border: 1px solid transparent; "
                           f"padding: 2px 4px; text-decoration: underline; }} "
                           f"QPushButton:focus {{ border: 1px solid {c}; }}")

    def set_problems(self, problems: Iterable[mf.ModelFileProblem], user_folder: str | Path | None = None) -> None:
        """Show the notice for ``problems`` (none: hidden)."""
        self._problems = tuple(problems)
        self._user_folder = Path(user_folder) if user_folder is not None else None
        text = mf.notice_text(len(self._problems))
        self._full_text = text
        self.setText(text)
        self.updateGeometry()
        self.setToolTip(text + "\n" + self.tr("Show which model files were not loaded, why, and how to fix them"))
        self.setAccessibleName(text or self.tr("Model files not loaded"))
        self.setAccessibleDescription(self.tr("Opens the list of model files that were not loaded"))
        self.setVisible(bool(self._problems))

    def full_text(self) -> str:
        """The notice's whole text (the button shows it elided when it is narrower)."""
        return self._full_text

    def _overhead(self) -> int:
        """The button's width beside its text (icon, padding, frame) in the current font and style."""
        return super().sizeHint().width() - self.fontMetrics().horizontalAdvance(self.text())

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt naming)
        # measured for the whole text in the font of now (the font and style change once the widget is polished
        # in its window: a size remembered earlier elided the Chinese text at scale 2 with room to spare)
        hint = super().sizeHint()
        if not self._full_text:
            return hint
        return QSize(self._overhead() + self.fontMetrics().horizontalAdvance(self._full_text), hint.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt naming)
        hint = self.sizeHint()
        return QSize(min(hint.width(), self.iconSize().width() + 10 * self.fontMetrics().averageCharWidth()),
                     hint.height())

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().resizeEvent(event)
        self._elide()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.updateGeometry()
            self._elide()

    def _elide(self) -> None:
        if not self._full_text:
            return
        room = max(0, self.width() - self._overhead())
        fm = self.fontMetrics()
        # elidedText rounds the width up (CJK text was cut 1 px short of its own advance): whole when it fits
        text = (self._full_text if room >= fm.horizontalAdvance(self._full_text)
                else fm.elidedText(self._full_text, Qt.TextElideMode.ElideMiddle, room))
        if text != self.text():
            self.setText(text)

    def problems(self) -> tuple[mf.ModelFileProblem, ...]:
        return self._problems

    def show_details(self) -> None:
        """Open (or raise) the details dialog."""
        if not self._problems:
            return
        if self.dialog is None:
            self.dialog = ModelFilesDialog(self._problems, self._user_folder, self.window())
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()


class ModelFilesDialog(QDialog):
    """Each model file not loaded with the field and reason, the folder and how to fix it; Copy puts the whole
    text on the clipboard and Open folder shows the folder in the file manager."""

    def __init__(self, problems: Iterable[mf.ModelFileProblem], user_folder: str | Path | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        problems = tuple(problems)
        self.details = mf.model_files_details(problems, user_folder)
        self._folder = problems[0].folder if problems else (str(user_folder) if user_folder else "")
        self.setWindowTitle(self.details.title)
        self.resize(720, 480)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setAccessibleName(self.tr("Model files not loaded"))
        self.browser.setHtml(mf.details_html(self.details))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = buttons.addButton(self.tr("&Copy"), QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setAccessibleName(self.tr("Copy the list of model files not loaded"))
        self.open_button = buttons.addButton(self.tr("&Open folder"), QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.setAccessibleName(self.tr("Open the models folder"))
        self.open_button.setEnabled(bool(self._folder) and Path(self._folder).is_dir())
        self.copy_button.clicked.connect(self._on_copy_clicked)
        self.open_button.clicked.connect(self._on_open_clicked)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)

    def _on_copy_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.details.as_text())

    def _on_open_clicked(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(self._folder))
