"""The README and docs/ say what the code does (issue 15): the command table lists every subcommand and only
options that exist; the JSON key lists of ``search``, ``simulate`` and ``levels`` match what the commands emit,
nested keys included; the field lists of docs/model-format.md and docs/levels.md match the loaders.

Failures name each key precisely ("README lacks simulate --json key target.kind"), so a new key is a one-line
README change.  Key lists in the README are nested Markdown bullets (see its "JSON keys" paragraph): a bullet
``- `a`, `b` — text`` lists keys, ``- `obj`: `x`, `y``` an object and its keys, deeper bullets the keys of the
object above; ``- `a`: words`` explains key ``a`` (code spans in the words are not keys); ``<name>`` stands for
keys that vary (covariate or parameter names).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from atgdesk.core import levels as levels_module
from atgdesk.core import model as model_module

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
MODEL = "illustrative-rabbit-atg-active"
LEVELS_CSV = ROOT / "tests" / "core" / "data" / "example_au.csv"
REGIMEN = "2.5mg/kg@-3,-2/6h"

Tree = dict[str, "Tree"]
_CODE = re.compile(r"`([^`]+)`")
_BULLET = re.compile(r"^(\s*)- (.*)$")


# -- README key lists --------------------------------------------------------------------------------------------


def _section_lines(text: str, marker: str) -> list[str]:
    """The bullet list that follows the line starting with ``marker`` (up to the first blank line after it)."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith(marker)), None)
    assert start is not None, f"README has no line starting with {marker!r}"
    i = start + 1
    while i < len(lines) and not _BULLET.match(lines[i]):
        i += 1
    out = []
    while i < len(lines) and lines[i].strip():
        out.append(lines[i])
        i += 1
    return out


def parse_key_tree(lines: list[str]) -> Tree:
    """Nested keys from README bullets (format in the module docstring)."""
    root: Tree = {}
    stack: list[tuple[int, Tree]] = [(-1, root)]
    for line in lines:
        m = _BULLET.match(line)
        if not m:
            continue  # a bullet's text continued on the next line
        indent, text = len(m.group(1)), m.group(2)
        while stack[-1][0] >= indent:
            stack.pop()
        parent = stack[-1][1]
        head = re.sub(r"\([^)]*\)", "", text.split(" — ", 1)[0])  # keys come before the description
        obj = re.match(r"^`([^`]+)`\s*:\s*(.*)$", head)
        if obj and not re.fullmatch(r"\s*`[^`]+`(\s*,\s*`[^`]+`)*\s*", obj.group(2)):
            # "`key`: prose" explains one key: the key is listed, the code spans in the prose are not keys
            parent.setdefault(obj.group(1), {})
            node = parent[obj.group(1)]
        elif obj:
            node = parent.setdefault(obj.group(1), {})
            for key in _CODE.findall(obj.group(2)):
                node.setdefault(key, {})
        else:
            keys = _CODE.findall(head)
            assert keys, f"README key bullet without a key: {line.strip()!r}"
            for key in keys:
                parent.setdefault(key, {})
            node = parent[keys[-1]]
        stack.append((indent, node))
    return root


def _merge(into: Tree, other: Tree) -> Tree:
    for key, sub in other.items():
        _merge(into.setdefault(key, {}), sub)
    return into


def tree_of(value) -> Tree:
    """The key tree of a JSON value; the keys of a list's objects are merged (they describe its entries)."""
    if isinstance(value, dict):
        return {str(k): tree_of(v) for k, v in value.items()}
    if isinstance(value, list):
        merged: Tree = {}
        for item in value:
            _merge(merged, tree_of(item))
        return merged
    return {}


def compare_trees(documented: Tree, emitted: Tree, path: str = "") -> tuple[list[str], list[str]]:
    """(keys emitted but not documented, keys documented but never emitted), as dotted paths."""
    placeholders = [k for k in documented if k.startswith("<")]
    if placeholders:
        collapsed: Tree = {}
        for sub in emitted.values():
            _merge(collapsed.setdefault(placeholders[0], {}), sub)
        emitted = collapsed
    undocumented = [path + k for k in emitted if k not in documented]
    unemitted = [path + k for k in documented if k not in emitted]
    for key in documented.keys() & emitted.keys():
        u, n = compare_trees(documented[key], emitted[key], f"{path}{key}.")
        undocumented += u
        unemitted += n
    return undocumented, unemitted


def assert_documented(command: str, documented: Tree, outputs: list[dict]) -> None:
    emitted: Tree = {}
    for out in outputs:
        _merge(emitted, tree_of(out))
    undocumented, unemitted = compare_trees(documented, emitted)
    problems = [f"README lacks {command} key {k}" for k in sorted(undocumented)]
    problems += [f"README lists {command} key {k}, which the command never emits" for k in sorted(unemitted)]
    assert not problems, "\n".join(problems)


def _cli(app_env, *args: str) -> str:
    proc = subprocess.run([sys.executable, "-m", "atgdesk", *args], env=app_env, capture_output=True, text=True,
                          timeout=180, cwd=ROOT)
    assert proc.returncode == 0, f"atgdesk {' '.join(args)}: {proc.stderr}"
    return proc.stdout


def test_readme_simulate_json_keys_match_the_command(app_env):
    common = ["simulate", "--model", MODEL, "--weight", "70", "--alc", "0.5", "--regimen", "2.5mg/kg@-3,-2,-1/6h",
              "--json"]
    outputs = [json.loads(_cli(app_env, *common)),
               json.loads(_cli(app_env, *common, "--target", "admiraal2017-adult-ud-nma", "--population", "40",
                               "--curve", "--step", "0.5"))]
    documented = parse_key_tree(_section_lines(README.read_text(encoding="utf-8"), "**`simulate --json`** keys"))
    assert_documented("simulate --json", documented, outputs)


def test_readme_levels_json_keys_match_the_command(app_env):
    base = ["levels", str(LEVELS_CSV), "--json"]
    with_regimen = [*base, "--regimen", REGIMEN, "--weight", "70", "--target-auc", "30", "--as-of", "-2.5"]
    outputs = [json.loads(_cli(app_env, *base)), json.loads(_cli(app_env, *with_regimen)),
               json.loads(_cli(app_env, *with_regimen, "--model", MODEL, "--alc", "0.2")),
               # target_verdict when compared and when not (another metric)
               json.loads(_cli(app_env, *with_regimen, "--target", "admiraal2017-adult-ud-nma")),
               json.loads(_cli(app_env, *base, "--target", "jtct2022-haplo-total-ue"))]
    documented = parse_key_tree(_section_lines(README.read_text(encoding="utf-8"), "**`levels --json`** keys"))
    assert_documented("levels --json", documented, outputs)


def _command_table() -> list[tuple[str, str]]:
    """(command cell, description cell) of each row of the README's command table."""
    lines = README.read_text(encoding="utf-8").splitlines()
    start = lines.index("| command | what it does |")
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        rows.append((cells[0], cells[1]))
    return rows


def test_readme_search_json_keys_match_the_command(app_env):
    row = next(desc for cmd, desc in _command_table() if cmd.startswith("`atgdesk search"))
    braces = re.search(r"\{([^}]*)\}", row)
    assert braces, "the search row gives no {key, …} list"
    documented = {k.strip(): {} for k in braces.group(1).split(",")}
    hits = json.loads(_cli(app_env, "search", "thymoglobulin", "--json", "--limit", "5"))
    assert hits
    assert_documented("search --json (each hit)", documented, [hits[0]])


def _options(help_text: str) -> set[str]:
    return set(re.findall(r"(?<![\w-])--[a-z][a-z0-9-]*", help_text))


def test_readme_command_table_matches_the_parser(app_env):
    top = _cli(app_env, "--help")
    # argparse lists the subcommands under "positional arguments", one per line, indented under COMMAND.
    block = top.split("positional arguments:", 1)[1].split("\noptions:", 1)[0]
    subcommands = set(re.findall(r"^\s{4}([a-z][a-z-]*)\s{2,}", block, flags=re.M))
    assert {"search", "simulate", "levels"} <= subcommands, top
    table: dict[str, set[str]] = {}
    for cell, _ in _command_table():
        words = _CODE.findall(cell)[0].split()
        assert words[0] == "atgdesk", cell
        name = words[1] if len(words) > 1 and not words[1].startswith("-") else ""
        table.setdefault(name, set()).update(_options(cell))
    problems = [f"README's command table lacks the subcommand '{s}'" for s in sorted(subcommands - table.keys())]
    problems += [f"README's command table lists '{s}', which is not a subcommand"
                 for s in sorted(table.keys() - subcommands - {""})]
    for name, options in sorted(table.items()):
        if name not in subcommands and name:
            continue
        known = _options(_cli(app_env, name, "--help") if name else top)
        command = f"atgdesk {name}".strip()
        problems += [f"README's command table gives {o} for '{command}', which its --help lacks"
                     for o in sorted(options - known)]
    assert not problems, "\n".join(problems)


# -- docs/model-format.md ----------------------------------------------------------------------------------------


def _doc_table(path: Path, header_start: str) -> list[list[str]]:
    """Rows (cells) of the first Markdown table whose header row starts with ``header_start``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header_start))
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        rows.append([c.strip() for c in re.split(r"(?<![\\`])\|(?![^`]*`\s*\|)", line)[1:-1]])
    return rows


MODEL_DOC = ROOT / "docs" / "model-format.md"


def test_model_format_fields_match_the_loader():
    lines = MODEL_DOC.read_text(encoding="utf-8").splitlines()
    start = lines.index("## Fields")
    header = next(i for i in range(start, len(lines)) if lines[i].startswith("|"))
    documented = set()
    for line in lines[header + 2:]:
        if not line.startswith("|"):
            break
        name = _CODE.findall(line)[0]
        documented.add(re.sub(r"^\[+|\]+$", "", name).split(".")[0])
    loader = set(model_module._TOP_KEYS)
    problems = [f"docs/model-format.md lacks the top-level field '{k}'" for k in sorted(loader - documented)]
    problems += [f"docs/model-format.md lists '{k}', which the loader refuses" for k in sorted(documented - loader)]
    assert not problems, "\n".join(problems)


def test_model_format_parameters_and_forms_match_the_loader():
    text = MODEL_DOC.read_text(encoding="utf-8")
    section = text.split("### Parameters", 1)[1].split("\n### ", 1)[0]
    documented = {_CODE.findall(line)[0] for line in section.splitlines()
                  if line.startswith("| `") and _CODE.findall(line)}
    accepted: set[str] = set()
    for compartments in (1, 2):
        for elimination in ("linear", "mm", "linear+mm"):
            for distribution in ("linear", "saturable") if compartments == 2 else ("linear",):
                accepted.update(model_module._required_parameters(compartments, elimination, distribution))
    assert documented == accepted, (f"docs/model-format.md parameters {sorted(documented)}; the loader's "
                                    f"{sorted(accepted)}")
    forms_section = text.split("### Covariate relations", 1)[1].split("\n## ", 1)[0]
    forms = {}
    for line in forms_section.splitlines():
        codes = _CODE.findall(line)
        if line.startswith("| `") and len(codes) >= 2:
            forms[codes[0]] = codes[1]
    assert forms == dict(model_module.FORMS)


def test_model_format_complete_example_loads():
    text = MODEL_DOC.read_text(encoding="utf-8")
    example = text.split("## A complete example", 1)[1].split("```toml", 1)[1].split("```", 1)[0]
    model = model_module.parse_model(tomllib.loads(example), "docs/model-format.md example")
    assert model.id


# -- docs/levels.md ----------------------------------------------------------------------------------------------


def _csv_bullet(word: str, names_only: bool = True) -> list[str]:
    """Code spans of the docs/levels.md CSV bullet that starts with ``word`` (continuation lines included); for a
    bold column bullet, with ``names_only``, only those before its colon (the column's other names)."""
    text = (ROOT / "docs" / "levels.md").read_text(encoding="utf-8")
    csv = text.split("## CSV format", 1)[1].split("\n## ", 1)[0]
    bullets = re.split(r"\n- ", csv)
    match = [b for b in bullets if b.startswith(word)]
    assert match, f"docs/levels.md has no CSV bullet starting with {word!r}"
    text = match[0].split(":", 1)[0] if word.startswith("**") and names_only else match[0]
    return _CODE.findall(text)


@pytest.mark.parametrize(("bullet", "constant"), [
    ("**time_day**", "TIME_COLUMNS"),
    ("**concentration**", "CONC_COLUMNS"),
    ("**unit**", "UNIT_COLUMNS"),
])
def test_levels_doc_column_names_match_the_parser(bullet, constant):
    names = {bullet.strip("*")} | {c for c in _csv_bullet(bullet)}
    parser = set(getattr(levels_module, constant))
    assert names == parser, (f"docs/levels.md {bullet} names {sorted(names)}; atgdesk/core/levels.py {constant} "
                             f"{sorted(parser)}")


def test_levels_doc_ignored_columns_blq_words_and_units_match_the_parser():
    ignored = {c for c in _csv_bullet("Optional") if re.fullmatch(r"[a-z_]+", c)}
    assert ignored == set(levels_module.IGNORED_COLUMNS), f"docs/levels.md ignores {sorted(ignored)}"
    concentration = (ROOT / "docs" / "levels.md").read_text(encoding="utf-8").split("- **concentration**", 1)[1]
    concentration = concentration.split("\n- ", 1)[0]
    blq = {c.lower() for c in _CODE.findall(concentration) if re.fullmatch(r"<?[A-Z]+", c)}
    assert blq == set(levels_module.BLQ_WORDS), f"docs/levels.md below-limit words {sorted(blq)}"
    units = {c.lower() for c in _csv_bullet("**unit**", names_only=False) if "/" in c}
    assert units == set(levels_module._UNIT_ALIASES), f"docs/levels.md units {sorted(units)}"


def test_key_list_parser_and_comparison():
    """The README format itself: objects, nested bullets, explanations, placeholders, and the two kinds of
    mismatch."""
    lines = [
        "- `model` — the model",
        "  - `id`, `name`",
        "  - `source`: `citation`, `doi` (when known)",
        "  - `id`: the model's id — explained, `not_a_key`",
        "- `covariates`: `<covariate>`",
        "- `curve`",
        "  - `t_day`, `conc`",
    ]
    tree = parse_key_tree(lines)
    assert tree == {"model": {"id": {}, "name": {}, "source": {"citation": {}, "doi": {}}},
                    "covariates": {"<covariate>": {}}, "curve": {"t_day": {}, "conc": {}}}
    emitted = tree_of({"model": {"id": "m", "name": "n", "source": {"citation": "c"}, "path": "p"},
                       "covariates": {"weight_kg": 70, "alc": 1}, "curve": [{"t_day": 0, "conc": 1}]})
    undocumented, unemitted = compare_trees(tree, emitted)
    assert undocumented == ["model.path"]
    assert unemitted == ["model.source.doi"]
