"""One resource validated in blocks, on an engine the runner chooses, with the findings of
:func:`sourcecheck.sources.validate.validate_resource`, in the same order.

The driver (this module) cuts the file (one pass over its bytes, no rows kept), hands the
blocks to the engine, adds up their rows to number them as in the file, hands the buckets
of each check across rows to the engine, and puts the findings in the order a whole-table
validation gives them.  It never holds a row; the engine (``sourcecheck.run.engine``) says
where blocks and buckets run (here, one after the other, or on a dask cluster) and where
the rows between them wait (files on disk, or the workers' memory).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from typing import Any, Protocol

import pandas as pd

from .. import limits
from ..codes import SC
from ..findings import Finding
from .blocks import Block, ResourcePlan, cut, splittable
from .catalog import Resource
from .partition import BlockJob, BlockSummary, exchange
from .read import Dialect
from .schemas import SchemaFile, failure_order, load_schema
from .splitschema import split_schema
from .tableschema import FIRST_DATA_ROW, TableResult, usable_schema
from .validate import no_schema, row_locators, validate_table_of

# As many buckets as blocks, up to MAX_BUCKETS: a bucket then holds the key columns of about
# one block's rows, well within what checking a block takes (docs/performance.md)
MAX_BUCKETS = 64
# A foreign key into a resource of one block of at most this many bytes is checked in each
# block, which reads that resource's values itself (a broadcast join), with no exchange
BROADCAST_BYTES = 16 << 20


@dataclass(frozen=True)
class BucketJob:
    """One bucket of the check across rows ``name`` of ``plan``; ``offsets``: the rows
    before each of its blocks."""

    plan: ResourcePlan
    name: str
    bucket: int
    offsets: tuple[int, ...]


class Engine(Protocol):
    """Where block and bucket tasks run (``sourcecheck.run.engine``)."""

    def run_blocks(self, jobs: Sequence[BlockJob], exchanges: Sequence[str]) -> list[BlockSummary]:
        """Run every block task; keep the rows each gives for the buckets of ``exchanges``."""

    def run_buckets(self, jobs: Sequence[BucketJob]) -> list[list[Finding]]:
        """Run every bucket task on the rows the block tasks gave for it."""

    def release(self) -> None:
        """Drop the rows kept for buckets."""


def can_cut(resource: Resource) -> bool:
    """Whether ``resource`` can be validated in blocks (else it is validated whole)."""
    if not resource.usable or not splittable(resource.path, resource.descriptor.get("encoding"),
                                             resource.descriptor.get("dialect")):
        return False
    try:
        size = Path(resource.path).stat().st_size
    except OSError:
        return False  # validated whole, its finding made there
    return Path(resource.path).is_file() and size <= limits.current().file_size


def validate_in_blocks(resource: Resource, schema: SchemaFile | None, required: bool, engine: Engine,
                       block_size: int) -> list[Finding]:
    """The findings of ``resource``, its blocks and buckets run by ``engine``."""
    plan, blocks = _plan(resource, schema, block_size)
    references, reference_jobs, key_findings = _foreign_keys(resource, plan, block_size)
    plan = dataclasses.replace(plan, references=references)
    own_references = {exchange(plan, f"fk:{n}"): _names(_key(plan, n)["reference"].get("fields"))
                      for n, name in references.items() if not name}
    given = {number: _with_buckets(read[0], 1) for number, read in reference_jobs.items()
             if len(read) == 1 and read[0].block.end <= BROADCAST_BYTES}
    jobs = [BlockJob(plan, block, True, own_references, given) for block in blocks] + [
        _with_buckets(job, plan.buckets) for number, read in reference_jobs.items() if number not in given
        for job in read]
    kinds = _exchanges(plan, schema, set(given))
    try:
        summaries = engine.run_blocks(jobs, [exchange(plan, kind) for kind in kinds])[:len(blocks)]
        offsets = [0, *accumulate(summary.rows for summary in summaries)]
        broken = next((s for s in summaries if s.unreadable is not None), None)
        if broken is not None and broken.unreadable is not None:
            finding = broken.unreadable
            if broken.index and finding.row is not None and "does not decode" not in finding.message:
                finding = dataclasses.replace(finding, row=finding.row + offsets[broken.index])
            empty = TableResult(pd.DataFrame(columns=resource.fields), [finding])
            return validate_table_of(resource, empty, schema, required)
        bucket_jobs = [BucketJob(plan, exchange(plan, kind), bucket, tuple(offsets))
                       for kind in kinds for bucket in range(plan.buckets)]
        found: dict[str, list[Finding]] = {kind: [] for kind in kinds}
        for job, findings in zip(bucket_jobs, engine.run_buckets(bucket_jobs), strict=True):
            found[job.name.rpartition("#")[2]].extend(findings)
        for number in given:
            found[f"fk:{number}"] = [finding for s in summaries
                                     for finding in _shifted(s.foreign.get(number, []), offsets[s.index])]
    finally:
        engine.release()
    return _assemble(resource, plan, schema, required, summaries, offsets, found, key_findings)


def _with_buckets(job: BlockJob, buckets: int) -> BlockJob:
    return dataclasses.replace(job, plan=dataclasses.replace(job.plan, buckets=buckets))


def _plan(resource: Resource, schema: SchemaFile | None, block_size: int) -> tuple[ResourcePlan, list[Block]]:
    path = Path(resource.path)
    header, blocks = cut(path, Dialect.from_descriptor(resource.descriptor.get("dialect")).quotechar, block_size)
    plan = ResourcePlan(
        str(path), resource.display, usable_schema(resource.schema), resource.descriptor.get("encoding") or "utf-8",
        resource.descriptor.get("dialect"), header, limits.current(), schema,
        row_locators=row_locators(resource) is None, buckets=max(1, min(len(blocks), MAX_BUCKETS)))
    return plan, blocks


def _key(plan: ResourcePlan, number: int) -> dict[str, Any]:
    key: dict[str, Any] = plan.schema["foreignKeys"][number]
    return key


def _names(value: Any) -> list[str]:
    return [value] if isinstance(value, str) else [str(item) for item in value or []]


def _foreign_keys(resource: Resource, plan: ResourcePlan,
                  block_size: int) -> tuple[dict[int, str], dict[int, list[BlockJob]], dict[int, Finding]]:
    """Of each foreign key: the resource it reads when its rows are to be checked (and the
    block tasks that read it), or the finding that needs no row (as in foreignkeys.py)."""
    references: dict[int, str] = {}
    jobs: dict[int, list[BlockJob]] = {}
    findings: dict[int, Finding] = {}
    for number, key in enumerate(plan.schema.get("foreignKeys", []) or []):
        fields = _names(key.get("fields"))
        target = key.get("reference") or {}
        target_fields = _names(target.get("fields"))
        name = str(target.get("resource", "") or "")
        blamed = fields[0] if fields else None
        other = resource if not name else resource.package.resources.get(name)
        if not fields or len(fields) != len(target_fields):
            findings[number] = Finding(SC.DESCRIPTOR_INVALID, "a foreign key needs as many reference fields as "
                                       "fields", path=resource.display, field=blamed)
        elif other is None or not other.usable:
            findings[number] = Finding(SC.FOREIGN_KEY_ERROR, f"the foreign key points to resource {name!r}, which "
                                       "the package does not have", path=resource.display, field=blamed)
        elif any(f not in resource.fields for f in fields) or any(f not in other.fields for f in target_fields):
            findings[number] = Finding(SC.DESCRIPTOR_INVALID, "a foreign key names a field its resource lacks",
                                       path=resource.display, field=blamed)
        else:
            references[number] = name
            if name:
                jobs[number] = _reference_jobs(other, exchange(plan, f"fk:{number}"), target_fields, block_size)
    return references, jobs, findings


def _reference_jobs(other: Resource, name: str, fields: list[str], block_size: int) -> list[BlockJob]:
    """The block tasks that give the values of ``fields`` of ``other`` to exchange ``name``
    (none when its file cannot be read: then no value is known, as for a whole table)."""
    if not can_cut(other):
        raise NotCuttable(other.display)
    try:
        plan, blocks = _plan(other, None, block_size)
    except OSError:
        return []
    return [BlockJob(plan, block, False, {name: fields}) for block in blocks]


class NotCuttable(Exception):
    """A resource a foreign key reads cannot be read in blocks: validate this one whole."""


def _exchanges(plan: ResourcePlan, schema: SchemaFile | None, given: set[int]) -> list[str]:
    """The checks across rows of ``plan`` that exchange rows, by kind (not the foreign keys
    in ``given``)."""
    kinds = [f"unique:{spec.get('name', '')}" for spec in plan.schema.get("fields", [])
             if (spec.get("constraints") or {}).get("unique")]
    key = plan.schema.get("primaryKey") or []
    key = [key] if isinstance(key, str) else list(key)
    names = {str(spec.get("name", "")) for spec in plan.schema.get("fields", [])}
    if key and all(name in names for name in key):
        kinds.append("primary-key")
    kinds += [f"fk:{number}" for number in sorted(plan.references) if number not in given]
    if schema is not None:
        loaded = load_schema(schema)[0]
        if loaded is not None and split_schema(loaded).shared is not None:
            kinds.append("pandera")
    return kinds


def _shifted(findings: list[Finding], offset: int) -> list[Finding]:
    """A block's findings with the file's row numbers (a header's row stays row 1)."""
    if not offset:
        return findings
    return [dataclasses.replace(f, row=f.row + offset) if f.row is not None and f.row >= FIRST_DATA_ROW else f
            for f in findings]


def _assemble(resource: Resource, plan: ResourcePlan, schema: SchemaFile | None, required: bool,
              summaries: list[BlockSummary], offsets: list[int], found: dict[str, list[Finding]],
              key_findings: dict[int, Finding]) -> list[Finding]:
    """Every finding of the resource, in the order of :func:`validate_table_of`."""
    names = [str(spec.get("name", "")) for spec in plan.schema.get("fields", [])]

    def field_order(name: str | None) -> int:
        return names.index(name) if name in names else len(names)

    table = [f for s in summaries for f in _shifted(s.table, offsets[s.index])]
    table += [f for kind, findings in found.items() if kind.startswith("unique:") or kind == "primary-key"
              for f in findings]
    table.sort(key=lambda f: (f.row or 0, field_order(f.field)))
    findings = table
    for number in range(len(plan.schema.get("foreignKeys", []) or [])):
        if number in key_findings:
            findings.append(key_findings[number])
        else:
            findings += sorted(found.get(f"fk:{number}", []), key=lambda f: f.row or 0)
    without_rows = row_locators(resource)
    findings += without_rows if without_rows is not None else [
        f for s in summaries for f in _shifted(s.locators, offsets[s.index])]
    if schema is None:
        return [*findings, no_schema(resource, required)]
    loaded, problem = load_schema(schema)
    if loaded is None:
        return [*findings, *([problem] if problem is not None else [])]
    failures = _once([f for s in summaries for f in _shifted(s.pandera, offsets[s.index])] + found.get("pandera", []))
    failures.sort(key=failure_order(loaded))
    return findings + failures + _once([f for s in summaries for f in s.pandera_problems])


def _once(findings: list[Finding]) -> list[Finding]:
    """Findings without a row are about the whole table: each block finds them again."""
    seen: set[tuple[Any, ...]] = set()
    kept = []
    for finding in findings:
        if finding.row is None:
            mark = (finding.code, finding.field, finding.message)
            if mark in seen:
                continue
            seen.add(mark)
        kept.append(finding)
    return kept
