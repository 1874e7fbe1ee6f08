"""Dialogs of the library screen: export citations (scope, format), the import report, the file pickers.

Every message that contains file or record text is shown as plain text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

# format key (atgdesk.library.formats.FORMATS) → (label, file extension, file-dialog filter)
# QT_TRANSLATE_NOOP marks texts for lupdate and returns them unchanged (typed as object in the stubs).
EXPORT_FORMATS: dict[str, tuple[str, str, str]] = cast("dict[str, tuple[str, str, str]]", {
    "ris": (QT_TRANSLATE_NOOP("ExportDialog", "RIS (EndNote, Zotero, Mendeley)"), "ris",
            QT_TRANSLATE_NOOP("library_dialogs", "RIS files (*.ris)")),
    "bibtex": (QT_TRANSLATE_NOOP("ExportDialog", "BibTeX (LaTeX)"), "bib",
               QT_TRANSLATE_NOOP("library_dialogs", "BibTeX files (*.bib)")),
    "csl-json": (QT_TRANSLATE_NOOP("ExportDialog", "CSL-JSON (Zotero, Pandoc)"), "json",
                 QT_TRANSLATE_NOOP("library_dialogs", "CSL-JSON files (*.json)")),
    "nbib": (QT_TRANSLATE_NOOP("ExportDialog", "MEDLINE/nbib (PubMed format)"), "nbib",
             QT_TRANSLATE_NOOP("library_dialogs", "MEDLINE files (*.nbib *.txt)")),
})


@dataclass(frozen=True)
class ExportChoice:
    """What to export: ``scope`` is 'selection' or 'list'; ``fmt`` a key of :data:`EXPORT_FORMATS`."""

    scope: str
    fmt: str


class ExportDialog(QDialog):
    """Choose what to export (the selected studies or the whole filtered list) and in which format."""

    def __init__(self, selected: int, listed: int, fmt: str = "ris", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export citations"))
        self._build_ui(selected, listed, fmt)
        self._connect_signals()

    def _build_ui(self, selected: int, listed: int, fmt: str) -> None:
        layout = QVBoxLayout(self)
        scope = QGroupBox(self.tr("Export"))
        scope_layout = QVBoxLayout(scope)
        self.selection_radio = QRadioButton(self.tr("The selected {0}").format(_studies(selected)))
        self.list_radio = QRadioButton(self.tr("The whole list as filtered now ({0})").format(_studies(listed)))
        self.selection_radio.setEnabled(selected > 0)
        (self.selection_radio if selected > 1 else self.list_radio).setChecked(True)
        scope_layout.addWidget(self.selection_radio)
        scope_layout.addWidget(self.list_radio)
        layout.addWidget(scope)

        formats = QGroupBox(self.tr("Format"))
        formats_layout = QVBoxLayout(formats)
        self.format_group = QButtonGroup(self)
        self.format_radios: dict[str, QRadioButton] = {}
        for key, (label, _, _) in EXPORT_FORMATS.items():
            radio = QRadioButton(self.tr(label))
            radio.setProperty("fmt", key)
            self.format_group.addButton(radio)
            self.format_radios[key] = radio
            formats_layout.addWidget(radio)
        self.format_radios.get(fmt, self.format_radios["ris"]).setChecked(True)
        layout.addWidget(formats)
        note = QLabel(self.tr("Only identifiers that were verified or printed in the source are exported."))
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        layout.addWidget(note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Export…"))
        layout.addWidget(self.buttons)

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def choice(self) -> ExportChoice:
        """The scope and format currently chosen."""
        checked = self.format_group.checkedButton()
        fmt = checked.property("fmt") if checked is not None else "ris"
        return ExportChoice("selection" if self.selection_radio.isChecked() else "list", fmt)


def _studies(n: int) -> str:
    return (translate("library_dialogs", "1 study") if n == 1 else
            translate("library_dialogs", "{0} studies").format(n))


def ask_export_path(parent: QWidget, fmt: str, start_dir: str = "") -> str:
    """A save-file dialog for an export in ``fmt``; returns the path ('' when cancelled), extension added."""
    _, ext, filter_text = EXPORT_FORMATS[fmt]
    default = f"{start_dir}/atgdesk-citations.{ext}" if start_dir else f"atgdesk-citations.{ext}"
    path, _ = QFileDialog.getSaveFileName(parent, translate("library_dialogs", "Export citations"), default,
                                          f"{_tr(filter_text)};;" + translate("library_dialogs", "All files (*)"))
    if path and "." not in path.rsplit("/", 1)[-1]:
        path += f".{ext}"
    return path


def ask_import_paths(parent: QWidget, file_filter: str, start_dir: str = "") -> list[str]:
    """An open-files dialog for citation files; returns the chosen paths (empty when cancelled)."""
    paths, _ = QFileDialog.getOpenFileNames(parent, translate("library_dialogs", "Import citations"), start_dir,
                                            file_filter)
    return list(paths)


def ask_personal_export_path(parent: QWidget, start_dir: str = "") -> str:
    default = f"{start_dir}/atgdesk-personal.json" if start_dir else "atgdesk-personal.json"
    path, _ = QFileDialog.getSaveFileName(parent, translate("library_dialogs", "Export my favourites, tags and notes"),
                                          default, translate("library_dialogs",
                                                             "ATG Desk personal data (*.json);;All files (*)"))
    if path and not path.lower().endswith(".json"):
        path += ".json"
    return path


def ask_personal_import_path(parent: QWidget, start_dir: str = "") -> str:
    path, _ = QFileDialog.getOpenFileName(parent, translate("library_dialogs", "Import favourites, tags and notes"),
                                          start_dir, translate("library_dialogs",
                                                               "ATG Desk personal data (*.json);;All files (*)"))
    return path


class ImportReportDialog(QDialog):
    """What an import did: records added per file, duplicates with the reason, files that failed."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import citations"))
        self.resize(560, 360)
        layout = QVBoxLayout(self)
        self.text_edit = QPlainTextEdit()
        self.text_edit.setReadOnly(True)
        self.text_edit.setAccessibleName(self.tr("Import report"))
        self.text_edit.setPlainText(text)
        layout.addWidget(self.text_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)


def import_report_text(results: Sequence[tuple[str, int, Sequence[tuple[str, str]], str]]) -> str:
    """Plain-text report for ``(file name, added, duplicates [(title, reason)], error)`` per file."""
    lines: list[str] = []
    for name, added, duplicates, error in results:
        if error:
            lines.append(f"{name}: not imported — {error}")
            lines.append("  Nothing from this file was added.")
            continue
        lines.append(f"{name}: {added} citation{'s' if added != 1 else ''} added, "
                     f"{len(duplicates)} duplicate{'s' if len(duplicates) != 1 else ''} skipped.")
        for title, reason in duplicates:
            lines.append(f"  • {title} — {reason}")
    return "\n".join(lines)


def show_error(parent: QWidget, title: str, text: str) -> None:
    """A plain-text warning box."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """A plain-text yes/no question; returns True for yes."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def translate(context: str, text: str) -> str:
    """Qt's translation; called as ``translate("library_dialogs", "...")`` so that pyside6-lupdate finds the texts."""
    return QCoreApplication.translate(context, text)


def _tr(text: str) -> str:
    return QCoreApplication.translate("library_dialogs", text)  # texts pyside6-lupdate cannot see (variables)


def ask_moved_aside_copy(parent: QWidget, copies: Sequence[str]) -> str:
    """Pick one of the personal-data files moved aside as damaged (newest first); "" when cancelled."""
    if not copies:
        show_info(parent, translate("library_dialogs", "Restore personal data"),
                  translate("library_dialogs", "There is no moved-aside copy of your personal data to restore."))
        return ""
    item, ok = QInputDialog.getItem(
        parent, translate("library_dialogs", "Restore personal data"),
        translate("library_dialogs", "What can be read from the copy is added to your personal data (nothing is overwritten; notes that "
            "differ are appended). Copy to restore:"), list(copies), 0, False)
    return item if ok else ""


def show_info(parent: QWidget, title: str, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


#: The answers of :func:`ask_unsaved_notes`.
KEEP_OPEN, SAVE_TO_FILE, DISCARD = "keep", "file", "discard"


def ask_unsaved_notes(parent: QWidget, count: int, reason: str) -> str:
    """Notes could not be saved and the window is closing: keep it open, save the notes to a file, or quit."""
    box = QMessageBox(QMessageBox.Icon.Warning, translate("library_dialogs", "Notes not saved"),
                      (translate("library_dialogs", "Your notes on 1 study could not be saved.\n\n{1}\n\nIf you "
                                 "quit now, they are lost.") if count == 1 else
                       translate("library_dialogs", "Your notes on {0} studies could not be saved.\n\n{1}\n\nIf "
                                 "you quit now, they are lost.")).format(count, reason),
                      QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    keep = box.addButton(translate("library_dialogs", "Keep ATG Desk open"), QMessageBox.ButtonRole.RejectRole)
    to_file = box.addButton(translate("library_dialogs", "Save the notes to a file…"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(translate("library_dialogs", "Quit and lose them"), QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(keep)
    box.exec()
    clicked = box.clickedButton()
    return KEEP_OPEN if clicked is keep else SAVE_TO_FILE if clicked is to_file else DISCARD


def ask_notes_file_path(parent: QWidget, start_dir: str = "") -> str:
    path, _ = QFileDialog.getSaveFileName(parent, translate("library_dialogs", "Save the unsaved notes"),
                                          str(Path(start_dir or Path.home()) / "atgdesk-unsaved-notes.txt"),
                                          translate("library_dialogs", "Text files (*.txt)"))
    return path
