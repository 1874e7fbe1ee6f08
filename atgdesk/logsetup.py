"""Logging to a rotating file in the user data folder (never to the network, never blocking start-up)."""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
import traceback

from atgdesk import paths
from atgdesk.fileio import ensure_private_dir, make_private

_configured = False
LOG_FILENAME = "atgdesk.log"


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Log files are created 0600 on POSIX (they name studies and files the user works with); each rotation
    opens a new file, so the mode is set where the file is opened."""

    def _open(self):
        if not os.path.exists(self.baseFilename):
            os.close(os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT, 0o600))
        stream = super()._open()
        make_private(self.baseFilename)
        return stream


def configure_logging(level: int = logging.INFO) -> None:
    """Send the ``atgdesk`` logger to ``<user dir>/logs/atgdesk.log`` (1 MB × 3 files).

    A read-only or missing home folder must not stop the app: logging then goes to stderr only.
    """
    global _configured
    if _configured:
        return
    logger = logging.getLogger("atgdesk")
    logger.setLevel(level)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        ensure_private_dir(paths.user_dir())
        folder = ensure_private_dir(paths.log_dir())
        handler: logging.Handler = _PrivateRotatingFileHandler(
            folder / LOG_FILENAME, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler(sys.stderr)
        handler.setLevel(logging.WARNING)
    handler.setFormatter(fmt)
    logger.addHandler(handler)
    _configured = True


def log_exception(exc: BaseException) -> None:
    """Write an exception with its traceback to the log file."""
    configure_logging()
    logging.getLogger("atgdesk").error(
        "unhandled %s: %s\n%s", type(exc).__name__, exc,
        "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
