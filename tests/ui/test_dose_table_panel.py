"""The dose table fits only the columns whose text changed, widens at once, narrows once still, and ends with the
widths a full fit gives."""

from atgdesk.ui.calc_panels import DoseTablePanel

HEADERS = ["Day", "mg", "Cumulative mg", "Vials (25 mg)", "Label check"]
ROWS = [["-4", "175", "175", "7 (7.00)", ""], ["-3", "175", "350", "7 (7.00)", ""]]


def _widths(panel: DoseTablePanel) -> list[int]:
    header = panel.table.horizontalHeader()
    return [header.sectionSize(c) for c in range(panel.table.columnCount())]


def _full_fit(panel: DoseTablePanel) -> list[int]:
    header = panel.table.horizontalHeader()
    return [max(header.sectionSizeHint(c), panel.table.sizeHintForColumn(c))
            for c in range(panel.table.columnCount())]


def test_changed_columns_grow_and_shrink_to_the_full_fit(qtbot):
    panel = DoseTablePanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.set_content(HEADERS, ROWS, ["total"])
    assert _widths(panel) == _full_fit(panel)
    wide = [["-4", "176.254444444", "176.25", "8 (7.05)", "beyond label"], ["-3", "1", "352.5", "8 (7.05)", ""]]
    panel.set_content(HEADERS, wide, ["total"])
    assert _widths(panel) == _full_fit(panel)
    wide_widths = _widths(panel)
    panel.set_content(HEADERS, ROWS, ["total"])  # narrower again: the columns shrink back once still
    assert _widths(panel) == wide_widths  # not while the values are still changing (no relayout per step)
    qtbot.waitUntil(lambda: _widths(panel) == _full_fit(panel), timeout=2000)
    assert _widths(panel) != wide_widths
    fresh = DoseTablePanel()
    qtbot.addWidget(fresh)
    fresh.show()
    fresh.set_content(HEADERS, ROWS, ["total"])
    assert _widths(panel) == _widths(fresh)


def test_only_changed_columns_are_measured(qtbot, monkeypatch):
    panel = DoseTablePanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.set_content(HEADERS, ROWS, ["total"])
    measured: list[int] = []
    original = panel.table.sizeHintForColumn
    monkeypatch.setattr(panel.table, "sizeHintForColumn", lambda c: measured.append(c) or original(c))
    panel.set_content(HEADERS, ROWS, ["total"])
    assert measured == []  # nothing changed: nothing measured
    step = [["-4", "176.25", "176.25", "8 (7.05)", ""], ["-3", "176.25", "352.5", "8 (7.05)", ""]]
    panel.set_content(HEADERS, step, ["total"])
    assert measured == [1, 2, 3]
    measured.clear()
    panel.set_content(HEADERS, step + [["-2", "176.25", "528.75", "8 (7.05)", ""]], ["total"])
    assert measured == [0, 1, 2, 3, 4]  # a row more: every column is fitted again


def test_only_flagged_cells_have_a_colour_of_their_own(qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor

    from atgdesk.ui import theme
    panel = DoseTablePanel()
    qtbot.addWidget(panel)
    role = Qt.ItemDataRole.ForegroundRole
    panel.set_content(HEADERS, ROWS, ["total"])
    assert panel.table.item(0, 4).data(role) is None and panel.table.item(0, 1).data(role) is None
    flagged = [["-4", "176.25", "176.25", "8 (7.05)", "beyond label"], ROWS[1]]
    panel.set_content(HEADERS, flagged, ["total"])
    assert panel.table.item(0, 4).data(role).color() == QColor(theme.current().verdict("caution"))
    assert panel.table.item(0, 1).data(role) is None  # changed, not flagged: the palette's colour
    panel.set_content(HEADERS, ROWS, ["total"])
    assert panel.table.item(0, 4).data(role) is None
