"""Composition root: the QApplication, the databases, the views, and the wiring between them.

Nothing else builds screens or connects one screen to another.  ``run_gui`` starts the app;
``run_smoke`` builds every area, runs one search and one simulation, paints once and exits (status 0 on success).
"""

from __future__ import annotations

import gc
import logging
import os
import platform
import sys
import time
from dataclasses import dataclass, field

from atgdesk import __version__, paths
from atgdesk.logsetup import configure_logging, log_exception

log = logging.getLogger("atgdesk.app")

EXIT_OK = 0
EXIT_SMOKE_FAILED = 1
EXIT_DATABASE = 3


def _ensure_platform() -> None:
    """Qt aborts without a display; fall back to the offscreen platform when there is none."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


@dataclass
class Context:
    """Everything the running app holds; returned by :func:`build` so tests can reach every part."""

    app: object
    window: object
    library: object | None
    library_error: str
    userstore: object | None = None
    userstore_notice: str = ""
    #: Called on quit (``aboutToQuit``) and at the end of the smoke run: background workers finish before the
    #: interpreter goes away.
    shutdown_hooks: list = field(default_factory=list)

    def shutdown(self) -> None:
        for hook in self.shutdown_hooks:
            hook()


def _open_library():
    """Open the bundled evidence database read-only; returns (library, error message)."""
    from atgdesk.library.db import LibraryError, open_bundled
    try:
        return open_bundled(paths.bundled_db_path()), ""
    except LibraryError as exc:
        return None, str(exc)


def _open_userstore():
    """Open the per-user database; returns (store, notice for the user or "")."""
    from atgdesk.library.userstore import UserStore, UserStoreError
    path = paths.user_db_path()
    try:
        store = UserStore.open(path)
    except (UserStoreError, OSError) as exc:
        log.error("user database: %s", exc)
        return None, f"Your personal data (notes, tags, scenarios) is unavailable: {exc}"
    except Exception as exc:  # sqlite errors after a move-aside attempt: keep the app usable
        log_exception(exc)
        return None, f"Your personal data could not be opened ({type(exc).__name__}: {exc})."
    if store.recovered_from is not None:
        notice = (f"Your personal data file was damaged. It was moved aside to {store.recovered_from} "
                  "and a new, empty one was created. Nothing was deleted.")
        log.warning("user database recovered: %s", notice)
        return store, notice
    return store, ""


def create_application(argv: list[str] | None = None):
    """Create (or reuse, in tests) the QApplication with the app's name, organisation and icon."""
    _ensure_platform()
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication
    _route_qt_messages()
    app = QApplication.instance() or QApplication(argv if argv is not None else [sys.argv[0]])
    app.setApplicationName("ATG Desk")
    app.setApplicationDisplayName("ATG Desk")
    app.setOrganizationName("ATG Desk")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("atgdesk")
    icon = QIcon(str(paths.resource("icons", "atgdesk.svg")))
    if not icon.isNull():
        app.setWindowIcon(icon)
    return app


def _route_qt_messages() -> None:
    """Qt's own warnings (e.g. the offscreen plugin's) go to the log file, not to the user's terminal."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler
    qt_log = logging.getLogger("atgdesk.qt")
    levels = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
              QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
              QtMsgType.QtFatalMsg: logging.CRITICAL}

    def handler(mode, context, message):
        qt_log.log(levels.get(mode, logging.WARNING), "%s", message)

    qInstallMessageHandler(handler)


def make_settings():
    """Settings in an INI file inside the user folder, so ``ATGDESK_HOME``/``--data-dir`` isolate them too."""
    from PySide6.QtCore import QSettings
    folder = paths.user_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)


def _about_info(library) -> object:
    from PySide6.QtCore import qVersion

    from atgdesk.ui.about import AboutInfo
    meta = getattr(library, "meta", None)
    return AboutInfo(
        app_version=__version__,
        data_version=getattr(meta, "data_version", "") if meta else "",
        content_hash=getattr(meta, "content_hash", "") if meta else "",
        study_count=int(getattr(meta, "study_count", 0)) if meta else 0,
        qt_version=qVersion(),
        python_version=platform.python_version(),
    )


def _build_library_view(library, userstore):
    """The Library screen (citation list + study view) driven by its controller; a notice without a library."""
    from atgdesk.ui.placeholder import PlaceholderView
    if library is None:
        return PlaceholderView(
            "Evidence library",
            "The bundled evidence database could not be opened, so the library is unavailable. "
            "Rebuild it with `make db` (or `atgdesk build-db`) or reinstall ATG Desk.")
    from atgdesk.ui.library_view import LibraryController, LibraryView
    view = LibraryView()
    view.controller = LibraryController(library, userstore, view)  # parented to the view: lives as long
    return view


def _build_calculator_view(library, userstore):
    from atgdesk.ui.calculator_view import CalculatorView
    return CalculatorView(paths.models_dir(), paths.data_dir(), userstore)


def build(argv: list[str] | None = None, library=None) -> Context:
    """Build the whole app (QApplication, databases, views, window) without entering the event loop.

    ``library`` may be passed in when the caller has opened it already; otherwise it is opened here.
    """
    configure_logging()
    app = create_application(argv)
    error = ""
    if library is None:
        library, error = _open_library()
    userstore, notice = _open_userstore()
    from atgdesk.ui.main_window import MainWindow
    window = MainWindow(make_settings(), _about_info(library), _build_library_view(library, userstore),
                        _build_calculator_view(library, userstore), app.windowIcon())
    window.log_folder_requested.connect(lambda: _open_log_folder(window))
    _connect_calculator(window)
    # background workers (calculator band/map, library facet counts) finish before the interpreter goes away
    hooks = [getattr(owner, "shutdown", None)
             for owner in (window.calculator_view, getattr(window.library_view, "controller", None))]
    request_export = getattr(window.library_view, "request_export", None)
    if request_export is not None:  # File ▸ Export citations… exports from the library screen
        window.export_requested.connect(request_export)
    if library is not None:
        meta = library.meta
        window.set_status(f"Evidence data {meta.data_version}: {meta.study_count} studies")
    if notice:
        window.set_status(notice)
    ctx = Context(app=app, window=window, library=library, library_error=error, userstore=userstore,
                  userstore_notice=notice, shutdown_hooks=[hook for hook in hooks if hook is not None])
    for hook in ctx.shutdown_hooks:  # bound methods of the views: disconnected when a view is destroyed
        app.aboutToQuit.connect(hook)
    return ctx


def _connect_calculator(window) -> None:
    """The calculator's messages ("Written …" after an export) reach the status bar; a target's study link opens
    that study in the library tab."""
    calculator = window.calculator_view
    calculator.status_message.connect(window.set_status)
    calculator.study_link_activated.connect(lambda study_id: _open_study(window, study_id))


def _open_study(window, study_id: str) -> None:
    from PySide6.QtCore import QCoreApplication

    from atgdesk.ui.main_window import LIBRARY_TAB
    select = getattr(window.library_view, "select_study", None)
    if select is None:  # the library could not be opened: say so rather than switch to a notice silently
        window.set_status(QCoreApplication.translate(
            "app", "Study {0}: the evidence library is unavailable.").format(study_id))
        return
    window.tabs.setCurrentIndex(LIBRARY_TAB)
    select(study_id)  # also shows a study the current filters hide (select_study emits current_changed)


def _open_log_folder(window) -> None:
    folder = paths.log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    window.open_folder(str(folder))


def _install_excepthook(window) -> None:
    """Uncaught exceptions in slots are logged and shown in a dialog instead of killing the app silently."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log_exception(exc.with_traceback(tb) if exc is not None else exc_type())
        box = QMessageBox(QMessageBox.Icon.Critical, "ATG Desk — unexpected error",
                          f"Something went wrong: {exc_type.__name__}: {exc}\n\nYour notes and data are saved. "
                          f"Details are in the log ({paths.log_dir()}).", QMessageBox.StandardButton.Ok, window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()

    sys.excepthook = hook


def _database_problem_dialog(message: str) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox
    box = QMessageBox(QMessageBox.Icon.Critical, "ATG Desk — evidence database",
                      f"The bundled evidence database cannot be used.\n\n{message}", QMessageBox.StandardButton.Ok)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


def _pause_gc() -> None:
    """Start-up allocates ~80,000 long-lived objects (modules, classes, Qt wrappers); the cyclic garbage
    collector would traverse them again and again while they are created (~9% of start-up, measured)."""
    gc.disable()


def _resume_gc() -> None:
    """After the first paint: what start-up created is moved out of the collector's way, then it runs again."""
    gc.freeze()
    gc.enable()


def run_gui() -> int:
    """Start the desktop app; returns the exit status."""
    _pause_gc()
    try:
        return _run_gui()
    finally:
        _resume_gc()


def _run_gui() -> int:
    configure_logging()
    app = create_application()
    library, error = _open_library()
    if library is None:
        log.error("evidence database: %s", error)
        _database_problem_dialog(error)
        return EXIT_DATABASE
    ctx = build(library=library)
    _install_excepthook(ctx.window)
    ctx.window.show()
    from PySide6.QtCore import QTimer
    QTimer.singleShot(0, _resume_gc)  # once the event loop has run: after the window's first paint
    if ctx.userstore_notice:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox
        box = QMessageBox(QMessageBox.Icon.Warning, "ATG Desk — personal data", ctx.userstore_notice,
                          QMessageBox.StandardButton.Ok, ctx.window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.open()
    status = app.exec()
    if ctx.userstore is not None:
        ctx.userstore.close()
    return status


def run_smoke() -> int:
    """Build every area, run one search and one simulation, paint once, quit.  Errors go to stderr, status 1."""
    started = time.perf_counter()
    _pause_gc()
    try:
        ctx = build()
        if ctx.library is None:
            print(f"atgdesk --smoke: evidence database: {ctx.library_error}", file=sys.stderr)
            return EXIT_DATABASE
        window = ctx.window
        window.show()
        first_tab = window.tabs.currentIndex()
        hits = ctx.library.search("thymoglobulin", limit=5)
        if not hits:
            raise RuntimeError("search for 'thymoglobulin' found nothing in the bundled library")
        _smoke_simulation()
        # Every area is painted once: each tab but the last by the event loop, the last by grab(), which
        # forces a real paint of the whole window and gives an image to check.
        last = window.tabs.count() - 1
        for index in range(last):
            window.tabs.setCurrentIndex(index)
            ctx.app.processEvents()
        window.tabs.setCurrentIndex(last)
        image = window.grab()
        if image.isNull() or image.width() < 100:
            raise RuntimeError("the main window did not paint")
        _resume_gc()  # as in the GUI: start-up is over once the window has painted
        window.tabs.setCurrentIndex(first_tab)  # the smoke run leaves the remembered tab as it found it
        window.close()
        ctx.app.processEvents()
        ctx.shutdown()
        if ctx.userstore is not None:
            ctx.userstore.close()
        elapsed = time.perf_counter() - started
        log.info("smoke run passed in %.3f s", elapsed)
        return EXIT_OK
    except Exception as exc:  # the smoke run reports any failure as one line
        log_exception(exc)
        print(f"atgdesk --smoke: failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_SMOKE_FAILED
    finally:
        _resume_gc()


def _smoke_simulation() -> None:
    """One simulation with the first shipped model, checked for finite, non-negative output."""
    import numpy as np

    from atgdesk.core.model import list_models
    from atgdesk.core.regimen import parse_regimen_spec
    from atgdesk.core.simulate import simulate_patient
    models, errors = list_models(paths.models_dir())
    if not models:
        raise RuntimeError(f"no PK model could be loaded ({'; '.join(map(str, errors)) or 'none found'})")
    model = models[0]
    regimen = parse_regimen_spec("2.5mg/kg@-3,-2/6h", 70.0)
    t = np.linspace(-4.0, 30.0, 200)
    conc = simulate_patient(model, {"weight_kg": 70.0, "alc_per_nl": 0.5}, regimen, t)
    if not np.all(np.isfinite(conc)) or np.any(conc < 0) or conc.max() <= 0:
        raise RuntimeError("the smoke simulation produced an invalid curve")
