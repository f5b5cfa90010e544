"""The claims ledger: ``articles/<slug>/claims.yaml``, loaded, validated and typed.

The shape is published as a JSON Schema (``ledger.schema.json`` beside this module,
copied to ``docs/ledger.schema.json``) and every ledger is validated against it on
load.  Whatever is wrong with a ledger is a :class:`~sourcecheck.errors.LedgerError`
naming the ledger file and the line of the offending node.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..codes import CODES
from ..errors import LedgerError

if TYPE_CHECKING:
    import jsonschema

LEDGER_NAME = "claims.yaml"


@dataclass(frozen=True)
class Anchor:
    """Where a claim stands in the text (after the W3C TextQuoteSelector)."""

    exact: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True)
class Reference:
    """One cell of a data package."""

    package: str
    resource: str
    key: Any
    field: str
    line: int | None = None  # of the reference in the ledger


@dataclass(frozen=True)
class Derivation:
    """A value computed by one whitelisted operation over source cells (see ``derive.py``)."""

    op: str
    of: tuple[Reference, ...]
    value: str  # the value the claim was checked against
    order: str = "ascending"
    within: dict[str, Any] = field(default_factory=dict)
    line: int | None = None


@dataclass(frozen=True)
class Acknowledgement:
    code: str
    reason: str
    text: str   # the number as it stood in the text
    value: str  # the source value at the time
    line: int | None = None


@dataclass(frozen=True)
class Claim:
    id: str
    anchor: Anchor
    source: Reference | None = None
    value: str | None = None  # recorded source value, for a direct reference
    derive: Derivation | None = None
    slack: Decimal | None = None
    attribution: dict[str, str] = field(default_factory=dict)
    acknowledge: tuple[Acknowledgement, ...] = ()
    line: int | None = None

    @property
    def recorded_value(self) -> str:
        """The source value the claim was written against."""
        if self.derive is not None:
            return self.derive.value
        assert self.value is not None
        return self.value

    @property
    def references(self) -> tuple[Reference, ...]:
        if self.derive is not None:
            return self.derive.of
        assert self.source is not None
        return (self.source,)


@dataclass(frozen=True)
class Waiver:
    anchor: Anchor
    reason: str
    line: int | None = None
    id: str | None = None


@dataclass(frozen=True)
class Ledger:
    path: Path
    claims: tuple[Claim, ...] = ()
    waivers: tuple[Waiver, ...] = ()
    article: str | None = None
    lang: str | None = None


@cache
def ledger_schema() -> dict[str, Any]:
    """The published JSON Schema of a ledger."""
    text = resources.files(__package__).joinpath("ledger.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def load_ledger(path: Path, valid_digest: str = "", data: bytes | None = None) -> Ledger:
    """Read (unless its bytes are given as ``data``), validate and type the ledger at ``path``.

    Bytes whose SHA-256 is ``valid_digest`` are known to make a valid ledger (a check
    found so, and cached what it names under that digest): they are not validated again.
    """
    from ..cache import digest_bytes
    from .yamlfile import load_yaml, read_bytes  # imported on use: a cached check loads no ledger

    if data is None:
        data = read_bytes(path)
    document = load_yaml(path, data)
    if document is None:
        document = {}
    if not valid_digest or digest_bytes(data) != valid_digest:
        _validate(document, path)
    claims = tuple(_claim(item, line) for item, line in
                   zip(document.get("claims", []), _lines(document.get("claims"))))
    seen: dict[str, int | None] = {}
    for claim in claims:
        for ack in claim.acknowledge:
            if ack.code not in CODES:
                raise LedgerError(f"claim {claim.id!r} acknowledges {ack.code}, which is no sourcecheck code "
                                  "(see `sourcecheck rules`)", path, ack.line)
        if claim.id in seen:
            raise LedgerError(f"claim id {claim.id!r} is used twice (first on line {seen[claim.id]})",
                              path, claim.line)
        seen[claim.id] = claim.line
    waivers = tuple(Waiver(_anchor(item["anchor"]), item["reason"], line, item.get("id")) for item, line in
                    zip(document.get("waive", []), _lines(document.get("waive"))))
    return Ledger(path, claims, waivers, document.get("article"), document.get("lang"))


@cache
def _fast_validator() -> Any:
    """The ledger schema compiled to Python by fastjsonschema (ten times faster than
    jsonschema), or None when it is not installed.  It only ever *accepts* a ledger:
    whatever it refuses goes to jsonschema, which words the error (and has the last say)."""
    try:
        import fastjsonschema
    except ImportError:
        return None
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
    fast = _fast_validator()
    if fast is not None and fast(document):
        return

    import jsonschema  # imported on use: a cached check validates no ledger

    from .yamlfile import line_of

    validator = jsonschema.Draft202012Validator(ledger_schema())
    errors = sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
    if not errors:
        return
    error = errors[0]
    # "oneOf"/"anyOf" errors hide the useful message in their context; take the deepest one
    while error.context:
        error = max(error.context, key=lambda e: len(e.absolute_path))
    where = "/".join(str(step) for step in error.absolute_path) or "(top)"
    raise LedgerError(f"{where}: {_message(error)}", path, line_of(document, list(error.absolute_path)))


def _message(error: jsonschema.ValidationError) -> str:
    if error.validator == "additionalProperties":
        return f"unknown entry ({error.message.split('(')[-1].rstrip(')')})"
    if error.validator == "enum":
        return f"{error.instance!r} is not one of {', '.join(map(str, error.validator_value))}"
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
        of = tuple(_reference(item, item_line) for item, item_line in zip(spec["of"], _lines(spec["of"])))
        derive = Derivation(spec["op"], of, spec["value"], spec.get("order", "ascending"),
                            dict(spec.get("within", {})), getattr(spec, "line", line))
    acknowledgements = tuple(
        Acknowledgement(item["code"], item["reason"], item["text"], item["value"], item_line)
        for item, item_line in zip(data.get("acknowledge", []), _lines(data.get("acknowledge"))))
    return Claim(
        id=data["id"],
        anchor=_anchor(data["anchor"]),
        source=source,
        value=value,
        derive=derive,
        slack=Decimal(data["slack"]) if "slack" in data else None,
        attribution=dict(data.get("attribution", {})),
        acknowledge=acknowledgements,
        line=line,
    )
