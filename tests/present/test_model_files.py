"""Model files that could not be loaded, in words (no Qt): each bad file of the user's models folder becomes one
problem naming the file and the field, the notice is one line whatever the count, and the details name the
folder and how to fix it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from atgdesk import paths
from atgdesk.present import model_files as mf
from atgdesk.present.catalogue import load_catalogue, model_folders
from tests.core.pk_testmodels import model_dict, to_toml

BUNDLED = paths.models_dir() / "illustrative-rabbit-atg-active.toml"


def write_user_models(folder: Path) -> None:
    """A good user model, three bad ones (TOML syntax, a missing field, a bundled id reused) and a note."""
    folder.mkdir(parents=True, exist_ok=True)
    good = model_dict()
    good["id"], good["name"] = "my-good-model", "My good model"
    (folder / "good.toml").write_text(to_toml(good), encoding="utf-8")
    (folder / "broken.toml").write_text('schema_version = 1\nid = "broken\n', encoding="utf-8")
    missing = model_dict()
    missing["id"] = "no-name"
    del missing["name"]
    (folder / "missing-name.toml").write_text(to_toml(missing), encoding="utf-8")
    shutil.copy(BUNDLED, folder / "copy-of-bundled.toml")
    (folder / "README.txt").write_text("not a model", encoding="utf-8")
    (folder / "notes.toml.bak").write_text("id = ", encoding="utf-8")


@pytest.fixture
def user_folder(isolated_home) -> Path:
    folder = isolated_home / "models"
    write_user_models(folder)
    return folder


def _by_name(problems):
    return {p.name: p for p in problems}


def test_model_file_problems_name_each_bad_file_its_field_and_reason(user_folder):
    catalogue = load_catalogue(model_folders(), paths.data_dir())
    assert user_folder in model_folders()
    assert "my-good-model" in [m.id for m in catalogue.models]  # a good user model still loads
    problems = _by_name(mf.model_file_problems(catalogue.model_errors))
    # non-TOML files (README.txt, notes.toml.bak) are not model files: ignored, not reported
    assert sorted(problems) == ["broken.toml", "copy-of-bundled.toml", "missing-name.toml"]
    assert problems["broken.toml"].field == "TOML syntax"
    assert problems["missing-name.toml"].field == "name" and problems["missing-name.toml"].problem == "missing"
    assert problems["copy-of-bundled.toml"].field == "id"
    for p in problems.values():
        assert p.folder == str(user_folder)
        assert not p.problem.startswith(str(user_folder)) and not p.field.startswith(str(user_folder))


def test_the_notice_is_one_line_in_words_for_one_or_many_files():
    assert mf.notice_text(0) == ""
    assert mf.notice_text(1) == "1 model file was not loaded — details"
    assert mf.notice_text(100) == "100 model files were not loaded — details"
    assert "\n" not in mf.notice_text(100)


def test_the_details_name_the_folder_each_file_and_how_to_fix_it(user_folder):
    catalogue = load_catalogue(model_folders(), paths.data_dir())
    problems = mf.model_file_problems(catalogue.model_errors)
    details = mf.model_files_details(problems, mf.user_models_folder())
    assert mf.user_models_folder() == user_folder
    assert details.folders == (f"Your models folder: {user_folder}",)
    rows = {name: (fld, reason) for name, fld, reason in details.rows}
    assert rows["missing-name.toml"] == ("name", "missing")
    fld, reason = rows["copy-of-bundled.toml"]
    assert fld == "id" and reason == ("the id 'illustrative-rabbit-atg-active' is already used by the model in "
                                      "illustrative-rabbit-atg-active.toml; give this model an id of its own")
    assert rows["broken.toml"][0] == "TOML syntax" and rows["broken.toml"][1]
    assert any("restart ATG Desk" in line for line in details.fixes)
    assert any(".toml are read" in line for line in details.fixes)
    text = details.as_text()
    for name in rows:
        assert name in text
    html = mf.details_html(details)
    assert "missing-name.toml" in html and "<table" in html


def test_a_file_name_or_key_with_markup_or_control_characters_is_shown_escaped():
    problems = mf.model_file_problems([("/m/<b>x\u202e.toml", "/m/<b>x\u202e.toml: 'a:\\nb': unknown key")])
    assert problems[0].field == "'a:\\nb'" and problems[0].problem == "unknown key"
    details = mf.model_files_details(problems)
    assert details.rows[0][0] == "<b>x\\u202e.toml"
    html = mf.details_html(details)
    assert "<b>x" not in html and "&lt;b&gt;x\\u202e.toml" in html


def test_a_message_without_a_field_keeps_its_whole_reason():
    problems = mf.model_file_problems([("/m/a.toml", "/m/a.toml: cannot be used (TypeError: bad)")])
    assert problems[0].field == "" and problems[0].problem == "cannot be used (TypeError: bad)"


def test_a_hundred_bad_files_are_one_notice_and_the_list_is_capped(tmp_path):
    folder = tmp_path / "models"
    folder.mkdir()
    for i in range(MANY := mf.MAX_ROWS_SHOWN + 30):
        (folder / f"bad-{i:03d}.toml").write_text("= nonsense", encoding="utf-8")
    catalogue = load_catalogue([paths.models_dir(), folder], paths.data_dir())
    assert [m.id for m in catalogue.models] == ["illustrative-rabbit-atg-active"]
    problems = mf.model_file_problems(catalogue.model_errors)
    assert len(problems) == MANY
    assert mf.notice_text(len(problems)) == f"{MANY} model files were not loaded — details"
    details = mf.model_files_details(problems, None)
    assert len(details.rows) == mf.MAX_ROWS_SHOWN
    assert details.more == "… and 30 more files ('atgdesk models' lists them all)."
    assert details.folders == (f"Folder: {folder}",)


def test_special_files_in_the_models_folder_are_listed_with_the_reason_not_read(tmp_path):
    import os
    folder = tmp_path / "models"
    (folder / "a-folder.toml").mkdir(parents=True)
    os.mkfifo(folder / "a-pipe.toml")  # reading it would block forever
    catalogue = load_catalogue([paths.models_dir(), folder], paths.data_dir())
    rows = {p.name: (p.field, p.problem) for p in mf.model_file_problems(catalogue.model_errors)}
    assert rows == {"a-folder.toml": ("file", "a folder, not a file"),
                    "a-pipe.toml": ("file", "a pipe (FIFO), not a file")}
