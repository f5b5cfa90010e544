"""One claim judged: anchor -> mention, references -> source value, compare -> findings.

The verdict of a claim is ``holds`` when it has no finding, else the name of its first
finding (``text-mismatch``, ``data-changed``, ``anchor-lost`` ...).  An acknowledged
finding keeps its verdict but does not fail; the acknowledgement only applies while the
text at the anchor and the source value are what they were when it was written.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..findings import Finding
from ..interval import Interval
from ..numbers.mention import Mention
from .anchor import AnchorStatus, Located
from .derive import SourceValue, cell_value, derive, matches_recorded, written_value
from .ledger import Acknowledgement, Claim
from .rules import show, text_interval


@dataclass
class ClaimResult:
    """A checked claim (or waiver), as the report lists it."""

    id: str
    verdict: str
    article: str                       # the article's path, relative to the project
    ledger: str
    mention: Mention | None = None
    text_interval: Interval | None = None
    source_interval: Interval | None = None
    source: dict[str, Any] | None = None   # package, resource, path, row, field, value
    derived: dict[str, Any] | None = None  # op, value, operands (derived claims only)
    findings: list[Finding] = field(default_factory=list)
    reason: str | None = None          # waivers only
    found_text: str = ""               # what stands at the anchor now
    source_written: str = ""           # the source value now, as written or derived

    def to_dict(self) -> dict[str, Any]:
        text = None
        if self.mention is not None:
            interval = self.text_interval or self.mention.interval
            text = {
                "start": self.mention.start, "end": self.mention.end,
                "line": self.mention.line, "column": self.mention.column,
                "text": self.mention.text,
                "low": _num(interval.low), "high": _num(interval.high),
                "interval": show(interval),
            }
        data: dict[str, Any] = {"id": self.id, "verdict": self.verdict, "article": self.article,
                                "text": text, "source": self.source}
        if self.derived is not None:
            data["derived"] = self.derived
        if self.reason is not None:
            data["reason"] = self.reason
        acknowledged = [f.acknowledged for f in self.findings if f.acknowledged]
        if acknowledged:
            data["acknowledged"] = acknowledged
        return data


@dataclass
class ClaimContext:
    """What judging a claim needs to know about its article and sources."""

    root: Path              # the project root
    article: str            # article path, relative to the project root
    ledger: str             # ledger path, relative to the project root
    slack: dict[str, Decimal]
    records: list[Any | None]       # one per reference, None when missing
    schema_problems: dict[str, int]  # resource CSV path -> number of validation findings


def judge(claim: Claim, located: Located, context: ClaimContext) -> ClaimResult:
    """Every finding about ``claim`` (acknowledgements are applied later, by :func:`settle`)."""
    result = ClaimResult(claim.id, "holds", context.article, context.ledger)
    findings: list[Finding] = []

    def add(code: str, message: str, **where: Any) -> None:
        place = _place(located, context, claim) | where
        findings.append(Finding(code, message, claim=claim.id, details={"article": context.article}, **place))

    if located.status is AnchorStatus.LOST:
        add("SC402", f"the words around {claim.anchor.exact!r} are no longer in the text "
                     f"(prefix {claim.anchor.prefix!r}, suffix {claim.anchor.suffix!r})")
    elif located.status is AnchorStatus.AMBIGUOUS:
        add("SC403", f"the words around {claim.anchor.exact!r} stand in {len(located.places)} places; "
                     "lengthen the prefix or suffix")
    elif located.status is AnchorStatus.NO_NUMBER:
        add("SC404", f"no number stands where {claim.anchor.exact!r} was; the text there reads {located.text!r}")
    result.mention = located.mention
    if result.mention is not None:
        result.text_interval = text_interval(result.mention, context.slack, claim.slack)

    source = _source_value(claim, context, result, add)
    if source is not None:
        result.source_interval = source.interval
        if result.source is not None:
            result.source["interval"] = show(source.interval)
        _compare(claim, located, result, source, add)
    _check_attribution(claim, context, add)
    result.findings = findings
    result.found_text = located.text
    if source is not None:
        result.source_written = source.written
    return result


def settle(result: ClaimResult, claim: Claim) -> None:
    """Apply the ledger's acknowledgements to ``result``'s findings and set its verdict.

    Called once every finding about the claim is known (contradictions between claims
    come after each claim is judged).
    """
    result.findings = _acknowledge(result.findings, claim, result)
    failing = [f for f in result.findings if f.code != "SC406"]
    result.verdict = failing[0].name if failing else "holds"


def _source_value(claim: Claim, context: ClaimContext, result: ClaimResult, add: Any) -> SourceValue | None:
    """The current source value, after reporting missing records, schema and status problems."""
    missing = [ref for ref, record in zip(claim.references, context.records) if record is None]
    for ref in missing:
        add("SC303", f"{ref.package}/{ref.resource} has no record {_key_text(ref.key)}")
    first = next((r for r in context.records if r is not None), None)
    ref = claim.references[0]
    if first is not None:
        result.source = {"package": ref.package, "resource": ref.resource,
                         "path": _relative_csv(first, context), "row": first.row,
                         "field": ref.field, "value": written_value(first, ref.field)}
    for operand, record in zip(claim.references, context.records):
        if record is None:
            continue
        path = _relative_csv(record, context)
        problems = context.schema_problems.get(path, 0)
        if problems:
            add("SC304", f"{path} has {problems} validation finding(s); see `sourcecheck validate`")
        if str(record.raw.get("status", "") or "").strip() == "unverified":
            add("SC305", f"{operand.package}/{operand.resource} {_key_text(operand.key)} is marked "
                         "unverified: no public source was found for it")
    if missing:
        return None
    if claim.derive is None:
        # compared as written, before any parsing: a cell that no longer parses has changed too
        result.source_written = written_value(context.records[0], ref.field)
        if result.source_written != (claim.value or "").strip():
            add("SC302", f"the source value is now {result.source_written!r}; the claim was checked "
                         f"against {claim.value!r}")
    try:
        if claim.derive is not None:
            value = derive(claim.derive, list(context.records), context.slack)
            result.derived = {"op": claim.derive.op, "value": value.written, "interval": show(value.interval),
                              "operands": [_operand(r, rec, context) for r, rec in
                                           zip(claim.references, context.records)]}
            return value
        return cell_value(context.records[0], ref.field, context.slack)
    except ValueError as error:
        add("SC306", f"{ref.package}/{ref.resource} {_key_text(ref.key)} {ref.field}: {error}")
        return None


def _compare(claim: Claim, located: Located, result: ClaimResult, source: SourceValue, add: Any) -> None:
    recorded = claim.recorded_value
    if claim.derive is not None:
        data_changed = not matches_recorded(source.value, recorded)
        if data_changed:
            add("SC302", f"the derived value is now {source.written}; the claim was checked against {recorded}")
    else:
        data_changed = source.written != recorded.strip()  # reported by _source_value
    if result.mention is None or result.text_interval is None:
        return
    agree = result.text_interval.overlaps(source.interval)
    if not agree and (located.changed or not data_changed):
        was = f" (was {claim.anchor.exact!r})" if located.changed else ""
        add("SC301", f"{_said(located, result)}{was}; the source says {source.written} {show(source.interval)}")
    elif agree and located.changed:
        add("SC405", f"{_said(located, result)} (was {claim.anchor.exact!r}) and still agrees with the "
                     f"source ({source.written}); update the anchor's exact text")
    if source.tied_with:
        add("SC308", f"rank {source.written} is shared with {', '.join(source.tied_with)} "
                     f"(rank {show(source.interval)})")


def _said(located: Located, result: ClaimResult) -> str:
    assert result.text_interval is not None
    return f"the text says {located.text!r} {show(result.text_interval)}"


def _check_attribution(claim: Claim, context: ClaimContext, add: Any) -> None:
    """What the text says the source is (``attribution:``) against the record and its package."""
    record = next((r for r in context.records if r is not None), None)
    if record is None or not claim.attribution:
        return
    package = record.resource.package
    known = {**getattr(package, "descriptor", {}), **getattr(package, "provenance", {}),
             **{k: v for k, v in record.raw.items() if v not in (None, "")}}
    for name, said in claim.attribution.items():
        actual = known.get(name)
        if actual is None:
            add("SC307", f"the text presents the source's {name} as {said!r}; "
                         f"{package.name} does not record its {name}")
        elif _fold(str(actual)) != _fold(said):
            add("SC307", f"the text presents the source's {name} as {said!r}; "
                         f"{package.name} records {actual!r}")


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _acknowledge(findings: list[Finding], claim: Claim, result: ClaimResult) -> list[Finding]:
    """Mark the findings the ledger acknowledges, as long as text and value are unchanged."""
    value, text = result.source_written, result.found_text
    used: set[int] = set()
    marked = []
    for finding in findings:
        ack = _matching(claim.acknowledge, finding.code, text, value, used)
        marked.append(replace(finding, acknowledged=ack.reason) if ack else finding)
    for index, ack in enumerate(claim.acknowledge):
        if index not in used:
            marked.append(Finding(
                "SC406", f"acknowledged {ack.code} no longer applies: the ledger recorded text {ack.text!r} "
                         f"and value {ack.value!r}; now the text reads {text!r} and the value {value!r}",
                path=result.ledger, line=ack.line, claim=claim.id, details={"article": result.article}))
    return marked


def _matching(acks: tuple[Acknowledgement, ...], code: str, text: str, value: str,
              used: set[int]) -> Acknowledgement | None:
    for index, ack in enumerate(acks):
        if ack.code == code and ack.text == text and ack.value.strip() == value:
            used.add(index)
            return ack
    return None


def _place(located: Located, context: ClaimContext, claim: Claim) -> dict[str, Any]:
    if located.mention is not None:
        return {"path": context.article, "line": located.mention.line, "column": located.mention.column}
    return {"path": context.ledger, "line": claim.line}


def _relative_csv(record: Any, context: ClaimContext) -> str:
    display = getattr(record.resource, "display", None)
    if isinstance(display, str):
        return posix(display)
    return relative(Path(record.resource.path), context.root)


@lru_cache(maxsize=4096)
def posix(path: str) -> str:
    """``path`` in forward slashes (asked for every claim: remembered)."""
    return Path(path).as_posix()


def relative(path: Path, root: Path, resolved_root: Path | None = None) -> str:
    """``path`` relative to the project root when inside it, in forward slashes
    (``resolved_root``: the root resolved already, which saves its system calls)."""
    try:
        return path.resolve().relative_to(resolved_root or root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _operand(ref: Any, record: Any, context: ClaimContext) -> dict[str, Any]:
    return {"package": ref.package, "resource": ref.resource, "path": _relative_csv(record, context),
            "row": record.row, "field": ref.field, "value": str(record.raw.get(ref.field, ""))}


def _key_text(key: Any) -> str:
    if isinstance(key, dict):
        return ", ".join(f"{k}={v}" for k, v in key.items())
    if isinstance(key, tuple):
        return "/".join(map(str, key))
    return str(key)


def _num(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize() if value == value.to_integral() else value, "f")
