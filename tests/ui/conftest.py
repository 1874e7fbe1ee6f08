"""Fixtures shared by the UI tests."""

from __future__ import annotations

import pytest

from atgdesk import i18n
from atgdesk.core import words


@pytest.fixture
def chinese_installed(monkeypatch, qapp):
    """The app's and Qt's Simplified Chinese catalogues installed for the test, removed after it."""
    monkeypatch.setenv("ATGDESK_LANGUAGE", "zh_CN")
    assert i18n.install(qapp, language="zh_CN") == "zh_CN"
    yield
    i18n.uninstall(qapp)
    words.set_translator(None)
