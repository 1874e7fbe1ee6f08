"""Model files that could not be loaded, in words, without Qt: the one-line notice beside the calculator's model
chooser and the details (each file, the field and the reason, the folder, how to fix it).

The catalogue reports each bad file as ``(file, message)``; the message comes from the model-file checks of
:mod:`atgdesk.core.model` and :mod:`atgdesk.core.tomlfile` in the form ``'file: field: problem'`` and in English
(those checks are shared with the command line, which stays English).  The frame around them is translated here;
the Chinese text says once that the reasons stay in English.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from atgdesk.present.i18n import translate

__all__ = ["ModelFileProblem", "ModelFilesDetails", "MAX_ROWS_SHOWN", "details_html", "model_file_problems",
           "model_files_details", "notice_text", "user_models_folder"]

# More bad files than this are counted, not listed (the command line ``atgdesk models`` lists them all).
MAX_ROWS_SHOWN = 200

# A field as the checks name it: 'id', 'parameters.cl.value', 'covariates[0].name', 'TOML syntax', 'file', or a
# key from the file quoted with repr() when it holds spaces, ':' or a line break.
_FIELD = re.compile(r"[A-Za-z0-9_\-]+(?:\.[A-Za-z0-9_\-]+|\[\d+\])*|TOML syntax|TOML|'[^']*'|\"[^\"]*\"")
# Control characters (a line break or a bidi override in a file name or key) are shown as visible escapes.
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class ModelFileProblem:
    """One file that was not loaded: its path as reported, the field named (empty when the check names none)
    and the problem in the checks' words."""

    path: str
    field: str
    problem: str

    @property
    def name(self) -> str:
        return Path(self.path).name or self.path

    @property
    def folder(self) -> str:
        return str(Path(self.path).parent)


@dataclass(frozen=True)
class ModelFilesDetails:
    """The details view in words: title, summary, folders, how to fix it, a note on the reasons' words, the
    table's headers and rows (file, field, reason) and how many rows were left out."""

    title: str
    summary: str
    folders: tuple[str, ...]
    fixes: tuple[str, ...]
    language_note: str
    headers: tuple[str, str, str]
    rows: tuple[tuple[str, str, str], ...]
    more: str

    def as_text(self) -> str:
        """Plain text of the whole view (to copy into a message to whoever maintains the file)."""
        lines = [self.summary, *self.folders, "", *self.fixes, self.language_note, ""]
        lines += [f"{name} — {fld}: {reason}" if fld else f"{name} — {reason}" for name, fld, reason in self.rows]
        if self.more:
            lines.append(self.more)
        return "\n".join(lines)


def _visible(text: str) -> str:
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def model_file_problems(model_errors: Iterable[tuple[str, str]]) -> tuple[ModelFileProblem, ...]:
    """The catalogue's ``model_errors`` as problems: the file's own path is taken off the message and the field
    it names is split from the problem (``'x.toml: parameters.cl.value: missing'`` → field
    ``parameters.cl.value``, problem ``missing``)."""
    out: list[ModelFileProblem] = []
    for path, message in model_errors:
        rest = message
        for prefix in (f"{path}: ", f"{Path(path).name}: "):
            if rest.startswith(prefix):
                rest = rest[len(prefix):]
                break
        field, problem = "", rest
        head, sep, tail = rest.partition(": ")
        if sep and _FIELD.fullmatch(head):
            field, problem = head, tail
        out.append(ModelFileProblem(str(path), field, problem.strip()))
    return tuple(out)


def user_models_folder() -> Path | None:
    """``<user data folder>/models`` (whether or not it exists yet); None when there is no user folder."""
    from atgdesk import paths
    try:
        return paths.user_dir() / "models"
    except OSError:
        return None


def notice_text(count: int) -> str:
    """The one-line notice beside the model chooser ('' when every model file was loaded)."""
    if count <= 0:
        return ""
    if count == 1:
        return translate("ModelFiles", "1 model file was not loaded — details")
    return translate("ModelFiles", "{0} model files were not loaded — details").format(count)


_REUSED_ID = re.compile(r"'(?P<id>[^']*)' is already used by (?P<other>.+)")


def _reason(problem: ModelFileProblem) -> str:
    """The problem in the checks' words, except a reused id (worded by the catalogue, not by a data check),
    which is said in the interface language with what to do."""
    m = _REUSED_ID.fullmatch(problem.problem) if problem.field == "id" else None
    if m is None:
        return problem.problem
    return translate("ModelFiles", "the id '{0}' is already used by the model in {1}; give this model an id of "
                                   "its own").format(m["id"], Path(m["other"]).name)


def model_files_details(problems: Sequence[ModelFileProblem], user_folder: str | Path | None = None
                        ) -> ModelFilesDetails:
    """The details of ``problems`` (``user_folder``: the user's models folder, named as such when a file is
    in it)."""
    n = len(problems)
    if n == 1:
        summary = translate("ModelFiles", "1 model file was not loaded; the calculator runs on without it.")
    else:
        summary = translate("ModelFiles",
                            "{0} model files were not loaded; the calculator runs on without them.").format(n)
    user = str(Path(user_folder)) if user_folder is not None else None
    folders: list[str] = []
    for folder in dict.fromkeys(p.folder for p in problems):
        if user is not None and folder == user:
            folders.append(translate("ModelFiles", "Your models folder: {0}").format(_visible(folder)))
        else:
            folders.append(translate("ModelFiles", "Folder: {0}").format(_visible(folder)))
    fixes = (
        translate("ModelFiles", "To fix a file, correct the field named in its reason (or move the file out of "
                                "the folder), then restart ATG Desk: model files are read when it starts."),
        translate("ModelFiles", "A model of your own needs an id that no other model uses, bundled ones "
                                "included."),
        translate("ModelFiles", "Only files whose names end in .toml are read; other files in the folder are "
                                "ignored."),
        translate("ModelFiles", "The file format is described in ATG Desk's documentation (model-format.md); "
                                "the command 'atgdesk models' lists the same problems."),
    )
    # the translations add that the reasons (the file checks' words, shared with the command line) stay English
    note = translate("ModelFiles", "Each reason names the field as it is spelled in the file.")
    headers = (translate("ModelFiles", "File"), translate("ModelFiles", "Field"), translate("ModelFiles", "Reason"))
    # by folder and file name (the catalogue reports a reused id after the folder's other problems)
    shown = sorted(problems, key=lambda p: (p.folder, p.name))[:MAX_ROWS_SHOWN]
    rows = tuple((_visible(p.name), _visible(p.field), _visible(_reason(p))) for p in shown)
    more = ""
    if n > len(shown):
        more = translate("ModelFiles", "… and {0} more files ('atgdesk models' lists them all).").format(
            n - len(shown))
    return ModelFilesDetails(
        title=translate("ModelFiles", "Model files not loaded"), summary=summary, folders=tuple(folders),
        fixes=fixes, language_note=note, headers=headers, rows=rows, more=more)


def details_html(details: ModelFilesDetails) -> str:
    """The details as rich text for a text browser (every text from a file escaped)."""
    e = html.escape
    parts = [f"<p><b>{e(details.summary)}</b></p>"]
    parts += [f"<p>{e(line)}</p>" for line in details.folders]
    # how to fix them before the list (with a hundred files the list is long)
    parts.append("<ul>" + "".join(f"<li>{e(line)}</li>" for line in details.fixes) + "</ul>")
    parts.append(f"<p><small>{e(details.language_note)}</small></p>")
    parts.append("<table border='1' cellspacing='0' cellpadding='4' width='100%'><tr>"
                 + "".join(f"<th align='left'>{e(h)}</th>" for h in details.headers) + "</tr>")
    for name, fld, reason in details.rows:
        parts.append(f"<tr><td>{e(name)}</td><td><code>{e(fld)}</code></td><td>{e(reason)}</td></tr>")
    parts.append("</table>")
    if details.more:
        parts.append(f"<p>{e(details.more)}</p>")
    return "".join(parts)
