"""The free per-day regimen table's rules, without Qt: reading the typed cells (either decimal mark, never a
thousands separator), the rows the table starts from, and the day that "Add day" appends.

The calculator screen (``atgdesk.ui.calc_inputs.DayTableEditor``) shows the cells and the error; these functions
decide what the cells mean.  Errors name the row and the column.
"""

from __future__ import annotations

from collections.abc import Sequence

from atgdesk.core import scenario as sc
from atgdesk.core.numbers import decimal_problem
from atgdesk.present.i18n import QT_TRANSLATE_NOOP, translate

__all__ = ["COLUMNS", "Row", "rows_from_cells", "rows_from_builder", "with_day_added", "format_row"]

COLUMNS = ("day", "mg/kg", "infusion hours")  # the names errors give the columns (translated when shown)
QT_TRANSLATE_NOOP("DayTable", "day"), QT_TRANSLATE_NOOP("DayTable", "mg/kg")
QT_TRANSLATE_NOOP("DayTable", "infusion hours")
Row = tuple[float, float, float]  # day relative to HCT, mg/kg, infusion hours


def rows_from_cells(cells: Sequence[Sequence[str]], inputs: sc.ScenarioInputs) -> tuple[Row, ...]:
    """The table's rows from its cell texts (rows all blank are skipped); ``ValueError`` naming the row and
    column, or the engine's reason when the regimen itself cannot be given (checked with the other ``inputs``)."""
    rows: list[Row] = []
    for r, texts in enumerate(cells):
        if not any(t.strip() for t in texts):
            continue
        # '.' or ',' as the decimal mark, never a thousands separator ('3,5' is 3.5 mg/kg, not 35)
        for text, name in zip(texts, COLUMNS, strict=True):
            problem = decimal_problem(text)
            if problem is not None:
                raise ValueError(translate("DayTable", "dose table row {0}, {1}: {2}").format(
                    r + 1, translate("DayTable", name), problem))
        day, mg, hours = (float(t.strip().replace(",", ".")) for t in texts)
        rows.append((day, mg, hours))
    if not rows:
        raise ValueError(translate("DayTable", "dose table: enter at least one day"))
    sc.dose_schedule(inputs.with_(per_day=tuple(rows)))
    return tuple(rows)


def rows_from_builder(inputs: sc.ScenarioInputs) -> tuple[Row, ...]:
    """The rows of the regimen the builder fields describe (where the table starts when it is switched on)."""
    rows = []
    for it in sc.dose_schedule(inputs.with_(per_day=None)).items:
        if it.mg_per_kg is None:  # the builder doses by mg/kg; a fixed-mg day has no row in this table
            raise ValueError(translate("DayTable", "dose table: day {0} is not dosed by mg/kg").format(f"{it.day:g}"))
        rows.append((float(it.day), float(it.mg_per_kg), float(it.duration_h)))
    return tuple(rows)


def with_day_added(inputs: sc.ScenarioInputs) -> tuple[Row, ...]:
    """The table with one more day: the day after the last, at the last day's dose, over the later infusion
    time (an empty table starts the day before the first dose day)."""
    rows = tuple(inputs.per_day or ())
    last = rows[-1] if rows else (inputs.first_day - 1, inputs.dose_mg_per_kg, 6.0)
    return rows + ((last[0] + 1, last[1], inputs.infusion_h),)


def format_row(row: Sequence[float]) -> tuple[str, str, str]:
    """A row's cell texts (shortest exact form: 2.5, not 2.50)."""
    day, mg, hours = row
    return f"{day:g}", f"{mg:g}", f"{hours:g}"
