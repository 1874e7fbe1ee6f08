"""Main window: a Library area and a Calculator area in tabs, menus, status bar, remembered geometry."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QSettings, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QDesktopServices,
    QGuiApplication,
    QIcon,
    QKeySequence,
    QPalette,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from atgdesk import i18n
from atgdesk.logsetup import log_exception
from atgdesk.ui import keyboard
from atgdesk.ui.about import AboutDialog, AboutInfo

LIBRARY_TAB = 0
CALCULATOR_TAB = 1
#: The first window is as large as this, or 90 % of the screen's available area when that is smaller (a
#: 1366×768 laptop screen less its panels is shorter than 800 px).
DEFAULT_SIZE = QSize(1280, 800)
SCREEN_FRACTION = 0.9


def initial_size(available: QSize | None) -> QSize:
    """The window's first size: :data:`DEFAULT_SIZE`, shrunk to 90 % of the screen's available geometry."""
    if available is None or available.isEmpty():
        return QSize(DEFAULT_SIZE)
    return QSize(min(DEFAULT_SIZE.width(), int(available.width() * SCREEN_FRACTION)),
                 min(DEFAULT_SIZE.height(), int(available.height() * SCREEN_FRACTION)))


class MainWindow(QMainWindow):
    """The application window.  Views are built by ``atgdesk.app`` and handed in; this class only arranges them.

    The calculator may be handed in as a factory: it is then built the first time its tab is shown or
    :attr:`calculator_view` is asked for (its imports — numpy, pyqtgraph, the engine — and its construction are
    most of start-up, and a user who opens on the library does not wait for them).  Until then its tab holds an
    empty placeholder, replaced by the real screen before it is ever painted.

    When the Calculator tab is the remembered one, the first window is shown at once with "Opening the
    calculator…" in that tab, and the calculator is built in the event loop right after the first paint
    (:meth:`_build_deferred_calculator`), so a user who left the app on the calculator waits no longer for the
    window than one who left it on the library.
    """

    export_requested = Signal()
    log_folder_requested = Signal()
    restore_personal_requested = Signal()
    welcome_requested = Signal()
    #: The calculator screen exists now (emitted once, when a lazily built calculator is built).
    calculator_ready = Signal(QWidget)

    def __init__(self, settings: QSettings, about: AboutInfo, library_view: QWidget,
                 calculator_view: QWidget | Callable[[], QWidget], icon: QIcon | None = None) -> None:
        super().__init__()
        self._settings = settings
        self._about = about
        self._icon = icon
        self.setWindowTitle(self.tr("ATG Desk"))
        if icon is not None:
            self.setWindowIcon(icon)
        self.library_view = library_view
        self._calculator: QWidget | None = None
        #: Why the calculator could not be built the last time its tab was shown ("" when it was not tried or worked).
        self.calculator_error = ""
        self._calculator_factory: Callable[[], QWidget] | None = None
        if isinstance(calculator_view, QWidget):
            self._calculator = calculator_view
        else:
            self._calculator_factory = calculator_view
        #: Called once, just after the window's first paint has reached the screen (``atgdesk.app`` prepares
        #: the calculator then, in idle time).
        self.after_first_paint: list[Callable[[], None]] = []
        self._painted = False
        self._first_paint_handled = False  # painted, and the after_first_paint callbacks have run
        # The remembered tab is the calculator's: it is built just after the first paint, not before it.
        self._calculator_deferred = False
        self._restoring = False
        # A calculator built but not yet in its tab (while input that arrived during its build is delivered).
        self._pending_calculator: QWidget | None = None
        #: Asked before the window closes (e.g. notes that could not be saved); False keeps it open.  Set by
        #: ``atgdesk.app``; not asked when the session ends or the app is told to terminate.
        self.can_close = lambda: True
        self.force_close = False
        self._build_ui()
        self._connect_signals()
        screen = QGuiApplication.primaryScreen()
        self.resize(initial_size(screen.availableGeometry().size() if screen is not None else None))
        self.restore_state()

    # -- the calculator, built when first needed ----------------------------------------------------------------
    @property
    def calculator_view(self) -> QWidget:
        """The calculator screen, built now if it has not been built yet."""
        if self._calculator is None:
            self._build_calculator()
        assert self._calculator is not None
        return self._calculator

    def first_paint_done(self) -> bool:
        """True once the window has painted (its first paint event has run) and the ``after_first_paint``
        callbacks, which run just after that event, have run too."""
        return self._first_paint_handled

    def calculator_built(self) -> bool:
        return self._calculator is not None

    def calculator_deferred(self) -> bool:
        """True while the remembered Calculator tab waits to be built after the first paint."""
        return self._calculator_deferred and self._calculator is None

    def _build_calculator(self) -> None:
        view = self._pending_calculator
        if view is None:
            factory = self._calculator_factory
            assert factory is not None
            view = factory()  # an error propagates: the tab keeps its placeholder and the next showing tries again
        self._install_calculator(view)

    def _install_calculator(self, view: QWidget) -> None:
        self._pending_calculator = None
        self._calculator_deferred = False
        self._calculator = view
        self.calculator_error = ""
        self._calculator_factory = None
        placeholder = self.tabs.widget(CALCULATOR_TAB)
        current = self.tabs.currentIndex()
        # Swapped in without signals: to the user (and to currentChanged listeners) the calculator tab simply
        # shows its screen.
        self.tabs.blockSignals(True)
        try:
            self.tabs.removeTab(CALCULATOR_TAB)
            self.tabs.insertTab(CALCULATOR_TAB, view, self._calculator_title)
            self.tabs.setTabToolTip(CALCULATOR_TAB, self._calculator_tooltip)
            self.tabs.setCurrentIndex(current)
        finally:
            self.tabs.blockSignals(False)
        if placeholder is not None and placeholder is not view:
            placeholder.deleteLater()
        restore = getattr(view, "restore_state", None)
        if restore is not None:
            restore(self._settings)
        self.calculator_ready.emit(view)

    def shutdown_calculator(self) -> None:
        """The calculator's background workers finish (one never built has none, and is not built for this)."""
        shutdown = getattr(self._calculator, "shutdown", None)
        if shutdown is not None:
            shutdown()

    def _ensure_calculator(self) -> bool:
        """Build the calculator if it is not built; False when that failed (the tab says why, the log has the
        details; the next try builds it again).  For slots, which must not raise."""
        if self._calculator is not None:
            return True
        try:
            self._build_calculator()
        except Exception as exc:
            self._calculator_failed(exc)
            return False
        return True

    def _calculator_failed(self, exc: Exception) -> None:
        log_exception(exc)
        self._calculator_deferred = False
        self.calculator_error = f"{type(exc).__name__}: {exc}"
        placeholder = self.tabs.widget(CALCULATOR_TAB)
        if isinstance(placeholder, QLabel):
            placeholder.setText(self.tr("The calculator could not be opened (%1). Details are in the "
                                        "log (Help ▸ Open log folder).").replace("%1", self.calculator_error))
            placeholder.setAccessibleName(self._calculator_title)

    def _on_tab_changed(self, index: int) -> None:
        if index != CALCULATOR_TAB:
            return
        if self._restoring and not self._painted and self._calculator is None:
            self._defer_calculator()  # the remembered tab: built after the first paint
        else:
            self._ensure_calculator()

    def _defer_calculator(self) -> None:
        self._calculator_deferred = True
        placeholder = self.tabs.widget(CALCULATOR_TAB)
        if isinstance(placeholder, QLabel):
            text = self.tr("Opening the calculator…")
            placeholder.setText(text)
            placeholder.setAccessibleName(text)

    def _build_deferred_calculator(self) -> None:
        """Just after the first paint: build the remembered calculator, then put it in its tab."""
        if not self.calculator_deferred():  # built already (a Calculator menu entry asked for it), or failed
            return
        factory = self._calculator_factory
        assert factory is not None
        try:
            self._pending_calculator = factory()
        except Exception as exc:  # the tab says why; showing it again (or a Calculator menu entry) tries again
            self._calculator_failed(exc)
            return
        # Input that arrived during the build (the window could not answer) is delivered now, to the window the
        # user saw when giving it: a click on "Opening the calculator…" lands on nothing rather than on whatever
        # control of the calculator is now at that spot, a click on the Library tab opens the library, a
        # Calculator shortcut puts the calculator in its tab at once (then this finds it there).
        QCoreApplication.processEvents()
        if self._pending_calculator is not None and self._calculator is None:
            self._install_calculator(self._pending_calculator)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            # after this event: the frame is flushed to the screen before anything else runs
            QTimer.singleShot(0, self._first_painted)

    def _first_painted(self) -> None:
        callbacks, self.after_first_paint = self.after_first_paint, []
        for callback in callbacks:
            callback()
        self._first_paint_handled = True
        if self._calculator_deferred:
            QTimer.singleShot(0, self._build_deferred_calculator)

    # -- construction -------------------------------------------------------------------------------------------
    def _build_ui(self) -> None:
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.library_view, self.tr("Library"))
        self._calculator_title = self.tr("Calculator")
        self._calculator_tooltip = self.tr("Dose arithmetic and exposure scenarios (Ctrl+2)")
        if self._calculator is not None:
            self.tabs.addTab(self._calculator, self._calculator_title)
        else:  # empty, or "Opening the calculator…" (the remembered tab), or why building it failed
            placeholder = QLabel()
            placeholder.setTextFormat(Qt.TextFormat.PlainText)
            placeholder.setWordWrap(True)
            placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
            placeholder.setMargin(24)
            placeholder.setAccessibleName(self._calculator_title)
            self.tabs.addTab(placeholder, self._calculator_title)
        self.tabs.setTabToolTip(LIBRARY_TAB, self.tr("Search and read the ATG evidence (Ctrl+1)"))
        self.tabs.setTabToolTip(CALCULATOR_TAB, self._calculator_tooltip)
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
        file_menu = menu.addMenu(self.tr("&File"))
        self.export_action = QAction(self.tr("&Export citations…"), self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        file_menu.addAction(self.export_action)
        self.restore_personal_action = QAction(self.tr("&Restore personal data from a moved-aside copy…"), self)
        file_menu.addAction(self.restore_personal_action)
        file_menu.addSeparator()
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        file_menu.addAction(self.quit_action)

        view_menu = menu.addMenu(self.tr("&View"))
        self.show_library_action = QAction(self.tr("&Library"), self)
        self.show_library_action.setShortcut(QKeySequence("Ctrl+1"))
        self.show_calculator_action = QAction(self.tr("&Calculator"), self)
        self.show_calculator_action.setShortcut(QKeySequence("Ctrl+2"))
        view_menu.addAction(self.show_library_action)
        view_menu.addAction(self.show_calculator_action)
        view_menu.addSeparator()
        # The interface language: stored in the settings, applied at the next start (Qt builds its widgets'
        # texts once; re-translating a live window would miss the texts composed at run time).
        language_menu = view_menu.addMenu(self.tr("Lan&guage"))
        self.language_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        chosen = i18n.stored_choice(self._settings)
        for code, name in i18n.language_choices():
            action = QAction(name, self)
            action.setCheckable(True)
            action.setChecked(code == chosen)
            action.setData(code)
            group.addAction(action)
            language_menu.addAction(action)
            self.language_actions[code] = action
        group.triggered.connect(self._on_language_chosen)

        calc_menu = menu.addMenu(self.tr("C&alculator"))
        self.pin_action = QAction(self.tr("&Pin the current scenario"), self)
        self.pin_action.setShortcut(QKeySequence("Ctrl+P"))
        self.suggest_action = QAction(self.tr("&Suggest a dose"), self)
        self.suggest_action.setShortcut(QKeySequence("Ctrl+D"))
        self.band_action = QAction(self.tr("Uncertainty &band on/off"), self)
        self.band_action.setShortcut(QKeySequence("Ctrl+B"))
        self.calc_export_action = QAction(self.tr("&Export the scenario…"), self)
        self.calc_export_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.copy_prediction_action = QAction(self.tr("&Copy the prediction as text"), self)
        self.copy_prediction_action.setShortcut(QKeySequence("Ctrl+Shift+R"))
        for action in (self.pin_action, self.suggest_action, self.band_action, self.calc_export_action,
                       self.copy_prediction_action):
            calc_menu.addAction(action)

        help_menu = menu.addMenu(self.tr("&Help"))
        self.shortcuts_action = QAction(self.tr("&Keyboard shortcuts"), self)
        self.shortcuts_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.welcome_action = QAction(self.tr("&Welcome"), self)
        self.disclaimer_action = QAction(self.tr("&Disclaimer"), self)
        self.log_action = QAction(self.tr("Open &log folder"), self)
        self.about_action = QAction(self.tr("&About ATG Desk"), self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        help_menu.addAction(self.shortcuts_action)
        help_menu.addAction(self.welcome_action)
        help_menu.addAction(self.disclaimer_action)
        help_menu.addAction(self.log_action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)

        status = self.statusBar()
        self.disclaimer_label = QLabel(self.tr("Reference and teaching tool — not a substitute for the treating "
                                               "team's protocol."))
        self.disclaimer_label.setTextFormat(Qt.TextFormat.PlainText)
        self.disclaimer_label.setToolTip(i18n.disclaimer())
        status.addPermanentWidget(self.disclaimer_label)

    def _connect_signals(self) -> None:
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.quit_action.triggered.connect(self.close)
        self.export_action.triggered.connect(self.export_requested)
        self.about_action.triggered.connect(self.show_about)
        self.disclaimer_action.triggered.connect(self.show_disclaimer)
        self.log_action.triggered.connect(self.log_folder_requested)
        self.restore_personal_action.triggered.connect(self.restore_personal_requested)
        self.show_library_action.triggered.connect(lambda: self.tabs.setCurrentIndex(LIBRARY_TAB))
        self.show_calculator_action.triggered.connect(lambda: self.tabs.setCurrentIndex(CALCULATOR_TAB))
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        self.welcome_action.triggered.connect(lambda: self.show_welcome())
        self.pin_action.triggered.connect(lambda: self._calculator_do("scenario_panel.pin_button", "click"))
        self.suggest_action.triggered.connect(lambda: self._calculator_do("suggest_button", "click"))
        self.band_action.triggered.connect(lambda: self._calculator_do("uncertainty_check", "toggle"))
        self.calc_export_action.triggered.connect(lambda: self._calculator_do("export_button", "showMenu"))
        self.copy_prediction_action.triggered.connect(self.copy_prediction)

    def prediction_text(self) -> str:
        """The calculator's predicted exposure as plain text: each metric with its value, then the verdict in
        words (what a screen reader user or a note needs; the colours only repeat it)."""
        metrics = getattr(self.calculator_view, "metrics", None) if self._ensure_calculator() else None
        if metrics is None:
            return ""
        lines = [metrics.title()] if hasattr(metrics, "title") else []
        for form in metrics.findChildren(QFormLayout):
            for row in range(form.rowCount()):
                title = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
                field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
                if title is None or field is None or title.widget() is None or field.widget() is None:
                    continue
                value = field.widget()
                if not isinstance(value, QLabel):
                    value = value.findChild(QLabel)
                name = " ".join(title.widget().text().split())
                if value is not None and value.isVisibleTo(metrics):
                    lines.append(f"{name}: {value.text()}")
        for label_name in ("verdict", "probability"):
            label = getattr(metrics, label_name, None)
            if label is not None and label.text():
                lines.append(label.text())
        return "\n".join(lines)

    def copy_prediction(self) -> None:
        """Calculator ▸ Copy the prediction as text (Ctrl+Shift+R)."""
        text = self.prediction_text()
        if text:
            QGuiApplication.clipboard().setText(text)
            self.set_status(self.tr("The prediction was copied to the clipboard."))

    def _calculator_do(self, path: str, method: str) -> bool:
        """A Calculator menu entry: show the calculator and press the control it names (when it is enabled)."""
        was_shown = self.tabs.currentIndex() == CALCULATOR_TAB
        self.tabs.setCurrentIndex(CALCULATOR_TAB)  # builds the calculator, or its tab says why it cannot
        if not (self.calculator_built() or (was_shown and self._ensure_calculator())):
            return False
        target = self.calculator_view
        for name in path.split("."):
            target = getattr(target, name, None)
            if target is None:
                return False
        if not target.isEnabled():
            self.set_status(self.tr("Not available now: %1").replace("%1", target.text().replace("&", "")))
            return False
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)
        getattr(target, method)()
        return True

    def _on_language_chosen(self, action: QAction) -> None:
        code = action.data()
        if code == i18n.stored_choice(self._settings):
            return
        i18n.store_choice(self._settings, code)
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Language"),
                          self.tr("The interface language changes when ATG Desk is started again."),
                          QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.open()

    def make_shortcuts_dialog(self) -> QDialog:
        """Help ▸ Keyboard shortcuts: every shortcut and what it does, in a table a screen reader can read."""
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = keyboard.shortcut_rows()
        table = QTableWidget(len(rows), 2, dialog)
        table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("What they do")])
        table.setAccessibleName(self.tr("Keyboard shortcuts"))
        for r, (keys, what) in enumerate(rows):
            table.setItem(r, 0, QTableWidgetItem(keys))
            table.setItem(r, 1, QTableWidgetItem(what))
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.horizontalHeader().setStretchLastSection(True)
        table.resizeColumnToContents(0)
        keyboard.read_only_table(table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(table)
        layout.addWidget(buttons)
        dialog.resize(620, 520)
        return dialog

    def show_shortcuts(self) -> None:
        self.make_shortcuts_dialog().exec()

    def show_welcome(self, modal: bool = False):
        """Help ▸ Welcome (and the first start): the short welcome pointing to both screens and the disclaimer."""
        from atgdesk.ui.welcome import show_welcome
        self.welcome_requested.emit()
        return show_welcome(self, self._settings, modal)

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
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Disclaimer"), i18n.disclaimer(),
                          QMessageBox.StandardButton.Ok, self)
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
        # a placeholder area has no state; a calculator not built yet restores its own when it is built
        for view in (self.library_view, self._calculator):
            restore = getattr(view, "restore_state", None)
            if restore is not None:
                restore(self._settings)
        tab = self._settings.value("window/tab", LIBRARY_TAB)
        try:
            tab = int(tab)
        except (TypeError, ValueError):
            tab = LIBRARY_TAB
        if 0 <= tab < self.tabs.count():
            self._restoring = True
            try:  # the calculator's tab is built just after the first paint (shown before: "Opening…")
                self.tabs.setCurrentIndex(tab)
            finally:
                self._restoring = False

    def save_state(self) -> None:
        self._settings.setValue("window/geometry", self.saveGeometry())
        self._settings.setValue("window/tab", self.tabs.currentIndex())
        # the calculator keeps its pinned scenarios; one never built leaves what it stored last time as it was
        for view in (self.library_view, self._calculator):
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
