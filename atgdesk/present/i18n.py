"""Translation of the presenters' texts without Qt.

The presenters word their results in English.  :func:`translate` returns a text in the interface language when
the UI has installed a translator callable (``atgdesk.i18n.install`` installs ``QCoreApplication.translate``), and
unchanged otherwise (command line, tests of the presenters).  ``pyside6-lupdate`` extracts the texts of
``translate("Context", "text")`` calls and of ``QT_TRANSLATE_NOOP`` (scripts/update_translations.sh reads this
package), so sentences are translated whole, with ``{0}``-style placeholders filled in afterwards.
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
