"""What the dosing note prints, as plain frozen data (no Qt), and the one number format of the calculator.

The note (``atgdesk.ui.report``) renders a :class:`NoteContent`; whoever fills it (the calculator view today, the
calculator presenter when it lands) passes figures already worded — never widget text read back.  Source texts
from data files are cleaned for print by :func:`plain_source`: confidence tags become words and internal file
names (calibration scripts, evidence notes) do not reach a ward.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from atgdesk import DISCLAIMER

__all__ = ["NoteContent", "PinnedRow", "NoteFields", "format_number", "plain_source", "SOURCE_TAG_WORDS"]


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


#: The confidence tags of the evidence notes, in words a reader of the note understands.
SOURCE_TAG_WORDS = {
    "ABS": "read in the paper's abstract",
    "TABLE": "read in a published table",
    "LABEL": "read in the product label",
    "SEC": "from a secondary summary of the paper, not the paper itself",
    "NOT FOUND": "not found in any available source",
}

_CALIBRATION = re.compile(r"calibrated by scripts/[\w./-]+\.py to summary figures[^;()]*", re.IGNORECASE)
_SCRIPT = re.compile(r"\bscripts/[\w./-]+\.py\b")
_EVIDENCE_NOTE = re.compile(r"\s*(of|in)?\s*\b[\w-]+\.md(\s*§\s*[\d.]+)?")
_TAG = re.compile(r"\[(ABS|TABLE|LABEL|SEC|NOT FOUND)\]")


def plain_source(text: str) -> str:
    """A source text from a data file as printed on a note: tags in words ('[ABS]' → '(read in the paper's
    abstract)'), the calibration script named as what it did ('calibrated to published summary figures'), no
    internal file names."""
    out = _EVIDENCE_NOTE.sub("", text)
    out = out.replace("(see [calibration])", "").replace("[calibration]", "")
    out = _CALIBRATION.sub("calibrated to published summary figures", out)
    out = _SCRIPT.sub("a calibration to published summary figures", out)
    out = _TAG.sub(lambda m: f"({SOURCE_TAG_WORDS[m.group(1)]})", out)
    return re.sub(r"\s{2,}", " ", out).replace(" ;", ";").replace(" .", ".").strip()


@dataclass(frozen=True)
class PinnedRow:
    """One pinned scenario as the note's table shows it (all text already worded)."""

    name: str
    regimen: str
    auc_post: str
    verdict: str
    attainment: str


@dataclass(frozen=True)
class NoteFields:
    """Optional fields typed in just before the export (never stored unless the user saves the scenario)."""

    patient: str = ""
    prescriber: str = ""
    hct_date: str = ""

    def rows(self) -> tuple[tuple[str, str], ...]:
        return tuple((k, v) for k, v in (("Patient", self.patient), ("Prescriber", self.prescriber),
                                         ("HCT date (day 0)", self.hct_date)) if v.strip())


def _tuple(value) -> tuple:
    return tuple(tuple(v) if isinstance(v, list) else v for v in value)


@dataclass(frozen=True)
class NoteContent:
    """Everything the dosing note prints, already worded (figures formatted with :func:`format_number`)."""

    model_name: str
    model_status: str
    model_label: str
    model_source: str
    inputs: tuple[tuple[str, str], ...]
    schedule_headers: tuple[str, ...]
    schedule_rows: tuple[tuple[str, ...], ...]
    dose_summary: tuple[str, ...]
    target: str
    target_source: str
    metrics: tuple[tuple[str, str], ...]
    verdict: str
    versions: str
    warnings: tuple[str, ...] = ()
    uncertainty: str = ""
    attainment: str = ""
    pinned: tuple[PinnedRow, ...] = ()
    title: str = "ATG Desk — dosing note"
    disclaimer: str = DISCLAIMER

    def __post_init__(self) -> None:
        # Callers may pass lists; the note keeps tuples, so what was handed over cannot change under it.
        for name in ("inputs", "schedule_headers", "schedule_rows", "dose_summary", "metrics", "warnings",
                     "pinned"):
            object.__setattr__(self, name, _tuple(getattr(self, name)))

    def status_line(self) -> str:
        """'Model: NAME — status: STATUS' plus the label when there is one (used in every export)."""
        line = f"Model: {self.model_name} — status: {self.model_status}"
        if self.model_label:
            line += f". {plain_source(self.model_label)}"
        return line

