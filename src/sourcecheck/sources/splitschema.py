"""A pandera schema split into the checks that judge each row on its own, which run per
block (sources/partition.py), and the rest (a group-by, a column's uniqueness, a rule over
several rows), which run on the rows brought together in buckets."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .schemas import SchemaFile, load_schema

# pandera checks that judge each row on its own
ROW_CHECKS = frozenset({
    "equal_to", "not_equal_to", "greater_than", "greater_than_or_equal_to", "less_than",
    "less_than_or_equal_to", "in_range", "isin", "notin", "str_matches", "str_contains",
    "str_startswith", "str_endswith", "str_length",
    "counts_are_whole", "fieldwork_before_publication", "range_ordered",
})
GROUPED_RULE = "shares_add_up"  # a rule within groups: its bucket is the group's


@dataclass
class SplitSchema:
    local: Any                  # every check of one row, and the columns' types
    shared: Any | None          # the checks across rows, or None
    columns: list[str]          # the columns ``shared`` reads ([]: all)
    group: str | None           # the column whose value names a row's bucket (None: one bucket)


@lru_cache(maxsize=64)
def _loaded(path: Path, stamp: tuple[int, int]) -> Any:
    return load_schema(SchemaFile(path, str(path), "", ""))[0]


def split_schema_file(schema: SchemaFile) -> SplitSchema | None:
    """The schema of ``schema``, split (loaded once while its file is unchanged); None when
    it does not load."""
    stat = schema.path.stat()
    loaded = _loaded(schema.path, (stat.st_mtime_ns, stat.st_size))
    return None if loaded is None else split_schema(loaded)


def split_schema(loaded: Any) -> SplitSchema:
    """``loaded`` as the checks of one row (run per block) and those across rows."""
    local, shared = copy.copy(loaded), copy.copy(loaded)
    local.checks = [check for check in loaded.checks if _of_one_row(check)]
    shared.checks = [check for check in loaded.checks if not _of_one_row(check)]
    local.unique, shared.strict, shared.coerce = None, False, False
    local_columns, shared_columns = {}, {}
    for name, column in loaded.columns.items():
        own, other = copy.copy(column), copy.copy(column)
        own.checks = [check for check in column.checks if _of_one_row(check)]
        other.checks = [check for check in column.checks if not _of_one_row(check)]
        own.unique = False
        local_columns[name] = own
        if other.checks or column.unique:
            other.dtype, other.nullable, other.required, other.coerce = None, True, False, False
            shared_columns[name] = other
    local.columns, shared.columns = local_columns, shared_columns
    if not shared.checks and not shared_columns and not loaded.unique:
        return SplitSchema(local, None, [], None)
    unique = loaded.unique
    columns: list[str] = [str(name) for name in shared_columns] + (
        [unique] if isinstance(unique, str) else [str(name) for name in unique or []])
    group: str | None = None
    for check in shared.checks:
        statistics = getattr(check, "statistics", None) or {}
        if check.name not in (GROUPED_RULE, "votes_within_ballots", "ranks_follow_values"):
            return SplitSchema(local, shared, [], None)  # a check of any column: every column
        columns += [str(value) for key, value in statistics.items() if isinstance(value, str)
                    and key not in ("order",)]
    groups = {str((getattr(c, "statistics", None) or {}).get("group", "question")) for c in shared.checks}
    if all(check.name == GROUPED_RULE for check in shared.checks) and not shared_columns and not loaded.unique \
            and len(groups) == 1:
        group = groups.pop()
    defaults = {"question", "share", "bound", "kind", "votes", "rank_lowest"}
    return SplitSchema(local, shared, sorted(set(columns) | defaults), group)


def _of_one_row(check: Any) -> bool:
    return getattr(check, "groupby", None) is None and (
        check.name in ROW_CHECKS or bool(getattr(check, "element_wise", False)))
