"""Deep nesting and large articles (issue 15, items 8 and 9).

JSON or YAML nested deeper than ``json-depth`` is a finding (a descriptor, a Table Schema,
a dialect, a pandera schema) or an error (a ledger) naming the file and the limit, measured
before anything recursive sees it; an article over ``article-size`` bytes or with more than
``article-numbers`` numbers is an error naming the file and the limit, before a finding is
made of each number (which once took 8.9 GB for 10 MB of "1. ").
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sourcecheck import limits

from .test_special_files import ARTICLE, LEDGER, PACKAGE, PANDERA, SCHEMA, check_project, run_child, run_here

DESCRIPTOR = f"{PACKAGE}/datapackage.json"


def _nested(depth: int) -> object:
    """Lists nested ``depth`` deep (the outermost counts as one)."""
    value: object = []
    for _ in range(depth - 1):
        value = [value]
    return value


def _edit_descriptor(root: Path, edit) -> None:
    path = root / DESCRIPTOR
    document = json.loads(path.read_text(encoding="utf-8"))
    edit(document)
    path.write_text(json.dumps(document), encoding="utf-8")


# --- JSON: descriptor, Table Schema, dialect ------------------------------------------------


@pytest.mark.parametrize("depth", [100, 500, 900])
def test_a_deep_descriptor_is_a_finding(tmp_path, depth):
    root = check_project(tmp_path / "p")
    _edit_descriptor(root, lambda document: document.update({"x-notes": _nested(depth)}))
    code, output = run_here("validate", str(root))
    assert code == 1, output
    line = [line for line in output.splitlines() if "datapackage.json" in line and "SC101" in line]
    assert line and "json-depth" in line[0], output


def test_a_deep_descriptor_is_a_finding_in_check_too(tmp_path):
    root = check_project(tmp_path / "p")
    _edit_descriptor(root, lambda document: document.update({"x-notes": _nested(700)}))
    code, output = run_here("check", str(root), "--no-cache")
    assert code == 2, output  # the ledger's package cannot be read: run validate
    assert "demo" in output


@pytest.mark.parametrize("depth", [100, 800])
@pytest.mark.parametrize("what", ["schema", "dialect"])
def test_a_deep_table_schema_or_dialect_file_is_a_finding(tmp_path, what, depth):
    name = f"answers.{what}.json"
    root = check_project(tmp_path / "p", **{what: name})
    content = json.loads(json.dumps(SCHEMA)) if what == "schema" else {"delimiter": ","}
    content["x-notes"] = _nested(depth)
    (root / PACKAGE / name).write_text(json.dumps(content), encoding="utf-8")
    code, output = run_here("validate", str(root))
    assert code == 1, output
    line = [line for line in output.splitlines() if name in line and "SC101" in line]
    assert line and "json-depth" in line[0], output


def test_a_deep_inline_table_schema_is_a_finding(tmp_path):
    root = check_project(tmp_path / "p")
    _edit_descriptor(root, lambda document: document["resources"][0]["schema"].update({"x-notes": _nested(600)}))
    code, output = run_here("validate", str(root))
    assert code == 1, output
    assert "json-depth" in output


def test_the_depth_limit_is_the_projects(tmp_path):
    """``json-depth`` levels load; one more is the finding, at the bracket that goes over."""
    root = check_project(tmp_path / "p", config="[tool.sourcecheck.limits]\njson-depth = 8\n")
    # the descriptor object, then x-notes: 1 + 7 = 8 levels
    _edit_descriptor(root, lambda document: document.update({"x-notes": _nested(7)}))
    code, output = run_here("validate", str(root))
    assert code == 0, output
    _edit_descriptor(root, lambda document: document.update({"x-notes": _nested(8)}))
    code, output = run_here("validate", str(root))
    assert code == 1, output
    text = (root / DESCRIPTOR).read_text(encoding="utf-8")
    column = text.index("[" * 8) + 7 + 1  # the eighth bracket of x-notes is the ninth level
    assert f"datapackage.json:1:{column}: SC101 nested more than 8 levels deep" in output, output


# --- YAML: ledger and pandera schema -----------------------------------------------------------


@pytest.mark.parametrize("depth", [100, 500, 900])
@pytest.mark.parametrize("form", ["flow", "block"])
def test_a_deep_ledger_is_an_error(tmp_path, depth, form):
    root = check_project(tmp_path / "p")
    if form == "flow":
        text = "claims: " + "[" * depth + "]" * depth + "\n"
    else:
        text = "claims:\n" + "".join("  " * i + "- \n" for i in range(1, depth)) + "  " * depth + "- x\n"
    (root / LEDGER).write_text(text, encoding="utf-8")
    code, output = run_here("check", str(root), "--no-cache")
    assert code == 2, output
    assert "claims.yaml" in output and "json-depth" in output, output


@pytest.mark.parametrize("depth", [100, 900])
def test_a_deep_pandera_schema_is_a_finding(tmp_path, depth):
    root = check_project(tmp_path / "p")
    text = (root / PANDERA).read_text(encoding="utf-8")
    (root / PANDERA).write_text(text + "metadata: " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
    code, output = run_here("validate", str(root))
    assert code == 1, output
    line = [line for line in output.splitlines() if "demo.answers.yaml" in line and "SC203" in line]
    assert line and "json-depth" in line[0], output


# --- articles: size and numbers --------------------------------------------------------------


def test_an_article_over_the_size_limit_is_an_error(tmp_path):
    root = check_project(tmp_path / "p")
    sentence = "Van de ondervraagden zei 40,2 procent ja. "
    size = limits.DEFAULT.article_size
    (root / ARTICLE).write_text(sentence + "en nog wat woorden " * (size // 19), encoding="utf-8")
    code, output = run_here("check", str(root), "--no-cache")
    assert code == 2, output
    assert "article.nl.txt" in output and "article-size" in output and f"{size:,}" in output


def test_the_size_limit_is_the_projects(tmp_path):
    root = check_project(tmp_path / "p", config="[tool.sourcecheck.limits]\narticle-size = 1000\n")
    (root / ARTICLE).write_text("Van de ondervraagden zei 40,2 procent ja. " * 30, encoding="utf-8")
    code, output = run_here("check", str(root), "--no-cache")
    assert code == 2, output
    assert "article.nl.txt" in output and "article-size" in output and "1,000" in output


@pytest.mark.parametrize("command", ["extract", "init"])
def test_extract_and_init_refuse_an_article_over_the_size_limit(tmp_path, command):
    article = tmp_path / "article.nl.txt"
    size = limits.DEFAULT.article_size
    article.write_text("woorden " * (size // 8 + 1), encoding="utf-8")
    code, output = run_here(command, str(article), "--lang", "nl")
    assert code == 2, output
    assert str(article) in output and "article-size" in output
    assert not (tmp_path / "claims.yaml").exists()


def test_an_article_with_too_many_numbers_is_an_error(tmp_path):
    root = check_project(tmp_path / "p")
    count = limits.DEFAULT.article_numbers + 1
    (root / ARTICLE).write_text("Van de ondervraagden zei 40,2 procent ja. " + "1. " * (count - 1),
                                encoding="utf-8")
    code, output = run_here("check", str(root), "--no-cache")
    assert code == 2, output
    assert "article.nl.txt" in output and "article-numbers" in output and f"{count:,} numbers" in output


def test_the_number_limit_is_the_projects(tmp_path):
    root = check_project(tmp_path / "p", config="[tool.sourcecheck.limits]\narticle-numbers = 3\n")
    (root / ARTICLE).write_text("Van de ondervraagden zei 40,2 procent ja, 1, 2 en 3 nee.\n", encoding="utf-8")
    code, output = run_here("check", str(root), "--no-cache")
    assert code == 2, output
    assert "4 numbers, over the limit of 3" in output
    (root / ARTICLE).write_text("Van de ondervraagden zei 40,2 procent ja, 1 en 2 nee.\n", encoding="utf-8")
    code, output = run_here("check", str(root), "--no-cache")
    assert code == 1, output  # three numbers: two of them unlinked


def test_extract_refuses_a_text_with_too_many_numbers(tmp_path):
    article = tmp_path / "article.nl.txt"
    article.write_text("1. " * (limits.DEFAULT.article_numbers + 1), encoding="utf-8")
    code, output = run_here("extract", str(article), "--lang", "nl")
    assert code == 2, output
    assert str(article) in output and "article-numbers" in output


@pytest.mark.parametrize("cache", [False, True])
def test_many_numbers_stop_before_a_finding_is_made_of_each(tmp_path, cache):
    """1.5 MB of "1. " (500,000 numbers, under the size limit) in a child process with
    1 GiB of address space: the old check needed about 1.5 GB for it and ran out."""
    root = check_project(tmp_path / "p")
    (root / ARTICLE).write_text("1. " * 500_000, encoding="utf-8")
    code, output = run_child("check", str(root), *([] if cache else ["--no-cache"]), timeout=120)
    assert code == 2, output
    assert "article.nl.txt" in output and "500,000 numbers" in output and "article-numbers" in output

