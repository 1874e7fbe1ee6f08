"""Command-line subcommands.  Each module exposes ``register(subparsers)``; handlers return an exit status.

A handler signals bad input by raising :class:`CommandError` (or ``ValueError`` from the core, whose message
names the field); ``atgdesk.cli`` turns either into one line on stderr and exit status 2 — never a traceback.
"""

from __future__ import annotations


class CommandError(Exception):
    """A user-facing, one-line error (bad argument, unreadable file).  Exit status 2 unless ``status`` is set."""

    def __init__(self, message: str, status: int = 2) -> None:
        super().__init__(message)
        self.status = status
