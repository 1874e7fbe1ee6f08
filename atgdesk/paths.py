"""The only code that locates files: in the source tree, an installed package, or the frozen bundle.

Bundled (read-only) files: ``data/`` sources, the built database, ``resources/``.  Three layouts:

- source checkout (``make run``, editable install): ``<repo>/data``, ``<repo>/resources`` and the database
  ``<repo>/build/atgdesk.sqlite`` (built by ``make db``), with ``build/dataclass-code.bin`` (``make``);
- installed wheel (``pip``/``pipx``): the package data folder ``atgdesk/_bundle/`` (found with
  ``importlib.resources``), which the build hook in ``setup.py`` fills with ``atgdesk.sqlite``, ``data/`` (the
  run-time files only) and ``resources/``;
- frozen bundle (PyInstaller): ``sys._MEIPASS`` with ``atgdesk.sqlite``, ``dataclass-code.bin``, ``data/``
  and ``resources/``.

User files (read-write): the per-user data folder, overridable by ``ATGDESK_HOME`` or ``--data-dir``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

DB_FILENAME = "atgdesk.sqlite"
#: The dataclass methods compiled when the app was built (atgdesk.codecache); beside the database.
DATACLASS_CODE_FILENAME = "dataclass-code.bin"
USER_DB_FILENAME = "user.sqlite"
# Folder inside the installed package that holds the database, data/ and resources/ (setup.py fills it).
PACKAGE_BUNDLE = "_bundle"

_user_dir_override: Path | None = None


def is_frozen() -> bool:
    """True inside a PyInstaller bundle."""
    return bool(getattr(sys, "frozen", False)) and hasattr(sys, "_MEIPASS")


def _checkout_root() -> Path | None:
    """The repository root when the package runs from a source checkout (it has pyproject.toml and data/)."""
    root = Path(__file__).resolve().parent.parent
    if (root / "pyproject.toml").is_file() and (root / "data").is_dir():
        return root
    return None


def _package_bundle() -> Path | None:
    """``atgdesk/_bundle/`` of an installed wheel, or None when the package has none (source checkout)."""
    import importlib.resources  # here: a checkout or frozen start-up never needs it (a few ms of imports)

    folder = importlib.resources.files("atgdesk").joinpath(PACKAGE_BUNDLE)
    # SQLite and Qt need real files: a wheel is always unpacked, so a zip import would be a broken install.
    if isinstance(folder, Path) and folder.is_dir():
        return folder
    return None


def bundle_root() -> Path:
    """Folder that holds ``data/`` and ``resources/`` (source checkout, installed package or frozen bundle)."""
    if is_frozen():
        return Path(sys._MEIPASS)  # type: ignore[attr-defined]
    checkout = _checkout_root()
    if checkout is not None:
        return checkout
    bundle = _package_bundle()
    if bundle is not None:
        return bundle
    # Neither: an install without its package data.  The messages that follow name the missing paths.
    return Path(__file__).resolve().parent / PACKAGE_BUNDLE


def data_dir() -> Path:
    """Curated, human-edited sources (studies, products, targets, models, corrections)."""
    return bundle_root() / "data"


def resources_dir() -> Path:
    return bundle_root() / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def models_dir() -> Path:
    return data_dir() / "models"


def bundled_db_path() -> Path:
    """The built, read-only evidence database.  ``ATGDESK_DB`` overrides it (tests, benchmarks)."""
    env = os.environ.get("ATGDESK_DB")
    if env:
        return Path(env)
    return _built_file(DB_FILENAME)


def dataclass_code_path() -> Path:
    """The table of compiled dataclass methods (:mod:`atgdesk.codecache`), beside the database.  An installed wheel
    has none (its methods are compiled at start)."""
    return _built_file(DATACLASS_CODE_FILENAME)


def _built_file(name: str) -> Path:
    """A file ``make`` builds: in ``build/`` of a checkout; beside ``data/`` in the frozen bundle or the package."""
    if is_frozen() or _checkout_root() is None:
        return bundle_root() / name
    return bundle_root() / "build" / name


class UserDirUnavailable(OSError):  # noqa: N818 (an OSError like any other unusable folder)
    """No per-user data folder can be named: no ``ATGDESK_HOME``/``--data-dir`` and no home folder (``HOME``
    unset and the user id has no password-database entry, as under some locked-down or container accounts).
    An ``OSError``, so every caller that already copes with an unusable user folder copes with this too."""


def home_dir() -> Path:
    """The user's home folder; :class:`UserDirUnavailable` (an OSError) when there is none."""
    try:
        return Path.home()
    except (RuntimeError, KeyError) as exc:  # pathlib's 'Could not determine home directory' (pwd's KeyError)
        raise UserDirUnavailable(
            "no home folder: HOME is not set and this user has no entry in the password database; set "
            "ATGDESK_HOME or start with --data-dir DIR to keep personal data") from exc


def set_user_dir(path: str | os.PathLike[str] | None) -> None:
    """Override the per-user data folder (``--data-dir``)."""
    global _user_dir_override
    _user_dir_override = Path(path) if path is not None else None


def user_dir() -> Path:
    """Per-user data folder: ``--data-dir`` > ``ATGDESK_HOME`` > the platform's application-data folder.

    The platform folder follows the same conventions as Qt's ``QStandardPaths.AppDataLocation`` so that the
    command line (which does not load Qt) and the GUI agree on one place.  Raises :class:`UserDirUnavailable`
    when there is no home folder to put it in (personal data is then off; bundled data still works).
    """
    if _user_dir_override is not None:
        return _user_dir_override
    env = os.environ.get("ATGDESK_HOME")
    if env:
        return Path(env)
    if sys.platform == "win32":
        appdata = os.environ.get("APPDATA")
        base = Path(appdata) if appdata else home_dir() / "AppData" / "Roaming"
    elif sys.platform == "darwin":
        base = home_dir() / "Library" / "Application Support"
    else:
        xdg = os.environ.get("XDG_DATA_HOME")
        base = Path(xdg) if xdg else home_dir() / ".local" / "share"
    return base / "ATG Desk"


def user_db_path() -> Path:
    return user_dir() / USER_DB_FILENAME


def log_dir() -> Path:
    return user_dir() / "logs"
