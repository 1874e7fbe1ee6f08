"""The calculator presenter without Qt: one catalogue, the rules in order (limits, product, prediction,
verdict), an immutable state the screen and the dosing note render, and job generations."""

import dataclasses
from pathlib import Path

import pytest

from atgdesk.present.calculator import CalculatorState
from atgdesk.present.catalogue import load_catalogue

ROOT = Path(__file__).resolve().parents[2]


def test_state_is_immutable_and_says_everything_in_words(presenter):
    state = presenter.recompute("Actual body weight")
    assert isinstance(state, CalculatorState) and state.error == ""
    with pytest.raises(dataclasses.FrozenInstanceError):
        state.error = "x"  # type: ignore[misc]
    assert state.metric("auc_post").endswith("AU·day/mL") and "e+" not in state.metric("auc_post")
    assert state.dose.headers[-1] == "Label check" and state.dose.dosing_weight_text.startswith("Dosing weight: 70")
    assert state.dose.limits_text.startswith("Label limits for Thymoglobulin")
    assert "Illustrative" in state.banner
    # no setting chosen: no verdict
    assert state.verdict.kind == "none" and "setting" in state.verdict.text


def test_setting_then_target_gives_the_verdict(presenter):
    harmful = presenter.catalogue.target("lakkaraja2022-cd34-harmful")
    presenter.inputs = presenter.inputs.with_(setting=harmful.setting, target_id=harmful.id, dose_mg_per_kg=8.0)
    state = presenter.recompute()
    assert state.verdict.role == "danger" and state.verdict.headline == "IN HARMFUL RANGE"
    assert presenter.window() == (55.0, float("inf"))
    assert presenter.target_text()[0].startswith("post-HCT AUC ≥ 55 harmful")


def test_rules_in_order_limits_then_product_then_prediction(presenter):
    presenter.inputs = presenter.inputs.with_(first_infusion_h=2.0)
    state = presenter.recompute()
    assert presenter.result is None and state.error.startswith("Refused (label limit): first infusion time 2 h")
    assert state.verdict.kind == "refused"
    presenter.inputs = presenter.inputs.with_(first_infusion_h=6.0, product_id="horse-atgam")
    state = presenter.recompute()
    assert presenter.result is None and "never converted" in state.error
    presenter.inputs = presenter.inputs.with_(product_id="rabbit-thymoglobulin", dose_mg_per_kg=6.0)
    state = presenter.recompute()
    assert presenter.result is not None and any(w.startswith("Beyond the label") for w in state.warnings)


def test_job_generations_drop_stale_results(presenter):
    first = presenter.next_generation("band")
    second = presenter.next_generation("band")
    assert not presenter.is_current("band", first) and presenter.is_current("band", second)
    assert presenter.next_generation("map") == 1  # kinds are independent


def test_one_catalogue_with_user_models(tmp_path):
    import re
    text = (ROOT / "data" / "models" / "illustrative-rabbit-atg-active.toml").read_text(encoding="utf-8")
    (tmp_path / "copy.toml").write_text(re.sub(r'(?m)^id = "[^"]+"', 'id = "copy"', text, count=1),
                                        encoding="utf-8")
    (tmp_path / "same-id.toml").write_text(text, encoding="utf-8")
    cat = load_catalogue([ROOT / "data" / "models", tmp_path], ROOT / "data")
    assert [m.id for m in cat.models] == ["illustrative-rabbit-atg-active", "copy"]
    assert any("already used" in e for e in cat.errors)  # a user file reusing a bundled id is reported
    assert cat.product_name("rabbit-atg-fresenius").startswith("Grafalon") and cat.targets


def test_pinned_rows_carry_the_verdict_of_the_chosen_target(presenter):
    from types import SimpleNamespace

    from atgdesk.core import scenario as sc
    window = presenter.catalogue.target("admiraal2017-adult-ud-nma")
    presenter.inputs = presenter.inputs.with_(setting=window.setting, target_id=window.id)
    for dose in (1.0, 3.0):
        inputs = presenter.inputs.with_(dose_mg_per_kg=dose)
        presenter.pins.append(SimpleNamespace(name=f"{dose} mg/kg", inputs=inputs,
                                              result=sc.evaluate(presenter.model, inputs)))
    headers, rows = presenter.scenario_rows()
    col = headers.index("Verdict (typical patient)")
    assert rows[0][col] == "BELOW TARGET WINDOW (too low)"
    assert rows[0][1].startswith("1 mg/kg × 3 d from day -4")


def test_population_plan_runs_for_a_target_or_the_band(presenter):
    presenter.recompute()
    assert not presenter.population_plan(False, 1000).run  # no target, no band: nothing to compute
    assert presenter.population_plan(True, 1000).run
    window = presenter.catalogue.target("admiraal2017-adult-ud-nma")
    presenter.inputs = presenter.inputs.with_(setting=window.setting, target_id=window.id)
    presenter.recompute()
    plan = presenter.population_plan(False, 1000)
    assert plan.run and plan.target is window and plan.probability.endswith("computing…")
    weights, alcs = presenter.map_grid()
    assert weights.size == alcs.size == 41 and alcs[0] == 0.0


def test_domain_ranges_in_the_unit_the_field_shows(presenter):
    from atgdesk.core import scenario as sc
    ranges = presenter.domain_ranges()
    (hard_lo, hard_hi), _slider, (soft_lo, soft_hi), name = ranges["alc"]
    assert hard_lo <= soft_lo < soft_hi <= hard_hi and name == presenter.model.name
    presenter.inputs = presenter.inputs.with_(alc_unit=sc.ALC_PER_UL)
    per_ul = presenter.domain_ranges()["alc"]
    assert per_ul[0] == (hard_lo * 1000, hard_hi * 1000) and per_ul[2] == (soft_lo * 1000, soft_hi * 1000)
    assert ranges["weight"][0][0] < ranges["weight"][2][0]


def test_field_table_mnemonics():
    from atgdesk.present.calculator import INPUT_FIELDS
    dose = next(f for f in INPUT_FIELDS if f.key == "dose_mg_per_kg")
    assert dose.label_with_mnemonic(dose.label) == "&Dose per day"
    weight = next(f for f in INPUT_FIELDS if f.key == "weight_kg")
    assert weight.label_with_mnemonic("A & B") == "A && B"  # a literal & is not a mnemonic
    assert len({f.attr for f in INPUT_FIELDS}) == len(INPUT_FIELDS)
