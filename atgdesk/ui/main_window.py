"""Main window: a Library area and a Calculator area in tabs, menus, status bar, remembered geometry."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QIcon, QKeySequence, QPalette
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from atgdesk import DISCLAIMER
from atgdesk.ui.about import AboutDialog, AboutInfo

LIBRARY_TAB = 0
CALCULATOR_TAB = 1


class MainWindow(QMainWindow):
    """The application window.  Views are built by ``atgdesk.app`` and handed in; this class only arranges them."""

    export_requested = Signal()
    log_folder_requested = Signal()
    restore_personal_requested = Signal()

    def __init__(self, settings: QSettings, about: AboutInfo, library_view: QWidget,
                 calculator_view: QWidget, icon: QIcon | None = None) -> None:
        super().__init__()
        self._settings = settings
        self._about = about
        self._icon = icon
        self.setWindowTitle("ATG Desk")
        if icon is not None:
            self.setWindowIcon(icon)
        self.library_view = library_view
        self.calculator_view = calculator_view
        #: Asked before the window closes (e.g. notes that could not be saved); False keeps it open.  Set by
        #: ``atgdesk.app``; not asked when the session ends or the app is told to terminate.
        self.can_close = lambda: True
        self.force_close = False
        self._build_ui()
        self._connect_signals()
        self.resize(1280, 800)
        self.restore_state()

    # -- construction -------------------------------------------------------------------------------------------
    def _build_ui(self) -> None:
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.library_view, "Library")
        self.tabs.addTab(self.calculator_view, "Calculator")
        self.tabs.setTabToolTip(LIBRARY_TAB, "Search and read the ATG evidence (Ctrl+1)")
        self.tabs.setTabToolTip(CALCULATOR_TAB, "Dose arithmetic and exposure scenarios (Ctrl+2)")
        # A banner above the tabs for what the user must know all the time (personal data read-only or off).
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setWordWrap(True)
        self.banner.setAccessibleName(self.tr("Notice"))
        self.banner.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.banner.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.banner.setAutoFillBackground(True)
        self.banner.setMargin(6)
        self.banner.hide()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        self.export_action = QAction("&Export citations…", self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        file_menu.addAction(self.export_action)
        self.restore_personal_action = QAction(self.tr("&Restore personal data from a moved-aside copy…"), self)
        file_menu.addAction(self.restore_personal_action)
        file_menu.addSeparator()
        self.quit_action = QAction("&Quit", self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        file_menu.addAction(self.quit_action)

        view_menu = menu.addMenu("&View")
        self.show_library_action = QAction("&Library", self)
        self.show_library_action.setShortcut(QKeySequence("Ctrl+1"))
        self.show_calculator_action = QAction("&Calculator", self)
        self.show_calculator_action.setShortcut(QKeySequence("Ctrl+2"))
        view_menu.addAction(self.show_library_action)
        view_menu.addAction(self.show_calculator_action)

        help_menu = menu.addMenu("&Help")
        self.disclaimer_action = QAction("&Disclaimer", self)
        self.log_action = QAction("Open &log folder", self)
        self.about_action = QAction("&About ATG Desk", self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        help_menu.addAction(self.disclaimer_action)
        help_menu.addAction(self.log_action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)

        status = self.statusBar()
        self.disclaimer_label = QLabel("Reference and teaching tool — not a substitute for the treating team's "
                                       "protocol.")
        self.disclaimer_label.setTextFormat(Qt.TextFormat.PlainText)
        self.disclaimer_label.setToolTip(DISCLAIMER)
        status.addPermanentWidget(self.disclaimer_label)

    def _connect_signals(self) -> None:
        self.quit_action.triggered.connect(self.close)
        self.export_action.triggered.connect(self.export_requested)
        self.about_action.triggered.connect(self.show_about)
        self.disclaimer_action.triggered.connect(self.show_disclaimer)
        self.log_action.triggered.connect(self.log_folder_requested)
        self.restore_personal_action.triggered.connect(self.restore_personal_requested)
        self.show_library_action.triggered.connect(lambda: self.tabs.setCurrentIndex(LIBRARY_TAB))
        self.show_calculator_action.triggered.connect(lambda: self.tabs.setCurrentIndex(CALCULATOR_TAB))

    # -- public -------------------------------------------------------------------------------------------------
    def set_status(self, text: str) -> None:
        """Show a transient plain-text message in the status bar."""
        self.statusBar().showMessage(text)

    def set_banner(self, text: str) -> None:
        """Show (or, with "", hide) a lasting plain-text notice above the tabs."""
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def make_about_dialog(self) -> AboutDialog:
        return AboutDialog(self._about, self._icon, self)

    def show_about(self) -> None:
        self.make_about_dialog().exec()

    def show_disclaimer(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, "Disclaimer", DISCLAIMER, QMessageBox.StandardButton.Ok,
                          self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()

    @staticmethod
    def open_folder(path: str) -> bool:
        """Open a local folder in the system file manager (a local URL: no network)."""
        return QDesktopServices.openUrl(QUrl.fromLocalFile(path))

    # -- state --------------------------------------------------------------------------------------------------
    def restore_state(self) -> None:
        geometry = self._settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        tab = self._settings.value("window/tab", LIBRARY_TAB)
        try:
            tab = int(tab)
        except (TypeError, ValueError):
            tab = LIBRARY_TAB
        if 0 <= tab < self.tabs.count():
            self.tabs.setCurrentIndex(tab)
        for view in (self.library_view, self.calculator_view):  # a placeholder area has no state
            restore = getattr(view, "restore_state", None)
            if restore is not None:
                restore(self._settings)

    def save_state(self) -> None:
        self._settings.setValue("window/geometry", self.saveGeometry())
        self._settings.setValue("window/tab", self.tabs.currentIndex())
        for view in (self.library_view, self.calculator_view):  # the calculator keeps its pinned scenarios
            save = getattr(view, "save_state", None)
            if save is not None:
                save(self._settings)
        self._settings.sync()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        if not self.force_close and not self.can_close():
            event.ignore()
            return
        self.save_state()
        super().closeEvent(event)
