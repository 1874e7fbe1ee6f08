from decimal import Decimal
from fractions import Fraction

import pytest
from pk_testmodels import ROOT

from atgdesk.core.products import ProductFileError, dose_table, format_mg, load_products, parse_products
from atgdesk.core.regimen import parse_dose_schedule

PRODUCTS = load_products(ROOT / "data" / "products.toml")


def test_three_products_every_fact_cited():
    assert set(PRODUCTS) == {"rabbit-thymoglobulin", "rabbit-atg-fresenius", "horse-atgam"}
    for p in PRODUCTS.values():
        for f in p.facts + p.vials:
            assert f.quote and f.address.startswith("http") and f.source_type in ("US-PI", "SmPC", "2nd")
            assert f.country


def test_thymoglobulin_2_5_mg_per_kg_at_73_4_kg_is_exact():
    sched = parse_dose_schedule("2.5mg/kg@-4..-1/6h,4h,4h,4h")
    t = dose_table(PRODUCTS["rabbit-thymoglobulin"], sched, "73.4")
    assert [r.dose_mg for r in t.rows] == [Decimal("183.5")] * 4
    assert str(t.rows[0].dose_mg) == "183.5"
    assert t.rows[0].vials_exact == Fraction(367, 50) and t.rows[0].vials_whole == 8
    assert t.rows[0].volume_ml == Fraction(367, 10)            # at 5 mg/mL
    assert [str(r.cumulative_mg) for r in t.rows] == ["183.5", "367", "550.5", "734"]
    assert str(t.total_mg_per_kg) == "10" and t.total_vials_whole == 32


def test_vials_only_for_cited_sizes_and_products_not_converted():
    g = PRODUCTS["rabbit-atg-fresenius"]
    t = dose_table(g, parse_dose_schedule("20mg/kg@-3..-1/8h"), 70, vial_id="vial-100mg")
    assert t.rows[0].dose_mg == Decimal(1400) and t.rows[0].vials_whole == 14
    assert t.rows[0].volume_ml == Fraction(70)                  # 1400 mg at 20 mg/mL
    with pytest.raises(ValueError, match="vial"):
        dose_table(g, parse_dose_schedule("1mg/kg@-1/4h"), 70, vial_id="vial-25mg")
    a = PRODUCTS["horse-atgam"]
    ta = dose_table(a, parse_dose_schedule("15mg/kg@1/4h"), 70)
    assert ta.vial.mg == Decimal(250) and ta.rows[0].vials_exact == Fraction(1050, 250)


def test_dose_table_rejects_bad_weight_and_format_mg_is_tidy():
    with pytest.raises(ValueError, match="dosing_weight_kg"):
        dose_table(PRODUCTS["horse-atgam"], parse_dose_schedule("1mg/kg@1/4h"), "-3")
    assert format_mg(Decimal("10.00")) == "10"
    assert format_mg(Fraction(1, 3)) == "0.33"
    assert format_mg(Decimal("2.345")) == "2.35"


def test_products_file_errors_name_the_field():
    with pytest.raises(ProductFileError, match="products\\[0\\].facts\\[0\\].source_type"):
        parse_products({"schema_version": 1, "products": [{
            "key": "x", "name": "X", "species": "rabbit", "manufacturer": "M",
            "facts": [{"id": "a", "label": "A", "value": "1", "unit": "", "quote": "q", "address": "http://x",
                       "source_type": "blog", "country": "US"}]}]}, "p.toml")
    with pytest.raises(ProductFileError, match="vials\\[0\\].mg"):
        parse_products({"schema_version": 1, "products": [{
            "key": "x", "name": "X", "species": "rabbit", "manufacturer": "M",
            "vials": [{"id": "v", "mg": "0", "form": "f", "quote": "q", "address": "a", "source_type": "2nd",
                       "country": "US"}]}]}, "p.toml")
