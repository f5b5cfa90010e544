"""Kinds and units on every mention: percentage points, money with its ISO 4217 code,
ages and age groups, periods (issue 16, item 5)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sourcecheck.numbers import Kind, Qualifier, extract

K, Q = Kind, Qualifier


def _only(text: str, lang: str):
    mentions = extract(text, lang)
    assert len(mentions) == 1, [m.text for m in mentions]
    return mentions[0]


@pytest.mark.parametrize(("lang", "text", "span", "value"), [
    ("nl", "De werkloosheid daalde 0,3 procentpunt.", "0,3 procentpunt", Decimal("0.3")),
    ("nl", "Een stijging van 2 procentpunten.", "2 procentpunten", Decimal(2)),
    ("nl", "Dat is 5pp meer.", "5pp", Decimal(5)),
    ("nl", "Het verschil is 1,5 %-punt.", "1,5 %-punt", Decimal("1.5")),
    ("en", "Unemployment fell 0.3 percentage points.", "0.3 percentage points", Decimal("0.3")),
    ("en", "A rise of 1 percentage point.", "1 percentage point", Decimal(1)),
    ("en", "That is 5 pp more.", "5 pp", Decimal(5)),
    ("en", "That is 5pp more.", "5pp", Decimal(5)),
])
def test_percentage_points_are_their_own_kind(lang, text, span, value):
    mention = _only(text, lang)
    assert (mention.text, mention.value, mention.kind, mention.unit) == (span, value, K.PERCENTAGE_POINT, None)


def test_a_qualified_percentage_point_keeps_its_qualifier():
    mention = _only("Het steeg ruim 2 procentpunt.", "nl")
    assert (mention.text, mention.kind, mention.qualifier) == ("ruim 2 procentpunt", K.PERCENTAGE_POINT, Q.JUST_OVER)


def test_a_percentage_is_still_a_percentage():
    assert _only("Het aandeel was 44 procent.", "nl").kind == K.PERCENT
    assert _only("The share was 44 per cent.", "en").kind == K.PERCENT


@pytest.mark.parametrize(("lang", "text", "span", "value", "unit"), [
    ("nl", "Het kost € 2,5 miljoen.", "€ 2,5 miljoen", Decimal(2500000), "EUR"),
    ("nl", "Het kost €3 mln.", "€3 mln", Decimal(3000000), "EUR"),
    ("nl", "Het kost 2,5 miljoen euro.", "2,5 miljoen euro", Decimal(2500000), "EUR"),
    ("nl", "Het kost EUR 2,5 miljoen.", "EUR 2,5 miljoen", Decimal(2500000), "EUR"),
    ("nl", "Het kost 4 mld dollar.", "4 mld dollar", Decimal(4 * 10**9), "USD"),
    ("nl", "Het kost 300 pond.", "300 pond", Decimal(300), "GBP"),
    ("nl", "Het kost US$ 4bn.", "US$ 4bn", Decimal(4 * 10**9), "USD"),
    ("nl", "Het kost $3m.", "$3m", Decimal(3000000), "USD"),
    ("nl", "Het kost ¥300.", "¥300", Decimal(300), None),  # yen or yuan: not guessed
    ("en", "It costs $3m.", "$3m", Decimal(3000000), "USD"),
    ("en", "It costs US$ 4bn.", "US$ 4bn", Decimal(4 * 10**9), "USD"),
    ("en", "It costs £2.5 billion.", "£2.5 billion", Decimal(2500000000), "GBP"),
    ("en", "It costs €40k.", "€40k", Decimal(40000), "EUR"),
    ("en", "It costs 2.5 million dollars.", "2.5 million dollars", Decimal(2500000), "USD"),
    ("en", "It costs 30 euros.", "30 euros", Decimal(30), "EUR"),
    ("en", "It costs USD 30.", "USD 30", Decimal(30), "USD"),
    ("en", "It costs A$ 30.", "A$ 30", Decimal(30), "AUD"),
])
def test_money_carries_its_iso_code_and_its_sign_in_the_span(lang, text, span, value, unit):
    mention = _only(text, lang)
    assert (mention.text, mention.value, mention.kind, mention.unit) == (span, value, K.AMOUNT, unit)


def test_a_qualifier_before_the_currency_sign_is_read():
    mention = _only("Het kost ruim € 2 miljard.", "nl")
    assert (mention.text, mention.qualifier, mention.unit) == ("ruim € 2 miljard", Q.JUST_OVER, "EUR")
    mention = _only("It costs more than $5k.", "en")
    assert (mention.text, mention.qualifier, mention.unit) == ("more than $5k", Q.ABOVE, "USD")


def test_metres_are_no_millions_and_no_money():
    assert extract("een boot van 29m", "nl") == []
    assert extract("a 29m yacht", "en") == []
    assert _only("3 m lang", "nl").unit is None


def test_an_english_m_glued_to_decimals_is_millions_flagged_as_maybe_metres():
    mention = _only("A population of 59.5m people.", "en")
    assert (mention.text, mention.value, mention.kind) == ("59.5m", Decimal(59500000), K.COUNT)
    assert mention.ambiguous is not None and "metres" in mention.ambiguous
    assert extract("Een lengte van 59,5m.", "nl") == []


def test_points_after_a_number_are_percentage_points_flagged_as_maybe_a_score():
    mention = _only("Labour fell five points behind.", "en")
    assert (mention.text, mention.kind) == ("five points", K.PERCENTAGE_POINT)
    assert mention.ambiguous is not None
    assert _only("Labour fell five percentage points.", "en").ambiguous is None


def test_numbers_that_are_not_money_have_no_unit():
    for mention in extract("In 2024 kwamen 200.000 mensen, 44% van het totaal, op de 3e dag.", "nl"):
        assert mention.unit is None


def test_the_unit_is_in_the_json_form():
    assert _only("It costs $3m.", "en").to_dict()["unit"] == "USD"


_SIGNS = {"nl": [("€", "EUR"), ("€ ", "EUR"), ("$", "USD"), ("US$ ", "USD"), ("£", "GBP"), ("EUR ", "EUR")],
          "en": [("€", "EUR"), ("$", "USD"), ("US$", "USD"), ("£ ", "GBP"), ("GBP ", "GBP")]}
_WORDS = {"nl": [("euro", "EUR"), ("dollar", "USD"), ("pond", "GBP")],
          "en": [("euros", "EUR"), ("dollars", "USD"), ("pounds", "GBP")]}
_SCALES = {"nl": [("", 1), (" miljoen", 10**6), (" mln", 10**6), (" miljard", 10**9), (" mld", 10**9),
                  ("k", 1000)],
           "en": [("", 1), (" million", 10**6), ("m", 10**6), ("bn", 10**9), (" billion", 10**9),
                  ("k", 1000)]}


@given(lang=st.sampled_from(["nl", "en"]), number=st.integers(min_value=1, max_value=999),
       before=st.booleans(), data=st.data())
def test_currency_and_number_and_scale_give_the_code_and_the_value(lang, number, before, data):
    scale, multiplier = data.draw(st.sampled_from(_SCALES[lang]))
    if before:
        money, code = data.draw(st.sampled_from(_SIGNS[lang]))
        written = f"{money}{number}{scale}"
    else:
        word, code = data.draw(st.sampled_from(_WORDS[lang]))
        if scale == "m":
            scale = " million"
        written = f"{number}{scale} {word}"
    mention = _only(f"Het bedrag: {written}." if lang == "nl" else f"The sum: {written}.", lang)
    assert (mention.text, mention.value, mention.kind, mention.unit) == (
        written, Decimal(number * multiplier), K.AMOUNT, code)


@pytest.mark.parametrize(("lang", "text", "span", "low", "high"), [
    ("nl", "In de eerste helft van 2024 groeide het.", "de eerste helft van 2024", 20240101, 20240630),
    ("nl", "In de tweede helft van 2024 groeide het.", "de tweede helft van 2024", 20240701, 20241231),
    ("nl", "In de eerste helft van dit jaar groeide het.", "de eerste helft van dit jaar", 101, 630),
    ("nl", "In het derde kwartaal groeide het.", "het derde kwartaal", 701, 930),
    ("nl", "In het 2e kwartaal van 2023 groeide het.", "het 2e kwartaal van 2023", 20230401, 20230630),
    ("nl", "In de zomer van 2022 groeide het.", "de zomer van 2022", 20220601, 20220831),
    ("en", "In the first quarter of 2023 it grew.", "the first quarter of 2023", 20230101, 20230331),
    ("en", "In the first half of this year it grew.", "the first half of this year", 101, 630),
    ("en", "In the 3rd quarter of 2021 it grew.", "the 3rd quarter of 2021", 20210701, 20210930),
    ("en", "In the summer of 2022 it grew.", "the summer of 2022", 20220601, 20220831),
])
def test_a_period_is_one_date_mention(lang, text, span, low, high):
    mention = _only(text, lang)
    assert (mention.text, mention.kind, mention.low, mention.high) == (span, K.DATE, Decimal(low), Decimal(high))
    assert mention.value == Decimal(low)


def test_a_winter_spans_two_years_and_says_so():
    mention = _only("In de winter van 2022 vroor het.", "nl")
    assert (mention.low, mention.high) == (Decimal(20221201), Decimal(20230228))
    assert mention.ambiguous is not None


def test_a_half_of_something_else_is_no_period():
    kinds = [m.kind for m in extract("In de eerste helft van de wedstrijd scoorde hij.", "nl")]
    assert K.DATE not in kinds


@pytest.mark.parametrize(("lang", "text", "span", "value", "qualifier"), [
    ("nl", "Het gaat om 65-plussers.", "65-plussers", 65, Q.AT_LEAST),
    ("nl", "Het gaat om mensen van 65 jaar en ouder.", "65 jaar en ouder", 65, Q.AT_LEAST),
    ("nl", "Het gaat om mensen van 65 of ouder.", "65 of ouder", 65, Q.AT_LEAST),
    ("nl", "Het gaat om mensen ouder dan 80.", "ouder dan 80", 80, Q.ABOVE),
    ("nl", "Het gaat om kinderen jonger dan 12 jaar.", "jonger dan 12", 12, Q.BELOW),
    ("en", "It concerns people aged 65 and over.", "65 and over", 65, Q.AT_LEAST),
    ("en", "It concerns people aged 65 or over.", "65 or over", 65, Q.AT_LEAST),
    ("en", "It concerns people 65 and older.", "65 and older", 65, Q.AT_LEAST),
    ("en", "It concerns people 65 years and over.", "65 years and over", 65, Q.AT_LEAST),
    ("en", "It concerns the 65-plus population.", "65-plus", 65, Q.AT_LEAST),
    ("en", "It concerns people older than 80.", "older than 80", 80, Q.ABOVE),
])
def test_ages_carry_their_qualifier(lang, text, span, value, qualifier):
    mention = _only(text, lang)
    assert (mention.text, mention.value, mention.kind, mention.qualifier) == (span, Decimal(value), K.AGE, qualifier)


@pytest.mark.parametrize(("lang", "text", "span"), [
    ("nl", "Vooral 18- tot 24-jarigen stemden.", "18- tot 24-jarigen"),
    ("nl", "Vooral 18-24-jarigen stemden.", "18-24-jarigen"),
    ("en", "Mostly 18- to 24-year-olds voted.", "18- to 24-year-olds"),
    ("en", "Mostly 18 to 24-year-olds voted.", "18 to 24-year-olds"),
])
def test_an_age_group_is_one_age_from_its_youngest_to_its_oldest(lang, text, span):
    mention = _only(text, lang)
    assert (mention.text, mention.kind, mention.value, mention.low, mention.high) == (
        span, K.AGE, Decimal(18), Decimal(18), Decimal(24))


@pytest.mark.parametrize(("text", "span", "value", "qualifier", "low", "high"), [
    ("It concerns the over-65s.", "over-65s", 65, Q.ABOVE, "64.5", "65.5"),
    ("Under-15s were counted.", "Under-15s", 15, Q.BELOW, "14.5", "15.5"),
    ("It concerns people aged under 65.", "under 65", 65, Q.BELOW, "64.5", "65.5"),
    ("It concerns people aged 65 to 74 years.", "65 to 74", 65, Q.NONE, "65", "74"),
    ("It concerns people aged 40.", "40", 40, Q.NONE, "39.5", "40.5"),
])
def test_aged_and_the_over_65s_are_ages(text, span, value, qualifier, low, high):
    mention = _only(text, "en")
    assert (mention.text, mention.value, mention.kind, mention.qualifier, mention.low, mention.high) == (
        span, Decimal(value), K.AGE, qualifier, Decimal(low), Decimal(high))


def test_a_decade_of_years_is_a_year_range():
    mention = _only("It happened in the 1990s.", "en")
    assert (mention.text, mention.kind, mention.low, mention.high) == ("1990s", K.YEAR, Decimal(1990), Decimal(1999))


def test_and_over_without_aged_is_no_age():
    assert all(m.kind != K.AGE for m in extract("Orders of 10 and over ship free.", "en"))


# -- the examples of docs/reading.md are what the extractor reads --------------------------

_READING = Path(__file__).resolve().parents[2] / "docs" / "reading.md"


def _table_after(heading: str, header: str) -> list[list[str]]:
    """The rows of the first table with ``header`` after ``heading`` in docs/reading.md."""
    text = _READING.read_text(encoding="utf-8")
    text = text[text.index(heading):]
    lines = text[text.index(header):].splitlines()[2:]
    rows = []
    for line in lines:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows


def _mention_in(text: str, lang: str):
    mentions = extract(text, lang)
    assert len(mentions) == 1, (text, [m.text for m in mentions])
    return mentions[0]


@pytest.mark.parametrize("row", _table_after("## Ordinals and fractions", "| text | lang | kind | value |"))
def test_the_ordinals_table_of_the_docs_holds(row):
    text, lang, kind, value = row
    mention = _mention_in(text, lang)
    assert mention.kind == kind.split(",")[0]
    assert (mention.ambiguous is not None) == ("ambiguous" in kind)
    written = value.split()[0]
    expected = Decimal(written.split("/")[0]) / Decimal(written.split("/")[1]) if "/" in written else Decimal(written)
    assert mention.value == expected


@pytest.mark.parametrize("row", _table_after("**Periods.**", "| text | lang | low | high |"))
def test_the_periods_table_of_the_docs_holds(row):
    text, lang, low, high = row
    mention = _mention_in(text, lang)
    assert (mention.kind, mention.low, mention.high) == (K.DATE, Decimal(low), Decimal(high))


@pytest.mark.parametrize("row", _table_after("## Digits of other scripts", "| written | lang | read as | kind |"))
def test_the_scripts_table_of_the_docs_holds(row):
    text, lang, value, kind = row
    mention = _mention_in(text, lang)
    assert (mention.value, mention.kind) == (Decimal(value), kind)


@pytest.mark.parametrize(("lang", "text", "span"), [
    ("nl", "Vanaf de 65-jarige leeftijd.", "65-jarige"),
    ("nl", "De 18-jarigen werden opgepakt.", "18-jarigen"),
    ("en", "A 35-year-old man was held.", "35-year-old"),
])
def test_an_age_ending_is_part_of_the_span(lang, text, span):
    mention = _only(text, lang)
    assert (mention.text, mention.kind) == (span, K.AGE)


@pytest.mark.parametrize(("text", "span", "low", "ambiguous"), [
    ("In de jaren zeventig groeide het.", "de jaren zeventig", 1970, False),
    ("In de jaren '80 groeide het.", "de jaren '80", 1980, False),
    ("Een hit uit de jaren 90.", "de jaren 90", 1990, False),
    ("In de jaren twintig groeide het.", "de jaren twintig", 1920, True),
])
def test_a_dutch_decade_of_years_is_a_year_range(text, span, low, ambiguous):
    mention = _only(text, "nl")
    assert (mention.text, mention.kind, mention.low, mention.high) == (span, K.YEAR, Decimal(low), Decimal(low + 9))
    assert (mention.ambiguous is not None) == ambiguous


def test_years_and_then_a_number_is_no_decade():
    assert _only("Na jaren 30 euro.", "nl").kind == K.AMOUNT


@pytest.mark.parametrize(("lang", "text", "span", "value"), [
    ("en", "Nine times as many people.", "Nine times", Decimal(9)),
    ("en", "It is 2.5 times higher.", "2.5 times", Decimal("2.5")),
    ("nl", "Het is drie keer zo groot.", "drie keer", Decimal(3)),
    ("nl", "Het is twee maal zoveel.", "twee maal", Decimal(2)),
])
def test_a_multiple_is_a_ratio(lang, text, span, value):
    mention = _only(text, lang)
    assert (mention.text, mention.kind, mention.value, mention.low, mention.high) == (
        span, K.FRACTION, value, value, value)


@pytest.mark.parametrize(("lang", "text"), [("en", "Three times a week."), ("nl", "Drie keer per week.")])
def test_a_count_of_times_is_a_count(lang, text):
    assert _only(text, lang).kind == K.COUNT


@pytest.mark.parametrize(("lang", "text", "span", "kind", "unit"), [
    ("nl", "Het kost € 2 tot 3 miljoen.", "€ 2 tot 3 miljoen", K.RANGE, "EUR"),
    ("nl", "Het kost 2 tot 3 miljoen euro.", "2 tot 3 miljoen euro", K.RANGE, "EUR"),
    ("nl", "Het kost een half miljoen euro.", "een half miljoen euro", K.AMOUNT, "EUR"),
    ("en", "It costs $2-3 million.", "$2-3 million", K.RANGE, "USD"),
    ("en", "It costs half a million pounds.", "half a million pounds", K.AMOUNT, "GBP"),
])
def test_a_range_or_a_half_of_money_carries_its_unit(lang, text, span, kind, unit):
    mention = _only(text, lang)
    assert (mention.text, mention.kind, mention.unit) == (span, kind, unit)


def test_a_half_million_people_is_no_money():
    mention = _only("Er kwamen een half miljoen mensen.", "nl")
    assert (mention.kind, mention.unit) == (K.COUNT, None)


@pytest.mark.parametrize(("text", "lang", "low", "high"), [
    ("een half miljoen euro", "nl", "450000", "550000"),
    ("anderhalf miljoen inwoners", "nl", "1450000", "1550000"),
    ("almost half a million people", "en", "450000", "550000"),
    ("a quarter million homes", "en", "245000", "255000"),
])
def test_a_scaled_fraction_has_the_precision_of_its_written_digits(text, lang, low, high):
    """"half a million" is 0.5 million as written: a tenth of a million is its last digit."""
    [mention] = extract(text, lang)
    assert (mention.low, mention.high) == (Decimal(low), Decimal(high))


@pytest.mark.parametrize(("text", "lang", "kind"), [
    ("the CPIH 12-month inflation rate", "en", Kind.DURATION),
    ("a 3-day week", "en", Kind.DURATION),
    ("een 5-jarig plan", "nl", Kind.COUNT),        # "jarig" is no unit word
    ("a 35-year-old woman", "en", Kind.AGE),
    ("the 2019-20 financial year", "en", Kind.YEAR),
])
def test_a_unit_glued_by_a_hyphen_makes_a_duration_and_nothing_else_changes(text, lang, kind):
    mention = extract(text, lang)[0]
    assert mention.kind is kind


@pytest.mark.parametrize(("text", "lang", "readings"), [
    ("against just seven in 2011", "en", [("just seven", Kind.COUNT), ("2011", Kind.YEAR)]),
    ("drie op 2020 was weinig", "nl", [("drie", Kind.COUNT), ("2020", Kind.YEAR)]),
    ("1 in 5 adults", "en", [("1 in 5", Kind.FRACTION)]),
    ("1 in 1000 people", "en", [("1 in 1000", Kind.FRACTION)]),
])
def test_a_year_after_in_is_when_not_a_denominator(text, lang, readings):
    assert [(m.text, m.kind) for m in extract(text, lang)] == readings
