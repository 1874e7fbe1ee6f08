"""Every public signal of every screen is connected in the assembled app (issue 12: the calculator's
status_message and study link were declared, emitted, and reached nobody)."""

from __future__ import annotations

from PySide6.QtCore import QMetaMethod, Signal
from PySide6.QtWidgets import QWidget

from atgdesk import app

# Signals that exist for tests, benchmarks or an optional caller and that the app itself has no use for.  Each
# needs its reason; a new unconnected signal fails the test until it is connected or listed here.
NOT_FOR_THE_APP: dict[tuple[str, str], str] = {
    ("ExposurePlot", "hovered"): "the plot draws its own read-out; the signal reports the text to tests",
    ("LevelsPanel", "analysed"): "the panel shows its own results; tests wait on it",
    ("MainWindow", "welcome_requested"): "the window shows the welcome itself; no listener needs it (yet)",
}


def _own_signals(obj) -> list[str]:
    """Names of the signals declared in atgdesk.ui classes of ``obj``'s class hierarchy."""
    names: list[str] = []
    for cls in type(obj).__mro__:
        if not cls.__module__.startswith("atgdesk.ui"):
            continue
        for name, value in vars(cls).items():
            if isinstance(value, Signal) and not name.startswith("_") and name not in names:
                names.append(name)
    return names


def _meta_method(obj, name: str) -> QMetaMethod:
    mo = obj.metaObject()
    for i in range(mo.methodCount()):
        m = mo.method(i)
        if m.methodType() == QMetaMethod.MethodType.Signal and bytes(m.name()).decode() == name:
            return m
    raise AssertionError(f"{type(obj).__name__}.{name} is not in the meta-object")


def unconnected_signals(window) -> list[str]:
    """'Class.signal' for every public signal of the window and its screens and panels that nobody listens to."""
    out: set[str] = set()
    for obj in [window, *window.findChildren(QWidget)]:
        if not type(obj).__module__.startswith("atgdesk.ui"):
            continue
        for name in _own_signals(obj):
            key = (type(obj).__name__, name)
            if key not in NOT_FOR_THE_APP and not obj.isSignalConnected(_meta_method(obj, name)):
                out.add(f"{key[0]}.{name}")  # any one instance nobody listens to counts
    return sorted(out)


def test_every_public_signal_of_every_screen_is_connected(qtbot, app_env):
    ctx = app.build()
    qtbot.addWidget(ctx.window)
    ctx.window.calculator_view.levels_panel  # noqa: B018 - built on first use; its signals count too
    assert _own_signals(ctx.window.calculator_view) == ["study_link_activated", "status_message"]
    assert unconnected_signals(ctx.window) == []


def test_the_enumeration_finds_an_unconnected_signal(qtbot):
    """The check itself can fail: a screen with a signal nobody connected is reported."""
    from atgdesk.ui.calc_panels import WrapAwareWidget

    class Screen(WrapAwareWidget):
        orphan = Signal(str)

    Screen.__module__ = "atgdesk.ui.fake"
    w = QWidget()
    qtbot.addWidget(w)
    Screen(w)
    assert unconnected_signals(w) == ["Screen.orphan"]
