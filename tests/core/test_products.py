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


LABEL_FACTS = ROOT / "data" / "sources" / "label-facts.md"  # kept in the repository (data/sources/README.md)


def test_every_label_limit_is_quoted_from_the_label_facts():
    """Limits come only from label-facts.md: each quote (every ' / '-separated part) and address is in it."""
    import re
    facts = LABEL_FACTS.read_text(encoding="utf-8") if LABEL_FACTS.is_file() else None
    for p in PRODUCTS.values():
        assert p.limits, p.key
        for lim in p.limits:
            assert lim.quote and lim.address.startswith("http") and lim.why
            if facts is not None:
                for part in lim.quote.split(" / "):
                    assert part.strip() in facts, (p.key, lim.quantity, part)
                assert lim.address in facts, (p.key, lim.address)
            numbers = re.findall(r"\d+(?:\.\d+)?", lim.quote + " " + lim.why)
            assert str(lim.value) in numbers, (p.key, lim.quantity, lim.value)


def test_limits_soft_warns_hard_refuses_per_product():
    from atgdesk.core.products import check_limits, missing_limits
    thymo, graf, atgam = (PRODUCTS[k] for k in ("rabbit-thymoglobulin", "rabbit-atg-fresenius", "horse-atgam"))
    # the labelled HSCT regimen is clean
    assert check_limits(thymo, parse_dose_schedule("2.5mg/kg@-4..-2/6h,4h,4h"), 70) == ([], [])
    # 35 mg/kg a day (a mistyped 3,5): amber for every day and for the cumulative dose; no label gives a maximum
    soft, hard = check_limits(thymo, parse_dose_schedule("35mg/kg@-3,-2/6h,4h"), 70)
    assert hard == [] and len(soft) == 2  # the same dose on two days is one finding naming both days
    assert "dose per day 35 mg/kg/day on days -3, -2 is above 5 mg/kg/day" in soft[0].text
    assert soft[0].days == (-3.0, -2.0)
    assert "trial.medpath.com" in soft[0].text and "cumulative dose 70 mg/kg" in soft[1].text
    assert "no labelled maximum dose per day" in missing_limits(thymo)
    # first infusion under the labelled 6 h minimum is refused, naming the limit and its source
    soft, hard = check_limits(thymo, parse_dose_schedule("2.5mg/kg@-3,-2/4h,4h"), 70)
    assert len(hard) == 1 and hard[0].text.startswith("Refused: first infusion time 4 h on day -3 is below 6 h")
    assert "US-PI (US)" in hard[0].text
    # a dose given in mg counts per kg of dosing weight; two infusions on one day add up
    soft, _ = check_limits(graf, parse_dose_schedule("1000mg@-3/6h;600mg@-2.5/6h"), 70)
    assert any("22.857 mg/kg/day" in f.text for f in soft)
    # ATGAM: above 20 amber, above 40 a day refused (and then not reported twice)
    soft, hard = check_limits(atgam, parse_dose_schedule("30mg/kg@-3/6h"), 70)
    assert [f.limit.level for f in soft] == ["soft"] and hard == []
    soft, hard = check_limits(atgam, parse_dose_schedule("45mg/kg@-3/6h"), 70)
    assert len(hard) == 1 and not any(f.limit.quantity == "dose_per_day" for f in soft)
    soft, hard = check_limits(atgam, parse_dose_schedule("10mg/kg@-3/3h"), 70)
    assert hard and "4 h" in hard[0].text


def test_limit_file_errors_name_the_field():
    base = {"key": "k", "name": "n", "species": "s", "manufacturer": "m"}
    lim = {"quantity": "dose_per_day", "level": "soft", "bound": "max", "value": "5", "why": "w", "quote": "q",
           "address": "http://x", "source_type": "SmPC", "country": "X"}
    for change, field in (({"quantity": "dose"}, "quantity"), ({"level": "warn"}, "level"),
                          ({"bound": "up"}, "bound"), ({"value": "-1"}, "value")):
        with pytest.raises(ProductFileError, match=rf"limits\[0\]\.{field}"):
            parse_products({"schema_version": 1, "products": [{**base, "limits": [{**lim, **change}]}]}, "p.toml")
    with pytest.raises(ProductFileError, match="two soft max"):
        parse_products({"schema_version": 1, "products": [{**base, "limits": [lim, lim]}]}, "p.toml")
