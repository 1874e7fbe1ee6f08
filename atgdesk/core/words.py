"""The core's sentences in the interface language, without Qt.

The core words its results (verdicts, target windows, label-limit findings, model warnings, errors a user sees)
in English.  :func:`translate` returns a text in the interface language when the GUI has installed a translator
callable (``atgdesk.i18n.install`` installs ``QCoreApplication.translate``) and unchanged otherwise, so the command
line, ``--json`` and the core's tests stay English.  Every sentence is one whole template with ``{name}``
placeholders filled in after translation (Chinese word order differs from English), and ``pyside6-lupdate``
extracts the ``translate("Context", "text")`` and ``QT_TRANSLATE_NOOP`` calls of ``atgdesk/core/*.py``
(scripts/update_translations.sh).  Texts read from data files (outcomes, label quotes) are never translated.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["translate", "set_translator", "QT_TRANSLATE_NOOP"]

_translator: Callable[[str, str], str] | None = None


def set_translator(translator: Callable[[str, str], str] | None) -> None:
    """Install ``translator(context, text)`` for every later :func:`translate` (None: English source texts)."""
    global _translator
    _translator = translator


def translate(context: str, text: str) -> str:
    """``text`` in the interface language (itself when no translator is installed or none matches)."""
    if _translator is None:
        return text
    return _translator(context, text) or text


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate recognises
    """Marks ``text`` for lupdate without translating it (translated later by :func:`translate`)."""
    return text
