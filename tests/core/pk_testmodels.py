"""Builders of small model dicts/files for the PK engine tests (not a test module)."""

from __future__ import annotations

import copy
from pathlib import Path

from atgdesk.core.model import PKModel, parse_model

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "data" / "models" / "illustrative-rabbit-atg-active.toml"

BASE = {
    "schema_version": 1,
    "id": "test-model",
    "name": "Test model",
    "product": "rabbit-thymoglobulin",
    "analyte": "active",
    "assay": "active ATG, flow-cytometric binding assay, AU/mL",
    "status": "user",
    "units": {"dose": "mg", "time": "day", "concentration": "AU/mL", "volume": "L",
              "amount_to_concentration": 1.0},
    "source": {"citation": "test fixture", "entered_by": "tests", "date": "2026-01-01"},
    "structure": {"compartments": 2, "elimination": "linear", "distribution": "linear"},
    "parameters": {
        "cl": {"value": 3.0, "unit": "L/day", "cv": 0.4},
        "v1": {"value": 20.0, "unit": "L", "omega_variance": 0.04},
        "q": {"value": 10.0, "unit": "L/day"},
        "v2": {"value": 15.0, "unit": "L"},
    },
    "covariates": {
        "weight_kg": {"unit": "kg", "description": "weight", "typical": 70.0, "soft": [30.0, 150.0],
                      "hard": [1.0, 300.0]},
        "alc_per_nl": {"unit": "10^9/L", "description": "ALC", "typical": 0.2, "soft": [0.0, 5.0],
                       "hard": [0.0, 100.0]},
    },
    "covariate_effects": [
        {"parameter": "cl", "covariate": "weight_kg", "form": "power", "reference": 70.0, "exponent": 0.75},
        {"parameter": "v1", "covariate": "weight_kg", "form": "power", "reference": 70.0, "exponent": 1.0},
        {"parameter": "cl", "covariate": "alc_per_nl", "form": "linear", "reference": 0.0, "slope": 0.1},
    ],
    "residual_error": {"proportional": 0.2, "additive": 0.1},
}

MM_PARAMS = {"vmax": {"value": 20.0, "unit": "mg/day"}, "km": {"value": 5.0, "unit": "AU/mL"}}
SAT_PARAMS = {"tm": {"value": 40.0, "unit": "mg/day"}, "kmd": {"value": 4.0, "unit": "AU/mL"}}


def model_dict(compartments: int = 2, elimination: str = "linear", distribution: str = "linear",
               scale: float = 1.0) -> dict:
    """A valid model dict for the requested structure."""
    d = copy.deepcopy(BASE)
    d["units"]["amount_to_concentration"] = scale
    d["structure"] = {"compartments": compartments, "elimination": elimination}
    if compartments == 2:
        d["structure"]["distribution"] = distribution
    else:
        del d["parameters"]["q"], d["parameters"]["v2"]
    if elimination in ("mm", "linear+mm"):
        d["parameters"].update(copy.deepcopy(MM_PARAMS))
    if elimination == "mm":
        del d["parameters"]["cl"]
        d["covariate_effects"] = [e for e in d["covariate_effects"] if e["parameter"] != "cl"]
    if compartments == 2 and distribution == "saturable":
        d["parameters"].update(copy.deepcopy(SAT_PARAMS))
    return d


def make_model(**kw) -> PKModel:
    """A validated model for the requested structure."""
    return parse_model(model_dict(**kw), "test.toml")


def to_toml(d: dict) -> str:
    """Minimal TOML writer for the fixture dicts (tables, arrays of tables, scalars, lists of numbers)."""
    lines: list[str] = []

    def scalar(v) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, str):
            return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
        if isinstance(v, list):
            return "[" + ", ".join(scalar(x) for x in v) + "]"
        return repr(v)

    def table(prefix: str, t: dict) -> None:
        for k, v in t.items():
            if not isinstance(v, dict) and not (isinstance(v, list) and v and isinstance(v[0], dict)):
                lines.append(f"{k} = {scalar(v)}")
        for k, v in t.items():
            name = f"{prefix}.{k}" if prefix else k
            if isinstance(v, dict):
                lines.append(f"\n[{name}]")
                table(name, v)
            elif isinstance(v, list) and v and isinstance(v[0], dict):
                for item in v:
                    lines.append(f"\n[[{name}]]")
                    table(name, item)

    table("", d)
    return "\n".join(lines) + "\n"
