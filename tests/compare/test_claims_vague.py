"""A percentage stated without a figure ("een klein percentage"): an SC407 note that never
fails the check, outside the coverage of numbers, and never a claim's number."""

from __future__ import annotations

from pathlib import Path

from sourcecheck.compare.anchor import AnchorStatus, locate
from sourcecheck.ledger import Anchor
from sourcecheck.numbers import extract
from sourcecheck.run.check import check

ARTICLE = "articles/russen-in-servie/article.nl.txt"
LEDGER = "articles/russen-in-servie/claims.yaml"
VAGUE = " Een klein percentage van hen keerde inmiddels terug."


def _add_vague_sentence(project: Path) -> None:
    path = project / ARTICLE
    text = path.read_text(encoding="utf-8")
    first_line_end = text.index("\n")
    path.write_text(text[:first_line_end] + VAGUE + text[first_line_end:], encoding="utf-8")


def test_a_vague_percentage_is_a_note_and_the_check_still_passes(project):
    before = check(project)
    _add_vague_sentence(project)
    report = check(project)
    notes = [f for f in report.findings if f.code == "SC407"]
    assert len(notes) == 1
    assert "'percentage'" in notes[0].message and notes[0].path == ARTICLE
    assert notes[0].line == 1 and not notes[0].fails
    assert report.exit_code == before.exit_code == 0
    assert str(report.coverage) == str(before.coverage)  # not a number: outside the coverage
    assert not [f for f in report.findings if f.code == "SC401"]


def test_a_waived_kind_has_no_vague_note(project):
    path = project / "pyproject.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('lang = "nl"', 'lang = "nl"\nwaive-kinds = ["percent", "year", "date", '
                                                '"time", "duration", "age"]'), encoding="utf-8")
    _add_vague_sentence(project)
    assert not [f for f in check(project).findings if f.code == "SC407"]


def test_an_anchor_on_a_vague_percentage_has_no_number():
    text = "Volgens het bureau stemde een klein percentage op de partij."
    mentions = extract(text, "nl")
    assert [m.text for m in mentions] == ["percentage"]
    located = locate(text, Anchor("een klein percentage", "het bureau stemde ", " op de partij"), mentions)
    assert located.status is AnchorStatus.NO_NUMBER and located.mention is None


def test_a_claim_whose_number_became_vague_reports_anchor_without_number(project):
    path = project / ARTICLE
    text = path.read_text(encoding="utf-8")
    sentence = "In bovenstaande grafiek is te zien dat 44% het Poetin-beleid niet goedkeurt."
    assert sentence in text
    path.write_text(text.replace(sentence, sentence.replace("44%", "een groot %")), encoding="utf-8")
    report = check(project)
    codes = [f.code for f in report.failures if f.claim == "disapprove-putin-policy"]
    assert codes and codes[0] == "SC404"
    assert [f.code for f in report.findings if f.code == "SC407"] == ["SC407"]


def test_the_html_report_shows_a_vague_percentage_as_a_note_not_as_unlinked(project):
    from sourcecheck.formats import get_formatter

    _add_vague_sentence(project)
    report = check(project, texts=True)
    page = get_formatter("html").format(report)
    start = page.index(">percentage<")
    mark = page[page.rindex("<a ", 0, start):start]
    assert 'data-verdict="waived"' in mark and "unlinked" not in mark  # neutral: a note never fails
    anchor = mark.split('href="#', 1)[1].split('"', 1)[0]
    card = page[page.index(f'id="{anchor}"'):]
    card = card[:card.index("</article>")]
    assert "SC407 vague-statistic" in card and "need no claim" not in card
