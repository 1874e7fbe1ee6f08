"""About box: app version, data version and the disclaimer, all as plain text."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from atgdesk import i18n


@dataclass(frozen=True)
class AboutInfo:
    """What the About box reports.  ``data_version`` is empty when the evidence database could not be read."""

    app_version: str
    data_version: str
    content_hash: str
    study_count: int
    qt_version: str
    python_version: str
    reference_count: int = 0  # dosing & PK references: library entries, never counted as studies

    def lines(self) -> list[str]:
        data = (QCoreApplication.translate("AboutInfo", "Evidence data {0} ({1} studies · {3} dosing & PK references, content hash {2})").format(
            self.data_version, self.study_count, self.content_hash[:12], self.reference_count) if self.data_version
            else QCoreApplication.translate("AboutInfo", "Evidence data: not available"))
        return [
            f"ATG Desk {self.app_version}",
            data,
            f"Qt {self.qt_version} · Python {self.python_version}",
        ]


class AboutDialog(QDialog):
    """Modal About box."""

    def __init__(self, info: AboutInfo, icon: QIcon | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About ATG Desk"))
        layout = QVBoxLayout(self)
        if icon is not None and not icon.isNull():
            pic = QLabel()
            pic.setPixmap(icon.pixmap(64, 64))
            pic.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(pic)
        self.version_label = QLabel("\n".join(info.lines()))
        self.version_label.setTextFormat(Qt.TextFormat.PlainText)
        self.version_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.version_label)
        blurb = QLabel(self.tr("An offline reference on anti-thymocyte globulin for transplant physicians, "
                               "haematologists and clinical pharmacists: an evidence library and a dose/exposure "
                               "calculator. It makes no network connection."))
        blurb.setTextFormat(Qt.TextFormat.PlainText)
        blurb.setWordWrap(True)
        layout.addWidget(blurb)
        self.disclaimer_label = QLabel(i18n.disclaimer())
        self.disclaimer_label.setTextFormat(Qt.TextFormat.PlainText)
        self.disclaimer_label.setWordWrap(True)
        self.disclaimer_label.setObjectName("disclaimer")
        font = self.disclaimer_label.font()
        font.setItalic(True)
        self.disclaimer_label.setFont(font)
        layout.addWidget(self.disclaimer_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
