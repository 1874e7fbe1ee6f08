"""The interface language: English (the source texts) or Simplified Chinese.

``install`` loads the app's translation (``resources/translations/atgdesk_zh_CN.qm``, compiled by
``pyside6-lrelease`` from ``atgdesk/translations/atgdesk_zh_CN.ts``) and Qt's own (``qtbase_zh_CN.qm`` from the Qt
translations folder: standard buttons, file dialogs, context menus).  The language follows the system locale unless
View ▸ Language chose one (kept in the settings, applied at the next start); ``ATGDESK_LANGUAGE`` overrides both
(tests, screenshots).

Numbers are not localised by this module: the locale used for number formatting and parsing stays as it was, so a
decimal point means the same in both languages (the calculator's inputs accept '.' everywhere).
"""

from __future__ import annotations

import os

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from atgdesk import DISCLAIMER, paths
from atgdesk.core import words as core_words
from atgdesk.present import i18n as present_i18n

SETTINGS_KEY = "ui/language"
ENGLISH = "en"
CHINESE = "zh_CN"
LANGUAGES = (ENGLISH, CHINESE)
_installed: list[QTranslator] = []
# atgdesk.DISCLAIMER (Qt-free) spelled out where lupdate can find it; tests/ui/test_i18n.py keeps them equal.
_DISCLAIMER_SOURCE = QT_TRANSLATE_NOOP(
    "atgdesk",
    "ATG Desk is a reference and teaching tool. It does not replace the treating team's protocol, "
    "the product label or clinical judgement. Model predictions marked 'illustrative' are calibrated to "
    "published summary figures, not fitted population models, and are not for dosing decisions.")


def language_choices() -> list[tuple[str, str]]:
    """(code, name) for View ▸ Language: the system's language, then each language in its own name."""
    return [("", QCoreApplication.translate("i18n", "System language")), (ENGLISH, "English"),
            (CHINESE, "简体中文")]


def stored_choice(settings: QSettings | None) -> str:
    """The language chosen in View ▸ Language ("" = follow the system)."""
    if settings is None:
        return ""
    value = settings.value(SETTINGS_KEY, "")
    return value if isinstance(value, str) and value in LANGUAGES else ""


def store_choice(settings: QSettings, code: str) -> None:
    settings.setValue(SETTINGS_KEY, code if code in LANGUAGES else "")
    settings.sync()


def language_for_locale(locale: QLocale) -> str:
    """Simplified Chinese for a Chinese locale written in Simplified script (China, Singapore), else English."""
    if locale.language() != QLocale.Language.Chinese:
        return ENGLISH
    if locale.script() == QLocale.Script.SimplifiedHanScript:
        return CHINESE
    if locale.script() == QLocale.Script.AnyScript and locale.territory() in (
            QLocale.Country.China, QLocale.Country.Singapore):
        return CHINESE
    return ENGLISH


def resolve(settings: QSettings | None = None, locale: QLocale | None = None) -> str:
    """The language to use: ``ATGDESK_LANGUAGE``, else the stored choice, else the system locale's."""
    forced = os.environ.get("ATGDESK_LANGUAGE", "").strip()
    if forced in LANGUAGES:
        return forced
    chosen = stored_choice(settings)
    if chosen:
        return chosen
    return language_for_locale(locale if locale is not None else QLocale.system())


def app_translation_path(language: str = CHINESE):
    return paths.resource("translations", f"atgdesk_{language}.qm")


def qt_translations_dir() -> str:
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def uninstall(app) -> None:
    """Remove the translators installed by :func:`install` (back to the English source texts)."""
    while _installed:
        app.removeTranslator(_installed.pop())


def install(app, settings: QSettings | None = None, language: str | None = None) -> str:
    """Install the translators for ``language`` (resolved from the environment, settings and system when None);
    returns the language in effect ("en" when a translation file is missing: the English texts are complete)."""
    uninstall(app)
    # the Qt-free presenters (atgdesk.present) word their results through this: source texts when no translator
    present_i18n.set_translator(QCoreApplication.translate)
    core_words.set_translator(QCoreApplication.translate)  # and the core's sentences (verdicts, limits)
    language = language if language in LANGUAGES else resolve(settings)
    if language == ENGLISH:
        return ENGLISH
    ours = QTranslator(app)
    if not ours.load(str(app_translation_path(language))):
        return ENGLISH
    app.installTranslator(ours)
    _installed.append(ours)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", qt_translations_dir()):
        app.installTranslator(qt)
        _installed.append(qt)
    return language


def current_language() -> str:
    return CHINESE if _installed else ENGLISH


def disclaimer() -> str:
    """The disclaimer in the interface language (the English text is ``atgdesk.DISCLAIMER``)."""
    return QCoreApplication.translate("atgdesk", DISCLAIMER)
