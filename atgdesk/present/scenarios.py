"""Pinned and saved calculator scenarios, without Qt: the pin list and its names, saving, renaming, loading and
deleting through the user store, and the pins kept between sessions as plain data.

The calculator screen (``atgdesk.ui.calculator_view``) calls :class:`ScenarioBook` and renders what it answers:
each action returns an :class:`Outcome` (the scenarios note, a message for the status bar, a value).  The store
is any object with ``save_scenario(name, payload) -> id``, ``rename_scenario(id, name)``,
``delete_scenario(id)`` and ``scenarios()`` (records with ``id``, ``name``, ``payload``) —
:class:`atgdesk.library.userstore.UserStore` in the app; this layer never imports it (import-linter contract).
A write the store refuses raises one of ``store_errors``; ``reason(exc)`` words it for the user.

Texts keep the translation context of the screen they were written for ("CalculatorView").
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from atgdesk.core import scenario as sc
from atgdesk.present.i18n import translate

__all__ = ["MAX_PINS", "PinnedScenario", "Outcome", "ScenarioBook", "pins_to_json"]

# At most five overlays: the plot has five colour-blind-safe pin colours distinct from the verdict colours.
MAX_PINS = 5


def _default_name(k: int) -> str:
    """A new pin's name: 'Scenario 1' ('方案 1' in Chinese); the user may rename it."""
    return translate("CalculatorView", "Scenario {0}").format(k)


@dataclass
class PinnedScenario:
    """A pinned scenario: its name, inputs, the engine's result, and its id in the user database once saved."""

    name: str
    inputs: sc.ScenarioInputs
    result: sc.ScenarioResult
    saved_id: int | None = None
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Outcome:
    """What an action did: ``ok``; ``note`` for the scenarios panel (None: leave it as it is); ``status`` for the
    status bar ('' none); ``value`` the action's result (a pin, a saved id, loaded inputs)."""

    ok: bool
    note: str | None = None
    status: str = ""
    value: Any = None
    pins_changed: bool = False
    saved_changed: bool = False


def pins_to_json(pins: Sequence[PinnedScenario]) -> str:
    """The pins as kept in the settings: name, inputs (the same payload as a saved scenario) and saved id."""
    return json.dumps([{"name": p.name, "inputs": sc.inputs_to_payload(p.inputs), "saved_id": p.saved_id}
                       for p in pins], ensure_ascii=False)


class ScenarioBook:
    """The pinned scenarios (shared with the presenter, which builds their table rows) and the saved ones."""

    def __init__(self, pins: list[PinnedScenario] | None = None, store: Any = None, *,
                 store_errors: tuple[type[BaseException], ...] = (),
                 reason: Callable[[BaseException], str] = str) -> None:
        self.pins: list[PinnedScenario] = pins if pins is not None else []
        self.store = store
        self._store_errors = store_errors
        self._reason = reason

    # ---- pins
    def can_pin(self) -> bool:
        return len(self.pins) < MAX_PINS

    def next_name(self) -> str:
        """'Scenario k' (in the interface language) with the smallest k not in use."""
        used = {p.name for p in self.pins}
        k = 1
        while _default_name(k) in used:
            k += 1
        return _default_name(k)

    def pin(self, inputs: sc.ScenarioInputs, result: sc.ScenarioResult | None) -> Outcome:
        if result is None:
            return Outcome(False, translate("CalculatorView", "Nothing to pin: there is no prediction."))
        if not self.can_pin():
            return Outcome(False, translate(
                "CalculatorView", "At most {0} scenarios can be pinned; unpin one first.").format(MAX_PINS))
        pin = PinnedScenario(self.next_name(), inputs, result)
        self.pins.append(pin)
        return Outcome(True, "", value=pin, pins_changed=True)

    def unpin(self, row: int) -> Outcome:
        if not 0 <= row < len(self.pins):
            return Outcome(False)
        del self.pins[row]
        return Outcome(True, pins_changed=True)

    def rename(self, row: int, name: str) -> Outcome:
        """Rename a pin (and its saved copy, if any); an empty name or a refused write keeps the old name (the
        table is redrawn either way, so an edited cell shows the name in force)."""
        if not 0 <= row < len(self.pins):
            return Outcome(False)
        name = " ".join(name.split())
        if not name:
            return Outcome(False, translate("CalculatorView", "A scenario name cannot be empty."), pins_changed=True)
        pin = self.pins[row]
        if pin.saved_id is not None and self.store is not None:
            try:
                self.store.rename_scenario(pin.saved_id, name)
            except self._store_errors as exc:  # locked, read-only, write failed: the saved copy keeps its name
                return self._not_written(translate("CalculatorView", "'{0}' was not renamed").format(pin.name), exc,
                                         pins_changed=True)
            except ValueError as exc:
                return Outcome(False, str(exc), pins_changed=True)
        pin.name = name
        return Outcome(True, pins_changed=True, saved_changed=True)

    # ---- the user database
    def saved(self) -> list[tuple[int, str]]:
        if self.store is None:
            return []
        return [(s.id, s.name) for s in self.store.scenarios()]

    def save(self, row: int) -> Outcome:
        """Save a pin in the user database (value: its id); never a false 'Saved'."""
        if not 0 <= row < len(self.pins):
            return Outcome(False)
        if self.store is None:
            return Outcome(False, translate("CalculatorView",
                                            "Personal data is unavailable: scenarios cannot be saved."))
        pin = self.pins[row]
        try:
            if pin.saved_id is None:
                pin.saved_id = self.store.save_scenario(pin.name, sc.inputs_to_payload(pin.inputs))
            else:
                self.store.rename_scenario(pin.saved_id, pin.name)
        except self._store_errors as exc:  # the pin stays on screen, unsaved, to save again
            return self._not_written(translate("CalculatorView", "'{0}' was not saved").format(pin.name), exc)
        except ValueError as exc:  # a name the store refuses (too long) or a saved copy deleted elsewhere
            return Outcome(False, translate("CalculatorView", "'{0}' was not saved: {1}").format(pin.name, exc))
        return Outcome(True, translate("CalculatorView", "Saved “{0}”.").format(pin.name), value=pin.saved_id,
                       saved_changed=True)

    def read_saved(self, scenario_id: int) -> Outcome:
        """The inputs of a saved scenario (value: (name, inputs)); not ok with a note when unreadable."""
        if self.store is None:
            return Outcome(False)
        stored = next((s for s in self.store.scenarios() if s.id == scenario_id), None)
        if stored is None:
            return Outcome(False)
        try:
            inputs = sc.inputs_from_payload(stored.payload)
        except (ValueError, TypeError) as exc:
            return Outcome(False, f"'{stored.name}' cannot be loaded: {exc}")
        return Outcome(True, value=(stored.name, inputs))

    def pin_loaded(self, scenario_id: int, name: str, inputs: sc.ScenarioInputs,
                   result: sc.ScenarioResult | None) -> Outcome:
        """Once a loaded scenario is on screen: pin it (linked to its saved copy) unless full or pinned already."""
        changed = (result is not None and self.can_pin()
                   and all(p.saved_id != scenario_id for p in self.pins))
        if changed and result is not None:
            self.pins.append(PinnedScenario(name, inputs, result, saved_id=scenario_id))
        return Outcome(True, translate("CalculatorView", "Loaded “{0}”.").format(name), pins_changed=changed)

    def delete(self, scenario_id: int) -> Outcome:
        """Delete a saved scenario; pins linked to it stay, unlinked (a refused delete keeps the links)."""
        if self.store is None:
            return Outcome(False)
        try:
            self.store.delete_scenario(scenario_id)
        except self._store_errors as exc:
            name = dict(self.saved()).get(scenario_id, str(scenario_id))
            return self._not_written(translate("CalculatorView", "'{0}' was not deleted").format(name), exc)
        for pin in self.pins:
            if pin.saved_id == scenario_id:
                pin.saved_id = None
        return Outcome(True, saved_changed=True)

    def _not_written(self, what: str, exc: BaseException, pins_changed: bool = False) -> Outcome:
        """The change did not reach the user database: say what and why, in the note and the status bar."""
        text = translate("CalculatorView", "{0}: {1}. The pinned scenario stays here.").format(what, self._reason(exc))
        return Outcome(False, text, status=text, pins_changed=pins_changed)

    # ---- kept between sessions (plain data; the screen writes it to its settings)
    def to_json(self) -> str:
        return pins_to_json(self.pins)

    def restore(self, raw: object, models: Sequence[Any],
                evaluate: Callable[[Any, sc.ScenarioInputs], sc.ScenarioResult] = sc.evaluate) -> Outcome:
        """Pin again the scenarios kept by :meth:`to_json`, recomputed with their model; one that cannot be read
        or whose model is gone is left out and the note names it."""
        if not raw:
            return Outcome(True)
        try:
            entries = json.loads(str(raw))
        except ValueError:
            entries = []
        skipped, added = [], False
        for entry in entries if isinstance(entries, list) else []:
            if not self.can_pin():
                break
            name = str(entry.get("name", "")) if isinstance(entry, dict) else ""
            try:
                inputs = sc.inputs_from_payload(entry.get("inputs"))
                model = next(m for m in models if m.id == inputs.model_id)
                result = evaluate(model, inputs)
            except (ValueError, TypeError, AttributeError, StopIteration):
                skipped.append(name or "?")
                continue
            saved_id = entry.get("saved_id")
            self.pins.append(PinnedScenario(name or _default_name(len(self.pins) + 1), inputs, result,
                                            saved_id=saved_id if isinstance(saved_id, int) else None))
            added = True
        note = (translate("CalculatorView", "Not pinned again (model missing or data unreadable): {0}.")
                .format(translate("CalculatorView", ", ").join(skipped))
                if skipped else None)
        return Outcome(not skipped, note, pins_changed=added)
