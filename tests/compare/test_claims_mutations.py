"""The mutation test of issue 4: for every linked claim of the example ledger, an edit of the
number in the text or of the linked value in the CSV turns the check red with the right
verdict; deleting the sentence loses the anchor; a new percentage is unlinked; an
acknowledged figure that changes fails again.  Parametrized over the ledger, so a new
claim is covered without touching this file."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from claims_support import EXAMPLE, ROOT

from sourcecheck.interval import Interval
from sourcecheck.ledger.load import load_ledger
from sourcecheck.run.check import check

LEDGER = load_ledger(EXAMPLE / "claims.yaml")
CLAIMS = [claim.id for claim in LEDGER.claims]
ARTICLE = "articles/russen-in-servie/article.nl.txt"


@pytest.fixture(scope="module")
def original():
    """The example's report, by claim id (the places and values the mutations edit)."""
    report = check(ROOT)
    assert report.exit_code == 0
    return {result.id: result for result in report.claims}


def outside(interval: Interval) -> int:
    """A whole number well outside ``interval`` (the source side of a claim)."""
    if interval.high is not None:
        return int(interval.high) * 3 + 7
    assert interval.low is not None
    return max(int(interval.low) // 3 - 1, 0)


def claim_findings(report, claim_id):
    return [f for f in report.findings if f.claim == claim_id]


def failing(report, claim_id, code):
    return [f for f in claim_findings(report, claim_id) if f.code == code and f.fails]


def edit_number(project: Path, result) -> str:
    """Replace the claim's number in the article copy by one its source rules out."""
    path = project / ARTICLE
    text = path.read_text(encoding="utf-8")
    mention = result.mention
    new = str(outside(result.source_interval)) + ("%" if "%" in mention.text else "")
    path.write_text(text[:mention.start] + new + text[mention.end:], encoding="utf-8")
    return new


@pytest.mark.parametrize("claim_id", CLAIMS)
def test_edited_number_in_the_text_is_a_text_mismatch(project, original, claim_id):
    """...and every finding the ledger acknowledged for the claim fails again."""
    claim = next(c for c in LEDGER.claims if c.id == claim_id)
    edit_number(project, original[claim_id])
    report = check(project)
    assert report.exit_code == 1
    assert failing(report, claim_id, "SC301"), claim_findings(report, claim_id)
    for ack in claim.acknowledge:
        assert failing(report, claim_id, ack.code), f"{ack.code} stays acknowledged after the edit"
    unused = [f for f in claim_findings(report, claim_id) if f.code == "SC406"]
    assert len(unused) == len(claim.acknowledge)  # each stale acknowledgement is pointed out


def changed_cell(value: str) -> str:
    """Another value for a CSV cell, written the same way (a date keeps its form)."""
    date = re.fullmatch(r"(\d{4})(-\d{2}(?:-\d{2})?)", value)
    if date:
        return f"{int(date.group(1)) - 5}{date.group(2)}"
    number = Decimal(value)
    return format(number * 3 + 7, "f")


def edit_cell(project: Path, source: dict) -> None:
    path = project / source["path"]
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    column = rows[0].index(source["field"])
    rows[source["row"]][column] = changed_cell(rows[source["row"]][column])
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


@pytest.mark.parametrize("claim_id", CLAIMS)
def test_edited_value_in_the_data_is_data_changed(project, original, claim_id):
    source = original[claim_id].source
    assert source is not None and source["row"] >= 1
    edit_cell(project, source)
    report = check(project)
    assert report.exit_code == 1
    assert failing(report, claim_id, "SC302"), claim_findings(report, claim_id)


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around [start, end): from after the previous '. ' or line start to the next."""
    before = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, 0)
    stops = [p for p in (text.find(". ", end), text.find("\n", end)) if p != -1]
    after = min(stops) + 1 if stops else len(text)
    return before, after


@pytest.mark.parametrize("claim_id", CLAIMS)
def test_deleted_sentence_loses_the_anchor(project, original, claim_id):
    mention = original[claim_id].mention
    path = project / ARTICLE
    text = path.read_text(encoding="utf-8")
    start, end = sentence_span(text, mention.start, mention.end)
    path.write_text(text[:start] + text[end:].lstrip(" "), encoding="utf-8")
    report = check(project)
    assert report.exit_code == 1
    assert failing(report, claim_id, "SC402"), claim_findings(report, claim_id)


def test_a_new_percentage_is_an_unlinked_statistic(project):
    path = project / ARTICLE
    text = path.read_text(encoding="utf-8")
    anchor = "Ook vandaag die dag klinkt het anti-Poetin geluid ook nog luid in Servië."
    assert anchor in text
    path.write_text(text.replace(anchor, anchor + " Volgens een nieuwe peiling wil 37% terug."),
                    encoding="utf-8")
    report = check(project)
    assert report.exit_code == 1
    unlinked = [f for f in report.failures if f.code == "SC401"]
    assert len(unlinked) == 1 and "37%" in unlinked[0].message
    assert unlinked[0].path == ARTICLE and unlinked[0].line == 19
    assert report.coverage.unlinked == 1


def test_the_unedited_copy_still_passes(project):
    """The mutations above fail because of the edit, not because of the copy."""
    assert check(project).exit_code == 0
