"""How a number is read and written everywhere in ATG Desk (no Qt): the one rule for typed numbers and the one
number format.

A typed number takes '.' or ',' as its decimal mark in every locale and never changes magnitude ('3,5' is 3.5);
a shown number has plain decimal notation, never an exponent or a group separator.  Used from the first window
on (the calculator's fields, plot and verdicts); :mod:`atgdesk.core.levels` (the measured-levels tables) reads its
cells with the same rule.  The messages keep the "levels" translation context they were first written in.
"""

from __future__ import annotations

import math
import re

from atgdesk.core.words import translate

__all__ = ["DECIMAL_CHARS", "decimal_problem", "format_number", "parse_decimal"]

# A typed number: '.' and ',' are both the decimal mark (at most one), never a thousands separator, so a value
# typed as clinicians in any locale type it never changes magnitude ('3,5' is 3.5, '1,234' is 1.234, never 1234).
# No group separators, spaces or underscores inside the number (Python's float() reads '1_000' as 1000).
_DECIMAL_RE = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?")
# The characters a number is typed with; anything else in a field is not a number being typed.
DECIMAL_CHARS = frozenset("0123456789+-.,eE")


def decimal_problem(text: str) -> str | None:
    """Why ``text`` is not a number typed with '.' or ',' as the decimal mark, or None when it is one."""
    cell = str(text).strip()
    if not cell:
        return translate("levels", "is empty (type a number)")
    if cell.lower().lstrip("+-") in ("inf", "infinity", "nan"):
        return translate("levels", "{cell} is not a finite number").format(cell=repr(cell))
    if not _DECIMAL_RE.fullmatch(cell):
        if sum(cell.count(m) for m in ".,") > 1:
            return translate("levels", "{cell} is not a number (one decimal mark only, '.' or ','; no thousands "
                                       "separators)").format(cell=repr(cell))
        return translate("levels", "{cell} is not a number (digits with one decimal mark, '.' or ',')").format(
            cell=repr(cell))
    if not math.isfinite(float(cell.replace(",", "."))):
        return translate("levels", "{cell} is not a finite number").format(cell=repr(cell))
    return None


def parse_decimal(text: str, field: str = "value") -> float:
    """The number in ``text`` with ``.`` or ``,`` as the decimal mark (every locale), or ``ValueError`` naming
    ``field``.  Surrounding white space is ignored; group separators, a second decimal mark and non-finite values
    are refused (a typed value is read as written or not at all)."""
    problem = decimal_problem(text)
    if problem is not None:
        raise ValueError(f"{field}: {problem}")
    return float(str(text).strip().replace(",", "."))


def format_number(value: float | None, digits: int = 3) -> str:
    """``value`` to ``digits`` significant figures in plain decimal notation ('1430', '0.0123', '47.5'), never
    an exponent ('1.43e+03') nor a group separator; '—' for None or a value that is not finite."""
    if value is None:
        return "—"
    v = float(value)
    if not math.isfinite(v):
        return "—"
    if v == 0:
        return "0"
    magnitude = math.floor(math.log10(abs(v)))
    places = digits - 1 - magnitude
    rounded = round(v, places)
    if rounded != 0 and math.floor(math.log10(abs(rounded))) > magnitude:  # 9.996 → 10.0: one place fewer
        places -= 1
    text = f"{rounded:.{max(places, 0)}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if float(text) == 0 else text
