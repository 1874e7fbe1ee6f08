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
from pathlib import Path

from atgdesk import __version__, paths
from atgdesk.logsetup import configure_logging, log_exception

log = logging.getLogger("atgdesk.app")

EXIT_OK = 0
EXIT_SMOKE_FAILED = 1
EXIT_DATABASE = 3
#: Opening the user database at start-up waits this long for another program's lock.
USER_DB_OPEN_TIMEOUT_S = 3.0
#: A write from the GUI waits at most this long for a lock, then the controller keeps the input pending and
#: retries from a timer, so the window never freezes behind another program's lock.
GUI_BUSY_TIMEOUT_S = 0.25
INSTANCE_LOCK_NAME = "atgdesk.lock"
#: The garbage collector is paused during start-up and resumes once the calculator is ready, or after this long.
GC_RESUME_FALLBACK_MS = 10_000


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
    #: The single-instance lock (a QLockFile in the user folder) while this process holds it, else None.
    instance_lock: object | None = None
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


def translate(context: str, text: str) -> str:
    """Qt's translation, imported when first needed (the command line never loads Qt).  Called as
    ``translate("app", "...")`` so that pyside6-lupdate finds the texts."""
    from PySide6.QtCore import QCoreApplication
    return QCoreApplication.translate(context, text)


def _open_userstore(read_only: str = ""):
    """Open the per-user database; returns (store, notice for the user or "").

    Locked → waits a little, then personal data is off with a notice; read-only (file, folder, or ``read_only``
    given) → opened read-only with a notice; only a damaged file is moved aside (and can be restored)."""
    from atgdesk.library.userstore import UserStore, UserStoreBusy, UserStoreError
    try:
        path = paths.user_db_path()  # raises OSError when there is no home folder to put it in
        store = UserStore.open(path, busy_timeout=USER_DB_OPEN_TIMEOUT_S, read_only=read_only)
    except UserStoreBusy as exc:
        log.error("user database: %s", exc)
        return None, translate("app", "Your personal data (notes, tags, scenarios) is in use by another program and could "
                         "not be opened; it is off in this window. Start ATG Desk again when that program has "
                         "finished. ({0})").format(exc)
    except (UserStoreError, OSError) as exc:
        log.error("user database: %s", exc)
        return None, translate("app", "Your personal data (notes, tags, scenarios) is off in this window: {0}").format(exc)
    except Exception as exc:  # anything unforeseen: keep the app usable, the file untouched
        log_exception(exc)
        return None, translate("app", "Your personal data could not be opened ({0}: {1}).").format(type(exc).__name__, exc)
    if store.read_only:
        notice = translate("app", "Your personal data is read-only in this window ({0}): notes, tags and favourites are shown "
                     "but cannot be changed.").format(store.read_only_reason)
        log.warning("user database read-only: %s", store.read_only_reason)
        return store, notice
    store.set_busy_timeout(GUI_BUSY_TIMEOUT_S)
    if store.recovered_from is not None:
        notice = translate("app", "Your personal data file was damaged. It was moved aside to {0} and a new, empty one was "
                     "created. Nothing was deleted: File ▸ Restore personal data brings back what can be read "
                     "from it.").format(store.recovered_from)
        log.warning("user database recovered: %s", notice)
        return store, notice
    return store, ""


def _acquire_instance_lock():
    """(lock, "") when this is the only ATG Desk on this user folder, else (None, reason to open read-only)."""
    from PySide6.QtCore import QLockFile

    from atgdesk.fileio import ensure_private_dir
    try:
        folder = ensure_private_dir(paths.user_dir())
    except OSError:
        return None, ""  # no user folder: personal data is off anyway, nothing to share
    lock = QLockFile(str(folder / INSTANCE_LOCK_NAME))
    lock.setStaleLockTime(0)  # a lock left by a crashed instance is stale once its process is gone
    if lock.tryLock(200):
        return lock, ""
    if lock.error() == QLockFile.LockError.LockFailedError:
        return None, translate("app", "another ATG Desk window is already open on this personal data (changes are made "
                         "there)")
    return None, ""  # the lock file cannot be written: nothing to coordinate with


def create_application(argv: list[str] | None = None):
    """Create (or reuse, in tests) the QApplication with the app's name, organisation and icon."""
    _ensure_platform()
    from atgdesk.ui import pyside_speedup
    # First, so that every module imported from here on (numpy, pyqtgraph, the screens) is checked the cheap way.
    pyside_speedup.install()
    pyside_speedup.install_pyqtgraph_shims()  # the calculator's plots: pyqtgraph mirrors Qt's classes when asked
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
    """Settings in an INI file inside the user folder, so ``ATGDESK_HOME``/``--data-dir`` isolate them too.

    A folder that cannot be created only means the window layout is not remembered (never a failed start);
    the file is created private (0600 on POSIX) and Qt keeps the mode of the file it replaces."""
    from PySide6.QtCore import QSettings

    from atgdesk.fileio import ensure_private_dir, make_private
    try:
        folder = paths.user_dir()
    except OSError as exc:  # no home folder: this session's settings live in a private temporary folder
        import tempfile
        log.warning("settings are not kept: %s", exc)
        return QSettings(str(Path(tempfile.mkdtemp(prefix="atgdesk-settings-")) / "settings.ini"),
                         QSettings.Format.IniFormat)
    path = folder / "settings.ini"
    try:
        ensure_private_dir(folder)
        if not path.exists():
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
        make_private(path)
    except OSError as exc:
        log.warning("settings cannot be kept in %s: %s", folder, exc)
    return QSettings(str(path), QSettings.Format.IniFormat)


def _about_info(library) -> object:
    from PySide6.QtCore import qVersion

    from atgdesk.library.present import entry_counts
    from atgdesk.ui.about import AboutInfo
    meta = getattr(library, "meta", None)
    return AboutInfo(
        app_version=__version__,
        data_version=getattr(meta, "data_version", "") if meta else "",
        content_hash=getattr(meta, "content_hash", "") if meta else "",
        # the seed studies apart from the dosing & PK references: meta.study_count counts both
        study_count=entry_counts(meta)[0] if meta else 0,
        reference_count=entry_counts(meta)[1] if meta else 0,
        qt_version=qVersion(),
        python_version=platform.python_version(),
    )


def _build_library_view(library, userstore):
    """The Library screen (citation list + study view) driven by its controller; a notice without a library."""
    from atgdesk.ui.placeholder import PlaceholderView
    if library is None:
        return PlaceholderView(
            translate("app", "Evidence library"),
            translate("app", "The bundled evidence database could not be opened, so the library is unavailable. "
                "Rebuild it with `make db` (or `atgdesk build-db`) or reinstall ATG Desk."))
    from atgdesk.ui.library_view import LibraryController, LibraryView
    view = LibraryView()
    view.controller = LibraryController(library, userstore, view)  # parented to the view: lives as long
    return view


def _build_calculator_view(library, userstore):
    from atgdesk.ui.calculator_view import CalculatorView
    return CalculatorView(paths.models_dir(), paths.data_dir(), userstore, study_lookup=_reference_lookup(library))


def _reference_lookup(library):
    """``source -> library entry id`` for the calculator's target (and model) source links: the dosing & PK
    reference the source cites (None without a library: no link is offered)."""
    if library is None or not hasattr(library, "reference_for"):
        return None

    def lookup(source) -> str:
        try:
            return library.reference_for(getattr(source, "citation", ""), doi=getattr(source, "doi", ""),
                                         pmid=getattr(source, "pmid", ""))
        except Exception:  # a lookup must never break the calculator: the link is simply not offered
            return ""
    return lookup


def build(argv: list[str] | None = None, library=None, single_instance: bool = False) -> Context:
    """Build the whole app (QApplication, databases, views, window) without entering the event loop.

    ``library`` may be passed in when the caller has opened it already; otherwise it is opened here.
    ``single_instance``: take the user folder's instance lock; when another ATG Desk holds it, personal data
    opens read-only with a notice (two windows never overwrite each other's notes).
    """
    configure_logging()
    app = create_application(argv)
    settings = make_settings()
    from atgdesk import i18n
    from atgdesk.ui import theme
    i18n.install(app, settings)  # before any widget is built: their texts are translated as they are made
    theme.follow_system_scheme(app)
    error = ""
    if library is None:
        library, error = _open_library()
    lock, read_only = _acquire_instance_lock() if single_instance else (None, "")
    userstore, notice = _open_userstore(read_only)
    from atgdesk.ui.main_window import MainWindow
    # The calculator is built when its tab is first shown (at once when it is the remembered tab), or in idle
    # time after the first paint (run_gui): its imports and construction were half of start-up.
    window = MainWindow(settings, _about_info(library), _build_library_view(library, userstore),
                        lambda: _build_calculator_view(library, userstore), app.windowIcon())
    window.log_folder_requested.connect(lambda: _open_log_folder(window))
    window.calculator_ready.connect(lambda view: _connect_calculator(window, view))
    if window.calculator_built():  # built while the window restored its last tab, before anyone listened
        _connect_calculator(window, window.calculator_view)
    # background workers (calculator band/map, library facet counts) finish before the interpreter goes away
    hooks = [window.shutdown_calculator, getattr(getattr(window.library_view, "controller", None), "shutdown", None)]
    request_export = getattr(window.library_view, "request_export", None)
    if request_export is not None:  # File ▸ Export citations… exports from the library screen
        window.export_requested.connect(request_export)
    if library is not None:
        from atgdesk.library.present import entry_counts
        meta = library.meta
        window.set_status(translate("app", "Evidence data {0}: {1} studies · {2} dosing & PK references").format(
            meta.data_version, *entry_counts(meta)))
    if notice:
        window.set_status(notice)
    if userstore is None or userstore.read_only:
        window.set_banner(notice)  # lasting: every note typed would otherwise be lost without a word
    ctx = Context(app=app, window=window, library=library, library_error=error, userstore=userstore,
                  userstore_notice=notice, shutdown_hooks=[hook for hook in hooks if hook is not None],
                  instance_lock=lock)
    for hook in ctx.shutdown_hooks:  # bound methods of the views: disconnected when a view is destroyed
        app.aboutToQuit.connect(hook)
    window.can_close = lambda: _confirm_close(ctx)
    window.restore_personal_requested.connect(lambda: _restore_personal(ctx))
    # Session logout: the session manager asks to save; notes pending and the window state are written.
    app.commitDataRequest.connect(lambda _manager: _save_everything(ctx))
    return ctx


def _library_controller(ctx):
    return getattr(ctx.window.library_view, "controller", None)


def _save_everything(ctx) -> bool:
    """Save a note being typed, retry notes not saved, save the window state; True when no note is left."""
    controller = _library_controller(ctx)
    done = True
    if controller is not None:
        controller.view.study_view.flush_note()
        done = controller.save_pending_notes()
    ctx.window.save_state()
    return done


def _confirm_close(ctx) -> bool:
    """Closing with notes that could not be saved asks first (keep open, save them to a file, or lose them)."""
    if _save_everything(ctx):
        return True
    from atgdesk.ui import library_dialogs
    controller = _library_controller(ctx)
    unsaved = controller.unsaved_notes()
    answer = library_dialogs.ask_unsaved_notes(ctx.window, len(unsaved), controller.note_failure)
    if answer == library_dialogs.KEEP_OPEN:
        return False
    if answer == library_dialogs.SAVE_TO_FILE:
        path = library_dialogs.ask_notes_file_path(ctx.window, controller.last_dir)
        if not path:
            return False
        try:
            controller.write_unsaved_notes(path)
        except (OSError, ValueError) as exc:
            library_dialogs.show_error(ctx.window, translate("app", "Notes not saved"), translate("app", "Could not write {0}: {1}").format(
                path, exc))
            return False
    return True


def _restore_personal(ctx) -> None:
    """File ▸ Restore personal data: merge what can be read from a copy moved aside as damaged."""
    from atgdesk.library.userstore import UserStoreError
    from atgdesk.ui import library_dialogs
    store = ctx.userstore
    if store is None or store.read_only:
        library_dialogs.show_info(ctx.window, translate("app", "Restore personal data"),
                                  translate("app", "Your personal data is off or read-only in this window, so nothing can be "
                                      "restored into it."))
        return
    choice = library_dialogs.ask_moved_aside_copy(ctx.window, [str(p) for p in store.moved_aside_copies()])
    if not choice:
        return
    try:
        counts = store.restore_from(choice)
    except (UserStoreError, ValueError) as exc:
        library_dialogs.show_error(ctx.window, translate("app", "Restore personal data"),
                                   translate("app", "Nothing was restored.\n\n{0}").format(exc))
        return
    controller = _library_controller(ctx)
    if controller is not None:
        controller.personal_data_replaced()
    ctx.window.set_status(translate("app", "Restored from {0}: {1}.").format(
        choice, ", ".join(f"{n} {what}" for what, n in counts.items())))


def _terminate(ctx) -> None:
    """SIGTERM/SIGHUP (logout, shutdown, ``kill``): save everything, then quit without asking.  Notes that still
    cannot be saved are written to a private file in the user folder rather than lost."""
    try:
        if not _save_everything(ctx):
            _write_emergency_notes(ctx)
    except Exception as exc:  # quitting must not be stopped by a failure while saving; it is logged
        log_exception(exc)
    ctx.window.force_close = True
    ctx.window.close()
    ctx.app.quit()


def _write_emergency_notes(ctx) -> None:
    controller = _library_controller(ctx)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for place in (paths.user_dir, paths.home_dir):
        try:  # either may be unnameable (no home folder)
            path = place() / f"atgdesk-unsaved-notes-{stamp}.txt"
            controller.write_unsaved_notes(path)
        except (OSError, ValueError):
            continue
        log.warning("notes that could not be saved were written to %s", path)
        return
    log.error("notes could not be saved anywhere: %d lost", len(controller.unsaved_notes()))


def install_termination_handlers(ctx) -> object:
    """SIGTERM and SIGHUP quit through :func:`_terminate` (POSIX).  Python only runs a signal handler when the
    interpreter gets control, and Qt's loop runs in C++: the signal is written to a socket (``set_wakeup_fd``)
    watched by a QSocketNotifier, which wakes the loop.  Returns the notifier (keep a reference)."""
    import signal
    import socket

    from PySide6.QtCore import QSocketNotifier, QTimer
    if not hasattr(signal, "SIGHUP"):
        return None
    receive, send = socket.socketpair()
    receive.setblocking(False)
    send.setblocking(False)
    signal.set_wakeup_fd(send.fileno(), warn_on_full_buffer=False)
    notifier = QSocketNotifier(receive.fileno(), QSocketNotifier.Type.Read, ctx.app)

    def drain() -> None:
        try:
            receive.recv(64)
        except OSError:
            pass

    notifier.activated.connect(drain)
    notifier._sockets = (receive, send)  # kept alive as long as the notifier

    def handler(signum, frame) -> None:
        QTimer.singleShot(0, lambda: _terminate(ctx))

    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGHUP, handler)
    return notifier


def _connect_calculator(window, calculator) -> None:
    """The calculator's messages ("Written …" after an export) reach the status bar; a target's study link opens
    that study in the library tab."""
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
    from atgdesk.fileio import ensure_private_dir
    try:
        folder = paths.log_dir()  # OSError when there is no home folder
    except OSError as exc:
        window.set_status(str(exc))
        return
    try:
        ensure_private_dir(folder)
    except OSError as exc:
        window.set_status(translate("app", "The log folder {0} cannot be created: {1}").format(folder, exc))
        return
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
        box = QMessageBox(QMessageBox.Icon.Critical, translate("app", "ATG Desk — unexpected error"),
                          translate("app", "Something went wrong: {0}: {1}\n\nWhat was saved before this error is kept; a note "
                              "that could not be saved stays in the editor marked \u201cNot saved\u201d. Details "
                              "are in the log ({2}).").format(exc_type.__name__, exc, _log_place()),
                          QMessageBox.StandardButton.Ok, window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()

    sys.excepthook = hook


def _log_place() -> str:
    try:
        return str(paths.log_dir())
    except OSError:  # no home folder: logging went to the terminal
        return translate("app", "the terminal; there is no user folder")


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
    ctx = build(library=library, single_instance=True)
    _install_excepthook(ctx.window)
    notifier = install_termination_handlers(ctx)  # noqa: F841 (kept alive while the loop runs)
    ctx.window.after_first_paint.append(lambda: _startup_mark("first_window_painted"))
    ctx.window.after_first_paint.append(lambda: _prepare_calculator(ctx.window))
    # A remembered Calculator tab is built by the window itself just after the first paint.
    ctx.window.calculator_ready.connect(lambda _view: _resume_gc())
    ctx.window.show()
    from PySide6.QtCore import QTimer
    # The collector runs again once the calculator is ready (_prepare_calculator), or after this long if the
    # window is never painted (started minimised).
    QTimer.singleShot(GC_RESUME_FALLBACK_MS, _resume_gc)
    _maybe_welcome(ctx)
    if ctx.userstore_notice:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox
        box = QMessageBox(QMessageBox.Icon.Warning, translate("app", "ATG Desk — personal data"), ctx.userstore_notice,
                          QMessageBox.StandardButton.Ok, ctx.window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.open()
    status = app.exec()
    if ctx.userstore is not None:
        ctx.userstore.close()
    if ctx.instance_lock is not None:
        ctx.instance_lock.unlock()
    return status


#: What the calculator imports, heaviest first, then the screen itself: built in idle time after the first paint
#: one step per event-loop turn, so a key pressed meanwhile waits for one step (≤ ~0.2 s), not for all of them.
_CALCULATOR_STEPS = ("numpy", "pyqtgraph", "atgdesk.ui.calculator_view")


def _prepare_calculator(window, steps: tuple[str, ...] = _CALCULATOR_STEPS) -> None:
    """After the first paint, in idle time: import the calculator's modules, then build it, so that opening its
    tab is immediate.  Nothing to do when the user opened it already, or when it is the remembered tab (the
    window builds it at once, :meth:`MainWindow._build_deferred_calculator`)."""
    from PySide6.QtCore import QTimer
    if window.calculator_deferred():
        return
    if steps and not window.calculator_built():
        import importlib
        importlib.import_module(steps[0])
        QTimer.singleShot(0, lambda: _prepare_calculator(window, steps[1:]))
        return
    try:
        window.calculator_view  # noqa: B018 - builds it (nothing when the user opened it already)
    except Exception as exc:  # reported again when its tab is opened (built again then); the library stays usable
        log_exception(exc)
    finally:
        _resume_gc()


def _startup_mark(name: str) -> None:
    """``ATGDESK_STARTUP_TIMES=FILE``: append ``name <CLOCK_MONOTONIC seconds>`` to FILE, so that
    bench/bench_startup.py can time the start-up up to this point from outside (same clock in every process)."""
    target = os.environ.get("ATGDESK_STARTUP_TIMES", "")
    if not target:
        return
    try:
        with open(target, "a", encoding="utf-8") as out:
            out.write(f"{name} {time.monotonic():.6f}\n")
    except OSError as exc:
        log.warning("start-up time not written to %s: %s", target, exc)


def _maybe_welcome(ctx) -> None:
    """The first start shows the welcome once (never in --smoke or tests: they do not come here)."""
    from atgdesk.ui import welcome
    if os.environ.get("ATGDESK_WELCOME", "").strip() == "0":  # the test suite's app runs (tests/conftest.py)
        return
    settings = ctx.window._settings
    if welcome.should_show(settings) and not ctx.userstore_notice:  # a notice about personal data comes first
        ctx.window.show_welcome()


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
        # The first window as a user gets it: shown, and painted by the event loop.  Its first paint event is
        # what bench/bench_startup.py reports as "first window painted", marked from the window's first-paint
        # callbacks as run_gui marks it: a remembered calculator is built by a timer just after that paint, and the
        # wait below can run that timer too before it returns.  The image is checked once, at the end, when every
        # area has been painted.
        window.after_first_paint.append(lambda: _startup_mark("first_window_painted"))
        window.show()
        first_tab = window.tabs.currentIndex()
        _wait_for_first_paint(ctx)
        # A remembered Calculator tab showed "Opening the calculator…": it is built now, in the event loop just
        # after the first paint, as in the GUI.
        if window.calculator_deferred():
            watch = _paint_watch()
            window.calculator_ready.connect(watch.watch)  # before the calculator's first paint
            _wait_for_deferred_calculator(ctx)
            if not window.calculator_built():
                raise RuntimeError(f"the calculator screen could not be built: {window.calculator_error}")
            watch.wait(ctx)  # painted by the event loop, as the user sees it
        # Then everything else, as the GUI does in idle time or when the user opens it.
        hits = ctx.library.search("thymoglobulin", limit=5)
        if not hits:
            raise RuntimeError("search for 'thymoglobulin' found nothing in the bundled library")
        _smoke_simulation()
        # Every area is painted once: the one on screen already was; each other tab is shown in turn, painted by
        # the event loop, the last of them by grab() (the image checked).  Showing the calculator's tab builds
        # the calculator when the library was the first screen.
        others = [index for index in range(window.tabs.count()) if index != window.tabs.currentIndex()]
        for index in others[:-1]:
            window.tabs.setCurrentIndex(index)
            ctx.app.processEvents()
        if others:
            window.tabs.setCurrentIndex(others[-1])
        _check_painted(window)
        from atgdesk.ui.main_window import CALCULATOR_TAB
        if not window.calculator_built():
            raise RuntimeError(f"the calculator screen could not be built: {window.calculator_error}")
        if window.tabs.widget(CALCULATOR_TAB) is not window.calculator_view:
            raise RuntimeError("the calculator screen is not in its tab")
        _startup_mark("every_area_painted")
        _resume_gc()  # as in the GUI: start-up is over once the calculator is ready too
        window.tabs.setCurrentIndex(first_tab)  # the smoke run leaves the remembered tab as it found it
        window.close()
        ctx.app.processEvents()
        ctx.shutdown()
        if ctx.userstore is not None:
            ctx.userstore.close()
        elapsed = time.perf_counter() - started
        from atgdesk import codecache
        from atgdesk.ui import pyside_speedup
        log.info("smoke run passed in %.3f s (fast PySide6 module check: %s; pyqtgraph's Qt mirrors filled when "
                 "asked: %s; dataclass methods from the build's table: %d, compiled at start: %d)", elapsed,
                 pyside_speedup.installed(), pyside_speedup.pyqtgraph_mirrors_lazy(), *codecache.stats())
        return EXIT_OK
    except Exception as exc:  # the smoke run reports any failure as one line
        log_exception(exc)
        print(f"atgdesk --smoke: failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_SMOKE_FAILED
    finally:
        _resume_gc()


def _run_events_until(ctx, done, timeout_s: float, failure: str) -> None:
    """Run the event loop until ``done()`` is true; RuntimeError(``failure``) after ``timeout_s`` seconds."""
    from PySide6.QtCore import QEventLoop
    deadline = time.monotonic() + timeout_s
    while not done():
        if time.monotonic() > deadline:
            raise RuntimeError(failure)
        ctx.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def _wait_for_deferred_calculator(ctx, timeout_s: float = 120.0) -> None:
    _run_events_until(ctx, lambda: not ctx.window.calculator_deferred(), timeout_s,
                      "the remembered calculator was not built after the first paint")


def _wait_for_first_paint(ctx, timeout_s: float = 30.0) -> None:
    """Run the event loop until the shown window has painted (its first paint event; the platform may deliver
    it a little later than show())."""
    _run_events_until(ctx, ctx.window.first_paint_done, timeout_s,
                      f"the main window did not paint within {timeout_s:.0f} s")
    if not ctx.window.isVisible() or ctx.window.width() < 100:
        raise RuntimeError("the main window is not shown")


def _paint_watch():
    """An event filter that notes a widget's paint event: ``watch(widget)`` starts watching it, ``wait(ctx)`` runs the
    event loop until it has painted (30 s limit, then RuntimeError naming the widget)."""
    from PySide6.QtCore import QEvent, QObject

    class PaintWatch(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.widget = None
            self.seen = False

        def watch(self, widget) -> None:
            self.widget = widget
            widget.installEventFilter(self)

        def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt naming)
            if event.type() == QEvent.Type.Paint:
                self.seen = True
            return False

        def wait(self, ctx, timeout_s: float = 30.0) -> None:
            try:
                _run_events_until(ctx, lambda: self.seen, timeout_s,
                                  f"{type(self.widget).__name__} did not paint within {timeout_s:.0f} s")
            finally:
                if self.widget is not None:
                    self.widget.removeEventFilter(self)

    return PaintWatch()


def _check_painted(window) -> None:
    image = window.grab()
    if image.isNull() or image.width() < 100:
        raise RuntimeError("the main window did not paint")


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
