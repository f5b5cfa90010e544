"""What a raw table says about itself: its Table Schema and a pandera schema stub, inferred.

    field types        frictionless's inference over the whole sample (every cell must fit),
                       and numbers with a decimal comma, which it reads as text
    required           a field none of whose cells is empty
    primary key        the first string, integer or year field whose values are all present
                       and all different (else the first such pair: a region and a year)
    foreign keys       a field whose values all occur in another table's one-field key
    pandera stub       pandera's inference from the typed rows: ranges and nullability

Inference proposes; the package a person keeps is theirs to tighten (``package new``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import frictionless
import pandas as pd
import yaml
from pandera.io.pandas_io import serialize_schema
from pandera.schema_inference.pandas import infer_schema

from ..errors import InputError

# Rows frictionless reads to infer types; a cell beyond them that does not fit its
# type is caught by the check that follows (its field becomes a string).
SAMPLE_ROWS = 100_000
_DECIMAL_COMMA = r"-?(?:\d{1,3}(?:\.\d{3})+|\d+),\d+"
_GROUPING_COMMA = r"-?\d{1,3}(?:,\d{3})+"
# Types a key can have: an identity, not a measure (a float or a date is no key).
_KEY_TYPES = frozenset({"string", "integer", "year"})


@dataclass
class Table:
    """One raw table being described: its resource name, the typed rows, its Table Schema."""

    name: str
    schema: dict[str, Any]
    dialect: dict[str, Any] | None = None
    frame: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    empty: dict[str, Any] = field(default_factory=dict, repr=False)  # field -> mask of empty cells

    @property
    def fields(self) -> list[dict[str, Any]]:
        fields: list[dict[str, Any]] = self.schema["fields"]
        return fields

    def field_type(self, name: str) -> str:
        return str(next(spec.get("type", "any") for spec in self.fields if spec["name"] == name))


def describe(data: bytes, display: str) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """The Table Schema (types only) and the CSV dialect frictionless infers for ``data``
    (UTF-8 CSV bytes); an InputError naming ``display`` when it cannot read them."""
    detector = frictionless.Detector(sample_size=SAMPLE_ROWS, field_confidence=1.0,
                                     field_missing_values=[""])
    try:
        resource = frictionless.describe(data.removeprefix(b"\xef\xbb\xbf"), format="csv",
                                         encoding="utf-8", detector=detector)
        descriptor = resource.to_descriptor()
    except frictionless.FrictionlessException as error:
        raise InputError(f"cannot read the table: {error.error.note}", display) from None
    except Exception as error:  # noqa: BLE001 - frictionless fails on some odd files in other ways
        raise InputError(f"cannot read the table: {type(error).__name__}: {error}", display) from None
    schema = descriptor.get("schema") or {}
    fields = [{"name": spec["name"], "type": spec.get("type", "any"),
               **({"format": spec["format"]} if spec.get("format") not in (None, "default") else {})}
              for spec in schema.get("fields", [])]
    if not fields:
        raise InputError("cannot read the table: it has no header row", display)
    return {"fields": fields, "missingValues": [""]}, descriptor.get("dialect") or None


def demote(schema: dict[str, Any], names: set[str]) -> None:
    """Make the fields ``names`` strings: some cell of theirs does not fit the inferred type."""
    for spec in schema["fields"]:
        if spec["name"] in names:
            spec["type"] = "string"
            spec.pop("format", None)


def decimal_comma_fields(schema: dict[str, Any], frame: pd.DataFrame) -> set[str]:
    """Fields read as text (or as a "lon,lat" geopoint) whose every cell is a number written
    with a decimal comma ("8,5", "1.234,5"), as Dutch tables write them, unless every cell
    could as well be a whole number with an English thousands separator ("4,726")."""
    found = set()
    for spec in schema["fields"]:
        if spec.get("type") not in ("string", "geopoint"):
            continue
        values = frame[spec["name"]].dropna().astype(str)
        # "4,726" in every cell may be an English thousands separator: not guessed
        if (not values.empty and values.str.fullmatch(_DECIMAL_COMMA).all()
                and not values.str.fullmatch(_GROUPING_COMMA).all()):
            found.add(spec["name"])
    return found


def use_decimal_comma(schema: dict[str, Any], names: set[str]) -> None:
    """Make the fields ``names`` numbers with a decimal comma (and dots grouping digits)."""
    for spec in schema["fields"]:
        if spec["name"] in names:
            spec["type"] = "number"
            spec.pop("format", None)
            spec["decimalChar"] = ","
            spec["groupChar"] = "."


def add_required_and_primary_key(table: Table) -> None:
    """``required`` on every field with no empty cell; the primary key: the first field of a
    key type whose values are present and unique, else the first such pair of fields (a
    region and a year), else none (or when the table has no rows)."""
    frame = table.frame
    if frame.empty:
        return
    complete = []
    for spec in table.fields:
        empty = table.empty.get(spec["name"])
        if empty is not None and not empty.any() and frame[spec["name"]].notna().all():
            spec.setdefault("constraints", {})["required"] = True
            if spec.get("type") in _KEY_TYPES:
                complete.append(spec["name"])
    for name in complete:
        if not frame[name].duplicated().any():
            table.schema["primaryKey"] = [name]
            next(spec for spec in table.fields if spec["name"] == name)["constraints"]["unique"] = True
            return
    for position, first in enumerate(complete):
        for second in complete[position + 1:]:
            if not frame[[first, second]].duplicated().any():
                table.schema["primaryKey"] = [first, second]
                return


def add_foreign_keys(tables: Sequence[Table]) -> None:
    """A foreign key from a field to another table's one-field primary key when every value of
    the field is one of the key's, the two have the same type, and (integers being too easily
    alike) an integer field bears the key's name.  Two keys holding the same values are linked
    once, from the later table to the earlier."""
    for position, table in enumerate(tables):
        for spec in table.fields:
            name = spec["name"]
            values = table.frame[name].dropna()
            if values.empty or spec.get("type") not in _KEY_TYPES:
                continue
            for other_position, other in enumerate(tables):
                key = other.schema.get("primaryKey") or []
                if other is table or len(key) != 1 or other.field_type(key[0]) != spec["type"]:
                    continue
                if spec["type"] != "string" and key[0] != name:
                    continue
                keys = set(other.frame[key[0]])
                if not set(values) <= keys:
                    continue
                own_key = table.schema.get("primaryKey") == [name]
                if own_key and set(values) == keys and position < other_position:
                    continue  # the same key in two tables: the later refers to the earlier
                table.schema.setdefault("foreignKeys", []).append(
                    {"fields": [name], "reference": {"resource": other.name, "fields": [key[0]]}})
                break


def pandera_stub(table: Table, package: str, csv_display: str) -> str:
    """A pandera schema file for ``table`` (``schemas/<package>.<resource>.yaml``): every
    column with ``dtype: null`` (types live in the Table Schema) and the nullability and
    range pandera infers from the rows, with comments on how to add a statistical rule."""
    columns: dict[str, dict[str, Any]] = {}
    for name in table.frame.columns:
        columns[str(name)] = _inferred_column(table.frame[name])
    document = {"schema_type": "dataframe", "api": "pandas", "name": f"{package}.{table.name}",
                "columns": columns}
    body = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)
    kinds = {spec["name"]: spec.get("type") for spec in table.fields}
    group = next((name for name, kind in kinds.items() if kind == "string"), "question")
    share = next((name for name, kind in kinds.items() if kind == "number"),
                 next((name for name, kind in kinds.items() if kind == "integer"), "share"))
    return _STUB_HEADER.format(csv=csv_display, group=group, share=share) + body


_STUB_HEADER = """\
# Rules for {csv}, drafted by `sourcecheck package new`.
# Types, required cells and keys are in the resource's Table Schema (datapackage.json);
# every dtype here is null.  Each range below is the smallest and the largest value the
# table held when it was packaged: widen it to what the figures may reach.
# To add a statistical rule, add a `checks:` list at the end; docs/validation.md
# ("A pandera schema file") lists every rule and the columns it reads.  For example:
# checks:
# - group: {group}
#   share: {share}
#   options: {{check_name: shares_add_up, error: the shares of one group do not add up to 100}}
"""


def _inferred_column(column: pd.Series) -> dict[str, Any]:
    """pandera's inference for one typed column, its dtype left to the Table Schema."""
    entry: dict[str, Any] = {"dtype": None, "nullable": bool(column.isna().any())}
    if column.dropna().empty:
        return entry  # pandera infers nothing from no values
    try:
        inferred = serialize_schema(infer_schema(column.to_frame()))
    except Exception:  # noqa: BLE001 - pandera cannot infer every dtype (JSON objects, say)
        return entry
    for spec in (inferred.get("columns") or {}).values():
        for key, value in (spec or {}).items():
            if key in ("greater_than_or_equal_to", "less_than_or_equal_to", "in_range"):
                entry[key] = _plain(value)
    return entry


def _plain(value: Any) -> Any:
    """A bound as YAML writes it: a plain number or text (a whole float as an integer, a
    midnight as its date)."""
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.endswith(" 00:00:00"):
        return value.removesuffix(" 00:00:00")  # a date's bound, as the CSV writes dates
    return value
