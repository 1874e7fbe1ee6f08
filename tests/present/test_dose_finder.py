"""The dose finder (presenter rule, no Qt): whole vials, attainment never below the input's unless stated,
never beyond a hard label limit, and a plain 'no' for targets that are not aim windows."""

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from atgdesk.core import scenario as sc
from atgdesk.core.model import load_model
from atgdesk.core.products import dose_table, load_products
from atgdesk.core.targets import find_target, load_targets
from atgdesk.present.calculator import propose_dose

ROOT = Path(__file__).resolve().parents[2]
MODEL = load_model(ROOT / "data" / "models" / "illustrative-rabbit-atg-active.toml")
PRODUCTS = load_products(ROOT / "data" / "products.toml")
TARGETS = load_targets(ROOT / "data" / "targets.toml")
WINDOW = find_target(TARGETS, "admiraal2017-adult-ud-nma")
THYMO = PRODUCTS["rabbit-thymoglobulin"]


def _inputs(**kw):
    return sc.ScenarioInputs(product_id=MODEL.product, model_id=MODEL.id, **kw)


@pytest.mark.parametrize("weight, dose, days", [(70.0, 3.5, 3), (48.5, 2.5, 2), (120.0, 1.0, 4)])
def test_whole_vials_and_attainment_never_lower_unless_stated(weight, dose, days):
    state = propose_dose(MODEL, _inputs(weight_kg=weight, dose_mg_per_kg=dose, n_days=days), WINDOW, THYMO, n=400)
    assert len(state.candidates) == 3  # every case here has at least three whole-vial doses to rank
    assert [c.attainment for c in state.candidates] == sorted((c.attainment for c in state.candidates),
                                                              reverse=True)
    for c in state.candidates:
        mg = Decimal(str(c.inputs.dose_mg_per_kg)) * Decimal(str(weight))
        vials = round(mg / 25)
        assert vials >= 1 and abs(mg - 25 * vials) < Decimal("0.001") and mg <= 25 * vials  # no extra vial
        assert f"{vials} vial" in c.label
        assert c.verdict.text.startswith("Typical patient: ")
    best = state.candidates[0]
    assert best.attainment >= state.input_attainment or state.lower_than_input
    if state.lower_than_input:
        assert "keeping the current dose is also an option" in state.text
    assert f"{100 * best.attainment:.0f} %" in state.text and best.verdict.headline in state.text


def test_the_input_attainment_is_the_screens():
    """The input's attainment is the figure the screen shows beside the verdict (same population, same rule)."""
    inputs = _inputs(weight_kg=70.0, dose_mg_per_kg=2.5, n_days=3)
    state = propose_dose(MODEL, inputs, WINDOW, THYMO, n=400)
    screen = sc.uncertainty(MODEL, inputs, WINDOW, n=400)
    assert state.input_attainment == pytest.approx(screen.pta, abs=0.005)


def test_a_stated_mg_per_kg_step_without_vials_and_never_beyond_a_hard_limit():
    no_vials = replace(THYMO, vials=())
    state = propose_dose(MODEL, _inputs(dose_mg_per_kg=3.0), WINDOW, no_vials, n=300)
    assert "steps of 0.25 mg/kg" in state.text
    assert all((c.inputs.dose_mg_per_kg / 0.25) == pytest.approx(round(c.inputs.dose_mg_per_kg / 0.25))
               for c in state.candidates)
    # a hard maximum of 2 mg/kg/day: no candidate above it
    capped = replace(THYMO, limits=(*THYMO.limits, replace(
        next(lim for lim in THYMO.limits if lim.quantity == "dose_per_day"), level="hard", value=Decimal(2))))
    state = propose_dose(MODEL, _inputs(dose_mg_per_kg=3.0), WINDOW, capped, n=300)
    assert state.candidates and all(c.inputs.dose_mg_per_kg <= 2.0 for c in state.candidates)


@pytest.mark.parametrize("target_id", ["lakkaraja2022-cd34-harmful", "dekoning2018-cord-cd4",
                                       "lakkaraja2022-cd34-intermediate"])
def test_other_kinds_get_no_proposal_and_say_so(target_id):
    state = propose_dose(MODEL, _inputs(), find_target(TARGETS, target_id), THYMO, n=100)
    assert state.candidates == () and "no dose is proposed" in state.text
    assert propose_dose(MODEL, _inputs(), None, THYMO).candidates == ()


TABLE = ((-3.0, 2.0, 6.0), (-2.0, 2.0, 4.0), (-1.0, 1.0, 4.0))


@pytest.mark.parametrize("weight, table", [(70.0, TABLE), (48.5, TABLE), (120.0, ((-1.0, 1.0, 4.0), (-3.0, 2.0, 6.0)))])
def test_table_mode_proposes_whole_vials_each_day(weight, table):
    """Per-day table: 2–3 ranked candidates, each day a whole number of 25 mg vials at the dosing weight (never
    one vial more), the table's days and infusion times kept, the rounding said in words."""
    inputs = _inputs(weight_kg=weight, per_day=table)
    state = propose_dose(MODEL, inputs, WINDOW, THYMO, n=400)
    assert 2 <= len(state.candidates) <= 3
    assert [c.attainment for c in state.candidates] == sorted((c.attainment for c in state.candidates),
                                                              reverse=True)
    assert state.rounding == "whole 25 mg vials per day"
    assert "Each day of the table is rounded to the nearest whole vial on its own" in state.text
    for c in state.candidates:
        rows = c.inputs.per_day
        assert [(d, h) for d, _mg, h in rows] == [(d, h) for d, _mg, h in table]  # same days, same order
        for (d, mgkg, _h), part in zip(rows, c.label.split("; "), strict=True):
            mg = Decimal(str(mgkg)) * Decimal(str(weight))
            vials = round(mg / 25)
            assert vials >= 1 and abs(mg - 25 * vials) < Decimal("0.001") and mg <= 25 * vials
            assert part.startswith(f"day {d:+g}: {vials} × 25 mg = ")
        # the app's own dose table counts exactly these vials
        counted = dose_table(THYMO, sc.dose_schedule(c.inputs), sc.dosing_weight(c.inputs))
        assert len(counted.rows) == len(rows)
        assert sum(r.vials_whole for r in counted.rows) == sum(
            round(Decimal(str(m)) * Decimal(str(weight)) / 25) for _d, m, _h in rows)
        assert c.verdict.text.startswith("Typical patient: ")
    best = state.candidates[0]
    assert best.attainment >= state.input_attainment or state.lower_than_input
    assert f"{100 * best.attainment:.0f} %" in state.text and best.label in state.text


def test_table_mode_attainment_is_the_screens_for_the_applied_candidate():
    """A candidate's attainment is what the screen will show once it is applied (same population and rule)."""
    state = propose_dose(MODEL, _inputs(per_day=TABLE), WINDOW, THYMO, n=400)
    best = state.candidates[0]
    assert sc.uncertainty(MODEL, best.inputs, WINDOW, n=400).pta == pytest.approx(best.attainment, abs=0.005)
    assert sc.uncertainty(MODEL, _inputs(per_day=TABLE), WINDOW, n=400).pta == pytest.approx(
        state.input_attainment, abs=0.005)


def test_table_mode_without_a_cited_vial_size_uses_the_stated_step():
    state = propose_dose(MODEL, _inputs(per_day=TABLE), WINDOW, replace(THYMO, vials=()), n=300)
    assert state.candidates and "steps of 0.25 mg/kg" in state.text
    for c in state.candidates:
        assert all(m / 0.25 == pytest.approx(round(m / 0.25)) and m > 0 for _d, m, _h in c.inputs.per_day)


def test_table_mode_never_beyond_a_hard_limit():
    capped = replace(THYMO, limits=(*THYMO.limits, replace(
        next(lim for lim in THYMO.limits if lim.quantity == "dose_per_day"), level="hard", value=Decimal(2))))
    state = propose_dose(MODEL, _inputs(per_day=TABLE), WINDOW, capped, n=300)
    assert state.candidates
    assert all(m <= 2.0 for c in state.candidates for _d, m, _h in c.inputs.per_day)


def test_a_table_day_that_cannot_be_whole_vials_is_said_not_invented():
    """0.05 mg/kg beside 5 mg/kg: at every scale within the limits that day stays below half a vial, so no
    proposal (rounding it to 0 would drop a day; to 1 vial would invent a dose)."""
    inputs = _inputs(per_day=((-3.0, 0.05, 6.0), (-2.0, 5.0, 4.0)))
    state = propose_dose(MODEL, inputs, WINDOW, THYMO, n=100)
    assert state.candidates == ()
    assert "day -3" in state.text and "half a 25 mg vial" in state.text and "no dose is proposed" in state.text
    zero = propose_dose(MODEL, _inputs(per_day=((-3.0, 0.0, 6.0), (-2.0, 0.0, 4.0))), WINDOW, THYMO, n=100)
    assert zero.candidates == () and "nothing to scale" in zero.text


def test_a_proposal_belongs_to_the_inputs_it_was_asked_for(presenter):
    """Its candidates carry the inputs of the moment it was asked for (weight, count, days, target): any change of
    the inputs or the model afterwards makes it outdated, so the screen cannot apply it and put the old values
    back; applying or dismissing it ends it, and a search still running when it ends is ignored."""
    assert not presenter.proposal_outdated()  # nothing asked for
    first = presenter.start_proposal()
    assert presenter.is_current("proposal", first) and not presenter.proposal_outdated()
    presenter.inputs = presenter.inputs.with_(weight_kg=presenter.inputs.weight_kg + 1)
    assert presenter.proposal_outdated()
    presenter.drop_proposal()
    assert not presenter.proposal_outdated() and not presenter.is_current("proposal", first)
    assert presenter.proposal is None and presenter.chosen_candidate is None
    second = presenter.start_proposal()
    presenter.inputs = presenter.inputs.with_(target_id="admiraal2017-adult-ud-nma")
    assert presenter.proposal_outdated()
    presenter.start_proposal()  # asked again for the new inputs
    assert not presenter.proposal_outdated() and not presenter.is_current("proposal", second)
    presenter.model = replace(presenter.model, id="another-model")  # the model alone changed
    assert presenter.proposal_outdated()
