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
from atgdesk.core.numbers import format_number  # the one number format (core: targets use it too)
from atgdesk.present.i18n import QT_TRANSLATE_NOOP, translate

__all__ = ["NoteContent", "PinnedRow", "NoteFields", "format_number", "plain_source", "SOURCE_TAG_WORDS",
           "STATUS_WORDS", "status_word", "field_names", "dose_header", "dose_cell", "calculator_note", "pinned_row",
           "regimen_words"]


#: The confidence tags of the evidence notes, in words a reader of the note understands.
SOURCE_TAG_WORDS = {
    "ABS": QT_TRANSLATE_NOOP("NoteContent", "read in the paper's abstract"),
    "TABLE": QT_TRANSLATE_NOOP("NoteContent", "read in a published table"),
    "LABEL": QT_TRANSLATE_NOOP("NoteContent", "read in the product label"),
    "SEC": QT_TRANSLATE_NOOP("NoteContent", "from a secondary summary of the paper, not the paper itself"),
    "NOT FOUND": QT_TRANSLATE_NOOP("NoteContent", "not found in any available source"),
}

#: A model file's status as the note says it (the file's own word when it is none of these).
STATUS_WORDS = {
    "verified": QT_TRANSLATE_NOOP("NoteContent", "verified"),
    "illustrative": QT_TRANSLATE_NOOP("NoteContent", "illustrative"),
    "user": QT_TRANSLATE_NOOP("NoteContent", "user model"),
}

#: The presenter's dose-table headers (atgdesk.present.calculator) as the note prints them; a vial header
#: 'Vials (25 mg)' is worded by its own template.
DOSE_HEADER_WORDS = (
    QT_TRANSLATE_NOOP("NoteContent", "Day"), QT_TRANSLATE_NOOP("NoteContent", "Infusion"),
    QT_TRANSLATE_NOOP("NoteContent", "Cumulative mg"), QT_TRANSLATE_NOOP("NoteContent", "Cumulative mg/kg"),
    QT_TRANSLATE_NOOP("NoteContent", "Volume mL"), QT_TRANSLATE_NOOP("NoteContent", "Label check"),
)
#: The dose table's flag words in a row beyond a label limit.
DOSE_FLAG_WORDS = (QT_TRANSLATE_NOOP("NoteContent", "beyond label"), QT_TRANSLATE_NOOP("NoteContent", "REFUSED"))
#: The dosing-weight bases and sexes of the inputs (atgdesk.core.weights, ScenarioInputs.sex).
BASIS_WORDS = {
    "actual": QT_TRANSLATE_NOOP("NoteContent", "actual body weight"),
    "ideal": QT_TRANSLATE_NOOP("NoteContent", "ideal body weight"),
    "adjusted": QT_TRANSLATE_NOOP("NoteContent", "adjusted body weight"),
}
SEX_WORDS = {"female": QT_TRANSLATE_NOOP("NoteContent", "female"),
             "male": QT_TRANSLATE_NOOP("NoteContent", "male")}

#: A model's covariate ids as a reader names the field (the core's warnings and errors name the id: 'weight_kg =
#: 160 kg is outside …').  The source text is the id itself, so the English texts (command line, --json) keep it;
#: a translation gives the field's name ('体重').  See :func:`field_names`.
COVARIATE_WORDS = {
    "weight_kg": QT_TRANSLATE_NOOP("covariate", "weight_kg"),
    "tbw_kg": QT_TRANSLATE_NOOP("covariate", "tbw_kg"),
    "body_weight_kg": QT_TRANSLATE_NOOP("covariate", "body_weight_kg"),
    "ibw_kg": QT_TRANSLATE_NOOP("covariate", "ibw_kg"),
    "height_cm": QT_TRANSLATE_NOOP("covariate", "height_cm"),
    "alc_per_nl": QT_TRANSLATE_NOOP("covariate", "alc_per_nl"),
    "alc_1e9_per_l": QT_TRANSLATE_NOOP("covariate", "alc_1e9_per_l"),
    "alc": QT_TRANSLATE_NOOP("covariate", "alc"),
}
_COVARIATE_ID = re.compile(r"(?<![\w.])(" + "|".join(sorted(COVARIATE_WORDS, key=len, reverse=True)) + r")(?!\w)")


def field_names(text: str) -> str:
    """``text`` (a core warning or error) with each covariate id named as the interface names the field
    ('weight_kg = 160 kg …' → '体重 = 160 kg …' under zh_CN); unchanged in English."""
    return _COVARIATE_ID.sub(lambda m: translate("covariate", COVARIATE_WORDS[m.group(1)]), text)


_VIALS = re.compile(r"Vials \((.*)\)")


def status_word(status: str) -> str:
    """A model status ('illustrative') in the interface language; an unknown status as the file gives it."""
    return translate("NoteContent", STATUS_WORDS[status]) if status in STATUS_WORDS else status


def dose_header(header: str) -> str:
    """One of the presenter's dose-table headers in the interface language (units unchanged)."""
    m = _VIALS.fullmatch(header)
    if m:
        return translate("NoteContent", "Vials ({vial})").format(vial=m.group(1))
    return translate("NoteContent", header) if header in DOSE_HEADER_WORDS else header


def dose_cell(text: str) -> str:
    """A dose-table cell: the flag words in the interface language, figures as they are."""
    return translate("NoteContent", text) if text in DOSE_FLAG_WORDS else text


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
            name=self.model_name, status=status_word(self.model_status))
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
        raise ValueError(presenter.error or translate("NoteContent", "no prediction to report"))
    # the labels and words in the interface language; figures, units and decimal points as they are
    alc = f"{i.alc_value:g} {i.alc_unit}"
    if i.alc_unit != sc.ALC_PER_NL:
        alc = translate("NoteContent", "{value} (= {per_nl})").format(
            value=alc, per_nl=f"{sc.alc_per_nl(i.alc_value, i.alc_unit):g} {sc.ALC_PER_NL}")
    basis = (translate("NoteContent", BASIS_WORDS[i.weight_basis]) if i.weight_basis in BASIS_WORDS
             else i.weight_basis)
    dosing_weight = translate("NoteContent", "{weight} kg ({basis})").format(
        weight=f"{result.dosing_weight_kg.normalize():f}", basis=basis)
    horizon = translate("NoteContent", "day {day}").format(day=f"{i.horizon_day:g}")
    inputs = [(translate("NoteContent", "Product"), presenter.product_name(i.product_id)),
              (translate("NoteContent", "Setting"), i.setting or translate("NoteContent", "none chosen")),
              (translate("NoteContent", "Body weight"), f"{i.weight_kg:g} kg"),
              (translate("NoteContent", "Dosing weight"), dosing_weight),
              (translate("NoteContent", "Lymphocyte count"), alc),
              (translate("NoteContent", "Threshold"), f"{i.threshold:g} {model.concentration_unit}"),
              (translate("NoteContent", "Horizon"), horizon)]
    if i.weight_basis != "actual":
        sex = translate("NoteContent", SEX_WORDS[i.sex]) if i.sex in SEX_WORDS else str(i.sex)
        inputs.insert(3, (translate("NoteContent", "Height / sex"), f"{i.height_cm:g} cm / {sex}"))
    src = model.source
    target, target_source = presenter.target_text()
    auc_post = translate("NoteContent", "AUC after day 0 (to day {day})").format(day=f"{i.horizon_day:g}")
    metrics = [(k, state.metric(key)) for k, key in (
        (translate("NoteContent", "AUC before day 0"), "auc_pre"), (auc_post, "auc_post"),
        (translate("NoteContent", "AUC total"), "auc_total"), (translate("NoteContent", "Cmax"), "cmax"),
        (translate("NoteContent", "Time of Cmax"), "tmax"),
        (translate("NoteContent", "Below threshold from"), "below"))]
    uncertainty = presenter.population_done(presenter.band)[1] if band_shown and presenter.band is not None else ""
    chosen = presenter.current_target()
    pinned = tuple(pinned_row(p.name, p.inputs, p.result, model, chosen, n=n) for p in presenter.pins)
    versions = translate("NoteContent", "ATG Desk {version}; model file {file} (schema {schema}); Python {python}"
                         ).format(version=__version__, file=Path(model.path).name, schema=model.schema_version,
                                  python=platform.python_version())
    return NoteContent(
        model_name=model.name, model_status=model.status, model_label=model.label,
        model_source=src.citation + (f" doi:{src.doi}" if src.doi else ""), inputs=tuple(inputs),
        schedule_headers=tuple(dose_header(h) for h in state.dose.headers),
        schedule_rows=tuple(tuple(dose_cell(c) for c in row) for row in state.dose.rows),
        dose_summary=state.dose.summary, target=target, target_source=target_source, metrics=tuple(metrics),
        verdict=presenter.report_verdict(), versions=versions,
        warnings=(*(field_names(w) for w in state.warnings), state.dose.limits_text), uncertainty=uncertainty,
        pinned=pinned, title=translate("NoteContent", "ATG Desk — dosing note"),
        disclaimer=translate("atgdesk", DISCLAIMER))  # the disclaimer's translation (atgdesk/i18n.py lists it)
