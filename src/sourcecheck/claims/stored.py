"""The check's results as plain JSON data, for the cache (``sourcecheck.cache``), and back.

Decimals are stored as their exact text, so a restored result compares equal to the
one that was stored; :func:`round_trips` lets the caller store only what does.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any

from ..errors import InputError
from ..findings import Finding
from ..interval import Interval
from ..numbers.mention import Kind, Mention, Qualifier
from .verdict import ClaimResult

_FINDING_FIELDS = ("code", "message", "path", "line", "column", "row", "field", "claim",
                   "acknowledged", "details")


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _undec(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def mention_data(mention: Mention) -> list[Any]:
    return [mention.start, mention.end, mention.line, mention.column, mention.text,
            _dec(mention.value), _dec(mention.low), _dec(mention.high), mention.kind.value,
            mention.qualifier.value, mention.lang, mention.ambiguous]


def _restorer(cls: type) -> Any:
    """A quick constructor of ``cls`` (a dataclass) from its field values in order
    (a named tuple, ``Mention``, is made from them by its own ``_make``).

    The dataclass's own ``__init__`` sets a frozen class's fields one by one through
    ``object.__setattr__`` and validates; a restored value was valid when it was stored
    (and its entry's hash is checked), and a re-check restores tens of thousands.
    """
    names = [item.name for item in fields(cls)]
    new = object.__new__

    def restore(*values: Any) -> Any:
        if len(values) != len(names):
            raise ValueError(f"{cls.__name__} has {len(names)} fields, not {len(values)}")
        made = new(cls)
        made.__dict__.update(zip(names, values))
        return made

    return restore


def _new_mention(*values: Any) -> Mention:
    return Mention._make(values)  # raises TypeError unless there are as many as fields


_new_interval = _restorer(Interval)


def mention_from(data: list[Any]) -> Mention:
    return _new_mention(*_mention_values(data))


# by value, a dict look-up: calling the Enum costs more, and a cached newsroom restores 20,000
_KINDS = {kind.value: kind for kind in Kind}
_QUALIFIERS = {qualifier.value: qualifier for qualifier in Qualifier}


def finding_data(finding: Finding) -> dict[str, Any]:
    return {name: getattr(finding, name) for name in _FINDING_FIELDS}


def finding_from(data: dict[str, Any]) -> Finding:
    return Finding(**{name: data[name] for name in _FINDING_FIELDS})


def _interval_data(interval: Interval | None) -> list[Any] | None:
    if interval is None:
        return None
    return [_dec(interval.low), _dec(interval.high), interval.low_closed, interval.high_closed]


def result_data(result: ClaimResult) -> tuple[list[Any], list[Any]]:
    """A result as JSON data, positional (a cached newsroom holds 20,000), in two parts:
    what every report reads (its id, verdict and findings), and its details, which are
    stored apart and read only when asked for (the text report never asks)."""
    return ([result.id, result.verdict, [finding_data(f) for f in result.findings]],
            [result.article, result.ledger, None if result.mention is None else mention_data(result.mention),
             _interval_data(result.text_interval), _interval_data(result.source_interval),
             result.source, result.derived, result.reason, result.found_text, result.source_written])


class Details:
    """The stored details of one article's results (a :class:`sourcecheck.cache.Unread`
    entry), decoded when a restored result first needs its own."""

    __slots__ = ("_unread", "_rows")

    def __init__(self, unread: Any) -> None:
        self._unread, self._rows = unread, None

    def row(self, index: int) -> Any:
        if self._rows is None:
            rows = self._unread.value()
            self._rows = rows if type(rows) is list else []
        return self._rows[index]


def result_from(data: list[Any], details: Details, index: int) -> ClaimResult:
    """A stored result (``index`` of its article's ``details``), restored as a
    :class:`_Restored`; the shape of what every report reads is checked here (a fault
    raises TypeError or ValueError: the entry is then unusable), the details when read."""
    if type(data) is not list or len(data) != 3:
        raise ValueError("not a stored result")
    made = _new_object(_Restored)
    values = made.__dict__
    values["id"], values["verdict"], findings = data
    if findings:
        values["findings"] = [finding_from(f) for f in findings]
    elif findings == []:
        values["findings"] = []
    else:
        raise TypeError("findings must be a list")
    values["_detail"] = details, index
    return made


# a result's details, in result_data's order; mention and intervals wait in their JSON
# form under "_<name>" until first read
_LATER_FIELDS = ("article", "ledger", "_mention", "_text_interval", "_source_interval",
                 "source", "derived", "reason", "found_text", "source_written")
_new_object = object.__new__


def _mention_values(data: list[Any]) -> tuple[Any, ...]:
    (start, end, line, column, text, value, low, high, kind, qualifier, lang, ambiguous) = data
    return (start, end, line, column, text, _undec(value), _undec(low), _undec(high),
            _KINDS[kind], _QUALIFIERS[qualifier], lang, ambiguous)


def _interval_values(data: list[Any]) -> tuple[Any, ...]:
    low, high, low_closed, high_closed = data
    return _undec(low), _undec(high), low_closed, high_closed


def _corrupt(fields_: dict[str, Any]) -> InputError:
    return InputError(f"the cache holds a corrupt result (claim {fields_.get('id')!r}); "
                      "delete the cache folder or check with --no-cache")


def _unpack(fields_: dict[str, Any]) -> None:
    """Read a restored result's stored details into its fields (those not set since)."""
    detail = fields_.pop("_detail", None)
    if detail is None:
        return
    details, index = detail
    try:
        values = details.row(index)
        if type(values) is not list or len(values) != len(_LATER_FIELDS):
            raise ValueError("not a stored result")
    except (ValueError, IndexError):
        fields_["_detail"] = detail
        raise _corrupt(fields_) from None
    for name, value in zip(_LATER_FIELDS, values):
        fields_.setdefault(name, value)


def _read_on_use(name: str) -> property:
    """A field of :class:`_Restored`, read from its stored details when first read."""
    def get(self: ClaimResult) -> Any:
        fields_ = self.__dict__
        if name not in fields_:
            _unpack(fields_)
        return fields_[name]

    def set_(self: ClaimResult, value: Any) -> None:
        self.__dict__[name] = value

    return property(get, set_)


def _made_on_use(name: str, values: Any, make: Any) -> property:
    """A field of :class:`_Restored`, built from its stored JSON form when first read."""
    stored_as = f"_{name}"

    def get(self: ClaimResult) -> Any:
        fields_ = self.__dict__
        if name not in fields_:
            _unpack(fields_)
            data = fields_.pop(stored_as, None)
            try:
                fields_[name] = None if data is None else make(*values(data))
            except (TypeError, ValueError, KeyError, ArithmeticError):
                fields_[stored_as] = data
                raise _corrupt(fields_) from None
        return fields_[name]

    def set_(self: ClaimResult, value: Any) -> None:
        self.__dict__.pop(stored_as, None)
        self.__dict__[name] = value

    return property(get, set_)


class _Restored(ClaimResult):
    """A result restored from the cache whose fields beyond its id, verdict and findings
    are read from its stored details, and its mention and intervals built, when first
    read: a re-check restores tens of thousands of results, and the text report reads
    none of those (restoring them all took 0.43 s of a newsroom's 1.5 s re-check; built
    on use, 0.11 s; read on use, less again).  A stored entry is exactly what a check
    wrote (its hash is checked); should one still not read or build, that is an
    InputError naming the cache, not a traceback."""

    article = _read_on_use("article")
    ledger = _read_on_use("ledger")
    mention = _made_on_use("mention", _mention_values, _new_mention)
    text_interval = _made_on_use("text_interval", _interval_values, _new_interval)
    source_interval = _made_on_use("source_interval", _interval_values, _new_interval)
    source = _read_on_use("source")
    derived = _read_on_use("derived")
    reason = _read_on_use("reason")
    found_text = _read_on_use("found_text")
    source_written = _read_on_use("source_written")

    def __eq__(self, other: object) -> bool:
        # the dataclass's __eq__ wants the very same class; a restored result equals the
        # result it was stored from (reached here too when that one is on the left)
        if not isinstance(other, ClaimResult):
            return NotImplemented
        return all(getattr(self, item.name) == getattr(other, item.name) for item in fields(ClaimResult))

    __hash__ = None  # type: ignore[assignment]  # mutable, as ClaimResult


def plain(value: Any) -> bool:
    """Whether ``value`` is JSON data that comes back from JSON as it went in (text keys,
    lists not tuples, finite numbers): what may be stored of a finding's details or a
    claim's source without a full round trip."""
    # An explicit stack rather than recursion: a cached article's records hold about a
    # thousand values, and this runs once per article (no deep-nesting limit either).
    pending = [value]
    while pending:
        item = pending.pop()
        kind = type(item)
        if kind is str or kind is int or kind is bool or item is None:
            continue
        if isinstance(item, (str, bool, int)):
            continue
        if isinstance(item, float):
            if item != item or item in (_INFINITY, -_INFINITY):
                return False
        elif isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, dict):
            for key, inner in item.items():
                if not isinstance(key, str):
                    return False
                pending.append(inner)
        else:
            return False
    return True


_INFINITY = float("inf")


def storable(results: list[ClaimResult], findings: list[Finding]) -> bool:
    """Whether these results and findings come back from :func:`result_data` and
    :func:`finding_data` exactly (their typed parts always do; their free-form dicts must be plain)."""
    parts: list[Any] = []  # walked once, by one call: an article has a few hundred parts
    for finding in [*findings, *(f for r in results for f in r.findings)]:
        parts += (finding.details, finding.path, finding.line, finding.column, finding.row, finding.field,
                  finding.claim, finding.acknowledged)
    for result in results:
        parts += (result.source, result.derived, result.reason, result.found_text, result.source_written)
    return plain(parts)


def round_trips(data: Any, original: Any, restore: Any) -> bool:
    """Whether ``restore(data)`` after a trip through JSON equals ``original`` (details too)."""
    try:
        again = restore(json.loads(json.dumps(data)))
    except (TypeError, ValueError, KeyError):
        return False
    return _same(again, original)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, ClaimResult) and isinstance(b, ClaimResult):
        return a == b and _same(a.findings, b.findings)
    if isinstance(a, Finding) and isinstance(b, Finding):
        return a == b and a.details == b.details  # details do not take part in ==
    return bool(a == b)


# --- source records, so that checking an article whose sources are unchanged needs no
# --- data library: what the verdict reads of a record, its resource and its package


@dataclass(eq=False)
class StoredPackage:
    name: str
    descriptor: dict[str, Any]
    provenance: dict[str, Any]


@dataclass(eq=False)
class StoredResource:
    name: str
    display: str
    path: str
    package: StoredPackage


@dataclass(eq=False)
class StoredRecord:
    resource: StoredResource
    row: int
    raw: dict[str, str]


def package_data(package: Any) -> dict[str, Any]:
    return {"name": package.name, "descriptor": package.descriptor, "provenance": package.provenance}


def package_from(data: dict[str, Any]) -> StoredPackage:
    return StoredPackage(str(data["name"]), dict(data["descriptor"]), dict(data["provenance"]))


def record_data(record: Any) -> dict[str, Any]:
    """A record as JSON data: text and a row number only, by construction (nothing to check)."""
    resource = record.resource
    return {"row": int(record.row), "raw": {str(name): str(cell) for name, cell in record.raw.items()},
            "resource": str(resource.name), "display": str(resource.display), "path": str(resource.path)}


def record_from(data: dict[str, Any], package: StoredPackage) -> StoredRecord:
    raw = data["raw"]
    if not isinstance(raw, dict) or not all(isinstance(v, str) for v in raw.values()):
        raise TypeError("raw cells must be text")
    resource = StoredResource(str(data["resource"]), str(data["display"]), str(data["path"]), package)
    return StoredRecord(resource, int(data["row"]), raw)
