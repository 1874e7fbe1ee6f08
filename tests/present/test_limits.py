"""Label limits as the presenter states them: per product, soft → amber words, hard → refused, and what no
label gives said in words (never an invented number)."""

from pathlib import Path

from atgdesk.core import scenario as sc
from atgdesk.core.products import load_products
from atgdesk.present.calculator import LimitsState, limits_state

ROOT = Path(__file__).resolve().parents[2]
PRODUCTS = load_products(ROOT / "data" / "products.toml")


def _state(product, **inputs):
    i = sc.ScenarioInputs(**inputs)
    return limits_state(PRODUCTS.get(product), sc.dose_schedule(i), sc.dosing_weight(i))


def test_each_product_states_its_limits_and_what_no_label_gives():
    for key, product in PRODUCTS.items():
        state = _state(key, dose_mg_per_kg=0.5, n_days=1, first_infusion_h=6.0)
        assert len(state.checked) == len(product.limits)
        assert state.limits_text(product.name).startswith(f"Label limits for {product.name}: ")
        assert state.table_note() == ""
    thymo = _state("rabbit-thymoglobulin", dose_mg_per_kg=2.5)
    assert not thymo.refused and not thymo.soft
    assert "no labelled maximum dose per day" in thymo.missing


def test_soft_flags_the_rows_and_hard_refuses():
    state = _state("rabbit-thymoglobulin", dose_mg_per_kg=6.0, n_days=2, first_day=-3)
    assert not state.refused and len(state.soft) == 1  # one finding naming both days
    assert state.row_flag(-3.0) == "beyond label" and state.row_flag(-2.0) == "beyond label"
    assert state.soft[0].startswith("Beyond the label: dose per day 6") and state.table_note().startswith("⚠")
    state = _state("rabbit-thymoglobulin", dose_mg_per_kg=2.5, n_days=2, first_day=-3, first_infusion_h=2.0)
    assert state.refused and state.row_flag(-3.0) == "REFUSED" and state.row_flag(-2.0) == ""
    assert "labelled minimum infusion time of the first dose" in state.hard[0]
    assert state.table_note().startswith("⛔ Refused")
    state = _state("horse-atgam", dose_mg_per_kg=45.0, n_days=1)
    assert state.refused and "40 mg/kg/day" in state.hard[0] and "troppi.fi" in state.hard[0]


def test_no_product_means_nothing_checked_and_said_so():
    state = _state("no-such-product", dose_mg_per_kg=100.0)
    assert state == LimitsState(missing=("no product facts, so no label limits",))
