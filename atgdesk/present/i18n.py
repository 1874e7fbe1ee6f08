"""Translation of the presenters' texts without Qt.

The presenters word their results in English.  They share the core's translation hook
(:mod:`atgdesk.core.words`): :func:`translate` returns a text in the interface language once the UI has
installed a translator callable (``atgdesk.i18n.install`` installs ``QCoreApplication.translate``), and unchanged
otherwise (command line, tests of the presenters).  ``pyside6-lupdate`` extracts the texts of
``translate("Context", "text")`` calls and of ``QT_TRANSLATE_NOOP`` (scripts/update_translations.sh reads this
package), so sentences are translated whole, with ``{0}``-style placeholders filled in afterwards.
"""

from __future__ import annotations

from atgdesk.core.words import QT_TRANSLATE_NOOP, set_translator, translate

__all__ = ["translate", "set_translator", "QT_TRANSLATE_NOOP"]
