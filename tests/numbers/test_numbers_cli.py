"""`sourcecheck extract`: JSON and text output, language resolution, exit 2 on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sourcecheck.cli import main
from sourcecheck.errors import InputError, UsageError
from sourcecheck.numbers import extract_file, language_of

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = ROOT / "articles" / "russen-in-servie" / "article.nl.txt"
KEYS = {"start", "end", "line", "column", "text", "low", "high", "kind", "qualifier"}


def test_json_output_has_the_issue_keys_and_matches_the_text(capsys):
    assert main(["extract", str(ARTICLE), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    text = ARTICLE.read_text("utf-8")
    assert len(rows) == len(extract_file(ARTICLE))
    for row in rows:
        assert KEYS <= row.keys()
        assert text[row["start"]:row["end"]] == row["text"]
    first = rows[0]
    assert (first["text"], first["low"], first["high"], first["kind"], first["qualifier"]) == (
        "Een kleine tweehonderdduizend", "199999.5", "200000.5", "count", "just-under")


def test_text_output_gives_place_kind_qualifier_and_interval(capsys):
    assert main(["extract", str(ARTICLE)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "1:9: count just-under [199999.5, 200000.5] Een kleine tweehonderdduizend"
    assert "8:291: count above [199999.5, 200000.5] meer dan 200.000" in lines


def test_lang_option_overrides_the_file_name(tmp_path: Path, capsys):
    path = tmp_path / "story.nl.txt"
    path.write_text("It cost 1,500 euros.", encoding="utf-8")
    assert main(["extract", str(path), "--lang", "en", "--format", "json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert (row["text"], row["value"], row["kind"], row["unit"]) == ("1,500 euros", "1500", "amount", "EUR")


def test_language_from_file_name_then_project_config(tmp_path: Path):
    assert language_of(tmp_path / "article.en.txt") == "en"
    assert language_of(tmp_path / "notes.nl.md") == "nl"
    (tmp_path / "pyproject.toml").write_text('[tool.sourcecheck]\nlang = "en"\n', encoding="utf-8")
    (tmp_path / "articles").mkdir()
    story = tmp_path / "articles" / "story.txt"
    story.write_text("about 4,700 people", encoding="utf-8")
    assert language_of(story) == "en"
    (mention,) = extract_file(story)
    assert (mention.value, mention.lang) == (4700, "en")


def test_no_language_anywhere_is_a_usage_error(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    story = tmp_path / "story.txt"
    story.write_text("5", encoding="utf-8")
    with pytest.raises(UsageError, match="pass --lang"):
        extract_file(story)


def test_not_utf8_names_file_line_and_byte(tmp_path: Path):
    path = tmp_path / "bad.nl.txt"
    path.write_bytes(b"goed\nnog goed \xff fout\n")
    with pytest.raises(InputError) as caught:
        extract_file(path)
    assert (caught.value.path, caught.value.line, caught.value.column) == (str(path), 2, 10)
    assert "byte 14" in str(caught.value)


def test_a_byte_order_mark_is_not_counted(tmp_path: Path):
    path = tmp_path / "bom.nl.txt"
    path.write_bytes("\ufeffEr waren 44%".encode("utf-8"))
    (mention,) = extract_file(path)
    assert (mention.start, mention.column, mention.text) == (9, 10, "44%")


@pytest.mark.parametrize("make", ["missing", "directory", "not-utf8", "no-language"])
def test_bad_input_exits_2_with_one_line_and_no_traceback(tmp_path: Path, make: str):
    path = {
        "missing": tmp_path / "gone.nl.txt",
        "directory": tmp_path,
        "not-utf8": tmp_path / "bad.nl.txt",
        "no-language": tmp_path / "story.txt",
    }[make]
    if make == "not-utf8":
        path.write_bytes(b"\xc3\x28")
    if make == "no-language":
        (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
        path.write_text("5", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "sourcecheck", "extract", str(path)],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("sourcecheck: error: ")
