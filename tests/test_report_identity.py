"""A report does not depend on where its results came from (issue 21): every format is
byte-identical after a cold run, a warm run, a run without the cache and a warm run with
two worker processes, for the bundled example and for a project of several articles
whose findings cover every kind the check reports about claims and numbers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sourcecheck import cli
from sourcecheck.formats import FORMATTERS
from sourcecheck.run import check as runner
from sourcecheck.run.workers import can_fork

ROOT = Path(__file__).resolve().parents[1]
SLUG = "russen-in-servie"
TEXT, LEDGER = "article.nl.txt", "claims.yaml"

# (what the edit provokes, file, old, new): each copy of the example gets one
EDITS = [
    ("text-mismatch", TEXT, "44%", "45%"),
    ("data-changed", LEDGER, 'field: share\n      value: "44"', 'field: share\n      value: "45"'),
    ("anchor-lost", TEXT, "het Poetin-beleid niet goedkeurt", "het beleid van Poetin afkeurt"),
    ("anchor-ambiguous", TEXT, "In bovenstaande grafiek is te zien dat 44% het Poetin-beleid niet goedkeurt.",
     "In bovenstaande grafiek is te zien dat 44% het Poetin-beleid niet goedkeurt. "
     "In bovenstaande grafiek is te zien dat 44% het Poetin-beleid niet goedkeurt."),
    ("anchor-without-number", TEXT, "44%", "een groot %"),
    ("unlinked and vague", TEXT, "In bovenstaande grafiek",
     "Ruim 12.345 mensen tekenden, een klein percentage twijfelde. In bovenstaande grafiek"),
    ("text-changed", TEXT, "te zien dat 44%", "te zien dat 44,0%"),
    ("text-reworded", TEXT, "te zien dat 44%", "te zien dat 44 procent"),
    ("acknowledgement-unused", TEXT, "Slechts 3%", "Slechts 3,0%"),
]


def _project(tmp_path: Path) -> Path:
    target = tmp_path / "project"
    target.mkdir()
    for name in ("datapackages", "schemas"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "pyproject.toml", target / "pyproject.toml")
    shutil.copytree(ROOT / "articles" / SLUG, target / "articles" / f"{SLUG}-00")
    for number, (_, name, old, new) in enumerate(EDITS, start=1):
        folder = target / "articles" / f"{SLUG}-{number:02d}"
        shutil.copytree(ROOT / "articles" / SLUG, folder)
        _replace(folder / name, old, new)
    # in every copy beside the above: a record goes missing (SC303), another row of a
    # resource breaks its schema (SC304), a cited cell no longer reads as a number (SC306)
    shares = target / "datapackages/vote-abroad-2024/putin-share.csv"
    lines = shares.read_text(encoding="utf-8").splitlines(keepends=True)
    shares.write_text("".join(line for line in lines if not line.startswith("serbia,")), encoding="utf-8")
    _replace(target / "datapackages/bcsp-2025/shares.csv", "Russia is heading in the wrong direction,51.9,",
             "Russia is heading in the wrong direction,151.9,")
    _replace(target / "datapackages/bcsp-2025/survey.csv", "2025-02,300,", "2025-02,n/a,")
    return target


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _reports(project: Path, tmp_path: Path, name: str, *options: str,
             formats: list[str] | None = None) -> dict[str, bytes]:
    """Every format of ``sourcecheck check`` run with ``options`` (one run per format)."""
    pages = {}
    for format_name in formats or sorted(FORMATTERS):
        output = tmp_path / f"{name}.{format_name}"
        assert cli.main(["check", str(project), "--format", format_name, "--output", str(output),
                         *options]) in (0, 1)
        pages[format_name] = output.read_bytes()
    return pages


def _four_ways(project: Path, tmp_path: Path) -> list[dict[str, bytes]]:
    """The reports of a cold cache, a warm one, none, and a warm one with two workers."""
    cold = {}
    for format_name in sorted(FORMATTERS):  # cold for every format: no cache before each run
        shutil.rmtree(project / ".sourcecheck-cache", ignore_errors=True)
        cold.update(_reports(project, tmp_path, "cold", "--workers", "1", formats=[format_name]))
    warm = _reports(project, tmp_path, "warm", "--workers", "1")
    uncached = _reports(project, tmp_path, "uncached", "--no-cache", "--workers", "1")
    parallel = _reports(project, tmp_path, "parallel", "--workers", "2")
    return [cold, warm, uncached, parallel]


needs_fork = pytest.mark.skipif(not can_fork(), reason="worker processes need fork (Linux)")


@needs_fork
def test_the_examples_reports_do_not_depend_on_the_cache_or_the_workers(tmp_path, monkeypatch):
    monkeypatch.setattr(runner, "PARALLEL_ARTICLES", 1)  # one article: still shared out
    project = tmp_path / "example"
    project.mkdir()
    for name in ("articles", "datapackages", "schemas"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "pyproject.toml", project / "pyproject.toml")
    ways = _four_ways(project, tmp_path)
    for format_name in FORMATTERS:
        assert len({way[format_name] for way in ways}) == 1, format_name


@needs_fork
def test_a_project_with_every_kind_of_finding_reports_the_same_every_way(tmp_path, monkeypatch):
    monkeypatch.setattr(runner, "PARALLEL_ARTICLES", 2)
    project = _project(tmp_path)
    ways = _four_ways(project, tmp_path)
    for format_name in FORMATTERS:
        assert len({way[format_name] for way in ways}) == 1, format_name
    # the project really has what the test is about: every kind of finding, acknowledged ones too
    text = ways[0]["text"].decode("utf-8")
    for code in ("SC301", "SC302", "SC303", "SC304", "SC305", "SC306", "SC307", "SC308", "SC401", "SC402",
                 "SC403", "SC404", "SC405", "SC406", "SC407", "SC409", "SC501"):
        assert code in text, code
    assert "acknowledged:" in text
    html = ways[0]["html"].decode("utf-8")
    assert html.count('data-verdict="acknowledged"') >= 8 * 3  # attached to their numbers in every article
