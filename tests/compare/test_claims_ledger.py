"""The ledger: loaded safely, validated against its published schema, errors with file and line."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import jsonschema
import pytest

from sourcecheck.errors import LedgerError
from sourcecheck.ledger.load import ledger_schema, load_ledger

ROOT = Path(__file__).resolve().parents[2]

GOOD = """\
claims:
  - id: disapprove
    anchor: {prefix: "te zien dat ", exact: "44%", suffix: " het"}
    source:
      package: bcsp-2025
      resource: shares
      key: disapprove-putin-policy
      field: share
      value: "44"
    acknowledge:
      - code: SC305
        reason: no public source
        text: "44%"
        value: "44"
  - id: official-share
    anchor: {prefix: "Slechts ", exact: "3%", suffix: " daarvan"}
    derive:
      op: share
      of:
        - {package: belgrade-count-2024, resource: tally, key: putin, field: votes}
        - {package: belgrade-count-2024, resource: tally, key: cast, field: votes}
      value: "10.83"
waive:
  - anchor: {prefix: "gewoon ", exact: "100%", suffix: " Poetin"}
    reason: a quote
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "claims.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def error_of(tmp_path: Path, text: str) -> LedgerError:
    path = write(tmp_path, text)
    with pytest.raises(LedgerError) as caught:
        load_ledger(path)
    assert caught.value.path == str(path)
    return caught.value


def test_a_good_ledger_loads_typed(tmp_path):
    ledger = load_ledger(write(tmp_path, GOOD))
    disapprove, official = ledger.claims
    assert disapprove.source.key == "disapprove-putin-policy" and disapprove.recorded_value == "44"
    assert disapprove.acknowledge[0].code == "SC305" and disapprove.acknowledge[0].line == 11
    assert disapprove.line == 2
    assert official.derive.op == "share" and len(official.references) == 2
    assert official.references[1].line == 21
    assert ledger.waivers[0].reason == "a quote" and ledger.waivers[0].line == 24


def test_an_empty_ledger_has_no_claims(tmp_path):
    assert load_ledger(write(tmp_path, "")).claims == ()


def test_bad_yaml_names_its_line(tmp_path):
    error = error_of(tmp_path, GOOD.replace("      field: share", "      field: [share"))
    assert error.line is not None and error.line >= 8
    assert "not valid YAML" in error.message


def test_unknown_entry_names_its_line(tmp_path):
    error = error_of(tmp_path, GOOD.replace("      field: share\n", "      field: share\n      feild: x\n"))
    assert error.line == 5 and "feild" in error.message


def test_a_value_must_be_written_as_text(tmp_path):
    error = error_of(tmp_path, GOOD.replace('value: "44"\n    acknowledge', 'value: 44\n    acknowledge'))
    assert error.line == 9
    assert 'write the value in quotes, as it stands in the CSV or the text: value: "44"' in error.message


@pytest.mark.parametrize(("written", "shown"), [("120000", '"120000"'), ("40.2", '"40.2"'), ("-3", '"-3"')])
def test_an_unquoted_number_anywhere_is_answered_with_the_quoted_form(tmp_path, written, shown):
    error = error_of(tmp_path, GOOD.replace('text: "44%"', f"text: {written}"))
    assert f"text: {shown}" in error.message and "in quotes" in error.message


@pytest.mark.parametrize("op", ["__import__('os').system('true')", "eval", "lambda: 1"])
def test_a_derivation_that_is_not_whitelisted_is_refused(tmp_path, op):
    error = error_of(tmp_path, GOOD.replace("op: share", f"op: \"{op}\""))
    assert error.line == 18 and "share" in error.message  # lists the allowed operations


def test_python_tags_are_refused_by_the_safe_loader(tmp_path):
    error = error_of(tmp_path, GOOD.replace('value: "10.83"', 'value: !!python/object/apply:os.system ["true"]'))
    assert error.line == 22


def test_yaml_aliases_are_refused(tmp_path):
    error = error_of(tmp_path, "claims:\n  - &a {id: x}\n  - *a\n")
    assert error.line == 3 and "alias" in error.message


def test_duplicate_keys_are_refused(tmp_path):
    error = error_of(tmp_path, GOOD.replace("      field: share\n", "      field: share\n      field: x\n"))
    assert error.line == 9 and "duplicate" in error.message


def test_duplicate_claim_ids_are_refused(tmp_path):
    error = error_of(tmp_path, GOOD.replace("id: official-share", "id: disapprove"))
    assert error.line == 15 and "twice" in error.message


def test_a_claim_needs_a_source_or_a_derivation(tmp_path):
    error = error_of(tmp_path, "claims:\n  - id: x\n    anchor: {prefix: a, exact: '1', suffix: b}\n")
    assert error.line == 2


def test_the_published_schema_is_valid_and_the_docs_copy_is_current():
    jsonschema.Draft202012Validator.check_schema(ledger_schema())
    docs_copy = json.loads((ROOT / "docs" / "ledger.schema.json").read_text(encoding="utf-8"))
    assert docs_copy == ledger_schema(), "regenerate docs/ledger.schema.json from the package copy"


def test_an_acknowledgement_must_name_a_known_code(tmp_path):
    error = error_of(tmp_path, GOOD.replace("code: SC305", "code: SC999"))
    assert error.line == 11 and "SC999" in error.message


# --- properties: whatever the file holds, a Ledger or a LedgerError, never anything else -------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from sourcecheck.ledger import Ledger  # noqa: E402


def load_or_error(path: Path) -> Ledger | LedgerError:
    try:
        return load_ledger(path)
    except LedgerError as error:
        assert error.path == str(path)
        return error


@given(text=st.text(max_size=300))
@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_text_is_a_ledger_or_a_ledger_error(tmp_path, text):
    load_or_error(write(tmp_path, text))


@given(cut=st.integers(min_value=0, max_value=len(GOOD) - 1), length=st.integers(1, 12),
       insert=st.sampled_from(["", ":", "-", "[", "{", "'", '"', "*x", "&x", "!!", "\t", "\n  "]))
@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_damaged_ledger_is_a_ledger_or_an_error_with_a_line(tmp_path, cut, length, insert):
    damaged = GOOD[:cut] + insert + GOOD[cut + length:]
    path = tmp_path / "claims.yaml"
    path.write_text(damaged, encoding="utf-8")
    outcome = load_or_error(path)
    if isinstance(outcome, LedgerError) and outcome.line is not None:
        assert 1 <= outcome.line <= damaged.count("\n") + 1
