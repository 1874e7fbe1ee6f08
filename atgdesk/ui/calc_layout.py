"""The calculator screen's layout, built once: the inputs column (product, model and setting; patient; regimen —
its numeric fields generated from the presenter's one field table) and the Prediction tab (toolbar, proposal
bar, plot, the side column with the target, its verdict and the metrics, the dose and scenario tabs).

Nothing here holds a rule or a signal of its own: :class:`~atgdesk.ui.calculator_view.CalculatorView` connects
the widgets and renders the presenter's state into them.  Texts keep the screen's translation context
("CalculatorView"), so moving them here left their translations in place.

Order on screen (issue 16, 1024×700): what a pharmacist sets first runs down the inputs column (product and
model, setting, patient, dose); the side column beside the plot starts with the TARGET and its VERDICT, then
the figures, so both stay in view without scrolling on a 1024×700 screen.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSlider,
    QSplitter,
    QStyle,
    QStyleOptionSlider,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from atgdesk.core import scenario as sc
from atgdesk.present import calculator as pres
from atgdesk.ui import keyboard, theme
from atgdesk.ui.calc_inputs import BoundSlider, DayTableEditor
from atgdesk.ui.calc_panels import (
    DoseTablePanel,
    LiveLabelBox,
    MetricsPanel,
    ScenarioPanel,
    StatusBadge,
    TargetChooser,
    VerticalScrollArea,
    WrapAwareWidget,
    full_text_tooltip,
)
from atgdesk.ui.calc_plot import ExposurePlot
from atgdesk.ui.model_notice import ModelFilesNotice

translate = QCoreApplication.translate  # pyside6-lupdate reads translate("Context", "text") calls

# The numeric inputs' labels (atgdesk.present.calculator.INPUT_FIELDS) spelled out where pyside6-lupdate finds
# them; tests/ui/test_i18n.py keeps them equal to the presenter's labels.
INPUT_LABELS = (
    QT_TRANSLATE_NOOP("CalculatorView", "Body weight"),
    QT_TRANSLATE_NOOP("CalculatorView", "Height"),
    QT_TRANSLATE_NOOP("CalculatorView", "Lymphocyte count before the first dose"),
    QT_TRANSLATE_NOOP("CalculatorView", "Dose per day"),
    QT_TRANSLATE_NOOP("CalculatorView", "Number of days"),
    QT_TRANSLATE_NOOP("CalculatorView", "First dose on day (relative to HCT)"),
    QT_TRANSLATE_NOOP("CalculatorView", "First infusion over"),
    QT_TRANSLATE_NOOP("CalculatorView", "Later infusions over"),
    QT_TRANSLATE_NOOP("CalculatorView", "Threshold (day below)"),
)

# A whole number of cells/µL is exactly three decimals in ×10⁹/L: with two, 755 cells/µL came back as "0.76" on
# screen while the engine used 0.755.
ALC_PER_NL_DECIMALS = 3


def select_data(combo: QComboBox, value: object) -> None:
    """Show the entry whose data is ``value`` (the first when none is), without the combo's signals."""
    with QSignalBlocker(combo):
        combo.setCurrentIndex(max(combo.findData(value), 0))


def fill_combo(combo: QComboBox, items: list[tuple[str, object]], current: object = None) -> None:
    """Replace the entries by (text, data) ``items`` and show ``current`` (default the first), without the
    combo's signals."""
    with QSignalBlocker(combo):
        combo.clear()
        for text, data in items:
            combo.addItem(text, data)
        combo.setCurrentIndex(max(combo.findData(current), 0))


def _label(text: str = "", wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    return label


def _row(*items: QWidget, stretch_last: bool = False) -> QHBoxLayout:
    row = QHBoxLayout()
    for k, item in enumerate(items):
        row.addWidget(item, 1 if stretch_last and k == len(items) - 1 else 0)
    return row


def _labelled(text: str, widget: QWidget) -> QHBoxLayout:
    """'Label  [widget]', the label its buddy (its mnemonic reaches the widget)."""
    label = QLabel(text)
    label.setBuddy(widget)
    return _row(label, widget, stretch_last=True)


def input_label(field: pres.InputField) -> str:
    """A field's label in the interface language with its mnemonic: the letter itself in English, '(&D)' after a
    translation that lacks the letter (the Chinese convention)."""
    text = field.label_with_mnemonic(translate("CalculatorView", field.label))
    if field.mnemonic and "&" not in text.replace("&&", ""):
        text += f"(&{field.mnemonic.upper()})"
    return text


def input_fields(inputs: sc.ScenarioInputs) -> dict[str, BoundSlider]:
    """One slider + spin box per entry of the presenter's field table, showing ``inputs`` (keyed by attribute)."""
    out = {}
    for f in pres.INPUT_FIELDS:
        value = getattr(inputs, f.key)
        if value is None:  # height before a weight basis needs it: the field's stated default
            value = f.default if f.default is not None else f.value_range[0]
        unit = translate("CalculatorView", f.unit) if f.unit == "days" else f.unit
        out[f.attr] = BoundSlider(input_label(f), unit, float(value), f.value_range,
                                  step=f.step, decimals=f.decimals, slider_range=f.slider_range)
    return out


def _combo(name: str, min_chars: int = 0) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)  # named by its label, not its value
    if min_chars:
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(min_chars)
    return combo


class InputsColumn(QWidget):
    """The inputs column's content (the screen puts it in a vertical scroll area): product, model and setting;
    the patient; the regimen with the label limits beside it."""

    def __init__(self, inputs: sc.ScenarioInputs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields = input_fields(inputs)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self._product_box())
        layout.addWidget(self._patient_box())
        layout.addWidget(self._regimen_box())
        layout.addStretch(1)
        for combo in (self.product_combo, self.model_combo, self.setting_combo, self.basis_combo):
            full_text_tooltip(combo)

    def apply_theme(self, t: theme.Theme) -> None:
        """Colours by role (the screen calls this when the palette changes)."""
        for label in (self.product_note, self.day_editor.error):
            label.setStyleSheet(theme.text_css(t.error))

    # ---- rendering (no widget signals: the screen decides when to recompute)
    def show_alc_unit(self, unit: str) -> None:
        """The lymphocyte count's unit in its combo and field: whole cells/µL, or ×10⁹/L to three decimals (the
        caller converts the value and the model's ranges)."""
        select_data(self.alc_unit_combo, unit)
        self.fields["alc"].set_unit(unit, *((1.0, 0) if unit == sc.ALC_PER_UL else (0.01, ALC_PER_NL_DECIMALS)))

    def set_table_mode(self, table: bool) -> None:
        """The free per-day table instead of the builder fields, or back."""
        self.builder_widget.setVisible(not table)
        self.day_editor.set_table_mode(table)

    def show_inputs(self, inputs: sc.ScenarioInputs) -> None:
        """Every field, combo and the per-day table showing ``inputs`` (units and the model's ranges first)."""
        self.fields["weight"].set_value(inputs.weight_kg)
        self.fields["alc"].set_value(inputs.alc_value)
        select_data(self.basis_combo, inputs.weight_basis)
        self.basis_extra.setVisible(inputs.weight_basis != "actual")
        if inputs.height_cm is not None:
            self.fields["height_slider"].set_value(inputs.height_cm)
        if inputs.sex is not None:
            select_data(self.sex_combo, inputs.sex)
        for f in pres.INPUT_FIELDS:
            if f.attr not in ("weight", "alc", "height_slider"):  # set above (order and units matter there)
                self.fields[f.attr].set_value(getattr(inputs, f.key))
        with QSignalBlocker(self.use_table):
            self.use_table.setChecked(bool(inputs.per_day))
        self.set_table_mode(bool(inputs.per_day))
        if inputs.per_day:
            self.day_editor.fill(inputs.per_day)

    # ---- construction
    def _product_box(self) -> QGroupBox:
        self.product_combo = _combo(translate("CalculatorView", "Product"))
        self.model_combo = _combo(translate("CalculatorView", "Model"), 12)
        self.setting_combo = _combo(translate("CalculatorView", "Setting"), 12)
        self.model_badge = StatusBadge()
        self.model_button = QPushButton(translate("CalculatorView", "Model…"))
        self.model_button.setToolTip(translate("CalculatorView",
                                               "Equations, parameters, covariates, validity domain and source"))
        self.model_button.setAccessibleName(translate("CalculatorView", "Model description"))
        model_row = _row(self.model_badge, self.model_button)
        model_row.addStretch(1)
        self.product_note = _label()
        box = QGroupBox(translate("CalculatorView", "Product, model, setting"))
        form = QFormLayout(box)
        form.addRow(translate("CalculatorView", "&Product"), self.product_combo)
        form.addRow(translate("CalculatorView", "&Model"), self.model_combo)
        form.addRow("", model_row)
        # model files that could not be loaded: one line here, the details on demand (hidden when none)
        self.model_files_notice = ModelFilesNotice()
        form.addRow(self.model_files_notice)  # the whole row: room for its one line at 1024×700
        form.addRow(translate("CalculatorView", "&Setting"), self.setting_combo)
        form.addRow(self.product_note)
        return box

    def _patient_box(self) -> QGroupBox:
        self.basis_combo = _combo(translate("CalculatorView", "Dose on"), 14)
        self.basis_combo.addItem(translate("CalculatorView", "Actual body weight"), "actual")
        self.basis_combo.addItem(translate("CalculatorView", "Ideal body weight (Devine)"), "ideal")
        self.basis_combo.addItem(translate("CalculatorView", "Adjusted body weight (IBW + 0.4 × excess)"),
                                 "adjusted")
        self.sex_combo = _combo(translate("CalculatorView", "Sex (for ideal weight)"))
        self.sex_combo.addItem(translate("CalculatorView", "Male"), "male")
        self.sex_combo.addItem(translate("CalculatorView", "Female"), "female")
        # height and sex only matter for the ideal and adjusted weights
        self.basis_extra = QWidget()
        be = QVBoxLayout(self.basis_extra)
        be.setContentsMargins(0, 0, 0, 0)
        be.addWidget(self.fields["height_slider"])
        be.addLayout(_labelled(translate("CalculatorView", "Se&x (for ideal weight)"), self.sex_combo))
        self.basis_extra.setVisible(False)
        self.dosing_weight_label = _label(wrap=False)
        self.alc_unit_combo = _combo(translate("CalculatorView", "Lymphocyte count unit"))
        for unit in sc.ALC_UNITS:
            self.alc_unit_combo.addItem(unit, unit)
        self.alc_unit_combo.setToolTip(translate(
            "CalculatorView", "1 ×10⁹/L = 1000 cells/µL; the value is converted exactly when you switch"))
        box = QGroupBox(translate("CalculatorView", "Patient"))
        pl = QVBoxLayout(box)
        pl.addWidget(self.fields["weight"])
        pl.addLayout(_labelled(translate("CalculatorView", "Dose o&n"), self.basis_combo))
        pl.addWidget(self.basis_extra)
        pl.addWidget(LiveLabelBox(self.dosing_weight_label))  # changes on every weight step
        pl.addWidget(self.fields["alc"])
        pl.addLayout(_labelled(translate("CalculatorView", "Lymphocyte count &unit"), self.alc_unit_combo))
        return box

    def _regimen_box(self) -> QGroupBox:
        self.use_table = QCheckBox(translate("CalculatorView", "Free per-day ta&ble instead"))
        self.day_editor = DayTableEditor()
        self.builder_widget = QWidget()
        bl = QVBoxLayout(self.builder_widget)
        bl.setContentsMargins(0, 0, 0, 0)
        for attr in ("dose", "n_days", "first_day", "first_hours", "later_hours"):
            bl.addWidget(self.fields[attr])
        # the product's label limits beside the inputs they constrain (the column scrolls: long text is fine)
        self.limits_label = _label()
        self.limits_label.setAccessibleName(translate("CalculatorView", "label limits of the product"))
        # its long text must not widen the inputs column (which then took width from the plot at 1024×700)
        policy = self.limits_label.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
        self.limits_label.setSizePolicy(policy)
        box = QGroupBox(translate("CalculatorView", "Regimen"))
        rl = QVBoxLayout(box)
        for w in (self.builder_widget, self.use_table, self.day_editor, self.fields["threshold"], self.limits_label):
            rl.addWidget(w)
        return box


class PredictionPage(WrapAwareWidget):
    """The Prediction tab: toolbar (band, dose finder, export), the dose proposal and a refusal spanning the
    tab, the plot beside the side column (target, verdict, metrics, band figures, warnings), and below them
    the dose arithmetic and scenario tabs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot = ExposurePlot()
        # the target first and the verdict right under it, before the figures (issue 16: above the fold)
        self.target = TargetChooser()
        self.metrics = MetricsPanel(verdict_inside=False)
        self.target.add_result(self.metrics.verdict_area)
        # the band's figures (median AUC, PTA) are results: they sit with the metrics, where the side panel
        # scrolls, rather than under the plot, where their wrapped lines were taken out of the plot's height
        self.uncertainty_note = _label()
        self.warnings_label = _label()
        self.warnings_label.setVisible(False)
        side = QWidget()
        sl = QVBoxLayout(side)
        sl.setContentsMargins(0, 0, 0, 0)
        for w in (self.target, self.metrics, self.uncertainty_note, self.warnings_label):
            sl.addWidget(w)
        sl.addStretch(1)
        self.side_scroll = VerticalScrollArea(side)
        self.side_scroll.setMinimumWidth(240)
        upper = QSplitter(Qt.Orientation.Horizontal)
        upper.addWidget(self.plot)
        upper.addWidget(self.side_scroll)
        upper.setStretchFactor(0, 3)
        upper.setStretchFactor(1, 1)
        upper.setSizes([560, 340])
        self.dose_panel = DoseTablePanel()
        self.scenario_panel = ScenarioPanel()
        self.bottom_tabs = QTabWidget()
        self.bottom_tabs.addTab(self.dose_panel, translate("CalculatorView", "Dose arithmetic"))
        self.bottom_tabs.addTab(self.scenario_panel, translate("CalculatorView", "Scenarios"))
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(upper)
        self.splitter.addWidget(self.bottom_tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([470, 190])
        self.error_label = _label()
        self.error_label.setVisible(False)
        self._busy_indicator()
        # The toolbar, a dose proposal and a refusal span the whole tab (a proposal wraps to two lines here,
        # not four beside the side panel); the page counts their wrapped lines in its minimum height.
        pp = QVBoxLayout(self)
        pp.setContentsMargins(0, 0, 0, 0)
        pp.addLayout(self._toolbar())
        pp.addWidget(self._proposal_bar())
        pp.addWidget(self.busy_indicator)
        pp.addWidget(self.error_label)
        pp.addWidget(self.splitter, 1)

    def apply_theme(self, t: theme.Theme) -> None:
        """Colours by role (the screen calls this when the palette changes)."""
        self.proposal_bar.setStyleSheet(f"QWidget {{ background: {t.notice_bg}; color: {t.notice_fg}; }}")
        self.error_label.setStyleSheet(theme.text_css(t.error, bold=True))
        self.warnings_label.setStyleSheet(theme.text_css(t.warning))

    def _busy_indicator(self) -> None:
        """The visible sign that a prediction is being computed (a slow model), where the error line goes."""
        self.busy_indicator = QWidget()
        row = QHBoxLayout(self.busy_indicator)
        row.setContentsMargins(0, 0, 0, 0)
        bar = QProgressBar()
        bar.setRange(0, 0)  # no known end: Qt animates it as busy, in the palette's colours
        bar.setTextVisible(False)
        bar.setMaximumWidth(120)
        bar.setAccessibleName(translate("CalculatorView", "Computing the prediction"))
        self.busy_label = QLabel(translate("CalculatorView", "Computing the prediction for these inputs (this "
                                           "model is slow to simulate)…"))
        self.busy_label.setWordWrap(True)
        self.busy_indicator.setAccessibleName(translate("CalculatorView", "Computing the prediction"))
        self.busy_indicator.setAccessibleDescription(self.busy_label.text())
        row.addWidget(bar)
        row.addWidget(self.busy_label, 1)
        self.busy_indicator.setVisible(False)

    def _toolbar(self) -> QHBoxLayout:
        self.uncertainty_check = QCheckBox(translate("CalculatorView", "Uncertainty band + PTA"))
        self.uncertainty_check.setToolTip(translate(
            "CalculatorView", "5–95th percentile of virtual patients with these covariates, and the probability "
            "of target attainment (Ctrl+B)"))
        self.suggest_button = QPushButton(translate("CalculatorView", "Suggest a dose"))
        self.suggest_button.setToolTip(translate(
            "CalculatorView", "The whole-vial daily dose with the highest probability of attaining the chosen aim "
            "window (2–3 candidates ranked)"))
        # a push button with a menu (like the library's Import/Export/My data): the style gives its menu arrow
        # room of its own (a QToolButton's instant-popup arrow sat on the last glyph of '导出' under zh_CN)
        self.export_button = QPushButton(translate("CalculatorView", "Export"))
        self.export_button.setToolTip(translate("CalculatorView",
                                                "Dosing note, plot or curve (Ctrl+Shift+E; Alt+Down opens the menu)"))
        self.export_button.setAccessibleName(translate("CalculatorView", "Export the scenario"))
        menu = QMenu(self.export_button)
        self.export_pdf_action = menu.addAction(translate("CalculatorView", "Dosing note (PDF)…"))
        self.export_png_action = menu.addAction(translate("CalculatorView", "Plot as PNG…"))
        self.export_svg_action = menu.addAction(translate("CalculatorView", "Plot as SVG…"))
        self.export_csv_action = menu.addAction(translate("CalculatorView", "Curve as CSV…"))
        self.export_button.setMenu(menu)
        keyboard.menu_from_keyboard(self.export_button)
        toolbar = _row(self.uncertainty_check, self.suggest_button)
        toolbar.addStretch(1)
        toolbar.addWidget(self.export_button)
        return toolbar

    def _proposal_bar(self) -> ProposalBar:
        self.proposal_bar = ProposalBar()
        b = self.proposal_bar
        self.proposal_label, self.proposal_choice = b.label, b.choice
        self.apply_proposal_button, self.dismiss_proposal_button = b.apply_button, b.dismiss_button
        return b


class ProposalBar(QWidget):
    """The dose finder's answer across the Prediction tab: its sentence, the ranked candidates (best first;
    Apply applies the one chosen), Apply and Dismiss.  Nothing is applied until the user clicks Apply."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = _label()
        self.apply_button = QPushButton(translate("CalculatorView", "Apply"))
        self.apply_button.setAccessibleName(translate("CalculatorView", "Apply the proposed dose"))
        self.choice = _combo(translate("CalculatorView", "proposed regimens, best attainment first"), 16)
        full_text_tooltip(self.choice)
        self.choice.setVisible(False)
        self.dismiss_button = QPushButton(translate("CalculatorView", "Dismiss"))
        self.dismiss_button.setAccessibleName(translate("CalculatorView", "Dismiss the proposal"))
        pb = QHBoxLayout(self)
        pb.setContentsMargins(4, 2, 4, 2)
        pb.addWidget(self.label, 1)
        for w in (self.choice, self.apply_button, self.dismiss_button):
            pb.addWidget(w)
        self.setVisible(False)

    def show_text(self, text: str, can_apply: bool = False) -> None:
        self.label.setText(text)
        self.apply_button.setVisible(can_apply)
        if not can_apply:  # no candidates to choose from either
            self.choice.setVisible(False)
        self.setVisible(True)

    def show_proposal(self, state: pres.ProposalState) -> None:
        """The finder's sentence and, when there are several, its candidates ranked by attainment."""
        with QSignalBlocker(self.choice):
            self.choice.clear()
            for k, cand in enumerate(state.candidates, start=1):
                flag = " " + translate("CalculatorView", "⚠ beyond label") if cand.limit_flags else ""
                self.choice.addItem(
                    f"{k}. {cand.label}: {100 * cand.attainment:.0f} % — {cand.verdict.headline}{flag}", k - 1)
        self.choice.setVisible(len(state.candidates) > 1)
        self.show_text(state.text + (" " + translate("CalculatorView", "Not applied.") if state.candidates else ""),
                       bool(state.candidates))


def print_slider_geometry(sliders: dict[str, QSlider]) -> None:
    """Print each visible slider's global rectangle and handle centre (``ATGDESK_DEBUG_GEOMETRY=1``: the
    end-to-end tests drag them with xdotool)."""
    for name, widget in sliders.items():
        if not widget.isVisible():
            continue
        option = QStyleOptionSlider()
        widget.initStyleOption(option)
        top_left = widget.mapToGlobal(widget.rect().topLeft())
        style = widget.style()
        handle = style.subControlRect(QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderHandle,
                                      widget)
        print(f"ATGDESK_GEOMETRY {name} x={top_left.x()} y={top_left.y()} w={widget.width()} "
              f"h={widget.height()} handle_x={top_left.x() + handle.center().x()} "
              f"handle_y={top_left.y() + handle.center().y()}", flush=True)
