"""The statistical rules of schemas/*.yaml (sourcecheck.sources.statistics): each rule passes on a
small valid frame and fails on a broken one, the bundled resources pass, and property
tests show that valid data passes and a mutated value is caught.

Until the data library reads resources, these tests read the CSVs themselves: once as
the cells are written (strings) and once typed per the Table Schema, since the rules
must hold for both.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sourcecheck.codes import CODES
from sourcecheck.sources import statistics as checks
from sourcecheck.sources.columns import half_unit
from sourcecheck.sources.statistics import RULES, blamed_field

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ROOT / "datapackages"
SCHEMAS = ROOT / "schemas"

_PANDAS_TYPES = {"integer": "Int64", "number": "Float64", "string": "string"}


def _descriptors() -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(PACKAGES.glob("*/datapackage.json"))]


def _resources() -> list[tuple[str, dict]]:
    return [(d["name"], r) for d in _descriptors() for r in d["resources"]]


def read_raw(package: str, resource: dict) -> pd.DataFrame:
    """The cells as written: strings, empty cells as empty strings."""
    return pd.read_csv(PACKAGES / package / resource["path"], dtype=str, keep_default_na=False)


def read_typed(package: str, resource: dict) -> pd.DataFrame:
    """The cells typed per the resource's Table Schema (empty cells missing)."""
    frame = pd.read_csv(PACKAGES / package / resource["path"], dtype=str, keep_default_na=False)
    for field in resource["schema"]["fields"]:
        column = frame[field["name"]].replace("", pd.NA)
        if field["type"] == "boolean":
            frame[field["name"]] = column.map({"true": True, "false": False}).astype("boolean")
        else:
            frame[field["name"]] = column.astype(_PANDAS_TYPES[field["type"]])
    return frame


def load(package: str, resource: str) -> pa.DataFrameSchema:
    return pa.DataFrameSchema.from_yaml(SCHEMAS / f"{package}.{resource}.yaml")


def failing_rows(schema: pa.DataFrameSchema, frame: pd.DataFrame) -> dict[str, set[int]]:
    """check name -> the frame's row indices that fail it (empty when the frame is valid)."""
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases
        found: dict[str, set[int]] = {}
        for number, index in zip(cases["check_number"], cases["index"], strict=True):
            # the failure case names the check by its error message; its number names it
            name = schema.checks[int(number)].name
            found.setdefault(name, set()).add(int(index))
        return found
    return {}


def run(check: str, frame: pd.DataFrame, **statistics) -> list[bool]:
    """One registered check on one frame, through pandera, as a list of row verdicts."""
    result = getattr(pa.Check, check)(**statistics)(frame)
    return [bool(v) for v in result.check_output]


# -- registry ------------------------------------------------------------------------------


def test_every_rule_is_registered_with_a_known_code_and_docstring():
    for name, rule in RULES.items():
        assert hasattr(pa.Check, name), f"{name} is not a registered pandera check"
        assert rule.code in CODES, f"{name} reports {rule.code}, which codes.py does not define"
        assert len((getattr(checks, name).__doc__ or "").split()) > 20, (
            f"{name} needs a docstring with the rule and why")


def test_blamed_field_reads_the_check_statistics():
    assert blamed_field("shares_add_up", {"share": "pct"}) == "pct"
    assert blamed_field("shares_add_up", {}) == "share"
    assert blamed_field("votes_within_ballots", {"votes": "votes"}) == "votes"
    assert blamed_field("no_such_check", {}) is None


@pytest.mark.parametrize(
    ("written", "expected"),
    [("87", "0.5"), ("40.2", "0.05"), ("10.84", "0.005"), (87.0, "0.5"), (40.2, "0.05"), (3, "0.5"), ("", "0")],
)
def test_half_unit_is_half_the_last_written_digit(written, expected):
    assert half_unit(written) == Decimal(expected)


# -- shares add up (SC211) -----------------------------------------------------------------


def shares(values, question="q", bound=None):
    return pd.DataFrame({"question": [question] * len(values), "share": values, "bound": [bound] * len(values)})


def test_levada_direction_shares_adding_to_101_pass_within_rounding():
    assert all(run("shares_add_up", shares(["75", "17", "9"]), complete=["q"]))


def test_shares_adding_to_140_fail():
    assert run("shares_add_up", shares(["75", "17", "48"]), complete=["q"]) == [False, False, False]
    # the upper limit holds for every question, listed as complete or not
    assert run("shares_add_up", shares(["87", "53"])) == [False, False]


def test_tolerance_follows_the_written_decimals():
    assert all(run("shares_add_up", shares(["40.2", "59.9"]), complete=["q"]))  # 100.1, tolerance 0.1
    assert not any(run("shares_add_up", shares(["40.2", "60.0"]), complete=["q"]))  # 100.2
    assert all(run("shares_add_up", shares(["40", "61"]), complete=["q"]))  # 101, tolerance 1


def test_a_complete_question_must_reach_100_an_incomplete_one_need_not():
    assert not any(run("shares_add_up", shares(["60", "30"]), complete=["q"]))
    assert all(run("shares_add_up", shares(["87", "11"])))  # Levada's approval without "difficult to answer"


def test_bounded_and_multiple_choice_groups_are_not_summed():
    assert all(run("shares_add_up", shares(["60", "50"], bound="above")))
    assert all(run("shares_add_up", shares(["60", "50"]), multiple=["q"]))


def test_shares_check_works_on_typed_numbers_and_only_blames_the_broken_question():
    frame = pd.DataFrame({"question": ["a", "a", "b", "b"], "share": [75.0, 40.0, 50.0, 49.5], "bound": [None] * 4})
    assert run("shares_add_up", frame, complete=["b"]) == [False, False, True, True]


# -- counts are whole (SC212) --------------------------------------------------------------


def test_counts_are_whole_in_a_mixed_unit_column():
    frame = pd.DataFrame({"value": ["97", "29", "38.5", "-3", "12.5"],
                          "unit": ["percent", "years", "years", "years", "percent"]})
    assert run("counts_are_whole", frame, units=["years"]) == [True, True, False, False, True]


def test_counts_are_whole_accepts_typed_numbers_and_empty_cells():
    frame = pd.DataFrame({"value": [29.0, None, 2.5], "unit": ["people", "people", "people"]})
    assert run("counts_are_whole", frame) == [True, True, False]


# -- votes within ballots (SC213) ----------------------------------------------------------


def tally(rows):
    return pd.DataFrame(rows, columns=["kind", "votes", "bound"])


BELGRADE = [("cast", "4726", ""), ("cast", "4700", "above"), ("valid", "3824", ""), ("invalid", "900", "approx"),
            ("candidate", "512", ""), ("candidate", "3185", "")]


def test_the_belgrade_count_fits_its_ballots():
    assert all(run("votes_within_ballots", tally(BELGRADE)))


def test_candidates_plus_invalid_above_the_ballots_cast_fail():
    rows = [r if r[1] != "512" else ("candidate", "1512", "") for r in BELGRADE]
    verdicts = run("votes_within_ballots", tally(rows))
    assert verdicts == [False, False, False, False, False, False]


def test_candidates_above_the_valid_ballots_fail_and_only_those_rows_are_blamed():
    rows = [("valid", "3000", ""), ("candidate", "2000", ""), ("candidate", "1500", ""), ("cast", "9000", "")]
    assert run("votes_within_ballots", tally(rows)) == [False, False, False, True]


def test_an_approximate_count_fails_only_beyond_its_slack():
    rows = [("cast", "4650", ""), ("invalid", "900", "approx"), ("candidate", "3800", "")]
    assert all(run("votes_within_ballots", tally(rows)))  # 3800 + 810 <= 4650
    exact = [("cast", "4650", ""), ("invalid", "900", ""), ("candidate", "3800", "")]
    assert not any(run("votes_within_ballots", tally(exact)))  # 4700 > 4650
    assert not any(run("votes_within_ballots", tally(rows), approx_slack=0.01))


def test_a_lower_bound_on_the_ballots_cast_cannot_refute_the_votes():
    rows = [("cast", "4700", "above"), ("candidate", "6000", "")]
    assert all(run("votes_within_ballots", tally(rows)))


# -- fieldwork before publication (SC214) --------------------------------------------------


def dates(end, published):
    return pd.DataFrame({"fieldwork_end": [end], "published": [published]})


@pytest.mark.parametrize(
    ("end", "published"),
    [("2024-06", "2024-10-31"), ("2024-06", "2024-06"), ("2024-03-17", "2024-03-17"), ("2024-11", "2024-11-01"),
     ("", "2025-02-20"), ("2024-06-27", "")],
)
def test_fieldwork_ending_by_publication_passes(end, published):
    assert run("fieldwork_before_publication", dates(end, published)) == [True]


@pytest.mark.parametrize(("end", "published"),
                         [("2024-11-02", "2024-11-01"), ("2025", "2024-12-31"), ("2024-12", "2024-11")])
def test_fieldwork_ending_after_publication_fails(end, published):
    assert run("fieldwork_before_publication", dates(end, published)) == [False]


def test_fieldwork_check_accepts_typed_dates():
    assert run("fieldwork_before_publication", dates(dt.date(2024, 7, 1), dt.date(2024, 6, 30))) == [False]
    assert run("fieldwork_before_publication", dates(pd.Timestamp("2024-06-27"), dt.date(2024, 6, 30))) == [True]


# -- ranges and ranks (SC215, SC216) -------------------------------------------------------


def test_range_ordered():
    frame = pd.DataFrame({"value": ["80000", "40000", "3290"], "value_high": ["110000", "30000", ""]})
    assert run("range_ordered", frame) == [True, False, True]


def test_ranks_follow_values():
    frame = pd.DataFrame({"share": ["2", "3", "3", "3", "59"], "rank_lowest": ["1", "2", "2", "2", ""]})
    assert all(run("ranks_follow_values", frame))
    frame.loc[0, "share"] = "4"  # the Netherlands ranked lowest with a higher share than Serbia
    assert run("ranks_follow_values", frame) == [False, False, False, False, True]
    descending = pd.DataFrame({"share": [59.0, 36.0], "rank_lowest": [1, 2]})
    assert all(run("ranks_follow_values", descending, order="descending"))
    assert not any(run("ranks_follow_values", descending))


# -- the bundled resources -----------------------------------------------------------------


def test_every_resource_has_a_schema_and_every_schema_a_resource():
    expected = {f"{package}.{resource['name']}.yaml" for package, resource in _resources()}
    present = {path.name for path in SCHEMAS.glob("*.yaml")}
    assert expected == present


@pytest.mark.parametrize(("package", "resource"), _resources(), ids=lambda v: v if isinstance(v, str) else v["name"])
def test_bundled_resources_pass_their_schema_as_written_and_typed(package, resource):
    schema = load(package, resource["name"])
    assert failing_rows(schema, read_raw(package, resource)) == {}
    assert failing_rows(schema, read_typed(package, resource)) == {}


@pytest.mark.parametrize("path", sorted(SCHEMAS.glob("*.yaml")), ids=lambda p: p.name)
def test_schema_files_hold_only_statistical_rules_on_existing_columns(path):
    package, resource = path.name.removesuffix(".yaml").split(".", 1)
    descriptor = json.loads((PACKAGES / package / "datapackage.json").read_text(encoding="utf-8"))
    fields = {f["name"] for r in descriptor["resources"] if r["name"] == resource for f in r["schema"]["fields"]}
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    for name, column in document["columns"].items():
        assert name in fields, f"{path.name}: column {name} is not a field of the resource"
        assert column.get("dtype") is None and not column.get("checks"), f"{path.name}: {name} repeats the Table Schema"
    for check in document.get("checks") or []:
        name = check["options"]["check_name"]
        assert name in RULES, f"{path.name}: {name} is not one of sourcecheck's rules"
        blamed = blamed_field(name, check)
        assert blamed in fields, f"{path.name}: {name} would report on {blamed}, not a field"
        for key, value in check.items():
            if key in {"group", "share", "bound", "value", "unit", "kind", "votes", "end", "published",
                       "low", "high", "rank"}:
                assert value in fields, f"{path.name}: {name}.{key} names {value}, not a field"


def _mutated(package: str, resource: str, row_id: str, field: str, value: str) -> tuple[pd.DataFrame, int]:
    descriptor = next(r for p, r in _resources() if p == package and r["name"] == resource)
    frame = read_raw(package, descriptor)
    index = int(frame.index[frame["id"] == row_id][0])
    frame.loc[index, field] = value
    return frame, index


@pytest.mark.parametrize(
    ("package", "resource", "row_id", "field", "value", "rule"),
    [
        ("levada-2024-06", "shares", "right-direction", "share", "140", "shares_add_up"),
        ("levada-2024-06", "shares", "right-direction", "share", "70", "shares_add_up"),  # 96 < 98.5
        ("bcsp-2025", "shares", "approve-putin", "share", "60", "shares_add_up"),  # 60 + 44 > 101
        ("belgrade-count-2024", "tally", "davankov", "votes", "4185", "votes_within_ballots"),
        ("belgrade-count-2024", "shares", "davankov-agenzia-nova", "share", "97.4", "shares_add_up"),
        ("bcsp-2025", "survey", "report", "fieldwork_end", "2025-03", "fieldwork_before_publication"),
        ("levada-2024-06", "survey", "levada-page", "published", "2024-05-31", "fieldwork_before_publication"),
        ("bcsp-2025", "launch-event", "age-range-majority", "value", "29.5", "counts_are_whole"),
        ("bcsp-2025", "estimates", "residents-from-russia", "value_high", "11000", "range_ordered"),
        ("russians-in-serbia", "community-size", "registered-residence-jun-2023", "value_high", "3000",
         "range_ordered"),
        ("vote-abroad-2024", "putin-share", "netherlands", "share", "5", "ranks_follow_values"),
    ],
)
def test_a_broken_value_in_a_bundled_resource_is_caught_on_its_row(package, resource, row_id, field, value, rule):
    frame, index = _mutated(package, resource, row_id, field, value)
    failures = failing_rows(load(package, resource), frame)
    assert rule in failures, f"{rule} did not catch {field}={value} on {row_id}"
    assert index in failures[rule]


# -- properties ----------------------------------------------------------------------------


@st.composite
def published_shares(draw):
    """Shares of one complete question as a publisher rounds them: true shares adding to
    exactly 100, each rounded to ``decimals`` places and written as text."""
    weights = draw(st.lists(st.integers(min_value=1, max_value=1000), min_size=2, max_size=8))
    decimals = draw(st.integers(min_value=0, max_value=2))
    total = sum(weights)
    written = [f"{Decimal(100 * w) / Decimal(total):.{decimals}f}" for w in weights]
    return written, decimals


@settings(max_examples=100, deadline=None)
@given(published_shares(), st.booleans())
def test_rounded_shares_of_a_complete_question_always_pass(case, as_numbers):
    written, _ = case
    values = [float(v) for v in written] if as_numbers else written
    assert all(run("shares_add_up", shares(values), complete=["q"]))


@settings(max_examples=100, deadline=None)
@given(published_shares(), st.data())
def test_a_share_pushed_beyond_the_rounding_is_caught(case, data):
    written, decimals = case
    tolerance = half_unit(written[0]) * len(written)
    position = data.draw(st.integers(min_value=0, max_value=len(written) - 1))
    step = data.draw(st.sampled_from(["up", "down", "140"]))
    unit = Decimal(1).scaleb(-decimals)
    mutated = list(written)
    if step == "140":
        mutated[position] = "140"
    elif step == "up":
        mutated[position] = str(Decimal(written[position]) + tolerance * 2 + unit)
    else:
        lowered = Decimal(written[position]) - tolerance * 2 - unit
        if lowered < 0:  # cannot lower this one enough: raise it instead
            lowered = Decimal(written[position]) + tolerance * 2 + unit
        mutated[position] = str(lowered)
    assert not any(run("shares_add_up", shares(mutated), complete=["q"]))


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=6),
    st.integers(min_value=0, max_value=2_000),
    st.integers(min_value=0, max_value=500),
    st.data(),
)
def test_counts_that_fit_pass_and_an_inflated_candidate_is_caught(candidates, invalid, spare, data):
    cast = sum(candidates) + invalid + spare
    rows = [("cast", str(cast), ""), ("invalid", str(invalid), "")] + [("candidate", str(c), "") for c in candidates]
    assert all(run("votes_within_ballots", tally(rows)))
    position = data.draw(st.integers(min_value=0, max_value=len(candidates) - 1))
    inflated = list(rows)
    inflated[2 + position] = ("candidate", str(candidates[position] + spare + 1), "")
    verdicts = run("votes_within_ballots", tally(inflated))
    assert verdicts[0] is False and verdicts[2 + position] is False


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)),
       st.integers(min_value=0, max_value=400))
def test_fieldwork_order_property(end, gap):
    published = end + dt.timedelta(days=gap)
    assert run("fieldwork_before_publication", dates(end.isoformat(), published.isoformat())) == [True]
    too_late = (published + dt.timedelta(days=1)).isoformat()
    assert run("fieldwork_before_publication", dates(too_late, published.isoformat())) == [False]


def test_rules_read_nullable_typed_columns_and_padded_text():
    typed = pd.DataFrame({"question": pd.array(["q", "q", "q"], dtype="string"),
                          "share": pd.array([75.0, None, 48.0], dtype="Float64"), "bound": [None] * 3})
    assert run("shares_add_up", typed) == [False, False, False]  # 123 > 101; the empty cell adds nothing
    padded = pd.DataFrame({"question": ["q", "q"], "share": [" 40.2", "59.9 "], "bound": ["", " exact "]})
    assert all(run("shares_add_up", padded, complete=["q"]))
    counts = pd.DataFrame({"value": pd.array([29, None, -1], dtype="Int64"), "unit": ["years"] * 3})
    assert run("counts_are_whole", counts, units=["years"]) == [True, True, False]
