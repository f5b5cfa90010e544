"""Days listed before a date share its month ("5, 6 en 8 april"), and a clock time its half of the day ("11:30 am")."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sourcecheck.numbers import Kind, extract


@pytest.mark.parametrize(("text", "lang", "values"), [
    ("Op 5, 6 en 8 april 2021 was het heet.", "nl", ["20210405", "20210406", "20210408"]),
    ("Het regende op 6, 7 en 8 augustus.", "nl", ["806", "807", "808"]),
    ("It rained on 6, 7, and 8 August 2022.", "en", ["20220806", "20220807", "20220808"]),
    ("On 1 and 3 May the polls opened.", "en", ["501", "503"]),
])
def test_each_listed_day_is_a_date_of_the_month_named_last(text, lang, values):
    mentions = extract(text, lang)
    assert [m.kind for m in mentions] == [Kind.DATE] * len(values)
    assert [m.value for m in mentions] == [Decimal(v) for v in values]
    assert all(m.low == m.high == m.value for m in mentions)


@pytest.mark.parametrize(("text", "lang"), [
    ("Het kostte 12, en 8 april kwam de rekening.", "nl"),   # no list of days: it does not go up
    ("Er kwamen 40 en 8 april nog 50 bij.", "nl"),           # 40 is no day of a month
    ("They sold 30 copies and 8 May was quiet.", "en"),      # words between: no list
])
def test_a_count_before_a_date_stays_a_count(text, lang):
    assert extract(text, lang)[0].kind is Kind.COUNT


@given(st.lists(st.integers(1, 27), min_size=1, max_size=4, unique=True), st.sampled_from(["nl", "en"]))
def test_any_rising_list_of_days_takes_the_month_of_its_last(days, lang):
    days = sorted(days) + [28]
    joined = ", ".join(map(str, days[:-1])) + (" en " if lang == "nl" else " and ") + "28"
    month = "april" if lang == "nl" else "April"
    mentions = extract(f"Op {joined} {month} 2020 gebeurde het." if lang == "nl"
                       else f"On {joined} {month} 2020 it happened.", lang)
    assert [m.value for m in mentions] == [Decimal(20200400 + day) for day in days]


@pytest.mark.parametrize(("text", "span", "minutes"), [
    ("Embargoed until 11:30 am (Canberra time).", "11:30 am", 690),
    ("The polls closed at 3:15 pm.", "3:15 pm", 915),
    ("It began at 12:30 a.m. and ended late.", "12:30 a.m.", 30),
    ("Lunch at 12:30 PM sharp.", "12:30 PM", 750),
    ("At 3:15 amid the noise.", "3:15", 195),
])
def test_the_half_of_the_day_belongs_to_a_clock_time(text, span, minutes):
    [mention] = extract(text, "en")
    assert (mention.text, mention.kind, mention.value) == (span, Kind.TIME, Decimal(minutes))
