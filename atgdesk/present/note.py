"""What the dosing note prints, as plain frozen data (no Qt), and the one number format of the calculator.

The note (``atgdesk.ui.report``) renders a :class:`NoteContent`; whoever fills it (the calculator view today, the
calculator presenter when it lands) passes figures already worded — never widget text read back.  Source texts
from data files are cleaned for print by :func:`plain_source`: confidence tags become words and internal file
names (calibration scripts, evidence notes) do not reach a ward.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from atgdesk import DISCLAIMER
from atgdesk.core.levels import format_number  # the one number format (core: targets use it too)
from atgdesk.present.i18n import QT_TRANSLATE_NOOP, translate

__all__ = ["NoteContent", "PinnedRow", "NoteFields", "format_number", "plain_source", "SOURCE_TAG_WORDS"]


#: The confidence tags of the evidence notes, in words a reader of the note understands.
SOURCE_TAG_WORDS = {
    "ABS": QT_TRANSLATE_NOOP("NoteContent", "read in the paper's abstract"),
    "TABLE": QT_TRANSLATE_NOOP("NoteContent", "read in a published table"),
    "LABEL": QT_TRANSLATE_NOOP("NoteContent", "read in the product label"),
    "SEC": QT_TRANSLATE_NOOP("NoteContent", "from a secondary summary of the paper, not the paper itself"),
    "NOT FOUND": QT_TRANSLATE_NOOP("NoteContent", "not found in any available source"),
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
    out = _TAG.sub(lambda m: f"({translate('NoteContent', SOURCE_TAG_WORDS[m.group(1)])})", out)
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
        return tuple((translate("NoteContent", k), v)
                     for k, v in ((QT_TRANSLATE_NOOP("NoteContent", "Patient"), self.patient),
                                  (QT_TRANSLATE_NOOP("NoteContent", "Prescriber"), self.prescriber),
                                  (QT_TRANSLATE_NOOP("NoteContent", "HCT date (day 0)"), self.hct_date))
                     if v.strip())


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
        line = translate("NoteContent", "Model: {name} — status: {status}").format(
            name=self.model_name, status=self.model_status)
        if self.model_label:
            line += f". {plain_source(self.model_label)}"
        return line



def regimen_words(inputs) -> str:
    """A scenario's regimen in a few words ('2.5 mg/kg/day × 3 days from day −4 (7.5 mg/kg in all)')."""
    from atgdesk.core.scenario import dose_schedule

    schedule = dose_schedule(inputs)
    total = format_number(sum(float(it.mg_per_kg) for it in schedule.items))
    if inputs.per_day:
        each = translate("NoteContent", "day {day}: {dose}")
        doses = ", ".join(each.format(day=format_number(it.day), dose=format_number(float(it.mg_per_kg)))
                          for it in schedule.items)
        return translate("NoteContent", "mg/kg by day — {doses} ({total} mg/kg in all)").format(
            doses=doses, total=total)
    # one day and several days are whole sentences (no plural 's' glued on)
    template = (translate("NoteContent", "{dose} mg/kg/day × {days} day from day {first} ({total} mg/kg in all)")
                if inputs.n_days == 1 else
                translate("NoteContent", "{dose} mg/kg/day × {days} days from day {first} ({total} mg/kg in all)"))
    return template.format(dose=format_number(inputs.dose_mg_per_kg), days=inputs.n_days,
                           first=format_number(inputs.first_day), total=total)


def pinned_row(name: str, inputs, result, model, target, n: int = 1000, seed: int = 0) -> PinnedRow:
    """One pinned scenario for the note's table: its regimen, post-HCT AUC, the verdict of the chosen target for
    the typical patient (:func:`atgdesk.core.targets.judge`, the screen's rule) and, for an AUC target, the
    population fraction inside it (attainment, or harm for an avoid band) from ``n`` virtual patients with the
    screen's seed — so the current scenario's figure matches the one beside the verdict.

    ``target`` None or not comparable with ``model``: verdict and attainment read '—' with the reason."""
    from atgdesk.core import population
    from atgdesk.core.scenario import covariates_for, model_covariates, regimen_for
    from atgdesk.core.targets import attainment, comparability, judge

    m = result.metrics
    auc = f"{format_number(m.auc_post)} {model.auc_unit}" if model is not None else format_number(m.auc_post)
    regimen = regimen_words(inputs)
    if target is None or model is None:
        return PinnedRow(name, regimen, auc, translate("NoteContent", "— (no target chosen)"), "—")
    if inputs.model_id and inputs.model_id != model.id:
        return PinnedRow(name, regimen, auc, translate("NoteContent", "— (pinned with model {model})").format(
            model=inputs.model_id), "—")
    ok = comparability(target, model)[0] if target.id != "__custom__" else True
    if not ok:
        from atgdesk.present.calculator import comparability_words  # the screen's words for why (translated)
        reason = comparability_words(target, model)
        return PinnedRow(name, regimen, auc, translate("NoteContent", "— (target not comparable: {reason})").format(
            reason=reason), "—")
    value = {"auc_post": m.auc_post, "auc_pre": m.auc_pre, "auc_total": m.auc_total,
             "day_below_threshold": m.day_below_threshold}[target.metric]
    verdict = judge(target, value, horizon_day=m.horizon_day).headline
    share = "—"
    if target.metric != "day_below_threshold" and model.eta_names:
        regimen_mg = regimen_for(inputs)
        covs = covariates_for(model_covariates(model), inputs)
        vp = population.sample_population(model, int(n), covs, seed=seed)
        pre, post = population.population_aucs(vp, regimen_mg, inputs.horizon_day)
        values = {"auc_post": post, "auc_pre": pre, "auc_total": pre + post}[target.metric]
        share = (translate("NoteContent", "{share} % (harm, N = {n})") if target.kind == "avoid-band" else
                 translate("NoteContent", "{share} % (attainment, N = {n})")).format(
            share=f"{100.0 * attainment(target, values):.0f}", n=int(n))
    return PinnedRow(name, regimen, auc, verdict, share)


def calculator_note(presenter, *, band_shown: bool, n: int = 1000) -> NoteContent:
    """The dosing note for the calculator presenter's current state: the inputs, the dose table, metrics,
    verdict and warnings exactly as the screen's state words them (never read back from widgets), the band's
    figures when the band is shown, and every pinned scenario.  ``ValueError`` when there is no prediction."""
    import platform
    from pathlib import Path

    from atgdesk import __version__
    from atgdesk.core import scenario as sc

    model, result, state, i = presenter.model, presenter.result, presenter.state, presenter.inputs
    if model is None or result is None or state is None:
        raise ValueError(presenter.error or "no prediction to report")
    inputs = [("Product", presenter.product_name(i.product_id)), ("Setting", i.setting or "none chosen"),
              ("Body weight", f"{i.weight_kg:g} kg"),
              ("Dosing weight", f"{result.dosing_weight_kg.normalize():f} kg ({i.weight_basis})"),
              ("Lymphocyte count", f"{i.alc_value:g} {i.alc_unit}" + (
                  "" if i.alc_unit == sc.ALC_PER_NL else f" (= {sc.alc_per_nl(i.alc_value, i.alc_unit):g} "
                                                         f"{sc.ALC_PER_NL})")),
              ("Threshold", f"{i.threshold:g} {model.concentration_unit}"),
              ("Horizon", f"day {i.horizon_day:g}")]
    if i.weight_basis != "actual":
        inputs.insert(3, ("Height / sex", f"{i.height_cm:g} cm / {i.sex}"))
    src = model.source
    target, target_source = presenter.target_text()
    metrics = [(k, state.metric(key)) for k, key in (
        ("AUC before day 0", "auc_pre"), (f"AUC after day 0 (to day {i.horizon_day:g})", "auc_post"),
        ("AUC total", "auc_total"), ("Cmax", "cmax"), ("Time of Cmax", "tmax"),
        ("Below threshold from", "below"))]
    uncertainty = presenter.population_done(presenter.band)[1] if band_shown and presenter.band is not None else ""
    chosen = presenter.current_target()
    pinned = tuple(pinned_row(p.name, p.inputs, p.result, model, chosen, n=n) for p in presenter.pins)
    return NoteContent(
        model_name=model.name, model_status=model.status, model_label=model.label,
        model_source=src.citation + (f" doi:{src.doi}" if src.doi else ""), inputs=tuple(inputs),
        schedule_headers=state.dose.headers, schedule_rows=state.dose.rows, dose_summary=state.dose.summary,
        target=target, target_source=target_source, metrics=tuple(metrics), verdict=presenter.report_verdict(),
        versions=(f"ATG Desk {__version__}; model file {Path(model.path).name} (schema {model.schema_version}); "
                  f"Python {platform.python_version()}"),
        warnings=(*state.warnings, state.dose.limits_text), uncertainty=uncertainty, pinned=pinned)
