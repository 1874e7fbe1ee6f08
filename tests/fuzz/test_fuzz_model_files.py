"""Model files: the shipped model mutated field by field (removed, retyped, out of range, extra keys) and
arbitrary text.  Loading ends in a ModelFileError naming the file and a field, or in a model whose numbers are all
finite — never another exception."""

from __future__ import annotations

import copy
import datetime as dt
import json
import math
import tomllib

from hypothesis import example, given
from hypothesis import strategies as st

from atgdesk.core.model import PKModel, load_model
from tests.fuzz.conftest import SHIPPED_MODEL, count, fuzz_settings

BASE = tomllib.loads(SHIPPED_MODEL.read_text(encoding="utf-8"))


# -- a small TOML writer (no writer library is a dependency) ------------------------------------------------------
def _key(k: str) -> str:
    return json.dumps(k, ensure_ascii=False)


def _value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, dt.datetime | dt.date | dt.time):
        return v.isoformat()
    if isinstance(v, list):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{_key(k)} = {_value(x)}" for k, x in v.items()) + "}"
    raise TypeError(type(v))


def dumps(data: dict) -> str:
    """TOML for ``data`` (inline tables for nested tables, except top-level tables and arrays of tables)."""
    lines, tables = [], []
    for k, v in data.items():
        if isinstance(v, dict):
            tables.append((k, v))
        elif isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
            tables.append((k, v))
        else:
            lines.append(f"{_key(k)} = {_value(v)}")
    for k, v in tables:
        if isinstance(v, dict):
            lines.append(f"[{_key(k)}]")
            lines += [f"{_key(kk)} = {_value(vv)}" for kk, vv in v.items()]
        else:
            for item in v:
                lines.append(f"[[{_key(k)}]]")
                lines += [f"{_key(kk)} = {_value(vv)}" for kk, vv in item.items()]
    return "\n".join(lines) + "\n"


assert tomllib.loads(dumps(BASE)) == BASE  # the writer round-trips the shipped model


# -- mutations ----------------------------------------------------------------------------------------------------
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-10**20, 10**20),
    st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([0.0, -0.0, 1e-320, 1e308, -1.0, 1e7, 1e9]),
    st.text(max_size=20), st.sampled_from(["", " ", "<b>x</b>", "linear", "mm", "saturable", "AU/mL", "L/day",
                                           "weight_kg", "power", "cl", "v1"]),
    st.dates(), st.lists(st.floats(allow_nan=True) | st.integers(-5, 5) | st.text(max_size=3), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(-3, 3) | st.text(max_size=3), max_size=2),
)


def _paths(node, prefix=()):
    """Every (path) to a value in the nested data."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield prefix + (k,)
            yield from _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield prefix + (i,)
            yield from _paths(v, prefix + (i,))


ALL_PATHS = list(_paths(BASE))


def _container(data, path):
    node = data
    for part in path[:-1]:
        node = node[part]
    return node


@st.composite
def mutated_models(draw):
    data = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(ALL_PATHS))
        try:
            parent = _container(data, path)
            parent[path[-1]]
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed or retyped a parent
        if not isinstance(parent, dict | list):
            continue  # a parent retyped to a string (indexable, but not a TOML container)
        action = draw(st.sampled_from(["remove", "retype", "retype", "scale", "extra"]))
        if action == "remove":
            if isinstance(parent, list):
                parent.pop(path[-1])
            else:
                del parent[path[-1]]
        elif action == "retype":
            value = draw(SCALARS)
            if value is None:
                continue  # TOML has no null
            parent[path[-1]] = value
        elif action == "scale":
            old = parent[path[-1]]
            if isinstance(old, int | float) and not isinstance(old, bool):
                parent[path[-1]] = old * draw(st.sampled_from([-1, 0, 1e-300, 1e300, 10, 0.5, float("nan")]))
        else:
            target = parent[path[-1]] if isinstance(parent[path[-1]], dict) else data
            target[draw(st.text(min_size=1, max_size=8))] = draw(SCALARS.filter(lambda v: v is not None))
    return data


def _check_model(model: PKModel) -> None:
    numbers = [model.amount_to_concentration, model.residual_proportional, model.residual_additive]
    numbers += [p.value for p in model.parameters] + [p.omega2 for p in model.parameters]
    numbers += [x for c in model.covariates for x in (c.typical, c.soft_min, c.soft_max, c.hard_min, c.hard_max)]
    numbers += [x for e in model.covariate_effects for x in (e.reference, e.coefficient)]
    assert all(isinstance(x, float | int) and math.isfinite(x) for x in numbers), numbers
    assert all(p.value > 0 for p in model.parameters)


def _load(tmp_path, text: str | bytes):
    path = tmp_path / "fuzzed-model.toml"
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
    else:
        path.write_bytes(text)
    try:
        model = load_model(path)
    except ValueError as exc:  # ModelFileError is a ValueError
        message = str(exc)
        assert message.startswith(f"{path}: "), message
        field = message[len(f"{path}: "):].split(":", 1)
        assert len(field) == 2 and field[0].strip(), message  # "file: field: problem"
        assert "\n" not in field[0]
        return None
    _check_model(model)
    return model


# Found by fuzzing: a key with a line break (or an empty key) made a multi-line message naming no field.
_NEWLINE_KEY = copy.deepcopy(BASE)
_NEWLINE_KEY["parameters"]["vmax"]["\n"] = 1
_EMPTY_KEY = dict(BASE, **{"": 0})


@fuzz_settings()
@example(data=_NEWLINE_KEY)
@example(data=_EMPTY_KEY)
@example(data=dict(BASE, **{"a: b": 0}))
@given(data=mutated_models())
def test_fuzz_model_mutated_fields_fail_naming_file_and_field(tmp_path_factory, data):
    count("model-mutated")
    _load(tmp_path_factory.mktemp("m"), dumps(data))


@fuzz_settings()
@given(text=st.one_of(st.text(max_size=400), st.binary(max_size=400),
                      st.lists(st.sampled_from(dumps(BASE).splitlines()), max_size=60).map("\n".join)))
def test_fuzz_model_arbitrary_text_fails_naming_file_and_field(tmp_path_factory, text):
    count("model-text")
    _load(tmp_path_factory.mktemp("m"), text)
