"""The bundled example as a Markdown article (tests/fixtures/articles/russen-in-servie.nl.md:
front matter, headings, emphasis, links, images, a footnote, inline HTML, a comment, a
code block) gives the findings of the text version, at the number's place in the file,
in every report format; `init` drafts its anchors from the text a reader sees."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from example_project import ROOT, copy_example
from sourcecheck import cli, mutate
from sourcecheck.compare.anchor import AnchorStatus, locate
from sourcecheck.formats import get_formatter
from sourcecheck.ledger.model import Anchor
from sourcecheck.numbers import extract
from sourcecheck.prose import read_prose
from sourcecheck.run.check import check
from sourcecheck.scaffold import init_ledger

MARKDOWN = Path(__file__).resolve().parents[1] / "fixtures" / "articles" / "russen-in-servie.nl.md"
TEXT = ROOT / "articles" / "russen-in-servie" / "article.nl.txt"
_AT = re.compile(r"\bat \d+:\d+\)")  # the place of an earlier claim, within a message


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = copy_example(tmp_path_factory.mktemp("markdown") / "project")
    (root / "articles" / "russen-in-servie" / "article.nl.txt").unlink()
    shutil.copy(MARKDOWN, root / "articles" / "russen-in-servie" / "article.nl.md")
    return root


@pytest.fixture(scope="module")
def reports(project):
    return check(ROOT, cache=False, texts=True), check(project, cache=False, texts=True)


def _words_at(path: Path, line: int | None, column: int | None) -> str:
    assert line is not None and column is not None
    found = re.match(r"\w+", path.read_text(encoding="utf-8").split("\n")[line - 1][column - 1:])
    assert found is not None, (path, line, column)
    return found.group()


def test_the_same_findings_as_the_text_version(reports):
    text, markdown = reports
    assert markdown.exit_code == text.exit_code == 0
    assert len(markdown.findings) == len(text.findings) == 12
    assert ([(f.code, f.claim, _AT.sub("", f.message)) for f in markdown.findings]
            == [(f.code, f.claim, _AT.sub("", f.message)) for f in text.findings])
    assert markdown.coverage is not None and text.coverage is not None
    assert markdown.coverage.to_dict() == text.coverage.to_dict()
    assert [(c.id, c.verdict) for c in markdown.claims] == [(c.id, c.verdict) for c in text.claims]


def test_each_finding_points_at_its_number_in_the_markdown_file(reports, project):
    text, markdown = reports
    source = project / "articles" / "russen-in-servie" / "article.nl.md"
    placed = [f for f in markdown.findings if f.path.endswith("article.nl.md")]
    assert len(placed) == 12
    for was, now in zip(text.findings, markdown.findings, strict=True):
        if was.path.endswith("article.nl.txt"):
            assert _words_at(source, now.line, now.column) == _words_at(TEXT, was.line, was.column)
    by_claim = {f.claim: (f.line, f.column) for f in markdown.findings}
    assert by_claim["community-more-than-200000"] == (21, 355)  # **meer dan 200.000**: the "m" after **
    assert by_claim["disapprove-putin-policy"] == (43, 41)      # [44%](...): the "4" after [
    assert "(claim community-just-under-200000, at 9:14)" in markdown.findings[0].message  # *Een kleine*


@pytest.mark.parametrize("form", ["text", "json", "github", "sarif", "junit", "html"])
def test_every_report_format_places_the_findings_in_the_markdown_file(reports, form):
    rendered = get_formatter(form).format(reports[1])
    assert "article.nl.md" in rendered and "article.nl.txt" not in rendered
    if form == "github":
        assert "file=articles/russen-in-servie/article.nl.md,line=21,col=355" in rendered
    if form == "sarif":
        regions = [location["physicalLocation"]["region"] for run in json.loads(rendered)["runs"]
                   for result in run["results"] for location in result["locations"]
                   if location["physicalLocation"]["artifactLocation"]["uri"].endswith("article.nl.md")]
        assert {"startLine": 21, "startColumn": 355} in regions
    if form == "text":
        assert "articles/russen-in-servie/article.nl.md:21:355: SC501" in rendered


def test_the_html_report_shows_the_article_as_its_reader_sees_it(reports):
    page = get_formatter("html").format(reports[1])
    article = page[page.index('<div class="text">'):]
    article = article[:article.index("</div>")]
    assert "**" not in article and "](" not in article and "[^1]" not in article and "weight: 44" not in article
    assert "share = 44" not in article and "&lt;!--" not in article
    assert 'data-verdict="acknowledged"' in article and ">meer dan 200.000</a>" in article
    assert "<p>Pro-Russisch beleid</p>" in article  # a heading, its # gone


def test_the_command_line_checks_and_extracts_markdown(project, capsys):
    assert cli.main(["check", str(project), "--no-cache", "--format", "github"]) == 0
    assert "file=articles/russen-in-servie/article.nl.md,line=21,col=355,title=SC501" in capsys.readouterr().out
    assert cli.main(["extract", str(MARKDOWN)]) == 0
    first = capsys.readouterr().out.split("\n")[0]
    assert first == "9:14: count just-under [199999.5, 200000.5] Een kleine tweehonderdduizend"


def test_init_drafts_anchors_from_the_text_a_reader_sees(tmp_path):
    article = tmp_path / "articles" / "russen" / "article.nl.md"
    article.parent.mkdir(parents=True)
    shutil.copy(MARKDOWN, article)
    draft = init_ledger(article, dry_run=True)
    assert draft.stubs
    reader = read_prose(MARKDOWN.read_text(encoding="utf-8"), "markdown").text
    mentions = extract(reader, "nl")
    for stub in draft.stubs:
        for part in (stub.prefix, stub.exact, stub.suffix):
            assert "**" not in part and "](" not in part and "&nbsp;" not in part, stub
        located = locate(reader, Anchor(stub.exact, stub.prefix, stub.suffix), mentions)
        assert located.status is AnchorStatus.FOUND and located.text == stub.exact
    assert any(stub.exact == "meer dan 200.000" and stub.line == 21 for stub in draft.stubs)


def test_every_edit_of_a_linked_number_in_the_markdown_is_caught(project, tmp_path):
    copy = tmp_path / "project"
    shutil.copytree(project, copy)
    report = mutate.run(copy)
    assert report.survivors == [] and len(report.caught) >= 75
    texts = [m for m in report.mutants if m.target == "text"]
    assert texts and all(m.where.startswith("articles/russen-in-servie/article.nl.md:") for m in texts)
    assert (copy / "articles" / "russen-in-servie" / "article.nl.md").read_bytes() == MARKDOWN.read_bytes()


def test_the_command_line_drafts_a_ledger_for_an_html_article(tmp_path, capsys):
    article = tmp_path / "articles" / "stemmen" / "article.html"
    article.parent.mkdir(parents=True)
    shutil.copy(MARKDOWN.parent / "stemmen.nl.html", article)
    assert cli.main(["init", str(article), "--dry-run"]) == 0
    draft = capsys.readouterr().out
    assert "lang: nl" in draft  # from <html lang="nl">
    assert 'exact: "meer dan 4.000"' in draft and "<em>" not in draft and "&nbsp;" not in draft
    assert "# line 15, count" in draft  # the line in the HTML file
