"""Digits of other scripts are read as numbers (issue 16, item 6); where they still cannot be
read (glued inside a word) they are a note, never skipped in silence (issue 15, item 13)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from sourcecheck import cli

ROOT = Path(__file__).resolve().parents[2]


def _project(tmp_path: Path, sentence: str) -> Path:
    project = tmp_path / "project"
    shutil.copytree(ROOT / "schemas", project / "schemas")
    shutil.copytree(ROOT / "datapackages", project / "datapackages")
    shutil.copy(ROOT / "pyproject.toml", project / "pyproject.toml")
    article = project / "articles" / "nieuw" / "article.nl.txt"
    article.parent.mkdir(parents=True)
    article.write_text(f"Een kop.\n{sentence}\n", encoding="utf-8")
    return project


@pytest.mark.parametrize("digits", ["٣٠", "३०", "３０"])
def test_digits_of_another_script_are_read_as_a_number_at_their_place(tmp_path, capsys, digits):
    project = _project(tmp_path, f"Volgens de telling kwamen er {digits} mensen.")
    assert cli.main(["check", str(project), "--format", "json"]) == 1  # a number no claim covers
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert not [f for f in findings if f["code"] == "SC408"]
    unlinked = [f for f in findings if f["code"] == "SC401"]
    assert len(unlinked) == 1
    assert (unlinked[0]["path"], unlinked[0]["line"], unlinked[0]["column"]) == ("articles/nieuw/article.nl.txt", 2, 30)
    assert digits in unlinked[0]["message"]


@pytest.mark.parametrize(("digits", "script"), [("٣٠", "arabic-indic"), ("३०", "devanagari"), ("３０", "fullwidth")])
def test_digits_glued_inside_a_word_are_a_note_at_their_place(tmp_path, capsys, digits, script):
    project = _project(tmp_path, f"Volgens de telling kwamen er code{digits} mensen.")
    assert cli.main(["check", str(project), "--format", "json"]) == 0  # a note does not fail
    findings = json.loads(capsys.readouterr().out)["findings"]
    notes = [f for f in findings if f["code"] == "SC408"]
    assert len(notes) == 1
    assert (notes[0]["path"], notes[0]["line"], notes[0]["column"]) == ("articles/nieuw/article.nl.txt", 2, 34)
    assert digits in notes[0]["message"] and script in notes[0]["message"]
    assert notes[0]["severity"] == "note"


def test_an_article_in_0_to_9_has_no_such_note(tmp_path, capsys):
    project = tmp_path / "project"
    article = project / "articles" / "nieuw" / "article.nl.txt"
    article.parent.mkdir(parents=True)
    (project / "datapackages").mkdir()
    article.write_text("Zo'n 30 mensen, één café en een überzicht.\n", encoding="utf-8")
    cli.main(["check", str(project), "--format", "json"])
    assert not [f for f in json.loads(capsys.readouterr().out)["findings"] if f["code"] == "SC408"]
