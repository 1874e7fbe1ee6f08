"""First launch: a short, dismissible welcome pointing to both screens and the disclaimer.

Shown once (the settings remember it), again from Help ▸ Welcome; never by ``build()`` (tests, ``--smoke``): only
the GUI start asks :func:`should_show`.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from atgdesk import i18n

SETTINGS_KEY = "welcome/shown"


def should_show(settings: QSettings) -> bool:
    value = settings.value(SETTINGS_KEY, False)
    return not (value is True or str(value).lower() == "true")


def mark_shown(settings: QSettings) -> None:
    settings.setValue(SETTINGS_KEY, True)
    settings.sync()


class WelcomeDialog(QDialog):
    """Three short paragraphs (library, calculator, disclaimer) and buttons that open either screen."""

    library_requested = Signal()
    calculator_requested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to ATG Desk"))
        layout = QVBoxLayout(self)
        self.library_text = self._paragraph(self.tr(
            "Library (Ctrl+1): search the ATG studies as you type, filter them, read a structured summary and "
            "copy the citation."))
        self.calculator_text = self._paragraph(self.tr(
            "Calculator (Ctrl+2): dose arithmetic from the product labels, exposure scenarios from PK models, and "
            "exposure from a patient's measured levels."))
        self.disclaimer_text = self._paragraph(i18n.disclaimer())
        font = self.disclaimer_text.font()
        font.setItalic(True)
        self.disclaimer_text.setFont(font)
        self.keys_text = self._paragraph(self.tr("Help ▸ Keyboard shortcuts (F1) lists every shortcut; Help ▸ "
                                                 "Welcome shows this again."))
        for label in (self.library_text, self.calculator_text, self.disclaimer_text, self.keys_text):
            layout.addWidget(label)
        self.show_again = QCheckBox(self.tr("Show this welcome at the next start"))
        self.show_again.setAccessibleName(self.tr("Show this welcome at the next start"))
        layout.addWidget(self.show_again)
        row = QHBoxLayout()
        self.library_button = QPushButton(self.tr("Open the &library"))
        self.calculator_button = QPushButton(self.tr("Open the &calculator"))
        for button in (self.library_button, self.calculator_button):
            button.setAccessibleName(button.text().replace("&", ""))
            row.addWidget(button)
        row.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(self.tr("Close"))
        row.addWidget(buttons)
        layout.addLayout(row)
        buttons.rejected.connect(self.reject)
        self.library_button.clicked.connect(self._on_library_button_clicked)
        self.calculator_button.clicked.connect(self._on_calculator_button_clicked)
        self.library_button.setDefault(True)
        self.setMinimumWidth(460)
        self.setMaximumWidth(640)

    def _on_library_button_clicked(self) -> None:
        self.library_requested.emit()
        self.accept()

    def _on_calculator_button_clicked(self) -> None:
        self.calculator_requested.emit()
        self.accept()

    @staticmethod
    def _paragraph(text: str) -> QLabel:
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        return label


def show_welcome(window, settings: QSettings, modal: bool = False) -> WelcomeDialog:
    """Open the welcome over ``window``; the settings remember it was seen (unless the box asks for it again)."""
    from atgdesk.ui.main_window import CALCULATOR_TAB, LIBRARY_TAB
    dialog = WelcomeDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.library_requested.connect(lambda: window.tabs.setCurrentIndex(LIBRARY_TAB))
    dialog.calculator_requested.connect(lambda: window.tabs.setCurrentIndex(CALCULATOR_TAB))
    mark_shown(settings)

    def finished(_result: int) -> None:
        if dialog.show_again.isChecked():
            settings.setValue(SETTINGS_KEY, False)
            settings.sync()

    dialog.finished.connect(finished)
    if modal:
        dialog.exec()
    else:
        dialog.open()
    return dialog
