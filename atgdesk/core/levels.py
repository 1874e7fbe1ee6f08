"""Measured ATG levels: parsing a CSV (or rows from a table) into a validated, frozen :class:`LevelSeries`.

Format (documented for users in ``docs/levels.md``)::

    time_day,concentration,unit
    -3,0,AU/mL
    -2.5,38.2,AU/mL
    7,<LLOQ,AU/mL

* Header names are case-insensitive; the time column may be called ``time_day``, ``t_day``, ``day`` or ``time``
  (days relative to HCT day 0; negative and fractional values allowed); the concentration column
  ``concentration``, ``conc`` or ``concentration_value``; the optional ``unit`` column may be left out when the
  caller supplies the unit.  ``note``/``comment``/``sample_id`` columns are allowed and ignored; any other column is
  an error (a typo in a header must not be ignored silently).
* Columns are separated by ``,`` — or by ``;`` (or a tab) when the header uses it, as spreadsheets that write ``,``
  as the decimal mark do; numbers take ``.`` or ``,`` as the decimal mark, never a thousands separator.
* Blank lines and lines starting with ``#`` are skipped.  Rows are numbered as in a spreadsheet: the header is
  row 1 of the file, so error messages point at the line a user sees.
* Below-the-limit values are written ``<LLOQ``, ``<LOQ``, ``BLQ``, ``BLOQ`` or ``<x`` (x a number, the limit).  They
  are kept, flagged and reported, and excluded from AUC and fitting.
* Units: ``AU/mL`` (arbitrary units of the active-ATG binding assay) and the mass concentrations ``µg/mL``
  (also ``ug/mL``, ``mcg/mL``) and ``mg/L``.  µg/mL and mg/L are the same quantity (1 µg/mL = 1 mg/L exactly), so
  they may be mixed; AU and mass units are different assays and are never converted into each other — a file that
  mixes them is rejected naming the row.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from atgdesk.core.numbers import decimal_problem  # the one rule for typed numbers (cells included)
from atgdesk.core.words import QT_TRANSLATE_NOOP, translate

TIME_COLUMNS = ("time_day", "t_day", "day", "time")
CONC_COLUMNS = ("concentration", "conc", "concentration_value")
UNIT_COLUMNS = ("unit", "units", "concentration_unit")
IGNORED_COLUMNS = ("note", "notes", "comment", "comments", "sample", "sample_id", "id")

BLQ_WORDS = ("<lloq", "<loq", "blq", "bloq", "<llq")

# Plausibility bounds, checked as each row is read, so that no later step (AUC, half-life, fit, printing) meets
# numbers that overflow or print as 300 digits.  1e6 in the file's unit is far beyond any real ATG level: the highest
# in the sources is a peak equine IgG of about 727 µg/mL (ATGAM Swiss label, pk-evidence.md), active-ATG levels are
# tens of AU/mL, and 1e6 µg/mL (1 g/mL) would be more protein than the sample can hold.  A positive value below
# 1e-6 is as implausible (no assay quantifies it) and would make concentration ratios overflow.  Times are days
# from HCT; 36,500 days (100 years) either side is no follow-up anyone has.
MAX_CONCENTRATION = 1e6
MIN_POSITIVE_CONCENTRATION = 1e-6
MAX_ABS_DAY = 36_500.0

# Canonical unit -> (family, factor to the family's base unit).  The only conversion allowed is the exact
# identity 1 µg/mL = 1 mg/L; AU/mL is its own family.
AU_PER_ML = "AU/mL"
MG_PER_L = "mg/L"
UG_PER_ML = "µg/mL"
_UNIT_ALIASES = {
    "au/ml": AU_PER_ML,
    "µg/ml": UG_PER_ML,   # U+00B5 MICRO SIGN
    "μg/ml": UG_PER_ML,   # U+03BC GREEK SMALL LETTER MU
    "ug/ml": UG_PER_ML,
    "mcg/ml": UG_PER_ML,
    "mg/l": MG_PER_L,
}
_UNIT_FAMILY = {AU_PER_ML: "AU", UG_PER_ML: "mass", MG_PER_L: "mass"}


def normalise_unit(text: str, field: str = "unit") -> str:
    """The canonical spelling of a concentration unit (``AU/mL``, ``µg/mL`` or ``mg/L``).

    Raises ``ValueError`` naming ``field`` for anything else (ng/mL, mg/mL … are not accepted: they are different
    quantities and the app never rescales silently).
    """
    key = "".join(str(text).split()).lower()
    if key not in _UNIT_ALIASES:
        accepted = "AU/mL, µg/mL (ug/mL), mg/L"
        raise ValueError(translate("levels", "{field}: unknown concentration unit {unit} (accepted: {accepted})")
                         .format(field=field, unit=repr(text), accepted=accepted))
    return _UNIT_ALIASES[key]


def unit_family(unit: str) -> str:
    """``'AU'`` for the arbitrary-unit assay, ``'mass'`` for µg/mL and mg/L."""
    return _UNIT_FAMILY[normalise_unit(unit)]


def exposure_unit(unit: str) -> str:
    """Unit of an AUC of concentrations in ``unit`` over days: AU/mL -> AU·day/mL, mg/L -> mg·day/L."""
    numerator, denominator = normalise_unit(unit).split("/")
    return f"{numerator}·day/{denominator}"


def same_quantity(unit_a: str, unit_b: str) -> bool:
    """True when two units measure the same quantity on the same scale (so values can be compared 1:1)."""
    return unit_family(unit_a) == unit_family(unit_b)


@dataclass(frozen=True)
class LevelSample:
    """One measured level.

    ``concentration`` is ``None`` for a value below the limit of quantification (``blq`` True); ``lloq`` holds the
    limit when the file gave one (``<0.5``).  ``row`` is the spreadsheet row (header = 1) or the 1-based row of the
    table it came from.
    """

    row: int
    t_day: float
    concentration: float | None
    blq: bool = False
    lloq: float | None = None


@dataclass(frozen=True)
class LevelSeries:
    """Measured levels of one patient, sorted by time, all in one unit (``unit``, canonical spelling)."""

    samples: tuple[LevelSample, ...]
    unit: str
    source: str = "<input>"

    @property
    def quantified(self) -> tuple[LevelSample, ...]:
        """Samples with a measured value (BLQ excluded)."""
        return tuple(s for s in self.samples if not s.blq)

    @property
    def blq_samples(self) -> tuple[LevelSample, ...]:
        """Samples reported below the limit of quantification (kept for the report, excluded from AUC and fits)."""
        return tuple(s for s in self.samples if s.blq)

    @property
    def t_day(self) -> np.ndarray:
        """Times (days from HCT) of the quantified samples."""
        return np.array([s.t_day for s in self.quantified], dtype=float)

    @property
    def concentration(self) -> np.ndarray:
        """Quantified concentrations, in ``unit``."""
        return np.array([s.concentration for s in self.quantified], dtype=float)

    @property
    def exposure_unit(self) -> str:
        """Unit of an AUC computed from these levels (concentration·day)."""
        return exposure_unit(self.unit)


# What a cell holds, as errors name it (translated where the error is worded).
_TIME = QT_TRANSLATE_NOOP("levels", "time")
_CONCENTRATION = QT_TRANSLATE_NOOP("levels", "concentration")
_LLOQ = QT_TRANSLATE_NOOP("levels", "limit of quantification")


def day_clock(t_day: float) -> str:
    """A sample time as the day relative to HCT and the clock time on that day, counting from HCT at 00:00 on
    day 0: -2.75 → 'day −3, 06:00'; 7.5 → 'day +7, 12:00' (minus sign U+2212, as printed)."""
    if not math.isfinite(t_day):
        raise ValueError(f"t_day: must be finite, got {t_day!r}")
    minutes = round(t_day * 1440.0)
    day, minute = divmod(minutes, 1440)
    sign = "−" if day < 0 else ("+" if day > 0 else "")
    return translate("levels", "day {day}, {time}").format(day=f"{sign}{abs(day)}",
                                                            time=f"{minute // 60:02d}:{minute % 60:02d}")


def _parse_number(text: str, where: str, what: str) -> float:
    problem = decimal_problem(text)
    if problem is not None:
        raise ValueError(translate("levels", "{where}: {what} {problem}").format(
            where=where, what=translate("levels", what), problem=problem))
    return float(str(text).strip().replace(",", "."))


def _parse_concentration(text: str, where: str) -> tuple[float | None, bool, float | None]:
    """(value, blq, lloq) from a concentration cell."""
    cell = text.strip()
    if not cell:
        raise ValueError(translate("levels", "{where}: concentration is empty (write the value, or <LLOQ / BLQ)")
                         .format(where=where))
    low = cell.lower().replace(" ", "")
    if low in BLQ_WORDS:
        return None, True, None
    if low.startswith("<"):
        lloq = _parse_number(low[1:], where, _LLOQ)
        if lloq <= 0:
            raise ValueError(translate("levels", "{where}: limit of quantification {cell} must be positive").format(
                where=where, cell=repr(cell)))
        _check_plausible(lloq, cell, where, _LLOQ)
        return None, True, lloq
    value = _parse_number(cell, where, _CONCENTRATION)
    if value < 0:
        raise ValueError(translate("levels", "{where}: concentration {cell} is negative").format(
            where=where, cell=repr(cell)))
    _check_plausible(value, cell, where, _CONCENTRATION)
    return value, False, None


def _check_plausible(value: float, cell: str, where: str, what: str) -> None:
    if value > MAX_CONCENTRATION:
        raise ValueError(translate("levels", "{where}: {what} {cell} is implausibly large (more than {limit} in "
                                             "the file's unit; check the value and its unit)").format(
            where=where, what=translate("levels", what), cell=repr(cell.strip()), limit=f"{MAX_CONCENTRATION:.0f}"))
    if 0 < value < MIN_POSITIVE_CONCENTRATION:
        raise ValueError(translate("levels", "{where}: {what} {cell} is implausibly small (a positive value below "
                                             "{limit}; write 0 or <LLOQ if it was not measurable)").format(
            where=where, what=translate("levels", what), cell=repr(cell.strip()),
            limit=f"{MIN_POSITIVE_CONCENTRATION:.6f}"))


def _build_series(
    entries: Iterable[tuple[int, object, object, object]],
    default_unit: str | None,
    source: str,
    columns: tuple[str, str, str] = ("time_day", "concentration", "unit"),
) -> LevelSeries:
    """Validate ``(row, time, concentration, unit)`` entries and build the series (rows keep their numbers).

    ``columns`` are the header names used in error messages (as the user wrote them).
    """
    col_t, col_c, col_u = columns
    samples: list[LevelSample] = []
    first: tuple[str, int, str] | None = None  # (family, row, canonical unit) of the first row
    seen_times: dict[float, int] = {}
    for rownum, t_cell, c_cell, u_cell in entries:
        where = translate("levels", "{source} row {row}").format(source=source, row=rownum)
        in_t, in_c, in_u = (translate("levels", "{where}, column {column}").format(where=where, column=col)
                            for col in (col_t, col_c, col_u))
        t_day = _parse_number(str(t_cell).strip(), in_t, _TIME)
        if abs(t_day) > MAX_ABS_DAY:
            raise ValueError(translate("levels", "{where}: time {cell} is implausible (days from HCT, at most {limit} "
                                                 "either side)").format(where=in_t, cell=repr(str(t_cell).strip()),
                                                                        limit=f"{MAX_ABS_DAY:.0f}"))
        if isinstance(c_cell, str):
            conc_text = c_cell
        elif isinstance(c_cell, (int, float)) and not isinstance(c_cell, bool):
            try:
                conc_text = repr(float(c_cell))
            except OverflowError:  # an int beyond the float range
                raise ValueError(translate("levels", "{where}: the number is too large").format(where=in_c)) from None
        else:
            raise ValueError(translate("levels", "{where}: {cell} is not a number").format(where=in_c,
                                                                                        cell=repr(c_cell)))
        value, blq, lloq = _parse_concentration(conc_text, in_c)
        unit_text = "" if u_cell is None else str(u_cell).strip()
        if not unit_text:
            if default_unit is None:
                raise ValueError(translate("levels", "{where}: no unit given for this row and no default unit")
                                 .format(where=in_u))
            unit_text = default_unit
        canonical = normalise_unit(unit_text, field=in_u)
        family = _UNIT_FAMILY[canonical]
        if first is None:
            first = (family, rownum, canonical)
        elif family != first[0]:
            raise ValueError(translate(
                "levels", "{where}: {unit} cannot be mixed with {first} (row {row}); AU and mass concentrations "
                "come from different assays and are never converted").format(where=in_u, unit=canonical,
                                                                               first=first[2], row=first[1]))
        if t_day in seen_times:
            raise ValueError(translate("levels", "{where}: duplicate time {day} (also row {row})").format(
                where=in_t, day=f"{t_day:g}", row=seen_times[t_day]))
        seen_times[t_day] = rownum
        # µg/mL and mg/L are the same quantity (factor exactly 1), so values are kept as written.
        samples.append(LevelSample(row=rownum, t_day=t_day, concentration=value, blq=blq, lloq=lloq))
    if first is None:
        raise ValueError(translate("levels", "{source}: no measured levels (no data rows)").format(source=source))
    return LevelSeries(samples=tuple(sorted(samples, key=lambda s: s.t_day)), unit=first[2], source=source)


def levels_from_rows(
    rows: Iterable[Sequence[object]],
    unit: str | None = None,
    source: str = "<input>",
    first_row: int = 1,
) -> LevelSeries:
    """Build a :class:`LevelSeries` from ``(time_day, concentration[, unit])`` rows (e.g. a table in the GUI).

    Cells may be numbers or text (text allows ``<LLOQ``/``BLQ``).  ``unit`` applies to rows without their own unit
    cell (or with an empty one).  Row numbers in errors count from ``first_row``.
    """
    entries: list[tuple[int, object, object, object]] = []
    for i, row in enumerate(rows):
        cells = list(row)
        if len(cells) not in (2, 3):
            raise ValueError(translate(
                "levels", "{source} row {row}: expected time_day, concentration and optionally unit, got {n} cells")
                .format(source=source, row=first_row + i, n=len(cells)))
        entries.append((first_row + i, cells[0], cells[1], cells[2] if len(cells) == 3 else None))
    return _build_series(entries, unit, source)


def _column_index(header: list[str], names: Sequence[str]) -> int | None:
    hits = [i for i, h in enumerate(header) if h in names]
    return hits[0] if hits else None


def _delimiter(text: str) -> str:
    """',' — or ';' / tab when the header line uses that instead (spreadsheets where ',' is the decimal mark
    write ';'-separated CSV)."""
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if "\t" in line and "," not in line:
            return "\t"
        if ";" in line and "," not in line:
            return ";"
        return ","
    return ","


def parse_levels_csv(text: str, source: str = "<input>", unit: str | None = None) -> LevelSeries:
    """Parse measured levels from CSV text (format in the module docstring).

    ``unit`` is the default for files without a unit column (or with empty unit cells).  Every error is a
    ``ValueError`` naming ``source``, the row and the column.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    header: list[str] | None = None
    header_row = 0
    data: list[tuple[int, list[str]]] = []
    delimiter = _delimiter(text)
    try:
        for rownum, cells in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
            if not cells or all(not c.strip() for c in cells) or cells[0].lstrip().startswith("#"):
                continue
            if header is None:
                header, header_row = [c.strip().lower() for c in cells], rownum
            else:
                data.append((rownum, cells))
    except csv.Error as exc:
        raise ValueError(translate("levels", "{source}: not valid CSV ({error})").format(source=source,
                                                                                        error=exc)) from None
    if header is None:
        raise ValueError(translate("levels", "{source}: empty file (expected a header time_day,concentration,unit)")
                         .format(source=source))
    known = set(TIME_COLUMNS) | set(CONC_COLUMNS) | set(UNIT_COLUMNS) | set(IGNORED_COLUMNS)
    for col, name in enumerate(header, start=1):
        if name not in known:
            raise ValueError(translate(
                "levels", "{source} row {row}, column {column}: unknown column {name} (expected time_day, "
                "concentration, unit)").format(source=source, row=header_row, column=col, name=repr(name)))
    for names in (TIME_COLUMNS, CONC_COLUMNS, UNIT_COLUMNS):
        present = [h for h in header if h in names]
        if len(present) > 1:
            raise ValueError(translate("levels", "{source} row {row}: more than one {name} column: {present}").format(
                source=source, row=header_row, name=names[0], present=", ".join(present)))
    i_time = _column_index(header, TIME_COLUMNS)
    i_conc = _column_index(header, CONC_COLUMNS)
    i_unit = _column_index(header, UNIT_COLUMNS)
    if i_time is None:
        raise ValueError(translate("levels", "{source} row {row}: missing column time_day (or day, time)").format(
            source=source, row=header_row))
    if i_conc is None:
        raise ValueError(translate("levels", "{source} row {row}: missing column concentration (or conc)").format(
            source=source, row=header_row))
    if i_unit is None and unit is None:
        raise ValueError(translate("levels", "{source} row {row}: missing column unit (or give the unit "
                                             "separately)").format(source=source, row=header_row))
    entries: list[tuple[int, object, object, object]] = []
    for rownum, cells in data:
        if len(cells) != len(header):
            raise ValueError(translate("levels", "{source} row {row}: {n} cells but the header has {columns} columns")
                             .format(source=source, row=rownum, n=len(cells), columns=len(header)))
        entries.append((rownum, cells[i_time], cells[i_conc], cells[i_unit] if i_unit is not None else None))
    if not entries:
        raise ValueError(translate("levels", "{source}: no measured levels (the file has a header but no data rows)")
                         .format(source=source))
    names = (header[i_time], header[i_conc], header[i_unit] if i_unit is not None else "unit")
    return _build_series(entries, unit, source, names)


def read_levels_csv(path: str | Path, unit: str | None = None) -> LevelSeries:
    """Read measured levels from a CSV file (UTF-8, with or without BOM); errors name the file, row and column."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise ValueError(translate("levels", "{path}: file not found").format(path=p)) from None
    except OSError as exc:
        raise ValueError(translate("levels", "{path}: cannot read the file ({error})").format(
            path=p, error=exc.strerror or exc)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(translate("levels", "{path}: not UTF-8 text (byte {byte}); save the file as UTF-8 CSV")
                         .format(path=p, byte=exc.start)) from None
    return parse_levels_csv(text, source=p.name, unit=unit)
