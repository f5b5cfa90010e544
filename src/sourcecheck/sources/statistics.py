"""The statistical rules of the pandera schemas in ``schemas/``: registered check methods.

Table Schema already says what one cell may hold (a share is a number in [0, 100], a
count an integer of at least 0); that is not written again here.  These checks are
the rules that look at several cells at once, the ones a careful data editor applies:

- ``shares_add_up`` (SC211): the shares of one question add up to 100 within the
  rounding of the published figures;
- ``counts_are_whole`` (SC212): counts in a mixed-unit number column are whole and not
  negative;
- ``votes_within_ballots`` (SC213): candidates' votes + invalid ballots <= ballots cast;
- ``fieldwork_before_publication`` (SC214): fieldwork ends on or before publication;
- ``range_ordered`` (SC215): the high end of a range is not below its low end;
- ``ranks_follow_values`` (SC216): a ranking agrees with the values it ranks.

Each check is a dataframe-level check with keyword statistics, so a schema YAML names
the columns it applies to (``pandera.pandas.DataFrameSchema.from_yaml`` loads them once
this module is imported).  Each returns one boolean per row: the rows that take part in
a broken rule are ``False``, so pandera's lazy failure cases point at rows.
:data:`RULES` tells the validator which code a check reports and which of its
statistics names the field to blame.

Figures are compared at their published precision: "40.2" stands for 40.15..40.25,
"87" for 86.5..87.5.  When the frame holds the cells as written (strings), the written
decimals count; when it holds numbers, the shortest representation of the number does
(so a share written "40.0" is read as "40", which only makes the rule more lenient).
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

import pandas as pd
from pandera import extensions

from ..codes import SC
from ..config import DEFAULT_SLACK
from .columns import (
    EPSILON,
    EXACT_BOUNDS,
    all_pass,
    as_numbers,
    as_text,
    exact,
    half_unit,
    has_columns,
    missing,
    per_value,
)

__all__ = [
    "APPROX_SLACK",
    "RULES",
    "Rule",
    "blamed_field",
    "counts_are_whole",
    "fieldwork_before_publication",
    "ranks_follow_values",
    "range_ordered",
    "shares_add_up",
    "votes_within_ballots",
]

#: "about 900" may be off either way by the claims check's slack for a source row whose
#: bound is "approx", overridable per check in the YAML (``approx_slack``).
APPROX_SLACK = float(DEFAULT_SLACK["approx"])


@dataclass(frozen=True)
class Rule:
    """What the validator reports for a failed check: its code, and the statistic
    whose value is the column to name as the finding's field."""

    code: SC
    blame: str


RULES: dict[str, Rule] = {
    "shares_add_up": Rule(SC.SHARES_DO_NOT_ADD_UP, "share"),
    "counts_are_whole": Rule(SC.COUNT_INVALID, "value"),
    "votes_within_ballots": Rule(SC.VOTES_EXCEED_BALLOTS, "votes"),
    "fieldwork_before_publication": Rule(SC.FIELDWORK_AFTER_PUBLICATION, "end"),
    "range_ordered": Rule(SC.RANGE_REVERSED, "high"),
    "ranks_follow_values": Rule(SC.RANK_OUT_OF_ORDER, "rank"),
}

_DEFAULT_BLAME = {
    "share": "share",
    "value": "value",
    "votes": "votes",
    "end": "fieldwork_end",
    "high": "value_high",
    "rank": "rank_lowest",
}


def blamed_field(check_name: str, statistics: dict[str, Any] | None = None) -> str | None:
    """The column a failure of ``check_name`` is reported on, or None for an unknown check.

    ``statistics`` are the check's keyword arguments as loaded from the YAML
    (``check.statistics``); the check's own default applies when one is absent.
    """
    rule = RULES.get(check_name)
    if rule is None:
        return None
    value = (statistics or {}).get(rule.blame)
    return str(value) if value else _DEFAULT_BLAME[rule.blame]


# -- the rules ---------------------------------------------------------------------------

_CheckFn = TypeVar("_CheckFn", bound=Callable[..., pd.Series])


def _dataframe_check(statistics: list[str]) -> Callable[[_CheckFn], _CheckFn]:
    """``extensions.register_check_method`` for a dataframe-level check, typed: pandera does
    not annotate the decorator, which would leave every check untyped.  What it returns for
    a check is the check wrapped (same name, same call)."""
    register: Callable[[_CheckFn], _CheckFn] = extensions.register_check_method(
        statistics=statistics, supported_types=pd.DataFrame)
    return register


@_dataframe_check(["group", "share", "bound", "complete", "multiple"])
def shares_add_up(
    df: pd.DataFrame,
    *,
    group: str = "question",
    share: str = "share",
    bound: str = "bound",
    complete: Iterable[str] = (),
    multiple: Iterable[str] = (),
) -> pd.Series:
    """The shares of one question add up to 100, within the rounding of the figures.

    Why: a published table whose shares cannot add up has a typo or a lost answer.
    Each published share is rounded to its last digit, so the true total lies within
    the sum of their half units: three whole percentages may add up to 98.5..101.5
    (Levada's 75 + 17 + 9 = 101 passes; 140 does not).

    For every group (rows with the same ``group`` value) the total must not exceed
    100 plus that tolerance, because the answers of a single-choice question exclude
    each other.  For the groups listed in ``complete`` (all answers recorded) the
    total must also reach 100 minus the tolerance.  Groups listed in ``multiple``
    (multiple-choice questions) are skipped, and so is a group in which any share has
    a bound other than exact: "more than 40%" has no upper end to add.
    """
    if not has_columns(df, group, share) or df.empty:
        return all_pass(df)
    keys = as_text(df[group]).replace("", pd.NA)
    values = as_numbers(df[share])
    tolerance = per_value(df[share], lambda cell: float(half_unit(cell))).astype(float)
    frame = pd.DataFrame({"key": keys, "value": values.fillna(0.0), "tolerance": tolerance,
                          "known": values.notna(), "bounded": ~exact(df, bound)})
    groups = frame.groupby("key", sort=False, dropna=True)
    total = groups["value"].transform("sum")
    slack = groups["tolerance"].transform("sum") + EPSILON
    checked = (groups["known"].transform("any").astype(bool) & ~groups["bounded"].transform("any").astype(bool)
               & keys.notna() & ~keys.isin({str(g) for g in multiple}))
    too_much = total > 100 + slack
    too_little = keys.isin({str(g) for g in complete}) & (total < 100 - slack)
    return ~(checked & (too_much | too_little)).fillna(False).astype(bool)


@_dataframe_check(["value", "unit", "units"])
def counts_are_whole(
    df: pd.DataFrame,
    *,
    value: str = "value",
    unit: str = "unit",
    units: Iterable[str] = ("people",),
) -> pd.Series:
    """Counts are whole numbers and not negative, in a column that also holds shares.

    Why: where one ``number`` column mixes percentages and counts (told apart by the
    ``unit`` column), Table Schema cannot require integers for some rows only.  A
    count of 2.5 people or -3 votes is a typo.  Rows whose unit is not in ``units``
    and empty cells are left alone.
    """
    if not has_columns(df, value, unit):
        return all_pass(df)
    numbers = as_numbers(df[value])
    is_count = as_text(df[unit]).isin({str(u) for u in units}) & numbers.notna()
    broken = (numbers < 0) | (numbers != numbers.round())
    return ~(is_count & broken)


@_dataframe_check(["kind", "votes", "bound", "approx_slack"])
def votes_within_ballots(
    df: pd.DataFrame,
    *,
    kind: str = "kind",
    votes: str = "votes",
    bound: str = "bound",
    approx_slack: float = APPROX_SLACK,
) -> pd.Series:
    """Votes for candidates plus invalid ballots do not exceed the ballots cast.

    Why: every ballot cast is either valid (a vote for one candidate) or invalid, so
    a count where the parts exceed the whole is wrong.  Rows have a ``kind``: ``cast``,
    ``valid``, ``invalid`` or ``candidate``.  Three inequalities are checked, each only
    when its quantities are present: candidates + invalid <= cast; candidates <= valid;
    valid + invalid <= cast.  Not every candidate need be recorded, so these are
    inequalities, never equalities.

    Bounded figures are ranges ("more than 4,700" is [4700, inf), "about 900" is 900
    give or take ``approx_slack``), and a rule fails only when it cannot hold for any
    value in those ranges: the smallest possible left side exceeds the largest
    possible right side.  Several rows for one total (two reports of the ballots cast)
    narrow it to what all of them allow.
    """
    result = all_pass(df)
    if not has_columns(df, kind, votes):
        return result
    numbers = as_numbers(df[votes])
    bounds = as_text(df[bound]) if bound in df.columns else pd.Series("", index=df.index)
    slack = float(approx_slack)
    low = numbers.where(~(bounds == "approx"), (numbers * (1 - slack)).clip(lower=0))
    low = low.where(~bounds.isin({"below", "at-most"}), 0.0)
    high = numbers.where(~(bounds == "approx"), numbers * (1 + slack))
    high = high.where(~bounds.isin({"above", "at-least"}), math.inf)
    kinds = as_text(df[kind])
    usable = numbers.notna() & (bounds.isin(EXACT_BOUNDS | {"approx", "above", "at-least", "below", "at-most"}))

    def total(name: str) -> tuple[float, float] | None:
        rows = usable & (kinds == name)
        if not rows.any():
            return None
        if name == "candidate":  # parts add up
            return float(low[rows].sum()), float(high[rows].sum())
        return float(low[rows].max()), float(high[rows].min())  # one total, several reports

    for parts, whole in ((("candidate", "invalid"), "cast"), (("candidate",), "valid"), (("valid", "invalid"), "cast")):
        whole_range = total(whole)
        part_ranges = [total(p) for p in parts]
        if whole_range is None or any(p is None for p in part_ranges):
            continue
        if sum(p[0] for p in part_ranges if p is not None) > whole_range[1] + EPSILON:
            result &= ~(usable & kinds.isin({*parts, whole}))
    return result


def _date_range(value: Any) -> tuple[dt.date, dt.date] | None:
    """First and last day a date written as YYYY, YYYY-MM or YYYY-MM-DD can mean."""
    if missing(value):
        return None
    if isinstance(value, dt.datetime | pd.Timestamp):
        return value.date(), value.date()
    if isinstance(value, dt.date):
        return value, value
    text = str(value).strip()
    try:
        parts = [int(p) for p in text.split("-")]
        if len(parts) == 1:
            return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
        if len(parts) == 2:
            last = calendar.monthrange(parts[0], parts[1])[1]
            return dt.date(parts[0], parts[1], 1), dt.date(parts[0], parts[1], last)
        if len(parts) == 3:
            day = dt.date(parts[0], parts[1], parts[2])
            return day, day
    except ValueError:
        pass
    return None  # a malformed date is the Table Schema pattern's to report


def _day(value: Any, *, first: bool) -> float:
    """The first or last day a partial date can mean, as a day number (NaN if none)."""
    days = _date_range(value)
    if days is None:
        return math.nan
    return float((days[0] if first else days[1]).toordinal())


@_dataframe_check(["end", "published"])
def fieldwork_before_publication(
    df: pd.DataFrame,
    *,
    end: str = "fieldwork_end",
    published: str = "published",
) -> pd.Series:
    """Fieldwork ends on or before the day the results are published.

    Why: results cannot be published before the interviews that produce them; a
    later fieldwork date is a typo or a date belonging to another survey.  Dates may
    be partial ("2024-06" is any day of June), and a row fails only when the earliest
    day its fieldwork can have ended is after the latest day it can have been
    published.  The same day passes: exit polls are published the night they end.

    The dates live in a small ``survey`` resource of each survey package (one row per
    statement of them, each with its locator), because a pandera check sees a
    resource's rows, not its package's descriptor; a package test keeps the
    descriptor's ``published``/``fieldwork`` equal to the verified row.
    """
    if not has_columns(df, end, published):
        return all_pass(df)
    earliest_end = per_value(df[end], lambda cell: _day(cell, first=True)).astype(float)
    latest_out = per_value(df[published], lambda cell: _day(cell, first=False)).astype(float)
    return ~(earliest_end > latest_out)  # NaN (a missing date) compares False: passes


@_dataframe_check(["low", "high"])
def range_ordered(
    df: pd.DataFrame,
    *,
    low: str = "value",
    high: str = "value_high",
) -> pd.Series:
    """The high end of a range is not below its low end ("80,000 to 110,000").

    Why: a range stored as two columns can be entered the wrong way round, and every
    comparison with it would then be wrong.  Rows without a high end are single
    figures and pass.
    """
    if not has_columns(df, low, high):
        return all_pass(df)
    return ~(as_numbers(df[high]) < as_numbers(df[low]))


@_dataframe_check(["rank", "value", "order"])
def ranks_follow_values(
    df: pd.DataFrame,
    *,
    rank: str = "rank_lowest",
    value: str = "share",
    order: str = "ascending",
) -> pd.Series:
    """A ranking agrees with the values it ranks.

    Why: "number two" is only as good as the figures behind it.  With ``order:
    ascending`` rank 1 is the lowest value (``descending``: the highest); a row ranked
    before another must not have a value beyond it.  Tied ranks are allowed, and
    equal values may be ranked apart (published rounding hides their order).  Rows
    without a rank are not part of the ranking.
    """
    if not has_columns(df, rank, value):
        return all_pass(df)
    sign = -1.0 if str(order) == "descending" else 1.0
    ranks, values = as_numbers(df[rank]), as_numbers(df[value]) * sign
    ranked = ranks.notna() & values.notna()
    if not ranked.any():
        return all_pass(df)
    per_rank = (pd.DataFrame({"rank": ranks[ranked], "value": values[ranked]})
                .groupby("rank")["value"].agg(["min", "max"]))
    # for each rank: the largest value ranked before it, the smallest ranked after it
    before = per_rank["max"].cummax().shift(1, fill_value=-math.inf)
    after = per_rank["min"][::-1].cummin()[::-1].shift(-1, fill_value=math.inf)
    broken = pd.Series(False, index=df.index)
    ranked_values, ranked_ranks = values[ranked], ranks[ranked]
    broken[ranked] = ((ranked_values < ranked_ranks.map(before))
                      | (ranked_values > ranked_ranks.map(after))).to_numpy()
    return ~broken
