"""The checks of one block, and of one bucket of a check across rows.

A block task reads one block (:mod:`sourcecheck.sources.blocks`), runs every check that
looks at one row at a time (types, constraints, missing cells, locators, the pandera
checks of one row) and returns the findings as data, with the block's own row numbers.
For each check across rows it also returns, per bucket, the few columns that check needs
with each row's block and position: rows are put in a bucket by a hash of their key, so
that equal keys (a repeated primary key, a foreign key and the value it references, the
rows of one group) always meet in the same bucket.  A bucket task then runs that check on
its rows, numbered as in the whole file.  Neither knows where it runs.
"""

from __future__ import annotations

import pickle
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .. import limits
from ..codes import SC
from ..findings import Finding
from .blocks import Block, ResourcePlan, block_bytes
from .foreignkeys import shown_value
from .read import Dialect, UnreadableTable, decode, read_table
from .record import LOCATOR
from .schemas import schema_failures
from .splitschema import split_schema_file
from .tableschema import FIRST_DATA_ROW, check_table, fast_dtypes, missing_values

PLACE, ROW, REFERENCE = "__place", "__row", "__reference"
ROW_BITS = 32  # a row's place in a bucket: its block << ROW_BITS | its row in the block (one int64)

@dataclass(frozen=True)
class BlockJob:
    """One block of ``plan``; ``own``: check it (False: it only gives values that another
    resource's foreign keys reference); ``references``: exchange name -> the fields whose
    values it gives to that exchange; ``given``: foreign key -> the job that reads the small
    resource it references, whose values each block reads for itself (a broadcast join, no
    exchange)."""

    plan: ResourcePlan
    block: Block
    own: bool = True
    references: dict[str, list[str]] = field(default_factory=dict)
    given: dict[int, BlockJob] = field(default_factory=dict)


@dataclass
class BlockSummary:
    """What a block task gives the driver: findings and a count, never rows."""

    index: int
    rows: int = 0
    table: list[Finding] = field(default_factory=list)
    locators: list[Finding] = field(default_factory=list)
    pandera: list[Finding] = field(default_factory=list)
    pandera_problems: list[Finding] = field(default_factory=list)
    foreign: dict[int, list[Finding]] = field(default_factory=dict)  # of the keys in ``given``
    unreadable: Finding | None = None


#: the rows of one bucket of one exchange, as a block gives them: a pickled frame (None: no row)
Part = bytes | None


@dataclass
class BlockOutput:
    """What a block task gives: its summary, and per exchange one :data:`Part` a bucket.
    The parts are pickled in the block task (they are pickled anyway, to be spilled, moved
    between workers or kept in a file): bytes hold less memory than frames, say their
    size exactly, and cost nothing more to spill or send (docs/performance.md)."""

    summary: BlockSummary
    parts: dict[str, list[Part]] = field(default_factory=dict)

    def __sizeof__(self) -> int:
        """Its parts' size: what a scheduler that measures results (dask's sizeof falls back
        to this) must know to spill them to disk rather than run out of memory."""
        return object.__sizeof__(self) + sum(len(part) for parts in self.parts.values() for part in parts if part)


def exchange(plan: ResourcePlan, kind: str) -> str:
    """The name under which the rows of one check across rows of ``plan`` meet."""
    return f"{plan.display}#{kind}"


def check_block(job: BlockJob) -> BlockOutput:
    """Read and check one block (see the module's note)."""
    summary, frames = _checked_block(job)
    return BlockOutput(summary, {name: [pickle.dumps(frame, protocol=pickle.HIGHEST_PROTOCOL) if len(frame) else None
                                        for frame in buckets] for name, buckets in frames.items()})


def _checked_block(job: BlockJob) -> tuple[BlockSummary, dict[str, list[pd.DataFrame]]]:
    plan, block = job.plan, job.block
    limits.use(plan.limits)
    summary = BlockSummary(block.index)
    parts: dict[str, list[pd.DataFrame]] = {}
    data = block_bytes(plan, block)
    try:
        text = _decode(data, plan, block)
        dialect = Dialect.from_descriptor(plan.dialect)
        raw = read_table(text, data=data, encoding=plan.encoding, dialect=dialect,
                         missing_values=missing_values(plan.schema), fast_dtypes=fast_dtypes(plan.schema))
    except UnreadableTable as problem:
        summary.unreadable = Finding(problem.code, problem.message, path=plan.display, row=problem.row,
                                     details={"frictionless": "source-error"})
        return summary, parts
    table = check_table(raw, _row_schema(plan.schema), plan.display)
    summary.rows = len(table.frame)
    live = ~table.blank if table.blank is not None else np.ones(summary.rows, dtype=bool)
    for name, fields in job.references.items():
        parts[name] = _reference_parts(table.frame, fields, block.index, plan.buckets)
    if not job.own:
        return summary, parts
    first = block.index == 0
    summary.table = [f for f in table.findings if first or (f.row is not None and f.row >= FIRST_DATA_ROW)]
    summary.table += _empty_keys(plan, table.frame, live, first)
    _key_parts(parts, block.index, plan, table.frame, raw.cells, table.empty, live, set(job.given))
    for number, given in job.given.items():
        summary.foreign[number] = _given_key_findings(plan, number, given, table.frame)
    if plan.row_locators and LOCATOR in table.empty:
        empty = table.empty[LOCATOR] & live
        summary.locators = [Finding(SC.PROVENANCE_MISSING, "the row does not say where in the source its figure "
                                    "stands", path=plan.display, row=int(i) + FIRST_DATA_ROW, field=LOCATOR)
                            for i in np.flatnonzero(empty)]
    if plan.pandera is not None:
        split = split_schema_file(plan.pandera)
        if split is not None:
            summary.pandera, summary.pandera_problems = schema_failures(
                split.local, table.frame, plan.display, table.blank, FIRST_DATA_ROW)
            if split.shared is not None:
                frame = table.frame[live]
                columns = [c for c in split.columns if c in frame.columns] if split.columns else list(frame.columns)
                parts[exchange(plan, "pandera")] = _bucketed(
                    frame[columns], np.flatnonzero(live), block.index,
                    plan.buckets if split.group else 1,
                    [split.group] if split.group is not None and split.group in frame.columns else [])
    return summary, parts


def check_bucket(plan: ResourcePlan, name: str, parts: Sequence[Part],
                 offsets: Sequence[int]) -> list[Finding]:
    """The findings of one bucket of the check across rows ``name``, with the file's rows.
    ``offsets``: the rows before each block of ``plan``."""
    limits.use(plan.limits)
    # pickled by this run's block tasks (on a cluster: by the workers of the user's own cluster)
    given = [pickle.loads(part) for part in parts if part]  # noqa: S301
    if not given:
        return []
    rows = pd.concat(given, ignore_index=True)
    own = ~rows[REFERENCE].to_numpy(dtype=bool) if REFERENCE in rows.columns else np.ones(len(rows), dtype=bool)
    place = rows[PLACE].to_numpy(dtype=np.int64)
    row = np.asarray(offsets, dtype=np.int64)[place >> ROW_BITS] + (place & ((1 << ROW_BITS) - 1))
    rows = rows.drop(columns=PLACE).assign(**{ROW: np.where(own, row, -1)}).sort_values(ROW, kind="stable")
    kind = name.rpartition("#")[2]
    if kind.startswith("unique:"):
        field_name = kind.removeprefix("unique:")
        repeated = rows["value"].duplicated(keep="first")
        return [Finding(SC.UNIQUE_ERROR, f"{_show(cell)} appears in an earlier row of unique field {field_name!r}",
                        path=plan.display, row=int(row) + FIRST_DATA_ROW, field=field_name,
                        details={"frictionless": "unique-error"})
                for row, cell in zip(rows[ROW][repeated], rows["shown"][repeated], strict=True)]
    if kind == "primary-key":
        key = _key_names(plan.schema)
        repeated = rows.drop(columns=ROW).duplicated(keep="first")
        return [Finding(SC.PRIMARY_KEY_ERROR, f"the primary key ({', '.join(key)}) repeats an earlier row",
                        path=plan.display, row=int(row) + FIRST_DATA_ROW, details={"frictionless": "primary-key"})
                for row in rows[ROW][repeated]]
    if kind.startswith("fk:"):
        return _foreign_key_findings(plan, int(kind.removeprefix("fk:")), rows)
    split = split_schema_file(plan.pandera) if plan.pandera is not None else None
    if kind != "pandera" or split is None or split.shared is None:
        return []
    frame = rows.drop(columns=ROW).set_axis(pd.Index(rows[ROW].to_numpy()), axis=0)
    return schema_failures(split.shared, frame, plan.display, None, FIRST_DATA_ROW)[0]


# -- the checks of a block's rows ---------------------------------------------------------------

def _decode(data: bytes, plan: ResourcePlan, block: Block) -> str:
    """The block's text; a byte that does not decode is named by its place in the file."""
    try:
        return decode(data, plan.encoding)
    except UnreadableTable as problem:
        if block.index == 0 or problem.row is None:
            raise
        try:
            data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            start = error.start - len(plan.header)
            position, line = block.start + start, block.lines_before + data.count(b"\n", len(plan.header),
                                                                                   error.start) + 1
            raise UnreadableTable(SC.RESOURCE_UNREADABLE, f"not {plan.encoding}: byte 0x{data[error.start]:02x} at "
                                  f"byte position {position} (line {line}) does not decode; save the file as "
                                  "UTF-8 or declare its \"encoding\"", row=line) from None
        raise


def _row_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` without what compares rows with each other (uniqueness, the primary key)."""
    fields = [{**spec, "constraints": {k: v for k, v in (spec.get("constraints") or {}).items() if k != "unique"}}
              for spec in schema.get("fields", [])]
    return {**{k: v for k, v in schema.items() if k != "primaryKey"}, "fields": fields}


def _key_names(schema: dict[str, Any]) -> list[str]:
    key = schema.get("primaryKey") or []
    return [key] if isinstance(key, str) else list(key)


def _empty_keys(plan: ResourcePlan, frame: pd.DataFrame, live: np.ndarray, first: bool) -> list[Finding]:
    """What :func:`check_table` finds of the primary key within one row."""
    key = _key_names(plan.schema)
    if not key:
        return []
    unknown = [name for name in key if name not in frame.columns]
    if unknown:
        return [Finding(SC.DESCRIPTOR_INVALID, f"primaryKey names unknown field(s) {unknown}", path=plan.display,
                        field=unknown[0], details={"frictionless": "schema-error"})] if first else []
    empty = live & frame[key].isna().all(axis=1).to_numpy(dtype=bool)
    return [Finding(SC.PRIMARY_KEY_ERROR, f"the primary key ({', '.join(key)}) is empty", path=plan.display,
                    row=int(i) + FIRST_DATA_ROW, details={"frictionless": "primary-key"})
            for i in np.flatnonzero(empty)]


def _key_parts(parts: dict[str, list[pd.DataFrame]], block: int, plan: ResourcePlan, frame: pd.DataFrame,
               cells: pd.DataFrame, empty: dict[str, np.ndarray], live: np.ndarray, given: set[int]) -> None:
    """The rows each check across rows of the block's own resource needs, in buckets."""
    buckets = plan.buckets
    for position, spec in enumerate(plan.schema.get("fields", [])):
        name = str(spec.get("name", ""))
        if not (spec.get("constraints") or {}).get("unique") or name not in empty:
            continue
        rows = np.flatnonzero(live & ~empty[name])
        values = pd.DataFrame({"value": frame[name].iloc[rows].to_numpy(),
                               "shown": cells[position].iloc[rows].to_numpy()})
        parts[exchange(plan, f"unique:{name}")] = _bucketed(values, rows, block, buckets, ["value"])
    key = _key_names(plan.schema)
    if key and all(name in frame.columns for name in key):
        rows = np.flatnonzero(live & ~frame[key].isna().all(axis=1).to_numpy(dtype=bool))
        keys = frame[key].iloc[rows].set_axis([f"k{i}" for i in range(len(key))], axis=1)
        parts[exchange(plan, "primary-key")] = _bucketed(keys, rows, block, buckets, list(keys.columns))
    for number, fields in enumerate(_foreign_fields(plan)):
        if fields and number not in given and all(name in frame.columns for name in fields):
            keys, rows = _foreign_keys_of(frame, fields)
            name = exchange(plan, f"fk:{number}")
            mine = _bucketed(keys, rows, block, buckets, [f"k{i}" for i in range(len(fields))])
            known = parts.get(name)  # the values it references, when they are its own
            parts[name] = mine if known is None else [
                pd.concat([a, b], ignore_index=True) if len(b) else a for a, b in zip(mine, known, strict=True)]


def _foreign_keys_of(frame: pd.DataFrame, fields: list[str]) -> tuple[pd.DataFrame, np.ndarray]:
    """The rows of ``frame`` whose foreign key ``fields`` are all given: their values (as
    k0, k1, ...) and their positions."""
    values = frame[fields]
    rows = np.flatnonzero(values.notna().all(axis=1).to_numpy(dtype=bool))
    keys = values.iloc[rows].set_axis([f"k{i}" for i in range(len(fields))], axis=1)
    keys[REFERENCE] = False
    return keys, rows


def _given_key_findings(plan: ResourcePlan, number: int, given: BlockJob, frame: pd.DataFrame) -> list[Finding]:
    """The findings of foreign key ``number`` in a block's rows (numbered in the block), the
    values it may reference read by ``given``."""
    fields = _foreign_fields(plan)[number]
    if not fields or not all(name in frame.columns for name in fields):
        return []
    keys, rows = _foreign_keys_of(frame, fields)
    known = _given_values(given).assign(**{ROW: -1})
    return _foreign_key_findings(plan, number, pd.concat([keys.assign(**{ROW: rows}), known], ignore_index=True))


_GIVEN: dict[tuple[Any, ...], pd.DataFrame] = {}  # the values a broadcast read, by file and fields


def _given_values(job: BlockJob) -> pd.DataFrame:
    """The distinct values ``job`` gives (read once a process while its file is unchanged;
    none when it cannot be read, as when a whole table's reference cannot be read)."""
    plan = job.plan
    try:
        stat = Path(plan.path).stat()
    except OSError:
        stat = None
    # the file as it is, and as its descriptor reads it (a worker outlives a run)
    mark = (plan.path, stat and (stat.st_mtime_ns, stat.st_size),
            repr((plan.schema, plan.encoding, plan.dialect, plan.header, sorted(job.references.items()))))
    if mark not in _GIVEN:
        summary, parts = _checked_block(job)
        frames = [frame for name in job.references for frame in parts.get(name, [])]
        if len(_GIVEN) >= 8:  # a run has a few: the oldest goes
            _GIVEN.pop(next(iter(_GIVEN)))
        _GIVEN[mark] = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=[REFERENCE])
    return _GIVEN[mark]


def _foreign_fields(plan: ResourcePlan) -> list[list[str]]:
    """The fields of each foreign key that is checked (see ``plan.references``); [] if not."""
    keys = plan.schema.get("foreignKeys", []) or []
    return [_names(key.get("fields")) if number in plan.references else [] for number, key in enumerate(keys)]


def _names(value: Any) -> list[str]:
    return [value] if isinstance(value, str) else [str(item) for item in value or []]


def _reference_parts(frame: pd.DataFrame, fields: list[str], block: int, buckets: int) -> list[pd.DataFrame]:
    """The distinct values of ``fields`` (what a foreign key may reference), in buckets."""
    if not all(name in frame.columns for name in fields):
        return [pd.DataFrame() for _ in range(buckets)]
    values = frame[fields].dropna().drop_duplicates().set_axis([f"k{i}" for i in range(len(fields))], axis=1)
    values[REFERENCE] = True
    return _bucketed(values, np.zeros(len(values), dtype=np.int64), block, buckets,
                     [f"k{i}" for i in range(len(fields))])


def _bucketed(values: pd.DataFrame, rows: np.ndarray, block: int, buckets: int,
              key: list[str]) -> list[pd.DataFrame]:
    """``values`` (one row per selected row ``rows`` of the block) cut into ``buckets`` by a
    hash of the ``key`` columns (numbers hashed as floats, so that 3 and 3.0 meet)."""
    values = values.reset_index(drop=True)
    values[PLACE] = (np.int64(block) << ROW_BITS) | rows.astype(np.int64)
    if buckets <= 1 or not key or not len(values):
        return [values] + [values.iloc[:0]] * (buckets - 1)
    hashed = np.zeros(len(values), dtype=np.uint64)
    for name in key:  # each column's hash mixed in (numpy's uint64 arithmetic wraps around)
        hashed = hashed * np.uint64(0x100000001B3) ^ pd.util.hash_array(_hashable(values[name]), categorize=False)
    # few buckets: a small integer type, which numpy's stable sort sorts by radix, in one pass
    which = (hashed % np.uint64(buckets)).astype(np.int16)
    order = np.argsort(which, kind="stable")  # rows stay in their order within a bucket
    bounds = np.searchsorted(which[order], np.arange(buckets + 1))
    return [values.iloc[order[bounds[b]:bounds[b + 1]]] for b in range(buckets)]


def _hashable(column: pd.Series) -> np.ndarray:
    """The cells of a key column as what is hashed: numbers as floats (3 and 3.0 meet), the
    rest as objects, which ``hash_array`` hashes as their ``str``."""
    if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
        return column.to_numpy(dtype=np.float64, na_value=np.nan)
    return column.to_numpy(dtype=object)


def _foreign_key_findings(plan: ResourcePlan, number: int, rows: pd.DataFrame) -> list[Finding]:
    key = (plan.schema.get("foreignKeys") or [])[number]
    fields = _names(key.get("fields"))
    target = key.get("reference") or {}
    shown = f"{target.get('resource', '') or 'this resource'}.{', '.join(_names(target.get('fields')))}"
    columns = [f"k{i}" for i in range(len(fields))]
    known_rows = rows[rows[REFERENCE].astype(bool)]
    wanted = rows[~rows[REFERENCE].astype(bool)]
    if len(fields) == 1:
        known = wanted["k0"].isin(known_rows["k0"]).to_numpy(dtype=bool)
    else:
        values = pd.MultiIndex.from_frame(known_rows[columns])
        known = np.asarray(pd.MultiIndex.from_frame(wanted[columns]).isin(values))
    findings = []
    for i in np.flatnonzero(~known):
        value = tuple(wanted[columns].iloc[i]) if len(fields) > 1 else wanted["k0"].iloc[i]
        findings.append(Finding(SC.FOREIGN_KEY_ERROR, f"{shown_value(value)} is not a value of {shown}",
                                path=plan.display,
                                row=int(wanted[ROW].iloc[i]) + FIRST_DATA_ROW, field=fields[0],
                                details={"frictionless": "foreign-key"}))
    return findings


def _show(cell: Any) -> str:
    text = "" if cell is None or (isinstance(cell, float) and np.isnan(cell)) else str(cell)
    return repr(text if len(text) <= 40 else text[:37] + "...")
