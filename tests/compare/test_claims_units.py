"""Like with like: the unit of a source value against the unit the text states (issue 16, item 7).

Unit tests run the pure core (``check_article``) on one sentence, one claim and one
record held in memory; a few run the whole check on a copy of the example project.
Mentions the extractor does not read yet (percentage points, currencies) are made by hand.
"""

from __future__ import annotations

import json
from decimal import Decimal as D
from pathlib import Path

import pytest

from sourcecheck.compare.article import ArticleInput, check_article
from sourcecheck.compare.derive import cell_value, derive
from sourcecheck.compare.outcome import ArticleOutcome
from sourcecheck.compare.units import mismatch, source_unit
from sourcecheck.config import DEFAULT_SLACK, ClaimsConfig
from sourcecheck.ledger import Anchor, Claim, Derivation, Ledger, Reference
from sourcecheck.numbers import extract
from sourcecheck.numbers.mention import Kind, Mention, Qualifier
from sourcecheck.run.check import check
from sourcecheck.sources.record import PackageInfo, Record

SLACK = dict(DEFAULT_SLACK)


def record(value: str, *, unit_cell: str | None = None, field_unit: str | None = None,
           field: str = "value") -> Record:
    """One row of resource ``t`` of package ``p``: ``value`` in ``field``, maybe a unit."""
    raw = {"id": "r", field: value, "bound": ""}
    if unit_cell is not None:
        raw["unit"] = unit_cell
    units = {"t": {field: field_unit}} if field_unit is not None else {}
    return Record(PackageInfo("p", {}, {}, units), "t", "t.csv", 1, raw, ("id",))


def judge_sentence(text: str, exact: str, lang: str, row: Record, mention: Mention | None = None,
                   field: str = "value") -> ArticleOutcome:
    """Check ``text`` with one claim on ``exact`` against ``row``; ``mention`` replaces what
    the extractor reads there (for readings it does not give yet)."""
    start = text.index(exact)
    mentions = extract(text, lang)
    if mention is not None:
        placed = mention._replace(start=start, end=start + len(exact), column=start + 1, text=exact, lang=lang)
        mentions = [m for m in mentions if m.end <= start or m.start >= placed.end] + [placed]
        mentions.sort(key=lambda m: m.start)
    claim = Claim("c", Anchor(exact, text[:start], text[start + len(exact):]),
                  source=Reference("p", "t", "r", field), value=row.raw[field])
    ledger = Ledger(Path("claims.yaml"), (claim,))
    article = ArticleInput("article.txt", text, "claims.yaml")
    return check_article(article, mentions, ledger, {"c": [row]}, {}, ClaimsConfig())


def codes(outcome: ArticleOutcome) -> list[str]:
    return [f.code for f in outcome.findings if f.claim == "c"]


def hand(value: str, low: str, high: str, kind: Kind, unit: str | None = None,
         qualifier: Qualifier = Qualifier.NONE) -> Mention:
    return Mention(0, 0, 1, 1, "", D(value), D(low), D(high), kind, qualifier, "nl", None, unit)


# --- the source's unit ---------------------------------------------------------------------------

@pytest.mark.parametrize("written,known", [
    ("percent", "percent"), (" Percent ", "percent"), ("percentage-point", "percentage-point"),
    ("count", "count"), ("EUR", "EUR"), ("GBP", "GBP"), ("USD", "USD"),
    ("day", "day"), ("days", "day"), ("years", "year"), ("hour", "hour"), ("minutes", "minute"),
    ("eur", None), ("people", None), ("entries", None), ("", None), (None, None), ("EURO", None),
])
def test_the_units_sourcecheck_knows(written, known):
    assert source_unit(written) == known


def test_the_rows_unit_cell_comes_before_the_fields_unit_property():
    assert cell_value(record("44", unit_cell="percent", field_unit="count"), "value", SLACK).unit == "percent"
    assert cell_value(record("44", field_unit="percent"), "value", SLACK).unit == "percent"
    assert cell_value(record("44", unit_cell="", field_unit="percent"), "value", SLACK).unit == "percent"
    assert cell_value(record("44", unit_cell="people", field_unit="percent"), "value", SLACK).unit is None
    assert cell_value(record("44"), "value", SLACK).unit is None


def test_derived_values_have_the_unit_of_what_they_compute():
    def rows(unit: str) -> list[Record]:
        return [record("512", field_unit=unit), record("4726", field_unit=unit)]
    refs = (Reference("p", "t", "r", "value"), Reference("p", "t", "r", "value"))
    assert derive(Derivation("share", refs, "10.83"), rows("count"), SLACK).unit == "percent"
    assert derive(Derivation("sum", refs, "5238"), rows("count"), SLACK).unit == "count"
    assert derive(Derivation("sum", refs, "5238"), rows("EUR"), SLACK).unit == "EUR"
    mixed = [record("512", field_unit="EUR"), record("4726", field_unit="count")]
    assert derive(Derivation("sum", refs, "5238"), mixed, SLACK).unit is None
    # percent minus percent is percentage points or "procent", as a text pleases: not judged
    assert derive(Derivation("difference", refs, "-4214"), rows("percent"), SLACK).unit is None
    assert derive(Derivation("difference", refs, "-4214"), rows("count"), SLACK).unit == "count"


# --- a fraction against a percent is a percent ---------------------------------------------------

@pytest.mark.parametrize("text,exact,lang", [
    ("Volgens de telling is 1 op de 6 Russen gebleven.", "1 op de 6", "nl"),
    ("By the count 1 in 6 Russians stayed.", "1 in 6", "en"),
])
@pytest.mark.parametrize("cell,holds", [("16.7", True), ("16.67", True), ("18.6", False), ("15", False),
                                        ("5", False)])
def test_a_fraction_is_scaled_against_a_percent(text, exact, lang, cell, holds):
    outcome = judge_sentence(text, exact, lang, record(cell, field_unit="percent"))
    assert outcome.results[0].mention is not None and outcome.results[0].mention.kind == Kind.FRACTION
    assert codes(outcome) == ([] if holds else ["SC301"])
    if not holds:
        assert "[16.6667, 16.6667]" in outcome.findings[0].message  # the text's interval, in percent


@pytest.mark.parametrize("text,exact,lang", [
    ("Volgens de telling is ongeveer 1 op de 5 Russen gebleven.", "ongeveer 1 op de 5", "nl"),
    ("By the count about 1 in 5 Russians stayed.", "about 1 in 5", "en"),
])
def test_about_one_in_five_agrees_with_a_percent_near_it(text, exact, lang):
    assert codes(judge_sentence(text, exact, lang, record("18.6", field_unit="percent"))) == []
    assert codes(judge_sentence(text, exact, lang, record("25", field_unit="percent"))) == ["SC301"]


@pytest.mark.parametrize("lang,text,exact", [
    ("nl", "Volgens de telling is ruim 1 op de 6 Russen gebleven.", "ruim 1 op de 6"),
    ("en", "By the count just over 1 in 6 Russians stayed.", "just over 1 in 6"),
])
@pytest.mark.parametrize("cell,holds", [("17.5", True), ("18.3", True), ("18.6", False), ("15", False),
                                        ("5", False), ("50", False)])
def test_just_over_one_in_six_against_percent_cells(lang, text, exact, cell, holds):
    just_over = hand("0.1666666666666666666666666667", "0.1666666666666666666666666667",
                     "0.1666666666666666666666666667", Kind.FRACTION, qualifier=Qualifier.JUST_OVER)
    outcome = judge_sentence(text, exact, lang, record(cell, field_unit="percent"), just_over)
    assert codes(outcome) == ([] if holds else ["SC301"])


@pytest.mark.parametrize("text,exact,lang", [
    ("Volgens de telling is 1 op de 6 Russen gebleven.", "1 op de 6", "nl"),
    ("By the count 1 in 6 Russians stayed.", "1 in 6", "en"),
])
def test_without_a_unit_a_fraction_is_compared_as_before(text, exact, lang):
    assert codes(judge_sentence(text, exact, lang, record("16.7"))) == ["SC301"]
    assert codes(judge_sentence(text, exact, lang, record("0.1667"))) == []
    assert codes(judge_sentence(text, exact, lang, record("16.7", unit_cell="people"))) == ["SC301"]


# --- mismatches: reported, never compared --------------------------------------------------------

PERCENT_NL = ("Volgens de peiling is 44% tegen.", "44%", "nl")
PERCENT_EN = ("According to the poll 44% are against.", "44%", "en")
POINTS_NL = ("De werkloosheid steeg 0,3 procentpunt in een jaar.", "0,3 procentpunt", "nl")
POINTS_EN = ("Unemployment rose 0.3 percentage points in a year.", "0.3 percentage points", "en")
EUROS_NL = ("Het project kostte EUR 2,5 miljoen volgens de gemeente.", "EUR 2,5 miljoen", "nl")
POUNDS_EN = ("The project cost £2.5 million according to the council.", "£2.5 million", "en")
COUNT_NL = ("Er stemden 4.726 mensen in Belgrado.", "4.726", "nl")
COUNT_EN = ("In Belgrade 4,726 people voted.", "4,726", "en")

POINTS = hand("0.3", "0.25", "0.35", Kind.PERCENTAGE_POINT)
EUROS = hand("2500000", "2450000", "2550000", Kind.AMOUNT, "EUR")
POUNDS = hand("2500000", "2450000", "2550000", Kind.AMOUNT, "GBP")

MISMATCHES = [
    # (sentence, hand-made reading or None for the extractor's, source row, the units named)
    pytest.param(PERCENT_NL, None, record("44", field_unit="percentage-point"), ("a percentage", "percentage points"),
                 id="percent-vs-points-nl"),
    pytest.param(PERCENT_EN, None, record("44", field_unit="percentage-point"), ("a percentage", "percentage points"),
                 id="percent-vs-points-en"),
    pytest.param(POINTS_NL, POINTS, record("0.3", field_unit="percent"), ("percentage points", "a percentage"),
                 id="points-vs-percent-nl"),
    pytest.param(POINTS_EN, POINTS, record("0.3", unit_cell="percent"), ("percentage points", "a percentage"),
                 id="points-vs-percent-en"),
    pytest.param(EUROS_NL, EUROS, record("2500000", field_unit="count"), ("EUR", "a count"), id="money-vs-count-nl"),
    pytest.param(POUNDS_EN, POUNDS, record("2500000", field_unit="count"), ("GBP", "a count"),
                 id="money-vs-count-en"),
    pytest.param(COUNT_NL, None, record("4726", field_unit="EUR"), ("a count", "EUR"), id="count-vs-money-nl"),
    pytest.param(COUNT_EN, None, record("4726", unit_cell="USD"), ("a count", "USD"), id="count-vs-money-en"),
    pytest.param(EUROS_NL, EUROS, record("2500000", field_unit="GBP"), ("EUR", "GBP"), id="currencies-nl"),
    pytest.param(POUNDS_EN, POUNDS, record("2500000", unit_cell="EUR"), ("GBP", "EUR"), id="currencies-en"),
    pytest.param(PERCENT_NL, None, record("44", field_unit="count"), ("a percentage", "a count"),
                 id="percent-vs-count-nl"),
    pytest.param(PERCENT_EN, None, record("44", field_unit="EUR"), ("a percentage", "EUR"), id="percent-vs-money-en"),
    pytest.param(PERCENT_EN, None, record("44", field_unit="days"), ("a percentage", "days"), id="percent-vs-days-en"),
    pytest.param(("Volgens de telling is 1 op de 6 Russen gebleven.", "1 op de 6", "nl"), None,
                 record("16.7", field_unit="percentage-point"), ("a fraction", "percentage points"),
                 id="fraction-vs-points-nl"),
    pytest.param(("By the count 1 in 6 Russians stayed.", "1 in 6", "en"), None,
                 record("16.7", field_unit="count"), ("a fraction", "a count"), id="fraction-vs-count-en"),
]


@pytest.mark.parametrize("sentence,reading,row,named", MISMATCHES)
def test_a_unit_mismatch_is_sc309_and_not_compared(sentence, reading, row, named):
    text, exact, lang = sentence
    outcome = judge_sentence(text, exact, lang, row, reading)
    assert codes(outcome) == ["SC309"]  # the same figure in both: still never a silent "holds"
    finding = outcome.findings[0]
    assert finding.severity == "error" and finding.fails
    assert all(name in finding.message for name in named), finding.message
    assert repr(exact) in finding.message and finding.line == 1 and finding.column == text.index(exact) + 1
    assert outcome.results[0].text_interval is None  # nothing was compared


MATCHES = [
    pytest.param(PERCENT_NL, None, record("44", field_unit="percent"), id="percent-nl"),
    pytest.param(PERCENT_EN, None, record("44.2", unit_cell="percent"), id="percent-en"),
    pytest.param(POINTS_NL, POINTS, record("0.3", field_unit="percentage-point"), id="points-nl"),
    pytest.param(POINTS_EN, POINTS, record("0.31", unit_cell="percentage-point"), id="points-en"),
    pytest.param(EUROS_NL, EUROS, record("2500000", field_unit="EUR"), id="euros-nl"),
    pytest.param(POUNDS_EN, POUNDS, record("2480000", unit_cell="GBP"), id="pounds-en"),
    pytest.param(COUNT_NL, None, record("4726", field_unit="count"), id="count-nl"),
    pytest.param(COUNT_EN, None, record("4726", unit_cell="count"), id="count-en"),
    # a bare number states no unit of its own: a count of days, or a percent without its sign
    pytest.param(("Het visum geldt 90 keer per jaar.", "90", "nl"), None, record("90", unit_cell="days"),
                 id="count-vs-days-nl"),
    pytest.param(COUNT_EN, None, record("4726", field_unit="percent"), id="count-vs-percent-en"),
    # an amount whose currency the extractor did not name agrees with any currency
    pytest.param(EUROS_NL, hand("2500000", "2450000", "2550000", Kind.AMOUNT), record("2500000", field_unit="EUR"),
                 id="amount-vs-euros-nl"),
    # units sourcecheck does not know are not judged
    pytest.param(PERCENT_EN, None, record("44", unit_cell="people"), id="unknown-unit-en"),
    pytest.param(POINTS_NL, POINTS, record("0.3", field_unit="punten"), id="unknown-unit-nl"),
]


@pytest.mark.parametrize("sentence,reading,row", MATCHES)
def test_like_with_like_is_compared(sentence, reading, row):
    text, exact, lang = sentence
    outcome = judge_sentence(text, exact, lang, row, reading)
    assert codes(outcome) == []
    assert outcome.results[0].verdict == "holds" and outcome.results[0].text_interval is not None


def test_a_unit_mismatch_is_reported_even_when_the_figures_differ():
    text, exact, lang = PERCENT_NL
    assert codes(judge_sentence(text, exact, lang, record("12", field_unit="percentage-point"))) == ["SC309"]


def test_the_mismatch_rules_are_symmetric_where_both_sides_state_a_unit():
    for said, unit in [(hand("44", "43.5", "44.5", Kind.PERCENT), "percentage-point"),
                       (POINTS, "percent"), (EUROS, "GBP"), (POUNDS, "EUR"), (EUROS, "count")]:
        assert mismatch(said, unit) is not None
    assert mismatch(hand("44", "43.5", "44.5", Kind.RANK), "percent") is None  # a rank states no unit
    assert mismatch(hand("2018", "2017.5", "2018.5", Kind.YEAR), "EUR") is None


# --- the whole check, on a copy of the example ---------------------------------------------------

BCSP = "datapackages/bcsp-2025/datapackage.json"


def _set_share_unit(project: Path, unit: str) -> None:
    path = project / BCSP
    text = path.read_text(encoding="utf-8")
    assert text.count('"unit": "percent"') == 1
    path.write_text(text.replace('"unit": "percent"', json.dumps({"unit": unit})[1:-1]), encoding="utf-8")


def test_the_example_declares_units_and_still_passes(project):
    report = check(project)
    assert report.exit_code == 0
    assert not [f for f in report.findings if f.code == "SC309"]
    descriptor = json.loads((project / BCSP).read_text(encoding="utf-8"))
    shares = next(r for r in descriptor["resources"] if r["name"] == "shares")
    assert next(f for f in shares["schema"]["fields"] if f["name"] == "share")["unit"] == "percent"


def test_a_percentage_point_field_under_a_percent_is_sc309_in_the_check_and_after_the_cache(project):
    _set_share_unit(project, "percentage-point")
    for _ in range(2):  # the second run restores records and units from the cache
        report = check(project)
        found = [f for f in report.failures if f.code == "SC309"]
        assert [f.claim for f in found] == ["disapprove-putin-policy"]
        assert "percentage points" in found[0].message
        assert report.exit_code == 1


def test_the_unit_property_passes_validation(project):
    from sourcecheck.run.validate import validate

    _set_share_unit(project, "EUR")
    assert not [f for f in validate(project).findings if f.code == "SC101"]


@pytest.mark.parametrize("lang,sentence,near", [
    ("nl", "Volgens de telling stemde {} Russen op Poetin.", "ongeveer 1 op de 9"),
    ("en", "By the count {} Russians voted for Putin.", "about 1 in 9"),
])
def test_a_fraction_against_a_derived_share_is_scaled(lang, sentence, near):
    def judged(exact: str) -> ArticleOutcome:
        text = sentence.format(exact)
        start = text.index(exact)
        part, whole = record("512", field_unit="count"), record("4726", field_unit="count")
        refs = (Reference("p", "t", "r", "value"), Reference("p", "t", "r", "value"))
        claim = Claim("c", Anchor(exact, text[:start], text[start + len(exact):]),
                      derive=Derivation("share", refs, "10.83"))
        return check_article(ArticleInput("article.txt", text, "claims.yaml"), extract(text, lang),
                             Ledger(Path("claims.yaml"), (claim,)), {"c": [part, whole]}, {}, ClaimsConfig())
    assert codes(judged(near)) == []  # [10, 12.22] in percent meets 512 / 4726 = 10.83%
    bare = judged(near.split(" ", 1)[1])  # "1 op de 9" is 11.11%: no
    assert codes(bare) == ["SC301"] and "[11.1111, 11.1111]" in bare.findings[0].message
