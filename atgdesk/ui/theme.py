"""Colours by role, chosen for the current palette (light or dark), with WCAG contrast checked.

Nothing in the UI names a fixed colour: widgets ask :func:`current` for a :class:`Theme` and use its roles
(verdict ok/caution/danger/neutral, warning, error, disclaimer, link, plot colours, pin series, badges).  Every text
role is at least :data:`MIN_CONTRAST` (4.5:1, WCAG 2 AA for normal text) against the palette's window and base
colours: the light and dark role sets are designed for that, and :func:`current` nudges a role darker or lighter when
a desktop palette is unusual.  ``tests/ui/test_theme.py`` computes the ratios for both palettes.

Pin (scenario) series use the Okabe–Ito colour-blind-safe set, without the hues the verdicts use, so a pinned curve
is never mistaken for a verdict colour.  :func:`bind` re-applies a widget's colours when the palette changes (a
system switch to dark mode, :func:`follow_system_scheme`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleFactory

MIN_CONTRAST = 4.5
#: Non-text graphics (plot lines against the plot background): WCAG 2.1 §1.4.11.
MIN_GRAPHIC_CONTRAST = 3.0

# Okabe & Ito (2008), "Color Universal Design": orange, sky blue, bluish green, yellow, blue, vermillion,
# reddish purple.  The current curve takes the blue; pins take the others except those close to a verdict hue.
OKABE_ITO = {
    "orange": "#E69F00", "sky_blue": "#56B4E9", "bluish_green": "#009E73", "yellow": "#F0E442",
    "blue": "#0072B2", "vermillion": "#D55E00", "reddish_purple": "#CC79A7",
}


@dataclass(frozen=True)
class Theme:
    """Colour roles as ``#rrggbb`` strings (``*_rgba`` roles: (r, g, b, alpha) tuples for fills)."""

    dark: bool
    background: str          # the palette's window colour the text roles were checked against
    base: str                # the palette's base colour (text fields, tables)
    text: str
    verdict_ok: str
    verdict_caution: str
    verdict_danger: str
    verdict_neutral: str
    warning: str
    error: str
    disclaimer: str
    link: str
    favourite: str           # the star of a favourite citation (a glyph: text contrast)
    badge_verified_fg: str
    badge_verified_bg: str
    badge_illustrative_fg: str
    badge_illustrative_bg: str
    badge_user_fg: str
    badge_user_bg: str
    badge_none_fg: str
    badge_none_bg: str
    notice_fg: str           # the illustrative-model banner and the dose-proposal bar
    notice_bg: str
    notice_border: str
    search_highlight_bg: str  # behind matched search terms (text drawn in ``text``)
    plot_background: str
    plot_foreground: str     # axis text, legend text, day-0 line
    plot_axis: str
    plot_grid: str
    plot_legend_bg_rgba: tuple[int, int, int, int]
    plot_curve: str
    plot_hover: str
    pre_fill_rgba: tuple[int, int, int, int]
    post_fill_rgba: tuple[int, int, int, int]
    band_fill_rgba: tuple[int, int, int, int]
    pins: tuple[str, ...]
    # Drawn on the exposure map's viridis image, not on the palette: the same in both themes (white and black
    # iso-lines read on every viridis shade; the magenta marker is outside viridis's hues).
    map_iso_low: str = "#ffffff"
    map_iso_high: str = "#000000"
    map_marker: str = "#ff00ff"

    def verdict(self, role: str) -> str:
        """Colour of a verdict role (ok / caution / danger / neutral; anything else is neutral)."""
        return {"ok": self.verdict_ok, "caution": self.verdict_caution, "danger": self.verdict_danger}.get(
            role, self.verdict_neutral)

    def badge(self, status: str) -> tuple[str, str]:
        """(text, background) of a model-status badge: verified / illustrative / user / anything else."""
        return {"verified": (self.badge_verified_fg, self.badge_verified_bg),
                "illustrative": (self.badge_illustrative_fg, self.badge_illustrative_bg),
                "user": (self.badge_user_fg, self.badge_user_bg)}.get(
            status, (self.badge_none_fg, self.badge_none_bg))

    def text_pairs(self) -> dict[str, tuple[str, str]]:
        """Every (text colour, background) pair the app draws, by name: what the contrast test measures."""
        pairs: dict[str, tuple[str, str]] = {}
        for role in ("text", "verdict_ok", "verdict_caution", "verdict_danger", "verdict_neutral", "warning",
                     "error", "disclaimer", "link", "favourite"):
            pairs[f"{role} on window"] = (getattr(self, role), self.background)
            pairs[f"{role} on base"] = (getattr(self, role), self.base)
        for status in ("verified", "illustrative", "user", "none"):
            pairs[f"badge {status}"] = (getattr(self, f"badge_{status}_fg"), getattr(self, f"badge_{status}_bg"))
        pairs["notice"] = (self.notice_fg, self.notice_bg)
        pairs["search highlight"] = (self.text, self.search_highlight_bg)
        pairs["plot text"] = (self.plot_foreground, self.plot_background)
        for status in ("verified", "illustrative", "user"):  # the model line above the plot
            pairs[f"badge {status} on plot"] = (getattr(self, f"badge_{status}_fg"), self.plot_background)
        for role in ("verdict_ok", "verdict_caution", "verdict_danger"):  # the threshold label in the plot
            pairs[f"{role} on plot"] = (getattr(self, role), self.plot_background)
        return pairs

    def graphic_pairs(self) -> dict[str, tuple[str, str]]:
        """Lines drawn on the plot against its background (3:1 for graphics)."""
        pairs = {"curve": (self.plot_curve, self.plot_background), "axis": (self.plot_axis, self.plot_background)}
        for i, pin in enumerate(self.pins, 1):
            pairs[f"pin {i}"] = (pin, self.plot_background)
        return pairs


LIGHT = Theme(
    dark=False, background="#efefef", base="#ffffff", text="#000000",
    verdict_ok="#1b6e20", verdict_caution="#8a4500", verdict_danger="#b00020", verdict_neutral="#505050",
    warning="#7a4f00", error="#b00020", disclaimer="#505050", link="#0b57a4", favourite="#8a5d00",
    badge_verified_fg="#1b6e20", badge_verified_bg="#e3f4e4",
    badge_illustrative_fg="#7a3d00", badge_illustrative_bg="#fdebd3",
    badge_user_fg="#5b2c83", badge_user_bg="#efe5f7",
    badge_none_fg="#404040", badge_none_bg="#eeeeee",
    notice_fg="#5c2e00", notice_bg="#fdebd3", notice_border="#b86e1e",
    search_highlight_bg="#ffe680",
    plot_background="#ffffff", plot_foreground="#222222", plot_axis="#444444", plot_grid="#cccccc",
    plot_legend_bg_rgba=(255, 255, 255, 215), plot_curve=OKABE_ITO["blue"], plot_hover="#888888",
    pre_fill_rgba=(230, 159, 0, 70), post_fill_rgba=(0, 114, 178, 45), band_fill_rgba=(0, 114, 178, 40),
    # On white the light Okabe–Ito hues (yellow, sky blue, orange) fall below 3:1: orange is darkened and the
    # set's black takes the fifth place.
    pins=("#D55E00", "#CC79A7", "#009E73", "#B07800", "#000000"),
)

DARK = Theme(
    dark=True, background="#353535", base="#2a2a2a", text="#ffffff",
    verdict_ok="#7bd88a", verdict_caution="#ffb454", verdict_danger="#ff8c8c", verdict_neutral="#c8c8c8",
    warning="#ffc766", error="#ff8c8c", disclaimer="#c8c8c8", link="#8cc8ff", favourite="#ffd04d",
    badge_verified_fg="#a6ecae", badge_verified_bg="#1d3b21",
    badge_illustrative_fg="#ffc98a", badge_illustrative_bg="#47290a",
    badge_user_fg="#dcc2f5", badge_user_bg="#36234a",
    badge_none_fg="#dddddd", badge_none_bg="#444444",
    notice_fg="#ffd9ad", notice_bg="#47290a", notice_border="#b86e1e",
    search_highlight_bg="#6b5600",
    plot_background="#1e1e1e", plot_foreground="#e0e0e0", plot_axis="#b0b0b0", plot_grid="#555555",
    plot_legend_bg_rgba=(30, 30, 30, 215), plot_curve=OKABE_ITO["sky_blue"], plot_hover="#999999",
    pre_fill_rgba=(230, 159, 0, 70), post_fill_rgba=(86, 180, 233, 50), band_fill_rgba=(86, 180, 233, 45),
    # Orange would be close to the caution amber on dark: the set's blue takes its place (sky blue is the curve).
    pins=("#D55E00", "#CC79A7", "#009E73", "#F0E442", "#0072B2"),
)

_TEXT_ROLES = ("text", "verdict_ok", "verdict_caution", "verdict_danger", "verdict_neutral", "warning", "error",
               "disclaimer", "link", "favourite")


# -- contrast (WCAG 2) ------------------------------------------------------------------------------------------
def relative_luminance(colour: str | QColor) -> float:
    """WCAG 2 relative luminance of an sRGB colour (0 black … 1 white)."""
    c = QColor(colour)

    def channel(v: int) -> float:
        s = v / 255.0
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue())


def contrast_ratio(a: str | QColor, b: str | QColor) -> float:
    """WCAG contrast ratio (1 … 21) between two opaque colours."""
    la, lb = relative_luminance(a), relative_luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def ensure_contrast(fg: str, backgrounds: tuple[str, ...], minimum: float = MIN_CONTRAST) -> str:
    """``fg`` itself when it reaches ``minimum`` against every background, else the nearest darker (on light
    backgrounds) or lighter (on dark) shade of it that does; black or white as the last resort."""
    if all(contrast_ratio(fg, bg) >= minimum for bg in backgrounds):
        return fg
    dark_bg = max(relative_luminance(bg) for bg in backgrounds) < 0.18
    colour = QColor(fg)
    for _ in range(40):
        colour = colour.lighter(108) if dark_bg else colour.darker(108)
        if all(contrast_ratio(colour, bg) >= minimum for bg in backgrounds):
            return colour.name()
    return "#ffffff" if dark_bg else "#000000"


# -- the palette --------------------------------------------------------------------------------------------------
def is_dark(palette: QPalette | None = None) -> bool:
    """A dark palette: its window colour is darker than its text (what a dark desktop theme sets)."""
    pal = palette if palette is not None else QGuiApplication.palette()
    return pal.color(QPalette.ColorRole.Window).lightness() < pal.color(QPalette.ColorRole.WindowText).lightness()


def theme_for(palette: QPalette | None = None) -> Theme:
    """The role set for ``palette`` (the application's by default), checked against its actual window and base
    colours: a role that would fall below 4.5:1 on this desktop's palette is shifted until it does not."""
    pal = palette if palette is not None else QGuiApplication.palette()
    chosen = DARK if is_dark(pal) else LIGHT
    window = pal.color(QPalette.ColorRole.Window).name()
    base = pal.color(QPalette.ColorRole.Base).name()
    changes: dict[str, Any] = {role: ensure_contrast(getattr(chosen, role), (window, base)) for role in _TEXT_ROLES}
    changes["text"] = pal.color(QPalette.ColorRole.WindowText).name()
    changes["text"] = ensure_contrast(changes["text"], (window, base))
    return replace(chosen, background=window, base=base, **changes)


_cache: dict[int, Theme] = {}


def current() -> Theme:
    """The theme of the application's current palette (cached per palette: item delegates ask on every paint)."""
    key = QGuiApplication.palette().cacheKey()
    found = _cache.get(key)
    if found is None:
        if len(_cache) > 16:
            _cache.clear()
        found = _cache[key] = theme_for(None)
    return found


def dark_palette() -> QPalette:
    """A dark palette for the Fusion style: used when the system asks for dark colours but the platform theme
    gives Qt a light palette (Qt's Fusion does not darken itself on every desktop)."""
    pal = QPalette()
    role = QPalette.ColorRole
    window, base, text = QColor(DARK.background), QColor(DARK.base), QColor(DARK.text)
    for r, c in ((role.Window, window), (role.WindowText, text), (role.Base, base),
                 (role.AlternateBase, QColor("#323232")), (role.ToolTipBase, QColor("#474747")),
                 (role.ToolTipText, text), (role.PlaceholderText, QColor("#a0a0a0")), (role.Text, text),
                 (role.Button, window), (role.ButtonText, text), (role.BrightText, QColor("#ff8c8c")),
                 (role.Light, QColor("#505050")), (role.Midlight, QColor("#424242")), (role.Mid, QColor("#2f2f2f")),
                 (role.Dark, QColor("#232323")), (role.Shadow, QColor("#141414")),
                 (role.Highlight, QColor("#2f65ca")), (role.HighlightedText, QColor("#ffffff")),
                 (role.Link, QColor(DARK.link)), (role.LinkVisited, QColor("#c8a8ff"))):
        pal.setColor(r, c)
    disabled = QPalette.ColorGroup.Disabled
    for r in (role.WindowText, role.Text, role.ButtonText):
        pal.setColor(disabled, r, QColor("#8a8a8a"))
    pal.setColor(disabled, role.Highlight, QColor("#505050"))
    pal.setColor(disabled, role.Base, window)
    return pal


class _DarkIndicators(QProxyStyle):
    """Fusion draws the frame of a check box or radio button in the window colour darkened by 40 %: on a dark
    palette that frame vanishes against the base colour (the facet lists' check boxes could not be seen).  The
    indicators are drawn with a light frame colour instead; everything else is Fusion's."""

    _INDICATORS = (QStyle.PrimitiveElement.PE_IndicatorCheckBox, QStyle.PrimitiveElement.PE_IndicatorRadioButton,
                   QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck)

    def drawPrimitive(self, element, option, painter, widget=None) -> None:  # noqa: N802 (Qt naming)
        if element in self._INDICATORS and option is not None:
            option = type(option)(option)
            pal = QPalette(option.palette)
            pal.setColor(QPalette.ColorRole.Window, QColor(INDICATOR_FRAME_SOURCE))
            option.palette = pal
        super().drawPrimitive(element, option, painter, widget)


#: Fusion frames indicators in this colour darkened by 40 % (#838383: ≥ 3:1 against the dark base and window,
#: WCAG 1.4.11; tests/ui/test_theme.py).
INDICATOR_FRAME_SOURCE = "#b8b8b8"


def apply_dark(app) -> None:
    """Fusion with :func:`dark_palette` (screenshots, tests, a desktop that asks for dark but gets light)."""
    app.setStyle(_DarkIndicators(QStyleFactory.create("Fusion")))
    app.setPalette(dark_palette())


def follow_system_scheme(app) -> None:
    """Follow the desktop's colour scheme where Qt reports it: when the system asks for dark but the platform
    theme hands Qt a light palette, use Fusion's dark palette; back to the default when it asks for light.
    ``ATGDESK_COLOR_SCHEME=dark|light`` overrides (for a desktop that reports nothing)."""
    import os

    hints = QGuiApplication.styleHints()
    forced = os.environ.get("ATGDESK_COLOR_SCHEME", "").strip().lower()
    state = {"ours": False, "style": app.style().name()}

    def apply(scheme=None) -> None:
        if forced in ("dark", "light"):
            want_dark = forced == "dark"
        else:
            scheme = hints.colorScheme() if scheme is None else scheme
            if scheme == Qt.ColorScheme.Unknown:
                return
            want_dark = scheme == Qt.ColorScheme.Dark
        if want_dark and not is_dark(app.palette()):
            apply_dark(app)
            state["ours"] = True
        elif not want_dark and state["ours"]:
            app.setStyle(state["style"])
            app.setPalette(app.style().standardPalette())
            state["ours"] = False

    apply()
    if not forced:
        hints.colorSchemeChanged.connect(apply)


# -- re-theming ---------------------------------------------------------------------------------------------------
class _ThemeBinding(QObject):
    """Calls ``apply(theme)`` now and again whenever the palette changes the theme (not on every PaletteChange:
    setting a style sheet re-polishes the widget, and re-applying the same colours would loop)."""

    _EVENTS = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange, QEvent.Type.StyleChange)

    def __init__(self, widget, apply: Callable[[Theme], None]) -> None:
        super().__init__(widget)
        self._apply = apply
        self._theme = current()
        apply(self._theme)
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt naming)
        if event.type() in self._EVENTS:
            theme = current()
            if theme != self._theme:
                self._theme = theme
                self._apply(theme)
        return False


def bind(widget, apply: Callable[[Theme], None]) -> None:
    """Apply ``apply(theme)`` to ``widget`` now and whenever the application's palette changes."""
    _ThemeBinding(widget, apply)


def text_css(colour: str, bold: bool = False, extra: str = "") -> str:
    """A QLabel style sheet with a role's text colour."""
    return f"QLabel {{ color: {colour};{' font-weight: 600;' if bold else ''}{(' ' + extra) if extra else ''} }}"


def verdict_css(colour: str) -> str:
    """A verdict label: its role's colour, bold, with a bar of the same colour at the left (the words carry the
    verdict; the colour only repeats it)."""
    return (f"QLabel {{ color: {colour}; font-weight: 700; border-left: 5px solid {colour}; "
            "padding-left: 5px; }")


def role_names() -> list[str]:
    """Every role name (for documentation and tests)."""
    return [f.name for f in fields(Theme)]
