"""Reading ``articles/<slug>/claims.yaml``: safe YAML, validated, typed.

The shape is published as a JSON Schema (``ledger.schema.json`` beside this module,
copied to ``docs/ledger.schema.json``) and every ledger is validated against it on
load.  Whatever is wrong with a ledger is a :class:`~sourcecheck.errors.LedgerError`
naming the ledger file and the line of the offending node.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import fastjsonschema

from ..codes import CODES, SC
from ..errors import LedgerError
from ..yamlfile import line_of, load_yaml, read_bytes
from .model import Acknowledgement, Anchor, Claim, Derivation, Ledger, Reference, Waiver

if TYPE_CHECKING:
    import jsonschema


@cache
def ledger_schema() -> dict[str, Any]:
    """The published JSON Schema of a ledger."""
    text = resources.files(__package__).joinpath("ledger.schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def load_ledger(path: Path, data: bytes | None = None, *, validated: bool = False) -> Ledger:
    """Read (unless its bytes are given as ``data``), validate and type the ledger at ``path``.

    ``validated``: these very bytes were found valid before (by a check that remembers
    it), so their schema is not checked again.
    """
    if data is None:
        data = read_bytes(path, LedgerError)
    document = load_yaml(path, data, LedgerError)
    if document is None:
        document = {}
    if not validated:
        _validate(document, path)
    claims = tuple(_claim(item, line) for item, line in
                   zip(document.get("claims", []), _lines(document.get("claims")), strict=True))
    seen: dict[str, int | None] = {}
    for claim in claims:
        for ack in claim.acknowledge:
            if ack.code not in CODES:
                raise LedgerError(f"claim {claim.id!r} acknowledges {ack.code}, which is no sourcecheck code "
                                  "(see `sourcecheck rules`)", path, ack.line)
            if ack.code == SC.LINK_UNREVIEWED:  # a review is done by a person, not waved through
                raise LedgerError(f"claim {claim.id!r} acknowledges {ack.code}: review the claim's source, then "
                                  f"remove its `review: pending` (or run `sourcecheck accept {claim.id}`)",
                                  path, ack.line)
        if claim.id in seen:
            raise LedgerError(f"claim id {claim.id!r} is used twice (first on line {seen[claim.id]})",
                              path, claim.line)
        seen[claim.id] = claim.line
    waivers = tuple(Waiver(_anchor(item["anchor"]), item["reason"], line, item.get("id")) for item, line in
                    zip(document.get("waive", []), _lines(document.get("waive")), strict=True))
    return Ledger(path, claims, waivers, document.get("article"), document.get("lang"))


@cache
def _fast_validator() -> Callable[[Any], bool]:
    """The ledger schema compiled to Python by fastjsonschema, which only ever *accepts* a
    ledger: whatever it refuses goes to jsonschema, which words the error (and has the
    last say)."""
    # a copy: fastjsonschema rewrites the $refs of the schema it is given
    validate = fastjsonschema.compile(copy.deepcopy(ledger_schema()), use_default=False)

    def accepts(document: Any) -> bool:
        try:
            validate(document)
        except fastjsonschema.JsonSchemaException:
            return False
        return True

    return accepts


def _validate(document: Any, path: Path) -> None:
    if _fast_validator()(document):
        return
    import jsonschema  # heavy, and only needed to word what is wrong

    validator = jsonschema.Draft202012Validator(ledger_schema())
    # the first error by place, as a stable sort's first would be, holding one at a time:
    # a ledger of 200,000 empty claims has a million errors
    first = min(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path)), default=None)
    if first is None:
        return
    error = first
    # "oneOf"/"anyOf" errors hide the useful message in their context; take the deepest one
    while error.context:
        error = max(error.context, key=lambda e: len(e.absolute_path))
    where = "/".join(str(step) for step in error.absolute_path) or "(top)"
    raise LedgerError(f"{where}: {_message(error)}", path, line_of(document, list(error.absolute_path)))


def _message(error: jsonschema.ValidationError) -> str:
    if error.validator == "additionalProperties":
        return f"unknown entry ({error.message.split('(')[-1].rstrip(')')})"
    if (error.validator == "type" and error.validator_value == "string"
            and isinstance(error.instance, int | float) and not isinstance(error.instance, bool)):
        # YAML reads 44 as a number and 40.20 as 40.2: the written digits would be lost
        name = error.absolute_path[-1] if error.absolute_path else "value"
        return (f"write the {name} in quotes, as it stands in the CSV or the text: "
                f'{name}: "{error.instance}"')
    if error.validator == "enum":
        return f"{error.instance!r} is not one of {', '.join(map(str, cast(list[Any], error.validator_value)))}"
    return error.message


def _lines(items: Any) -> list[int | None]:
    return list(getattr(items, "lines", [None] * len(items or [])))


def _anchor(data: dict[str, Any]) -> Anchor:
    return Anchor(exact=data["exact"], prefix=data.get("prefix", ""), suffix=data.get("suffix", ""))


def _reference(data: dict[str, Any], line: int | None) -> Reference:
    key = data["key"]
    if isinstance(key, list):
        key = tuple(key)
    elif isinstance(key, dict):
        key = dict(key)
    return Reference(data["package"], data["resource"], key, data["field"],
                     getattr(data, "line", line))


def _claim(data: dict[str, Any], line: int | None) -> Claim:
    source = derive = None
    value = None
    if "source" in data:
        source = _reference(data["source"], line)
        value = str(data["source"]["value"])
    else:
        spec = data["derive"]
        of = tuple(_reference(item, item_line) for item, item_line in zip(spec["of"], _lines(spec["of"]), strict=True))
        derive = Derivation(spec["op"], of, spec["value"], spec.get("order", "ascending"),
                            dict(spec.get("within", {})), getattr(spec, "line", line))
    acknowledgements = tuple(
        Acknowledgement(item["code"], item["reason"], item["text"], item["value"], item_line)
        for item, item_line in zip(data.get("acknowledge", []), _lines(data.get("acknowledge")), strict=True))
    return Claim(
        id=data["id"],
        anchor=_anchor(data["anchor"]),
        source=source,
        value=value,
        derive=derive,
        slack=Decimal(data["slack"]) if "slack" in data else None,
        precision=Decimal(data["precision"]) if "precision" in data else None,
        attribution=dict(data.get("attribution", {})),
        acknowledge=acknowledgements,
        line=line,
        review=data.get("review"),
    )
