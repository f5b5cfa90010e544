"""Rounding and windows (issue 16, item 8): the interval of a rounded figure, the finite
one-sided window of every qualifier, and their overrides in the config and per claim."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest
from claims_support import ROOT
from hypothesis import assume, given
from hypothesis import strategies as st

from sourcecheck.compare.intervals import DOWNWARD, UPWARD, rounding_interval, text_interval
from sourcecheck.config import DEFAULT_SLACK, claims_config
from sourcecheck.errors import ConfigError, LedgerError
from sourcecheck.interval import Interval
from sourcecheck.ledger.load import load_ledger
from sourcecheck.numbers import extract
from sourcecheck.numbers.mention import Kind, Mention, Qualifier
from sourcecheck.project import Project
from sourcecheck.run.check import check

SLACK = dict(DEFAULT_SLACK)
LEDGER = "articles/russen-in-servie/claims.yaml"


def point(x: str | D) -> Interval:
    return Interval.point(D(x))


def read(text: str, lang: str) -> Mention:
    mentions = extract(text, lang)
    assert len(mentions) == 1, mentions
    return mentions[0]


def whole(value: D, kind: Kind = Kind.COUNT, qualifier: Qualifier = Qualifier.NONE) -> Mention:
    """A whole number as the extractor reads it: written precision half a unit either side."""
    half = D("0.5")
    return Mention(0, 1, 1, 1, str(value), value, value - half, value + half, kind, qualifier)


# --- rounding: trailing zeros of a whole number ---------------------------------------------------

ROUNDED = [
    # (Dutch, English, low, high): the text's interval, half-open
    ("Er kwamen 120.000 mensen.", "There were 120,000 people.", "115000", "125000"),
    ("Er kwamen 200.000 mensen.", "There were 200,000 people.", "195000", "205000"),
    ("Er waren 300 mensen.", "There were 300 people.", "295", "305"),
    ("Het waren 1.000 mensen.", "It was 1,000 people.", "950", "1050"),
    ("Dat kost € 1.500.", "It cost £1,500.", "1450", "1550"),
    ("Er wonen 3 miljoen mensen.", "3 million people live there.", "2500000", "3500000"),  # its digit's precision
    ("Het ging om 4.000 tot 6.000 mensen.", "Between 4,000 and 6,000 people came.", "3950", "6050"),
    # not rounded: no trailing zero beyond two significant digits, or written decimals
    ("Er kwamen 10 mensen.", "There were 10 people.", "9.5", "10.5"),
    ("Er kwamen 1.627 mensen.", "There were 1,627 people.", "1626.5", "1627.5"),
    ("Het kost 2,50 euro.", "It costs 2.50 dollars.", "2.495", "2.505"),
    # years, durations, ages, ranks and percentages are exact as written
    ("In 2000 begon het.", "In 2000 it began.", "1999.5", "2000.5"),
    ("Hij werd 300 dagen vastgehouden.", "He was held for 300 days.", "299.5", "300.5"),
    ("Zij is 100 jaar oud.", "She is 100 years old.", "99.5", "100.5"),
    ("Hij eindigde als 300ste.", "He finished 300th.", "299.5", "300.5"),
    ("Van hen was 100% tegen.", "Of them 100% were against.", "99.5", "100.5"),
]


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("dutch,english,low,high", ROUNDED, ids=[case[1] for case in ROUNDED])
def test_rounding_of_a_written_number(lang, dutch, english, low, high):
    mention = read(dutch if lang == "nl" else english, lang)
    interval = text_interval(mention, SLACK)
    assert (interval.low, interval.high) == (D(low), D(high))
    assert interval.overlaps(point(low)) and not interval.overlaps(point(high))
    assert (mention.low, mention.high) != (None, None)  # the mention itself keeps its written precision
    assert mention.interval.low is not None and mention.interval.low >= interval.low


@pytest.mark.parametrize("text,lang", [("Er kwamen 120.000 mensen.", "nl"), ("There were 120,000 people.", "en")])
def test_a_rounded_figure_agrees_with_a_precise_source_and_still_catches_drift(text, lang):
    interval = text_interval(read(text, lang), SLACK)
    assert interval.overlaps(point("121000")) and interval.overlaps(point("115000"))
    assert not interval.overlaps(point("125000")) and not interval.overlaps(point("114999"))
    assert not interval.overlaps(point("132000"))  # what bound: approx (+-10%) would let through


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=9))
def test_trailing_zeros_are_rounding_within_bounds(digits, zeros):
    value = D(digits).scaleb(zeros)
    mention = whole(value)
    interval = rounding_interval(mention)
    assert interval.low is not None and interval.high is not None
    assert interval.overlaps(Interval.point(value))
    assert interval.low <= mention.low and interval.high >= mention.high  # never narrower than written
    if value >= 10:
        assert interval.high - interval.low <= value / 10  # never coarser than two significant digits
    if digits % 10 and digits >= 10 and zeros >= 1:
        assert interval.high - interval.low == D(1).scaleb(zeros)  # half a unit of the last non-zero digit
    if digits < 10 and zeros >= 2:
        assert interval.high - interval.low == D(1).scaleb(zeros - 1)  # "300": two significant digits


@given(st.integers(min_value=1, max_value=10**9), st.sampled_from([Kind.YEAR, Kind.DATE, Kind.TIME, Kind.RANK,
                                                                     Kind.DURATION, Kind.AGE, Kind.PERCENT]))
def test_kinds_read_as_written_are_never_rounded(value, kind):
    mention = whole(D(value), kind)
    assert rounding_interval(mention) == mention.interval == text_interval(mention, SLACK)


@given(st.integers(min_value=1, max_value=10**6), st.integers(min_value=1, max_value=3))
def test_a_written_decimal_keeps_its_precision(value, places):
    written = D(value).scaleb(-places)  # e.g. 2.50 read with a half unit of its last decimal
    half = D(5).scaleb(-places - 1)
    mention = Mention(0, 1, 1, 1, str(written), written, written - half, written + half, Kind.AMOUNT)
    assert text_interval(mention, SLACK) == mention.interval


# --- windows: every qualifier finite on the side language implies --------------------------------

WINDOWS = [
    # (qualifier, Dutch, English, value, inside, outside)
    (Qualifier.JUST_OVER, "ruim 200.000", "just over 200,000", "200000", ["200000.01", "220000"],
     ["200000", "220000.01", "250000"]),
    (Qualifier.ABOVE, "meer dan 200.000", "more than 200,000", "200000", ["200000.01", "250000"],
     ["200000", "250000.01"]),
    (Qualifier.AT_LEAST, "minstens 300", "at least 300", "300", ["300", "375"], ["299.99", "375.01"]),
    (Qualifier.JUST_UNDER, "bijna 4.000", "almost 4,000", "4000", ["3600", "3999.99"], ["4000", "3599.99"]),
    (Qualifier.BELOW, "minder dan 5%", "less than 5%", "5", ["3.75", "4.99"], ["5", "3.74", "0"]),
    (Qualifier.AT_MOST, "hooguit 5%", "at most 5%", "5", ["3.75", "5"], ["5.01", "3.74", "0"]),
]


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("qualifier,dutch,english,value,inside,outside", WINDOWS,
                         ids=[case[0].value for case in WINDOWS])
def test_the_default_window_of_every_qualifier(lang, qualifier, dutch, english, value, inside, outside):
    kind = Kind.PERCENT if "%" in dutch else Kind.COUNT
    half = D("0.5")
    mention = Mention(0, 1, 1, 1, dutch if lang == "nl" else english, D(value), D(value) - half,
                      D(value) + half, kind, qualifier, lang)
    interval = text_interval(mention, SLACK)
    assert interval.low is not None and interval.high is not None
    for x in inside:
        assert interval.overlaps(point(x)), f"{x} should be inside {interval}"
    for x in outside:
        assert not interval.overlaps(point(x)), f"{x} should be outside {interval}"


@pytest.mark.parametrize("lang,text", [("nl", "Het waren meer dan 200.000 Russen."),
                                       ("en", "More than 200,000 Russians came.")])
def test_the_extractors_more_than_has_its_finite_window(lang, text):
    interval = text_interval(read(text, lang), SLACK)
    assert interval == Interval(D(200000), D(250000), low_closed=False)


def test_zero_has_no_scale_so_its_far_side_stays_open():
    above_zero = text_interval(whole(D(0), qualifier=Qualifier.ABOVE), SLACK)
    assert above_zero == Interval(D(0), None, low_closed=False)
    assert text_interval(whole(D(0), qualifier=Qualifier.AT_MOST), SLACK) == Interval(None, D(0))


def test_negative_values_keep_their_window_on_the_implied_side():
    above = text_interval(whole(D(-200), qualifier=Qualifier.ABOVE), SLACK)
    assert above == Interval(D(-200), D(-150), low_closed=False)
    below = text_interval(whole(D(-200), qualifier=Qualifier.BELOW), SLACK)
    assert below == Interval(D(-250), D(-200), high_closed=False)


@given(st.decimals(min_value=D("-1e9"), max_value=D("1e9"), allow_nan=False, allow_infinity=False, places=3),
       st.sampled_from(sorted(UPWARD | DOWNWARD)),
       st.decimals(min_value=D("0.001"), max_value=D("0.999"), places=3))
def test_every_window_is_finite_on_its_side_and_holds_nothing_on_the_other(value, qualifier, slack):
    assume(value != 0)
    mention = whole(value, qualifier=qualifier)
    interval = text_interval(mention, {**SLACK, qualifier.value: slack})
    assert interval.low is not None and interval.high is not None
    tiny = D("0.0001")
    if qualifier in UPWARD:
        assert interval.low == value and not interval.overlaps(point(value - tiny))
        assert interval.overlaps(point(value)) == (qualifier is Qualifier.AT_LEAST)
        assert interval.high == value + abs(value) * slack
    else:
        assert interval.high == value and not interval.overlaps(point(value + tiny))
        assert interval.overlaps(point(value)) == (qualifier is Qualifier.AT_MOST)
        assert interval.low == value - abs(value) * slack


def test_just_over_and_just_under_the_same_figure_never_meet():
    over = text_interval(whole(D(200000), qualifier=Qualifier.JUST_OVER), SLACK)
    under = text_interval(whole(D(200000), qualifier=Qualifier.JUST_UNDER), SLACK)
    assert not over.overlaps(under)


# --- overrides: the config, a claim's slack, a claim's precision ---------------------------------

def _project(tmp_path: Path, slack: str) -> Project:
    (tmp_path / "pyproject.toml").write_text(f"[tool.sourcecheck.slack]\n{slack}\n", encoding="utf-8")
    return Project.load(tmp_path)


@pytest.mark.parametrize("name", ["just-over", "above", "at-least", "just-under", "below", "at-most"])
def test_every_window_can_be_set_in_the_config(tmp_path, name):
    config = claims_config(_project(tmp_path, f'{name} = "0.05"'))
    assert config.slack[name] == D("0.05")
    qualifier = Qualifier(name)
    interval = text_interval(whole(D(1000), qualifier=qualifier), config.slack)
    far = interval.high if qualifier in UPWARD else interval.low
    assert far == (D(1050) if qualifier in UPWARD else D(950))


def test_an_unknown_window_in_the_config_is_refused(tmp_path):
    with pytest.raises(ConfigError, match="way-over"):
        claims_config(_project(tmp_path, 'way-over = "0.05"'))


@pytest.mark.parametrize("qualifier", [Qualifier.ABOVE, Qualifier.JUST_OVER, Qualifier.BELOW])
def test_a_claims_slack_replaces_the_window(qualifier):
    interval = text_interval(whole(D(200), qualifier=qualifier), SLACK, D("0.5"))
    assert (interval.high if qualifier in UPWARD else interval.low) == (D(300) if qualifier in UPWARD else D(100))


@pytest.mark.parametrize("text,lang", [("Van hen was 44% tegen.", "nl"), ("Of them 44% were against.", "en")])
def test_a_claims_slack_widens_a_number_without_qualifier(text, lang):
    mention = read(text, lang)
    assert mention.qualifier == Qualifier.NONE
    assert not text_interval(mention, SLACK).overlaps(point("46"))
    widened = text_interval(mention, SLACK, D("0.05"))
    assert widened == Interval(D("43.5") * D("0.95"), D("44.5") * D("1.05"))
    assert widened.overlaps(point("46")) and not widened.overlaps(point("47"))


@pytest.mark.parametrize("text,lang", [("Er kwamen 120.500 mensen.", "nl"), ("There were 120,500 people.", "en")])
def test_a_claims_precision_works_on_a_number_without_qualifier(text, lang):
    mention = read(text, lang)
    assert text_interval(mention, SLACK) == Interval(D(120450), D(120550), high_closed=False)  # its zeros
    rounded = text_interval(mention, SLACK, precision=D("1000"))  # replaces the rule of trailing zeros
    assert rounded == Interval(D(120000), D(121000), high_closed=False)


@pytest.mark.parametrize("text,lang", [("Er kwamen meer dan 120.000 mensen.", "nl"),
                                       ("More than 120,000 people came.", "en")])
def test_a_claims_precision_moves_a_windows_edge(text, lang):
    mention = read(text, lang)
    assert text_interval(mention, SLACK, precision=D("1000")) == Interval(D(119500), D(150500), low_closed=False)
    assert text_interval(mention, SLACK, D("0.10"), D("1000")) == Interval(D(119500), D(132500), low_closed=False)


@pytest.mark.parametrize("text,lang", [("Er kwamen ongeveer 120.000 mensen.", "nl"),
                                       ("About 120,000 people came.", "en")])
def test_near_is_not_widened_twice_but_takes_a_claims_precision(text, lang):
    mention = read(text, lang)
    assert text_interval(mention, SLACK) == Interval(D("119999.5") * D("0.9"), D("120000.5") * D("1.1"))
    assert text_interval(mention, SLACK, precision=D("10000")) == Interval(D(115000) * D("0.9"),
                                                                          D(125000) * D("1.1"))


# --- the ledger: precision is read, old ledgers load unchanged ---------------------------------

def _ledger_with(tmp_path: Path, extra: str) -> Path:
    text = (ROOT / LEDGER).read_text(encoding="utf-8")
    anchor = "  - id: disapprove-putin-policy\n"
    assert anchor in text
    path = tmp_path / "claims.yaml"
    path.write_text(text.replace(anchor, anchor + extra), encoding="utf-8")
    return path


def test_the_ledger_reads_a_claims_precision(tmp_path):
    ledger = load_ledger(_ledger_with(tmp_path, '    precision: "1000"\n    slack: "0.05"\n'))
    claim = next(c for c in ledger.claims if c.id == "disapprove-putin-policy")
    assert claim.precision == D(1000) and claim.slack == D("0.05")
    assert all(c.precision is None for c in ledger.claims if c is not claim)


@pytest.mark.parametrize("bad", ['"0"', '"-1000"', '"1e3"', '"thousand"', "1000"])
def test_a_precision_that_is_no_positive_decimal_is_refused(tmp_path, bad):
    with pytest.raises(LedgerError, match="precision"):
        load_ledger(_ledger_with(tmp_path, f"    precision: {bad}\n"))


def test_every_ledger_in_the_repository_still_loads():
    ledgers = sorted((ROOT / "articles").glob("*/claims.yaml")) + sorted((ROOT / "tests").rglob("claims*.yaml"))
    assert ledgers
    for path in ledgers:
        assert load_ledger(path).claims or load_ledger(path).waivers


def test_the_two_copies_of_the_ledger_schema_are_equal():
    shipped = (ROOT / "src" / "sourcecheck" / "ledger" / "ledger.schema.json").read_bytes()
    assert (ROOT / "docs" / "ledger.schema.json").read_bytes() == shipped
    assert b'"precision"' in shipped


def test_a_precision_in_the_example_makes_a_rounded_figure_hold(project):
    # the text's 300 respondents against a sample recorded as 304: a rounded figure ([295, 305) holds)
    csv = project / "datapackages/bcsp-2025/survey.csv"
    text = csv.read_text(encoding="utf-8")
    assert text.count(",300,") == 1
    csv.write_text(text.replace(",300,", ",312,"), encoding="utf-8")
    ledger = project / LEDGER
    claims = ledger.read_text(encoding="utf-8")
    block = claims[claims.index("  - id: bcsp-sample"):]
    block = block[:block.index("\n  - id: ", 1) if "\n  - id: " in block[1:] else len(block)]
    edited = block.replace('value: "300"', 'value: "312"').replace('        value: "300"', '        value: "312"')
    ledger.write_text(claims.replace(block, edited), encoding="utf-8")
    report = check(project)
    assert [f.code for f in report.failures if f.claim == "bcsp-sample"] == ["SC301"]  # 312 is no "300"
    ledger.write_text(claims.replace(block, edited.replace("  - id: bcsp-sample\n",
                                                           '  - id: bcsp-sample\n    precision: "25"\n')),
                      encoding="utf-8")
    assert not [f for f in check(project).failures if f.claim == "bcsp-sample"]
