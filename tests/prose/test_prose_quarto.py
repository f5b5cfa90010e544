"""Quarto: code cells are not prose, a number an inline expression computes is reported as
computed (never checked against itself), and the rendered HTML is checked instead."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sourcecheck.codes import SC
from sourcecheck.numbers import extract_file
from sourcecheck.prose import read_prose
from sourcecheck.run.check import check
from sources.package_builder import make_project

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"


def _article(tmp_path: Path, name: str, fixture: str) -> Path:
    folder = tmp_path / "articles" / "turnout"
    folder.mkdir(parents=True)
    shutil.copy(FIXTURES / fixture, folder / name)
    (tmp_path / "pyproject.toml").write_text("[tool.sourcecheck]\n", encoding="utf-8")
    return tmp_path


def test_inline_expressions_are_computed_and_code_cells_are_not_read(tmp_path):
    report = check(_article(tmp_path, "article.qmd", "turnout.qmd"), cache=False)
    found = sorted((f.code, f.line, f.column) for f in report.findings)
    assert found == [(SC.UNLINKED_STATISTIC, 14, 81), (SC.UNLINKED_STATISTIC, 15, 54),  # more than 4,000; about 300
                     (SC.COMPUTED_NUMBER, 14, 13), (SC.COMPUTED_NUMBER, 14, 37),  # `{python} share`%, voters
                     (SC.COMPUTED_NUMBER, 18, 7)]  # ``{python} len(rows)`` in a callout
    assert any("`{python} share` is computed" in f.message for f in report.findings)
    assert report.coverage is not None and report.coverage.to_dict()["total"] == 2  # not 44.2, 4726 or 12


def test_the_language_of_a_quarto_article_comes_from_its_front_matter(tmp_path):
    article = _article(tmp_path, "article.qmd", "turnout.qmd") / "articles" / "turnout" / "article.qmd"
    assert [(m.text, m.lang) for m in extract_file(article)] == [("more than\n4,000", "en"), ("about 300", "en")]


def test_the_rendered_html_is_read_without_its_code(tmp_path):
    numbers = [(m.line, m.column, m.text) for m in extract_file(FIXTURES / "turnout.html")]
    assert numbers == [(12, 56, "2024"), (18, 16, "44.2%"), (18, 28, "4,726"), (18, 53, "more than 4,000"),
                       (18, 127, "about 300"), (20, 59, "18")]


LEDGER = """\
claims:
  - id: yes-share
    anchor: {prefix: "In the poll, ", exact: "40.2%", suffix: " said yes"}
    source: {package: demo, resource: answers, key: 1, field: share, value: "40.2"}
"""


@pytest.mark.parametrize(("written", "holds"), [("40.2%", True), ("41.5%", False)])
def test_the_rendered_value_is_checked(tmp_path, written, holds):
    root = make_project(tmp_path)
    folder = root / "articles" / "poll"
    folder.mkdir(parents=True)
    (folder / "article.en.html").write_text(
        f'<html lang="en"><body><div class="cell"><pre><code>share = 40.2</code></pre></div>\n'
        f"<p>In the poll, {written} said yes.</p></body></html>\n", encoding="utf-8")
    (folder / "claims.yaml").write_text(LEDGER, encoding="utf-8")
    report = check(root, cache=False)
    assert [claim.verdict for claim in report.claims] == (["holds"] if holds else ["text-mismatch"])
    failing = [(f.code, f.line, f.column) for f in report.failures]
    assert failing == ([] if holds else [(SC.TEXT_MISMATCH, 2, 17)])


def test_a_claim_on_a_computed_number_in_the_quarto_source_says_what_stands_there(tmp_path):
    root = make_project(tmp_path)
    folder = root / "articles" / "poll"
    folder.mkdir(parents=True)
    source = "```{python}\nshare = 40.2\n```\n\nIn the poll, `{python} share`% said yes.\n"
    (folder / "article.en.qmd").write_text(source, encoding="utf-8")
    (folder / "claims.yaml").write_text(LEDGER, encoding="utf-8")
    report = check(root, cache=False)
    codes = sorted((f.code, f.path, f.line) for f in report.findings)
    assert codes == [(SC.ANCHOR_WITHOUT_NUMBER, "articles/poll/claims.yaml", 2),  # the claim, in its ledger
                     (SC.COMPUTED_NUMBER, "articles/poll/article.en.qmd", 5)]
    lost = next(f for f in report.findings if f.code == SC.ANCHOR_WITHOUT_NUMBER)
    assert "the text there reads '`{python} share`%'" in lost.message


@pytest.mark.parametrize("code", ["`{python} share`", "`{r} share`", "`r share`", "`{julia} share`", "`{ojs} share`"])
def test_every_inline_expression_of_quarto_is_computed(code):
    prose = read_prose(f"Het aandeel was {code}% en `code 5` niet.\n", "quarto")
    assert [(c.code, prose.position(c.start)) for c in prose.computed] == [(code, (1, 17))]
    assert read_prose(f"Het aandeel was {code}%.\n", "markdown").computed == ()  # only in Quarto
