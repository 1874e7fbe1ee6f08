"""Clinical numeric input: a spin box that reads numbers as clinicians type them, in every locale.

Qt's ``QDoubleSpinBox`` follows the locale: in English it reads ``3,5`` as 35 (the comma is a group separator) and
under de_DE it reads ``3.5`` as 35 — a silent tenfold dose.  :class:`DecimalSpinBox` reads ``.`` and ``,`` both as
the decimal mark (``atgdesk.core.numbers.parse_decimal``, the one rule shared with the levels table), never shows
or accepts a group separator, and displays with ``.`` like every result on screen.  Text that is not one number
(``3..5``, ``3,5,1``) is not silently shortened: it stays visible while typed, and when the edit is committed the
previous value is kept and :attr:`DecimalSpinBox.rejected` names the field and the text.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QDoubleSpinBox, QToolTip, QWidget

from atgdesk.core.numbers import DECIMAL_CHARS, decimal_problem, parse_decimal

# One fixed number format for inputs: C locale (decimal '.', no group separators) whatever the system locale is.
_C_LOCALE = QLocale.c()
_C_LOCALE.setNumberOptions(QLocale.NumberOption.OmitGroupSeparator | QLocale.NumberOption.RejectGroupSeparator)


def format_decimal(value: float, decimals: int) -> str:
    """``value`` with ``decimals`` places, '.' as the decimal mark and no group separators (as results are
    shown)."""
    text = f"{value:.{max(0, int(decimals))}f}"
    return text.lstrip("-") if float(text) == 0 else text  # no "-0.00"


class DecimalSpinBox(QDoubleSpinBox):
    """A ``QDoubleSpinBox`` where '.' and ',' are both the decimal mark and a value never changes magnitude.

    ``field`` names the input in messages (the label the user sees).
    """

    rejected = Signal(str)
    """Emitted with a message naming the field when committed text is not one number (the value is kept)."""

    def __init__(self, field: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._field = field
        self._pending_rejection = ""
        self.setLocale(_C_LOCALE)
        self.setGroupSeparatorShown(False)
        self.editingFinished.connect(self._on_editing_finished)

    def field_name(self) -> str:
        return self._field

    def set_field_name(self, field: str) -> None:
        self._field = field

    # -- QDoubleSpinBox overrides -------------------------------------------------------------------------------
    def textFromValue(self, value: float) -> str:  # noqa: N802 (Qt override)
        return format_decimal(value, self.decimals())

    def valueFromText(self, text: str) -> float:  # noqa: N802 (Qt override)
        try:
            return parse_decimal(self._strip(text), self._field or "value")
        except ValueError:
            return self.value()  # validate() never lets such text through as Acceptable

    def validate(self, text: str, pos: int) -> object:
        """Acceptable: one number within range.  Intermediate: what could still become one, or malformed number
        text (kept visible so it can be refused by name on commit rather than silently shortened).  Invalid:
        letters and other characters that are never part of a number."""
        body = self._strip(text)
        if not body:
            return QValidator.State.Intermediate, text, pos
        if not set(body) <= DECIMAL_CHARS or body.lower().count("e") > 1:
            return QValidator.State.Invalid, text, pos
        if decimal_problem(body) is not None:
            return QValidator.State.Intermediate, text, pos
        value = float(body.replace(",", "."))
        decimals_typed = len(body.replace(",", ".").split(".", 1)[1]) if ("." in body or "," in body) else 0
        if "e" in body.lower() or (decimals_typed > self.decimals() and round(value, self.decimals()) != value):
            # More places than the field keeps: it would be rounded on commit, so it is refused by name instead
            # (trailing zeros are fine: '3,50' in a one-decimal field is 3.5 exactly).
            return QValidator.State.Intermediate, text, pos
        if not self.minimum() <= value <= self.maximum():
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Acceptable, text, pos

    def fixup(self, text: str) -> str:
        """Called by Qt when committed text is not Acceptable: remember why, so the commit can say so (the
        correction mode then keeps the previous value)."""
        self._pending_rejection = self._rejection_message(self._strip(text))
        return text

    # -- helpers ------------------------------------------------------------------------------------------------
    def _strip(self, text: str) -> str:
        body = text
        if self.prefix() and body.startswith(self.prefix()):
            body = body[len(self.prefix()):]
        if self.suffix() and body.endswith(self.suffix()):
            body = body[: -len(self.suffix())]
        return body.strip()

    def _rejection_message(self, body: str) -> str:
        field = self._field or "Value"
        kept = f"{self.textFromValue(self.value())}{self.suffix()}".strip()
        problem = decimal_problem(body) if body else self.tr("empty")
        if problem is None:
            value = float(body.replace(",", "."))
            if not self.minimum() <= value <= self.maximum():
                lo, hi = self.textFromValue(self.minimum()), self.textFromValue(self.maximum())
                problem = self.tr("'%1' is outside %2–%3").replace("%1", body).replace("%2", lo).replace("%3", hi)
            else:
                problem = self.tr("'%1' has more decimal places than this field keeps (%2)").replace("%1", body).replace(
                    "%2", str(self.decimals()))
        return self.tr("%1: %2 — refused, kept %3.").replace("%1", field).replace("%2", problem).replace("%3", kept)

    def _on_editing_finished(self) -> None:
        message, self._pending_rejection = self._pending_rejection, ""
        if message:
            # Said at the field itself too, so no spin box refuses silently whatever its owner shows.
            QToolTip.showText(self.mapToGlobal(self.rect().bottomLeft()), message, self)
            self.rejected.emit(message)
