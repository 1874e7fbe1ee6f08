"""The metric values and the dose totals can be selected with the mouse, but lay out as plain labels (cheap on
every slider step) while the pointer is elsewhere."""

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QEnterEvent
from PySide6.QtWidgets import QApplication

from atgdesk.ui.calc_panels import DoseTablePanel, MetricsPanel

SELECTABLE = Qt.TextInteractionFlag.TextSelectableByMouse
PLAIN = Qt.TextInteractionFlag.NoTextInteraction


def _enter(widget) -> None:
    QApplication.sendEvent(widget, QEnterEvent(QPointF(2, 2), QPointF(2, 2), QPointF(2, 2)))


def _leave(widget) -> None:
    QApplication.sendEvent(widget, QEvent(QEvent.Type.Leave))


def _labels(qtbot):
    metrics, dose = MetricsPanel(), DoseTablePanel()
    for w in (metrics, dose):
        qtbot.addWidget(w)
        w.show()
    metrics.set_values({"auc_pre": "35.4 AU·day/mL", "auc_post": "67.4 AU·day/mL"})
    dose.set_content(["Day", "mg"], [["-4", "175"]], ["cumulative 175 mg"])
    return (metrics, dose), [metrics._values["auc_pre"], metrics._values["auc_post"], dose.summary]


def test_selectable_while_the_pointer_is_over_the_label(qtbot):
    _panels, labels = _labels(qtbot)  # the panels are kept alive while their labels are used
    for label in labels:
        assert label.textInteractionFlags() == PLAIN
        _enter(label)
        assert label.textInteractionFlags() == SELECTABLE
        _leave(label)
        assert label.textInteractionFlags() == PLAIN


def test_a_selection_stays_when_the_pointer_leaves(qtbot):
    _panels, labels = _labels(qtbot)
    label = labels[0]
    _enter(label)
    label.setSelection(0, 4)
    _leave(label)
    assert label.textInteractionFlags() == SELECTABLE
    assert label.selectedText() == "35.4"
