"""The measured-levels tab against the target (issue 12 item 7): one labelled post-HCT exposure (measured +
forecast) judged by the calculator's verdict rule, the other figures explained, readable units, sample times as
day and clock time relative to HCT."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt

from atgdesk import paths
from atgdesk.core.regimen import regimen_from_mg_per_kg
from atgdesk.core.targets import find_target, load_targets
from atgdesk.ui.levels_panel import WHEN_COLUMN, LevelsContext, LevelsPanel

ROWS = [("-2.5", "5.1", "AU/mL"), ("-1", "9.8", "AU/mL"), ("1", "8.0", "AU/mL"), ("4", "5.4", "AU/mL"),
        ("7", "3.6", "AU/mL"), ("10", "2.4", "AU/mL")]
TARGETS = load_targets(paths.data_dir() / "targets.toml")
REGIMEN = regimen_from_mg_per_kg(2.5, 70.0, [-4.0, -3.0, -2.0], [6.0, 4.0, 4.0])


def _panel(qtbot, target_id: str | None, regimen=REGIMEN, rows=ROWS) -> LevelsPanel:
    panel = LevelsPanel()
    qtbot.addWidget(panel)
    target = find_target(TARGETS, target_id) if target_id else None
    panel.set_context(LevelsContext(regimen=regimen, horizon_day=100.0, threshold=1.0, target=target))
    panel.set_rows(rows)
    return panel


def _exposure(panel) -> float:
    head = panel.result_text().splitlines()[0]
    assert head.startswith("Post-HCT exposure (AUC after day 0, to day 100): ")
    return float(head.split(": ")[1].split()[0])


def test_one_labelled_post_hct_exposure_is_measured_plus_forecast(qtbot):
    panel = _panel(qtbot, "admiraal2017-adult-ud-nma")
    text = panel.result_text()
    lines = text.splitlines()
    measured = float(lines[1].split(": ")[1].split()[0])
    forecast = float(lines[2].split(": ")[1].split()[0])
    assert "measured day 0 to 10 (non-compartmental)" in lines[1]
    assert "forecast by the fit" in lines[2]
    assert _exposure(panel) == pytest.approx(measured + forecast, abs=0.11)  # figures printed to 3 digits
    # the other figures are there, each said in words not to be compared with the target
    assert "The other figures:" in text
    assert "Measured AUC before day 0" in text and "the targets count only the post-HCT AUC" in text
    assert "not to be compared with a target" in text
    assert "a cross-check only" in text


def test_aim_window_verdict_names_the_patient_and_the_window(qtbot):
    panel = _panel(qtbot, "admiraal2017-adult-ud-nma")
    value = _exposure(panel)
    verdict = panel.verdict_text()
    assert verdict.startswith("This patient (measured + forecast): ")
    assert "60–95 AU·day/mL" in verdict
    inside = 60.0 <= value <= 95.0
    assert ("WITHIN TARGET WINDOW" in verdict) == inside
    assert panel.verdict_role() == ("ok" if inside else "caution")


def test_harmful_band_is_never_read_as_within_or_green(qtbot):
    panel = _panel(qtbot, "lakkaraja2022-cd34-harmful")
    value = _exposure(panel)
    assert value >= 55.0  # these levels lie inside the harmful band (≥ 55 AU·day/mL)
    assert "IN HARMFUL RANGE" in panel.verdict_text()
    assert "WITHIN" not in panel.verdict_text()
    assert panel.verdict_role() == "danger"
    # and no dose is aimed at a harmful band
    assert "proposed only towards an aim window" in panel.result_text()


def test_targets_that_cannot_be_compared_say_why_in_words(qtbot):
    panel = _panel(qtbot, "jtct2022-haplo-total-ue")
    assert panel.verdict_text().startswith("Not compared")
    assert panel.verdict_role() == ""
    au = dataclasses.replace(find_target(TARGETS, "admiraal2017-adult-ud-nma"), unit="UE·day/mL")
    panel.set_context(LevelsContext(regimen=REGIMEN, target=au))
    panel.analyse()
    assert "different assays are never compared" in panel.verdict_text()
    panel.set_context(LevelsContext(regimen=REGIMEN, target=None))
    panel.analyse()
    assert "choose a setting and a target" in panel.verdict_text()


def test_units_are_readable_and_no_parameter_names_leak(qtbot):
    panel = _panel(qtbot, "admiraal2017-adult-ud-nma")
    text = panel.result_text()
    assert "mg/day per AU/mL" in text and "mg per AU/mL" in text
    assert "mg/(AU/mL)" not in text
    assert "after_day" not in text and "e+0" not in text


def test_no_remaining_dose_left_is_said_in_words_not_after_day(qtbot):
    panel = _panel(qtbot, "admiraal2017-adult-ud-nma")
    assert "no dose of the regimen starts after the last level (day 10)" in panel.result_text()
    later = regimen_from_mg_per_kg(2.5, 70.0, [-4.0, -3.0, -2.0, 12.0], [6.0, 4.0, 4.0, 4.0])
    panel.set_context(LevelsContext(regimen=later, target=find_target(TARGETS, "admiraal2017-adult-ud-nma")))
    panel.analyse()
    proposal = [line for line in panel.result_text().splitlines() if "Remaining-dose proposal" in line]
    assert proposal and "day +12, 00:00:" in proposal[0] and "after_day" not in proposal[0]


def test_sample_times_show_day_and_clock_time_relative_to_hct(qtbot):
    panel = _panel(qtbot, None, rows=[("-2.75", "5.1", "AU/mL"), ("0.5", "9.8", "AU/mL"), ("3,25", "4", "")])
    when = [panel.table.item(r, WHEN_COLUMN).text() for r in range(3)]
    assert when == ["day −3, 06:00", "day 0, 12:00", "day +3, 06:00"]
    assert not panel.table.item(0, WHEN_COLUMN).flags() & Qt.ItemFlag.ItemIsEditable
    assert "day −3, 06:00 to day +3, 06:00" in panel.result_text()


def test_without_a_forecast_the_extrapolation_is_named(qtbot):
    panel = _panel(qtbot, "admiraal2017-adult-ud-nma", regimen=None)
    lines = panel.result_text().splitlines()
    assert "extrapolated from the last level with the terminal half-life" in lines[2]
    assert "later doses are not counted" in lines[2]


def test_verdict_colour_is_the_palette_role_colour(qtbot):
    from atgdesk.ui import theme
    panel = _panel(qtbot, "lakkaraja2022-cd34-harmful")
    assert theme.current().verdict("danger").lower() in panel.verdict.styleSheet().lower()
    panel.set_context(LevelsContext(regimen=REGIMEN, target=None))
    panel.analyse()
    assert panel.verdict.styleSheet() == ""  # nothing judged: no verdict colour
