"""Shared fixtures of the presenter tests (no Qt)."""

from pathlib import Path

import pytest

from atgdesk.present.calculator import CalculatorPresenter
from atgdesk.present.catalogue import load_catalogue

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def presenter():
    """A presenter on the bundled catalogue with the illustrative model chosen (a test file may override it)."""
    p = CalculatorPresenter(load_catalogue([ROOT / "data" / "models"], ROOT / "data"))
    p.select_model("illustrative-rabbit-atg-active")
    return p
