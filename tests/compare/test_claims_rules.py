"""The interval rules of every qualifier, on the text side and the source side, with boundaries."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sourcecheck.compare.intervals import (
    parse_decimal,
    source_interval,
    text_interval,
)
from sourcecheck.config import DEFAULT_SLACK
from sourcecheck.interval import Interval, precision_interval
from sourcecheck.numbers.mention import Kind, Qualifier

SLACK = dict(DEFAULT_SLACK)


def point(x: str) -> Interval:
    return Interval.point(D(x))


def test_plain_percentage_is_its_precision(make_mention):
    forty_four = text_interval(make_mention("44%", "44", "43.5", "44.5"), SLACK)
    assert forty_four.overlaps(point("43.5"))
    assert forty_four.overlaps(point("44.4999"))
    assert not forty_four.overlaps(point("44.5"))
    assert not forty_four.overlaps(point("43.4999"))


@pytest.mark.parametrize("text,lang", [("slechts 3%", "nl"), ("only 3%", "en")])
def test_only_has_no_numeric_effect(make_mention, text, lang):
    mention = make_mention(text, "3", "2.5", "3.5", qualifier=Qualifier.ONLY, lang=lang)
    interval = text_interval(mention, SLACK)
    assert interval == mention.interval
    assert interval.overlaps(point("2.5")) and not interval.overlaps(point("3.5"))


@pytest.mark.parametrize("text,lang,qualifier", [
    ("ongeveer 4.700", "nl", Qualifier.NEAR), ("about 4,700", "en", Qualifier.NEAR),
    ("naar schatting 70%", "nl", Qualifier.ESTIMATED), ("an estimated 70%", "en", Qualifier.ESTIMATED),
])
def test_near_and_estimated_widen_by_their_slack(make_mention, text, lang, qualifier):
    value = "4700" if "4" in text else "70"
    low, high = (D(value) - D("0.5")), (D(value) + D("0.5"))
    mention = make_mention(text, value, str(low), str(high), qualifier=qualifier, lang=lang,
                           kind=Kind.COUNT if value == "4700" else Kind.PERCENT)
    interval = text_interval(mention, SLACK)
    s = SLACK[qualifier.value]
    assert interval.low == low * (1 - s) and interval.high == high * (1 + s)
    assert interval.overlaps(point(str(low * (1 - s))))        # the boundary itself is in
    assert not interval.overlaps(point(str(low * (1 - s) - D("0.01"))))
    assert interval.overlaps(point(str(high * (1 + s))))
    assert not interval.overlaps(point(str(high * (1 + s) + D("0.01"))))


def test_near_with_a_claim_override(make_mention):
    mention = make_mention("ongeveer 4.700", "4700", "4699.5", "4700.5", kind=Kind.COUNT,
                           qualifier=Qualifier.NEAR)
    narrow = text_interval(mention, SLACK, D("0.01"))
    assert narrow.overlaps(point("4726")) and not narrow.overlaps(point("4800"))
    assert text_interval(mention, SLACK).overlaps(point("5000"))


@pytest.mark.parametrize("text,lang", [("meer dan 200.000", "nl"), ("more than 200,000", "en"),
                                       ("ruim 200.000", "nl"), ("over 200,000", "en")])
def test_above_excludes_the_value_itself(make_mention, text, lang):
    mention = make_mention(text, "200000", "199999.5", "200000.5", kind=Kind.COUNT,
                           qualifier=Qualifier.ABOVE, lang=lang)
    interval = text_interval(mention, SLACK)
    assert not interval.overlaps(point("200000"))
    assert interval.overlaps(point("200000.001"))
    assert interval.overlaps(point("250000")) and not interval.overlaps(point("250000.001"))  # a finite window


@pytest.mark.parametrize("text,lang", [("minstens 300", "nl"), ("at least 300", "en")])
def test_at_least_includes_the_value(make_mention, text, lang):
    mention = make_mention(text, "300", "299.5", "300.5", kind=Kind.COUNT,
                           qualifier=Qualifier.AT_LEAST, lang=lang)
    interval = text_interval(mention, SLACK)
    assert interval.overlaps(point("300")) and not interval.overlaps(point("299.999"))


@pytest.mark.parametrize("text,lang", [("minder dan 5%", "nl"), ("less than 5%", "en")])
def test_below_excludes_the_value(make_mention, text, lang):
    mention = make_mention(text, "5", "4.5", "5.5", qualifier=Qualifier.BELOW, lang=lang)
    interval = text_interval(mention, SLACK)
    assert not interval.overlaps(point("5")) and interval.overlaps(point("4.999"))
    assert interval.overlaps(point("3.75")) and not interval.overlaps(point("3.749"))  # a finite window


@pytest.mark.parametrize("text,lang", [("hooguit 5%", "nl"), ("at most 5%", "en")])
def test_at_most_includes_the_value(make_mention, text, lang):
    mention = make_mention(text, "5", "4.5", "5.5", qualifier=Qualifier.AT_MOST, lang=lang)
    interval = text_interval(mention, SLACK)
    assert interval.overlaps(point("5")) and not interval.overlaps(point("5.001"))


@pytest.mark.parametrize("text,lang", [("een kleine 200.000", "nl"), ("bijna 4.000", "nl"),
                                       ("almost 4,000", "en"), ("just under 200,000", "en")])
def test_just_under_is_below_the_value_within_slack(make_mention, text, lang):
    value = "200000" if "200" in text else "4000"
    mention = make_mention(text, value, str(D(value) - D("0.5")), str(D(value) + D("0.5")),
                           kind=Kind.COUNT, qualifier=Qualifier.JUST_UNDER, lang=lang)
    interval = text_interval(mention, SLACK)
    floor = D(value) * (1 - SLACK["just-under"])
    assert not interval.overlaps(point(value))
    assert interval.overlaps(point(str(D(value) - D("0.001"))))
    assert interval.overlaps(point(str(floor)))
    assert not interval.overlaps(point(str(floor - D("0.001"))))


def test_just_under_and_above_the_same_value_cannot_both_hold(make_mention):
    kleine = text_interval(make_mention("Een kleine tweehonderdduizend", "200000", "200000", "200000",
                                        kind=Kind.COUNT, qualifier=Qualifier.JUST_UNDER), SLACK)
    meer = text_interval(make_mention("meer dan 200.000", "200000", "199999.5", "200000.5",
                                      kind=Kind.COUNT, qualifier=Qualifier.ABOVE), SLACK)
    assert not kleine.overlaps(meer)


def test_range_mention_widened_by_estimate(make_mention):
    mention = make_mention("naar schatting uit 4.000 tot 6.000", "4000", "4000", "6000",
                           kind=Kind.RANGE, qualifier=Qualifier.ESTIMATED)
    interval = text_interval(mention, SLACK)
    assert interval.low == D(3600) and interval.high == D(6600)


# --- source side -----------------------------------------------------------------------------

@pytest.mark.parametrize("raw,low,high", [("40.2", "40.15", "40.25"), ("87", "86.5", "87.5"),
                                          ("4726", "4725.5", "4726.5"), ("10.84", "10.835", "10.845")])
def test_source_precision_of_the_cell_as_written(raw, low, high):
    interval = source_interval(raw, "", SLACK)
    assert interval == Interval(D(low), D(high), high_closed=False)
    assert interval.overlaps(point(low)) and not interval.overlaps(point(high))


def test_source_bounds():
    assert not source_interval("4700", "above", SLACK).overlaps(point("4700"))
    assert source_interval("4700", "above", SLACK).overlaps(point("4700.01"))
    assert source_interval("300", "at-least", SLACK).overlaps(point("300"))
    assert not source_interval("4000", "below", SLACK).overlaps(point("4000"))
    assert source_interval("30", "at-most", SLACK).overlaps(point("30"))
    assert not source_interval("30", "at-most", SLACK).overlaps(point("30.01"))
    approx = source_interval("200000", "approx", SLACK)
    assert approx.low == D("199999.5") * D("0.9") and approx.high == D("200000.5") * D("1.1")
    assert source_interval("87", "exact", SLACK) == source_interval("87", None, SLACK)


def test_source_value_that_is_no_number():
    with pytest.raises(ValueError):
        source_interval("n/a", "", SLACK)
    with pytest.raises(ValueError):
        parse_decimal("NaN")


@given(st.decimals(min_value=-10**6, max_value=10**6, allow_nan=False, places=2))
def test_a_value_lies_in_its_own_precision_interval(value):
    raw = format(value, "f")
    assert precision_interval(parse_decimal(raw)).overlaps(Interval.point(parse_decimal(raw)))


# --- the real extractor, both languages: every qualifier with its boundaries --------------------

from sourcecheck.numbers import extract  # noqa: E402

# (Dutch sentence, English sentence, qualifier, values inside, values outside)
QUALIFIED = [
    ("Het gaat om 44% van de mensen.", "It was 44% of people.", "none",
     ["43.5", "44.4999"], ["44.5", "43.4999"]),
    ("Slechts 3% koos voor hem.", "Only 3% chose him.", "only", ["2.5", "3.4999"], ["3.5", "2.4999"]),
    ("Er stemden ongeveer 4.700 mensen.", "About 4,700 people voted.", "near",
     ["4229.55", "5170.55"], ["4229.54", "5170.56"]),
    ("Naar schatting 70% steunt hem.", "An estimated 70% support him.", "estimated",
     ["62.55", "77.55"], ["62.54", "77.56"]),
    ("Het waren meer dan 200.000 Russen.", "More than 200,000 Russians came.", "above",
     ["200000.01", "250000"], ["200000", "199999.5", "250000.01"]),
    ("Er kwamen minstens 300 mensen.", "At least 300 people came.", "at-least",
     ["300", "375"], ["299.99", "375.01"]),
    ("Minder dan 5% stemde.", "Less than 5% voted.", "below", ["4.99", "3.75"], ["5", "5.4", "3.74"]),
    ("Hooguit 5% stemde.", "At most 5% voted.", "at-most", ["5", "3.75"], ["5.01", "3.74"]),
    ("Een kleine 200.000 Russen kwamen.", "Just under 200,000 Russians came.", "just-under",
     ["180000", "199999.99"], ["200000", "179999.99"]),
    ("Bijna 4.000 mensen deden mee.", "Almost 4,000 people took part.", "just-under",
     ["3600", "3999.99"], ["4000", "3599.99"]),
]


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("dutch,english,qualifier,inside,outside", QUALIFIED,
                         ids=[f"{case[2]}-{case[1].split()[0].lower()}" for case in QUALIFIED])
def test_extracted_qualifier_intervals(lang, dutch, english, qualifier, inside, outside):
    mentions = extract(dutch if lang == "nl" else english, lang)
    assert len(mentions) == 1
    assert mentions[0].qualifier.value == qualifier
    interval = text_interval(mentions[0], SLACK)
    for value in inside:
        assert interval.overlaps(point(value)), f"{value} should be inside {interval}"
    for value in outside:
        assert not interval.overlaps(point(value)), f"{value} should be outside {interval}"
