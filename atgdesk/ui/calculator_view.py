"""The Calculator screen: inputs on the left, the live prediction (plot, target and verdict, metrics, dose
arithmetic, scenarios), the exposure map and the measured-levels tab on the right.

A thin view: it wires widgets to the Qt-free presenter and renders what the presenter answers.

* rules and words: :mod:`atgdesk.present.calculator` (inputs, model, verdict, limits, dose table, dose finder,
  and the immutable :class:`~atgdesk.present.calculator.CalculatorState` with the plot's data from
  :mod:`atgdesk.present.plot_state`), :mod:`atgdesk.present.scenarios` (pins, saved scenarios, pins kept between
  sessions), :mod:`atgdesk.present.day_table` (the per-day table), :mod:`atgdesk.present.note` (the dosing note);
* widgets and layout: :mod:`atgdesk.ui.calc_layout` (inputs column generated from the presenter's field table,
  the Prediction tab), :mod:`atgdesk.ui.calc_inputs`, :mod:`atgdesk.ui.calc_panels`, :mod:`atgdesk.ui.calc_plot`;
* exports: :mod:`atgdesk.ui.calc_export`; background work: :mod:`atgdesk.ui.calc_jobs` (percentile band and
  probability, exposure map, dose finder and a slow model's prediction in a worker; stale answers dropped).

Set ``ATGDESK_DEBUG_GEOMETRY=1`` to print the global geometry of the main sliders when the screen is first
shown (the end-to-end test uses it to find where to drag).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QSignalBlocker,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QLabel,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from atgdesk import i18n
from atgdesk.core import scenario as sc
from atgdesk.core.model import PKModel
from atgdesk.library.userstore import UserStoreBusy, UserStoreError, UserStoreReadOnly
from atgdesk.present import calculator as pres
from atgdesk.present import day_table
from atgdesk.present.catalogue import Catalogue, load_catalogue, model_folders
from atgdesk.present.model_files import model_file_problems, user_models_folder
from atgdesk.present.plot_state import PlotState, map_texts
from atgdesk.present.scenarios import Outcome, PinnedScenario, ScenarioBook
from atgdesk.ui import theme
from atgdesk.ui.calc_export import CalculatorExports
from atgdesk.ui.calc_inputs import (
    DAY_TABLE_ROWS,  # noqa: F401 - read by the tests here
    BoundSlider,
)
from atgdesk.ui.calc_jobs import LatestJob as _LatestJob  # the name tests/ui/test_slow_model_ui.py uses
from atgdesk.ui.calc_layout import (  # noqa: F401 - INPUT_LABELS: read by the tests here
    INPUT_LABELS,
    InputsColumn,
    PredictionPage,
    fill_combo,
    print_slider_geometry,
    select_data,
)
from atgdesk.ui.calc_panels import (
    ModelInfoDialog,
    TargetChoice,
    VerticalScrollArea,
    WrapAwareWidget,
)
from atgdesk.ui.calc_plot import OVERLAY_COLOURS, ExposureMapPlot
from atgdesk.ui.lazy_page import LazyPage

# Fixed sentences of the presenter (atgdesk.present.calculator) shown as they are: translated by the view.
PRESENTER_TEXTS = (
    QT_TRANSLATE_NOOP("CalculatorView", "Choose a setting…"),
    QT_TRANSLATE_NOOP("CalculatorView",
                      "Choose the transplant setting to compare the prediction with its published targets."),
    QT_TRANSLATE_NOOP("CalculatorView", "Choose a target of this setting."),
    QT_TRANSLATE_NOOP("CalculatorView", "days"),
)


log = logging.getLogger("atgdesk.ui.calculator")

POPULATION_SIZE = 1000
BAND_STEP_DAY = 0.25


class CalculatorView(WrapAwareWidget):
    """The dose / exposure calculator screen (wrap-aware: the model banner and the disclaimer wrap at 1024 px)."""

    study_link_activated = Signal(str)
    status_message = Signal(str)

    # state lives in the presenter (atgdesk.present.calculator); the view reads and renders it
    _inputs = property(lambda self: self._presenter.inputs,
                       lambda self, v: setattr(self._presenter, "inputs", v))
    _model = property(lambda self: self._presenter.model, lambda self, v: setattr(self._presenter, "model", v))
    _result = property(lambda self: self._presenter.result, lambda self, v: setattr(self._presenter, "result", v))
    _error = property(lambda self: self._presenter.error, lambda self, v: setattr(self._presenter, "error", v))
    _pinned = property(lambda self: self._presenter.pins, lambda self, v: setattr(self._presenter, "pins", v))
    _proposal_state = property(lambda self: self._presenter.proposal,
                               lambda self, v: setattr(self._presenter, "proposal", v))
    _proposal = property(lambda self: self._presenter.chosen_candidate,
                         lambda self, v: setattr(self._presenter, "chosen_candidate", v))

    def __init__(self, models_dir: str | Path, data_dir: str | Path, userstore=None,
                 study_lookup=None, parent: QWidget | None = None, catalogue: Catalogue | None = None) -> None:
        """``study_lookup(target) -> study id or ''`` links a target's source to the library (optional).
        ``catalogue``: the shared catalogue (default: the models in ``models_dir`` and the user's model folder,
        products and targets from ``data_dir``)."""
        super().__init__(parent)
        self._study_lookup = study_lookup
        self._catalogue = catalogue or load_catalogue(model_folders(Path(models_dir)), Path(data_dir))
        # the presenter holds the inputs, model, result, limits, pins and job generations, and applies the rules
        self._presenter = pres.CalculatorPresenter(self._catalogue)
        self._models = list(self._catalogue.models)
        self._model: PKModel | None = None
        self._result: sc.ScenarioResult | None = None
        self._error = ""
        # the pins are the presenter's (it builds their rows); the book applies the pin and save rules
        self._scenarios = ScenarioBook(self._presenter.pins, userstore, store_errors=(UserStoreError,),
                                       reason=self._store_reason)
        self._band_job = _LatestJob(self, self._on_uncertainty_finished, self._on_uncertainty_failed)
        self._map_job = _LatestJob(self, self._on_map_finished, self._on_map_failed)
        self._dose_job = _LatestJob(self, self._on_proposal_finished, self._on_proposal_failed, delay_ms=0)
        # a slow (stiff user) model's prediction: off the GUI thread, only the latest inputs' answer is shown
        self._eval_job = _LatestJob(self, self._on_evaluation_finished, self._on_evaluation_failed, delay_ms=60)
        self._band_result = None
        self._geometry_printed = False
        self._levels_context: dict = {}  # LevelsContext fields for the (lazily built) Measured levels tab
        self._inputs = sc.ScenarioInputs()
        self._build_ui()
        theme.bind(self, self._apply_theme)
        self._connect_signals()
        self._load_catalogues()
        self._choose_initial_model()
        self._refresh_saved()
        self.recompute()

    # =========================================================================================================
    # construction
    def _build_ui(self) -> None:
        self.banner = QLabel()
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setWordWrap(True)
        self.banner.setAccessibleName(self.tr("Model label"))

        # the layout is built in atgdesk.ui.calc_layout; the screen keeps its widgets by name (tests, the app)
        c = self.inputs_column = InputsColumn(self._inputs)
        d = self.day_editor = c.day_editor
        for f in pres.INPUT_FIELDS:
            setattr(self, f.attr, c.fields[f.attr])
        for name in ("product_combo", "model_combo", "model_badge", "model_button", "setting_combo", "product_note",
                     "basis_combo", "sex_combo", "basis_extra", "dosing_weight_label", "alc_unit_combo",
                     "use_table", "builder_widget", "limits_label"):
            setattr(self, name, getattr(c, name))
        self.day_table, self.add_day_button, self.remove_day_button, self.table_error = (
            d.table, d.add_button, d.remove_button, d.error)
        self.inputs_scroll = VerticalScrollArea(c)
        self.inputs_scroll.setMinimumWidth(300)
        p = self.prediction_page = PredictionPage()
        for name in ("plot", "target", "metrics", "uncertainty_note", "warnings_label", "side_scroll", "dose_panel",
                     "scenario_panel", "bottom_tabs", "error_label", "uncertainty_check", "suggest_button",
                     "export_button", "export_pdf_action", "export_png_action", "export_svg_action",
                     "export_csv_action", "proposal_bar", "proposal_label", "apply_proposal_button",
                     "proposal_choice", "dismiss_proposal_button", "busy_indicator", "busy_label"):
            setattr(self, name, getattr(p, name))

        # built when first opened (or asked for): start-up pays only for the Prediction tab
        self.map_panel = LazyPage(ExposureMapPlot)
        self.levels_page = LazyPage(self._create_levels_panel)
        self.tabs = QTabWidget()
        self.tabs.addTab(p, self.tr("Prediction"))
        self.tabs.addTab(self.map_panel, self.tr("Exposure map"))
        self.tabs.addTab(self.levels_page, self.tr("Measured levels"))

        main = QSplitter(Qt.Orientation.Horizontal)
        main.addWidget(self.inputs_scroll)
        main.addWidget(self.tabs)
        main.setStretchFactor(0, 0)
        main.setStretchFactor(1, 1)
        main.setSizes([365, 915])
        self.disclaimer = QLabel(i18n.disclaimer())
        self.disclaimer.setTextFormat(Qt.TextFormat.PlainText)
        self.disclaimer.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 2)
        layout.setSpacing(3)
        layout.addWidget(self.banner)
        layout.addWidget(main, 1)
        layout.addWidget(self.disclaimer)
        self._exports = CalculatorExports(self, self.plot, self._presenter, self.status_message.emit,
                                          POPULATION_SIZE)

    def _apply_theme(self, t: theme.Theme) -> None:
        """Colours by role from the theme (re-applied when the palette changes, e.g. to dark mode)."""
        self.banner.setStyleSheet(f"QLabel {{ background: {t.notice_bg}; color: {t.notice_fg}; border: 1px solid "
                                  f"{t.notice_border}; padding: 4px 8px; font-weight: 600; }}")
        self.inputs_column.apply_theme(t)
        self.prediction_page.apply_theme(t)
        self.disclaimer.setStyleSheet(f"QLabel {{ color: {t.disclaimer}; font-size: 8pt; }}")

    @property
    def exposure_map(self) -> ExposureMapPlot:
        return self.map_panel.content()

    @property
    def levels_panel(self):
        """The Measured levels tab (a ``LevelsPanel``), built on first use."""
        return self.levels_page.content()

    def _create_levels_panel(self) -> QWidget:
        from atgdesk.ui.levels_panel import LevelsContext, LevelsPanel  # imported on use (core.fit, core.nca)
        panel = LevelsPanel()
        panel.set_context(LevelsContext(**self._levels_context))
        return panel

    def _set_levels_context(self, **fields) -> None:
        """What the levels tab needs from the current prediction; passed on at once only if the tab exists."""
        self._levels_context = fields
        if self.levels_page.is_built():
            from atgdesk.ui.levels_panel import LevelsContext
            self.levels_panel.set_context(LevelsContext(**fields))

    def _connect_signals(self) -> None:
        self.product_combo.currentIndexChanged.connect(self._on_product_changed)
        self.model_combo.currentIndexChanged.connect(self._on_model_changed)
        self.setting_combo.currentIndexChanged.connect(self._on_setting_changed)
        self.model_button.clicked.connect(self.show_model_info)
        for f in pres.INPUT_FIELDS:  # each field sets its own input (the field table says which)
            getattr(self, f.attr).value_changed.connect(
                lambda v, f=f: self._set_input(**{f.key: f.to_input(v)}))
        for control in self.findChildren(BoundSlider):  # the plot's y-axis does not jump while a slider drags
            control.slider.sliderPressed.connect(self.plot.begin_drag)
            control.slider.sliderReleased.connect(self.plot.end_drag)
        self.basis_combo.currentIndexChanged.connect(self._on_basis_changed)
        self.sex_combo.currentIndexChanged.connect(self._on_sex_changed)
        self.alc_unit_combo.currentIndexChanged.connect(self._on_alc_unit_changed)
        self.use_table.toggled.connect(self._on_use_table_toggled)
        self.day_table.itemChanged.connect(self._on_day_table_changed)
        self.add_day_button.clicked.connect(self._on_add_day_clicked)
        self.remove_day_button.clicked.connect(self._on_remove_day_clicked)
        self.target.target_changed.connect(self._on_target_changed)
        self.target.custom_window_changed.connect(self._on_custom_window_changed)
        self.target.study_link_activated.connect(self.study_link_activated)
        self.uncertainty_check.toggled.connect(self._on_uncertainty_toggled)
        self.suggest_button.clicked.connect(self.suggest_dose)
        self.apply_proposal_button.clicked.connect(self.apply_proposal)
        self.proposal_choice.currentIndexChanged.connect(self._on_proposal_choice_changed)
        self.dismiss_proposal_button.clicked.connect(self._on_dismiss_proposal)
        self.export_pdf_action.triggered.connect(self._exports.ask_pdf)
        self.export_png_action.triggered.connect(lambda: self._exports.ask_plot("png"))
        self.export_svg_action.triggered.connect(lambda: self._exports.ask_plot("svg"))
        self.export_csv_action.triggered.connect(self._exports.ask_csv)
        self.scenario_panel.pin_requested.connect(self.pin_current)
        self.scenario_panel.unpin_requested.connect(self.unpin)
        self.scenario_panel.rename_requested.connect(self.rename_pinned)
        self.scenario_panel.save_requested.connect(self.save_pinned)
        self.scenario_panel.load_requested.connect(self.load_saved)
        self.scenario_panel.delete_saved_requested.connect(self.delete_saved)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        # refusals and confirmations reach the status bar too (the field itself also says why)
        for f in pres.INPUT_FIELDS:
            getattr(self, f.attr).refused.connect(self.status_message)
        for spin in (self.target.custom_lo, self.target.custom_hi):
            spin.rejected.connect(self.status_message)
        self.dose_panel.copied.connect(lambda _text: self.status_message.emit(
            self.tr("Dose table copied to the clipboard.")))

    # =========================================================================================================
    # catalogues and model
    def _load_catalogues(self) -> None:
        """Products and targets from the shared catalogue (its errors reach the banner through the state)."""
        self._products = dict(self._catalogue.products)
        self._targets = list(self._catalogue.targets)
        fill_combo(self.product_combo, self._presenter.product_options())
        # a model file that could not be loaded is said beside the model chooser, never skipped silently
        self.inputs_column.model_files_notice.set_problems(model_file_problems(self._catalogue.model_errors),
                                                           user_models_folder())

    def _choose_initial_model(self) -> None:
        fill_combo(self.model_combo, [(m.name, m.id) for m in self._models])
        if self._models:
            self._select_model(self._models[0])
        else:
            self._model = None
            self.model_badge.set_status("")  # the banner says why (the presenter's state)

    def _select_model(self, model: PKModel) -> None:
        self._model = model
        select_data(self.model_combo, model.id)
        self.model_badge.set_status(model.status)
        self.plot.set_units(model.concentration_unit)
        self.threshold.spin.setSuffix(f" {model.concentration_unit}")
        self.target.set_unit(model.auc_unit)
        self._inputs = self._inputs.with_(model_id=model.id)
        if not self._inputs.product_id:
            self._inputs = self._inputs.with_(product_id=model.product)
            self._select_product_in_combo(model.product)
        self._apply_model_domain()
        self._fill_settings()

    def _apply_model_domain(self) -> None:
        """Soft (warn) and hard (refuse) limits of weight and lymphocyte count from the model's validity domain
        (the presenter computes them in the field's unit)."""
        for attr, (hard, slider, soft, model_name) in self._presenter.domain_ranges().items():
            field = getattr(self, attr)
            field.set_hard_range(*hard, self.tr("hard limit of {0}").format(model_name))
            field.set_slider_range(*slider)
            field.set_soft_range(*soft, self.tr("the population the model describes"))
        if self._model is not None:
            self._inputs = self._inputs.with_(alc_value=self.alc.value(), weight_kg=self.weight.value())

    def _select_product_in_combo(self, product_id: str) -> None:
        index = self.product_combo.findData(product_id)
        if index >= 0:
            with QSignalBlocker(self.product_combo):
                self.product_combo.setCurrentIndex(index)

    def model(self) -> PKModel | None:
        return self._model

    def inputs(self) -> sc.ScenarioInputs:
        """The current inputs."""
        return self._inputs

    def result(self) -> sc.ScenarioResult | None:
        """The engine's result for the current inputs (None when refused)."""
        return self._result

    def error_text(self) -> str:
        return self._error

    def show_model_info(self) -> ModelInfoDialog | None:
        """Open the model information dialog (non-modal); returns it."""
        if self._model is None:
            return None
        dialog = ModelInfoDialog(self._model, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    # =========================================================================================================
    # inputs
    def _set_input(self, **changes) -> None:
        self._inputs = self._inputs.with_(**changes)
        self.recompute()

    def set_inputs(self, inputs: sc.ScenarioInputs) -> None:
        """Show ``inputs`` in every widget (no widget signals) and recompute."""
        model = next((m for m in self._models if m.id == inputs.model_id), None)
        self._inputs = inputs
        if model is not None and model is not self._model:
            self._select_model(model)
            self._inputs = inputs.with_(model_id=model.id)
        self._select_product_in_combo(inputs.product_id)
        self.inputs_column.show_alc_unit(inputs.alc_unit)
        self._apply_model_domain()
        self._inputs = inputs
        self.inputs_column.show_inputs(inputs)
        self._fill_settings()
        if inputs.target_id:
            self.target.set_current_id(inputs.target_id)
        if inputs.custom_window:
            self.target.set_custom_window(*inputs.custom_window)
        self.recompute()

    def _on_product_changed(self, _index: int) -> None:
        self._set_input(product_id=str(self.product_combo.currentData() or ""))

    def _on_model_changed(self, _index: int) -> None:
        mid = self.model_combo.currentData()
        model = next((m for m in self._models if m.id == mid), None)
        if model is not None:
            self._select_model(model)
            self.recompute()

    def _on_setting_changed(self, _index: int) -> None:
        self._inputs = self._inputs.with_(setting=str(self.setting_combo.currentData() or ""))
        self._fill_targets()
        self.recompute()

    def _on_basis_changed(self, _index: int) -> None:
        basis = str(self.basis_combo.currentData())
        self.basis_extra.setVisible(basis != "actual")
        if basis == "actual":
            self._set_input(weight_basis=basis)
        else:
            self._set_input(weight_basis=basis, height_cm=self.height_slider.value(),
                            sex=str(self.sex_combo.currentData()))

    def _on_sex_changed(self, _index: int) -> None:
        self._set_input(sex=str(self.sex_combo.currentData()))

    def _on_alc_unit_changed(self, _index: int) -> None:
        """Switch the lymphocyte unit: the value is converted exactly (the count itself does not change)."""
        new_unit = str(self.alc_unit_combo.currentData())
        old_unit = self._inputs.alc_unit
        if new_unit == old_unit:
            return
        value = sc.alc_convert(self._inputs.alc_value, old_unit, new_unit)
        self.inputs_column.show_alc_unit(new_unit)
        self._inputs = self._inputs.with_(alc_unit=new_unit, alc_value=value)
        self._apply_model_domain()
        self.alc.set_value(value)
        self._inputs = self._inputs.with_(alc_value=value)
        self.recompute()

    def _on_use_table_toggled(self, checked: bool) -> None:
        self.inputs_column.set_table_mode(checked)
        if checked:
            if self.day_table.rowCount() == 0:  # the table starts from the builder's regimen
                self.day_editor.fill(day_table.rows_from_builder(self._inputs))
            self._on_day_table_changed(None)
        else:
            self.day_editor.set_error("")
            self._set_input(per_day=None)

    def _on_day_table_changed(self, _item) -> None:
        try:
            rows = day_table.rows_from_cells(self.day_editor.cells(), self._inputs)
        except ValueError as exc:
            self.day_editor.set_error(self.tr("{0} — the last valid table is still used.").format(exc))
            return
        self.day_editor.set_error("")
        self._set_input(per_day=rows)

    def _on_add_day_clicked(self) -> None:
        self.day_editor.fill(day_table.with_day_added(self._inputs))
        self._on_day_table_changed(None)

    def _on_remove_day_clicked(self) -> None:
        rows = tuple(self._inputs.per_day or ())
        if len(rows) > 1:
            self.day_editor.fill(rows[:-1])
            self._on_day_table_changed(None)

    # =========================================================================================================
    # recompute
    def recompute(self) -> None:
        """Ask the presenter for the state of the current inputs (rules + engine) and render it.  A prediction
        the presenter judges slow (a stiff model) runs in the worker: meanwhile no curve and a neutral
        "computing" verdict with the busy indicator, never the previous prediction beside the new inputs."""
        state = self._presenter.recompute(str(self.basis_combo.currentText()), background=True)
        self._drop_outdated_proposal()
        self._render_dose(state.dose)
        self._show_result()
        job = self._presenter.pending_evaluation
        if state.computing and job is not None:  # the "computing" verdict and warnings are in the state
            self._eval_job.submit(job.generation, job.run)
        self._set_busy(state.computing)

    def _set_busy(self, busy: bool) -> None:
        if self.busy_indicator.isVisibleTo(self) != busy:
            self.busy_indicator.setVisible(busy)

    def computing(self) -> bool:
        """True while the current inputs' prediction is computed in the background."""
        return self._presenter.computing

    def _on_evaluation_finished(self, generation: int, result) -> None:
        if self._presenter.evaluation_done(generation, result) is None:
            return  # stale: the inputs changed while it ran (the newer request is pending or running)
        self._set_busy(False)
        self._show_result()

    def _on_evaluation_failed(self, generation: int, message: str) -> None:
        if self._presenter.evaluation_done(generation, None, message) is None:
            return
        self._set_busy(False)
        self._show_result()

    def _show_result(self) -> None:
        """Render the presenter's state (banner, plot, metrics, verdict, warnings), then start what runs in the
        background for it (band and probability, the exposure map when shown)."""
        state, model, result = self._presenter.state, self._model, self._result
        self._render_plot(state.plot)
        if model is not None:
            self.metrics.set_model(model.name, model.status)
        self.error_label.setText(state.error)
        self.error_label.setVisible(bool(state.error))
        self.metrics.set_values(dict(state.metrics))
        verdict = state.verdict
        self.metrics.set_verdict(verdict.role, self.tr(verdict.text), verdict.kind)  # fixed sentences translated
        self.warnings_label.setText("\n".join(state.warnings))
        self.warnings_label.setAccessibleDescription(self.warnings_label.text())  # warnings in words
        self.warnings_label.setVisible(bool(state.warnings))
        if result is None or model is None:
            self.plot.set_band_visible(False)
            self.metrics.set_probability("")
            self._set_levels_context(horizon_day=self._inputs.horizon_day, threshold=self._inputs.threshold)
            return
        self._set_levels_context(
            regimen=result.prediction.regimen, model=model, covariates=dict(result.covariates),
            window=self._window_with_unit(), horizon_day=self._inputs.horizon_day,
            threshold=self._inputs.threshold, target=self._current_target())
        self._start_uncertainty()
        if self.tabs.currentWidget() is self.map_panel:
            self._schedule_map()
        else:
            self._map_stale = True

    def _render_plot(self, plot: PlotState) -> None:
        texts = plot.model
        if self.banner.text() != texts.banner:
            self.banner.setText(texts.banner)
            self.banner.setAccessibleDescription(texts.banner)
        self.banner.setVisible(bool(texts.banner))
        if texts.status:
            self.plot.set_status_title(texts.title, texts.status, texts.export_title)
        if plot.curve is None:
            self.plot.set_curve([], [])
        else:
            self.plot.set_curve(plot.curve.t_day, plot.curve.conc)
        self.plot.set_threshold(plot.threshold, plot.threshold_label)

    def _render_dose(self, dose: pres.DoseState) -> None:
        self.dose_panel.set_content(list(dose.headers), [list(r) for r in dose.rows], list(dose.summary))
        self.dosing_weight_label.setText(dose.dosing_weight_text)
        if self.limits_label.text() != dose.limits_text:
            self.limits_label.setText(dose.limits_text)

    # =========================================================================================================
    # scenarios (pinned overlays, saved in the user database): the rules are in atgdesk.present.scenarios
    def pinned(self) -> list[PinnedScenario]:
        return list(self._pinned)

    def _show_outcome(self, outcome: Outcome) -> Outcome:
        """Render what a scenario action did: its note, the status bar, the pinned and saved lists."""
        if outcome.note is not None:
            self.scenario_panel.set_note(outcome.note)
        if outcome.status:
            log.warning("scenario not written: %s", outcome.status)
            self.status_message.emit(outcome.status)
        if outcome.pins_changed:
            self._refresh_pinned()
        if outcome.saved_changed:
            self._refresh_saved()
        return outcome

    def pin_current(self) -> PinnedScenario | None:
        """Pin the current prediction (at most five); returns the pinned scenario or None (reason shown)."""
        if self._presenter.computing:
            self.scenario_panel.set_note(self.tr("The prediction for these inputs is still being computed: pin "
                                                 "it once it is shown."))
            return None
        return self._show_outcome(self._scenarios.pin(self._inputs, self._result)).value

    def unpin(self, row: int) -> None:
        self._show_outcome(self._scenarios.unpin(row))

    def rename_pinned(self, row: int, name: str) -> None:
        """Rename a pinned scenario (and its saved copy, if any)."""
        self._show_outcome(self._scenarios.rename(row, name))

    def save_pinned(self, row: int) -> int | None:
        """Save a pinned scenario in the user database; returns its id."""
        return self._show_outcome(self._scenarios.save(row)).value

    def saved_scenarios(self) -> list[tuple[int, str]]:
        return self._scenarios.saved()

    def load_saved(self, scenario_id: int) -> bool:
        """Make a saved scenario the current inputs (and pin it); False with a note when it cannot be read."""
        read = self._show_outcome(self._scenarios.read_saved(scenario_id))
        if not read.ok:
            return False
        name, inputs = read.value
        self.set_inputs(inputs)
        self._show_outcome(self._scenarios.pin_loaded(scenario_id, name, self._inputs, self._result))
        return True

    def delete_saved(self, scenario_id: int) -> None:
        self._show_outcome(self._scenarios.delete(scenario_id))

    def _refresh_saved(self) -> None:
        self.scenario_panel.set_saved(self.saved_scenarios())

    def _store_reason(self, exc: BaseException) -> str:
        """Why a scenario change did not reach the user database, in plain words (a lock passes; read-only
        lasts this session)."""
        if isinstance(exc, UserStoreBusy):
            return self.tr("your personal-data file is in use by another program; try again in a moment")
        if isinstance(exc, UserStoreReadOnly):
            return self.tr("your personal data is read-only in this window")
        return str(exc)

    PINNED_KEY = "calculator/pinned"

    def save_state(self, settings) -> bool:
        """Keep the pinned scenarios (name, inputs, saved id) in the settings, so they are there after a quit;
        False (logged and in the status bar) when the settings file cannot be written."""
        from PySide6.QtCore import QSettings
        settings.setValue(self.PINNED_KEY, self._scenarios.to_json())
        settings.sync()  # QSettings reports a failed write only after sync (no exception is raised)
        if self._pinned and settings.status() != QSettings.Status.NoError:
            text = self.tr("The pinned scenarios were not kept for the next start: the settings file cannot be "
                           "written. Save the ones you need with Save.")
            log.warning("pinned scenarios were not kept: settings status %s", settings.status())
            self.status_message.emit(text)
            return False
        return True

    def restore_state(self, settings) -> None:
        """Pin again the scenarios kept by :meth:`save_state` (recomputed with their model); one that cannot be
        read or whose model is gone is left out and the scenarios note says so."""
        self._show_outcome(self._scenarios.restore(settings.value(self.PINNED_KEY, ""), self._models))

    def _refresh_pinned(self) -> None:
        state = self._presenter.pins_changed()
        self.plot.set_overlays([(c.name, c.t_day, c.conc) for c in (state.plot.overlays if state else ())])
        headers, rows = self._presenter.scenario_rows()
        self.scenario_panel.set_rows(headers, rows, list(OVERLAY_COLOURS[:len(rows)]))
        self.pin_count_changed()

    def pin_count_changed(self) -> None:
        self.scenario_panel.pin_button.setEnabled(self._scenarios.can_pin())

    # =========================================================================================================
    # uncertainty (worker thread)
    def _on_uncertainty_toggled(self, checked: bool) -> None:
        if not checked:
            self.plot.set_band_visible(False)
            self.uncertainty_note.setText("")
        self._start_uncertainty()

    def _start_uncertainty(self) -> None:
        """Percentile band (when asked for) and the probability beside the verdict (whenever a target is chosen),
        both from one population run in the worker thread (the presenter decides)."""
        wanted_band = self.uncertainty_check.isChecked()
        plan = self._presenter.population_plan(wanted_band, POPULATION_SIZE)
        self.metrics.set_probability(plan.probability)
        if not plan.run:
            self._presenter.next_generation("band")  # a running job's result is now stale
            if plan.band_note:
                self.plot.set_band_visible(False)
                self.uncertainty_note.setText(plan.band_note)
            return
        generation = self._presenter.next_generation("band")
        model, inputs, target = self._model, self._inputs, plan.target
        if wanted_band:
            self.uncertainty_note.setText(self.tr("Computing the percentile band…"))
        self._band_job.submit(generation, lambda: sc.uncertainty(model, inputs, target, n=POPULATION_SIZE,
                                                                 step_day=BAND_STEP_DAY))

    def _on_uncertainty_finished(self, generation: int, result) -> None:
        if not self._presenter.is_current("band", generation):
            return  # stale: the inputs changed while it ran
        self._band_result = result
        probability, note = self._presenter.population_done(result)
        if probability:
            self.metrics.set_probability(probability)
        if not self.uncertainty_check.isChecked():
            return
        # The legend says what the band is in few words (N is in the band note and the dosing note): a long
        # entry widens the whole legend over the curves.
        self.plot.set_band(result.t_day, result.lower, result.upper, f"{result.lower_pct:g}–{result.upper_pct:g}th pct")
        self.uncertainty_note.setText(note)

    def _on_uncertainty_failed(self, generation: int, message: str) -> None:
        if self._presenter.is_current("band", generation):
            self.plot.set_band_visible(False)
            self.uncertainty_note.setText(self.tr("Uncertainty not available: {0}").format(message))
            target = self._presenter.probability_target()
            if target is not None:
                self.metrics.set_probability(pres.probability_text(target, None, 0, unavailable=message))

    def band_result(self):
        return self._band_result

    def busy(self) -> bool:
        """True while a band or map computation is running or queued."""
        return self._band_job.busy() or self._map_job.busy() or self._dose_job.busy() or self._eval_job.busy()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop the background jobs (waits for a running one to finish)."""
        self._band_job.shutdown()
        self._map_job.shutdown()
        self._dose_job.shutdown()
        self._eval_job.shutdown()

    # =========================================================================================================
    # exports (atgdesk.ui.calc_export), from the presenter's state
    def report_content(self):
        """The dosing note's content for the current prediction (ReportError when there is none)."""
        return self._exports.content()

    def export_pdf(self, path: str | Path, fields=None) -> Path:
        """The dosing note; ``fields`` (report.NoteFields: patient, prescriber, HCT date) are printed, not kept."""
        return self._exports.pdf(path, fields)

    def export_plot(self, path: str | Path, fmt: str) -> Path:
        return self._exports.plot(path, fmt)

    def export_csv(self, path: str | Path) -> Path:
        return self._exports.csv(path)

    def _run_export(self, fn, path: str) -> None:
        self._exports.run(fn, path)

    # =========================================================================================================
    # tabs, geometry
    def _on_tab_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.map_panel and getattr(self, "_map_stale", True):
            self._schedule_map()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        if os.environ.get("ATGDESK_DEBUG_GEOMETRY") and not self._geometry_printed:
            QTimer.singleShot(300, self._print_geometry)

    def _print_geometry(self) -> None:
        if self.isVisible():
            self._geometry_printed = True
            print_slider_geometry({name: getattr(self, name).slider for name in ("weight", "dose", "first_day", "alc")})

    # =========================================================================================================
    # products, settings, targets, verdict
    def _fill_settings(self) -> None:
        """'Choose a setting…' first (no verdict until one is chosen), then each setting of the targets file."""
        fill_combo(self.setting_combo, [(self.tr(label) if not value else label, value)
                                        for value, label in pres.setting_options(self._targets)],
                   self._inputs.setting)
        self._fill_targets()

    def _fill_targets(self) -> None:
        """Only the chosen setting's targets, each with its population; those the model cannot be compared with
        are marked and explained (presenter rule)."""
        options, current = self._presenter.target_choice()
        choices = []
        for o in options:
            study = self._study_lookup(self._catalogue.target(o.id)) if self._study_lookup else ""
            choices.append(TargetChoice(o.id, o.label, o.source, study, o.comparable, o.reason))
        self.target.set_custom_allowed(bool(self._inputs.setting))
        self.target.set_choices(choices, current)
        if self._inputs.custom_window:
            self.target.set_custom_window(*self._inputs.custom_window)
        else:
            self._inputs = self._inputs.with_(custom_window=self.target.custom_window())
        self._inputs = self._inputs.with_(target_id=self.target.current_id())

    def _on_target_changed(self, target_id: str) -> None:
        self._set_input(target_id=target_id)

    def _on_custom_window_changed(self, lo: float, hi: float) -> None:
        self._set_input(custom_window=(lo, hi))

    def _current_target(self):
        """The chosen target (a custom window is a target too), or None (no setting or no target)."""
        return self._presenter.current_target()

    def _window_with_unit(self) -> tuple[float, float, str] | None:
        window = self._presenter.window()
        if window is None or self._model is None:
            return None
        return window[0], window[1], self._model.auc_unit

    # =========================================================================================================
    # dose finder
    def suggest_dose(self) -> None:
        """Start the dose finder in the worker thread (presenter rule: maximise attainment of an aim window,
        whole vials, within the label's hard limits); the proposal is shown with Apply — nothing changes until the
        user applies it."""
        model = self._model
        if model is None or self._result is None:
            self._presenter.drop_proposal()
            if self.computing():
                text = self.tr("The prediction for these inputs is still being computed: suggest a dose when it "
                               "is shown.")
            else:
                text = self.tr("No prediction, so no dose can be proposed.")
            self.proposal_bar.show_text(text, False)
            return
        generation = self._presenter.start_proposal()
        inputs, target = self._inputs, self._presenter.comparable_target() if self._inputs.setting else None
        product = self._products.get(inputs.product_id)
        self.proposal_bar.show_text(self.tr("Searching for the dose with the highest attainment…"), False)
        self._dose_job.submit(generation, lambda: pres.propose_dose(
            model, inputs, target, product, n=POPULATION_SIZE, product_name=self._presenter.product_name))

    def _on_proposal_finished(self, generation: int, state) -> None:
        if not self._presenter.is_current("proposal", generation):
            return
        self._proposal_state = state
        self._proposal = state.candidates[0] if state.candidates else None
        self.proposal_bar.show_proposal(state)

    def _on_proposal_failed(self, generation: int, message: str) -> None:
        if self._presenter.is_current("proposal", generation):
            self.proposal_bar.show_text(self.tr("No proposal: {0}").format(message), False)

    def _on_proposal_choice_changed(self, index: int) -> None:
        state = self._proposal_state
        if state is not None and 0 <= index < len(state.candidates):
            self._proposal = state.candidates[index]

    def proposal_state(self):
        """The dose finder's last answer (a :class:`~atgdesk.present.calculator.ProposalState`) or None."""
        return self._proposal_state

    def proposal(self):
        return self._proposal

    def apply_proposal(self) -> None:
        """Apply the suggested dose (only ever on the user's click)."""
        candidate = self.proposal()
        if candidate is None or self._presenter.proposal_outdated():
            return
        self._presenter.drop_proposal()
        self.proposal_bar.setVisible(False)
        self.set_inputs(candidate.inputs)

    def _on_dismiss_proposal(self) -> None:
        self._presenter.drop_proposal()
        self.proposal_bar.setVisible(False)

    def _drop_outdated_proposal(self) -> None:
        """The inputs, model or target changed after a dose was proposed (or while it was searched for): the
        proposal's candidates carry the old inputs, so Apply would silently put back the old weight, count or days.
        It is dropped, and the bar says why instead of offering Apply."""
        if not self._presenter.proposal_outdated():
            return
        self._presenter.drop_proposal()
        if self.proposal_bar.isVisibleTo(self):
            self.proposal_bar.show_text(self.tr("The inputs changed after the dose was proposed, so the proposal "
                                                "was withdrawn. Press Suggest a dose again for these inputs."), False)

    # =========================================================================================================
    # exposure map (worker thread)
    def _schedule_map(self) -> None:
        model = self._model
        if model is None or self._result is None:
            return
        self._map_stale = False
        generation = self._presenter.next_generation("map")
        inputs = self._inputs
        weights, alcs = self._presenter.map_grid()
        self._map_job.submit(generation, lambda: sc.exposure_map(model, inputs, weights, alcs))

    def _on_map_failed(self, generation: int, message: str) -> None:
        if self._presenter.is_current("map", generation):
            self.exposure_map.note.setText(self.tr("No map: {0}").format(message))

    def _on_map_finished(self, generation: int, result) -> None:
        if not self._presenter.is_current("map", generation) or self._model is None:
            return
        current = (self._inputs.weight_kg, sc.alc_per_nl(self._inputs.alc_value, self._inputs.alc_unit))
        window = self._presenter.window()
        title, note = map_texts(self._model, window is not None)
        self.exposure_map.set_map(result.weight_kg, result.alc_per_nl, result.auc_post, window, current, title,
                                  note)
