"""What the calculator's plot shows, without Qt: the engine's curve as read-only views (no copy), the threshold
line and its label, the pinned curves, and the model's banner and titles; nothing drawn without a prediction."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from atgdesk.core import scenario as sc
from atgdesk.present.catalogue import load_catalogue
from atgdesk.present.plot_state import map_texts, model_texts, plot_state
from atgdesk.present.scenarios import ScenarioBook

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def model():
    return load_catalogue([ROOT / "data" / "models"], ROOT / "data").model("illustrative-rabbit-atg-active")


def test_the_curve_is_the_engines_and_cannot_be_changed(model):
    result = sc.evaluate(model, sc.ScenarioInputs(model_id=model.id))
    book = ScenarioBook()
    book.pin(result.inputs, sc.evaluate(model, sc.ScenarioInputs(model_id=model.id, dose_mg_per_kg=4.0)))
    state = plot_state(model, result, book.pins)
    assert np.shares_memory(state.curve.t_day, result.t_day) and np.array_equal(state.curve.conc, result.conc)
    with pytest.raises(ValueError):
        state.curve.conc[0] = 1.0  # read-only
    assert state.threshold == result.metrics.threshold == 1.0 and state.threshold_label == "1 AU/mL"
    assert [c.name for c in state.overlays] == ["Scenario 1"]
    assert state.overlays[0].conc.max() > state.curve.conc.max()  # the 4 mg/kg pin peaks higher


def test_no_prediction_draws_no_curve_but_keeps_the_pins(model):
    book = ScenarioBook()
    book.pin(sc.ScenarioInputs(model_id=model.id), sc.evaluate(model, sc.ScenarioInputs(model_id=model.id)))
    state = plot_state(model, None, book.pins)
    assert state.curve is None and state.threshold is None and len(state.overlays) == 1


def test_model_words_for_the_banner_and_the_plot_titles(model):
    texts = model_texts(model)
    assert texts.banner.startswith(model.label) and texts.banner.endswith(f"Model: {model.name} [ILLUSTRATIVE].")
    assert texts.title == "ILLUSTRATIVE model — not for dosing decisions" and texts.status == "illustrative"
    assert texts.export_title == f"{model.name} — ILLUSTRATIVE\n{model.label}"
    none = model_texts(None, ["models/x.toml: bad schema"])
    assert none.banner == "No PK model could be loaded: dose arithmetic only. models/x.toml: bad schema"


def test_exposure_map_title_names_the_model_and_its_status(model):
    title, note = map_texts(model, True)
    assert f"{model.name} [ILLUSTRATIVE]" in title and title.startswith("Predicted post-HCT AUC (AU·day/mL)")
    assert "upper bound of the target window" in note
    assert map_texts(model, False)[1].startswith("Choose a target window")


def test_the_presenter_state_carries_the_plot_and_follows_the_pins():
    from atgdesk.present.calculator import CalculatorPresenter
    p = CalculatorPresenter(load_catalogue([ROOT / "data" / "models"], ROOT / "data"))
    p.select_model("illustrative-rabbit-atg-active")
    state = p.recompute()
    assert np.shares_memory(state.plot.curve.conc, p.result.conc) and state.plot.threshold_label == "1 AU/mL"
    assert state.plot.model.banner.endswith("[ILLUSTRATIVE].") and state.plot.overlays == ()
    book = ScenarioBook(p.pins)
    book.pin(p.inputs, p.result)
    assert [c.name for c in p.pins_changed().plot.overlays] == ["Scenario 1"]
    assert p.state.verdict == state.verdict and p.state.dose == state.dose  # nothing else changed
    p.inputs = p.inputs.with_(first_infusion_h=2.0)  # refused by a hard label limit
    refused = p.recompute()
    assert refused.plot.curve is None and refused.plot.threshold is None and len(refused.plot.overlays) == 1


def test_product_chooser_lists_the_label_products_then_model_only_products():
    from dataclasses import replace

    from atgdesk.present.calculator import CalculatorPresenter
    cat = load_catalogue([ROOT / "data" / "models"], ROOT / "data")
    options = CalculatorPresenter(cat).product_options()
    assert [k for _, k in options] == list(cat.products)  # every bundled model's product has label facts
    odd = replace(cat.models[0], product="some-new-atg")
    with_odd = CalculatorPresenter(replace(cat, models=(*cat.models, odd, odd))).product_options()
    assert [k for _, k in with_odd] == [*cat.products, "some-new-atg"]  # offered once, after the label products
