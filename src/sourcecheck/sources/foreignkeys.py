"""Foreign keys: every key value must be a row of the referenced resource.

Checked with set lookups over whole columns (``isin``), not row by row.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from ..codes import SC
from ..findings import Finding

# Given a resource name of the same package ("" for the resource itself), its typed
# frame, or None when the package has no such resource.
FrameLookup = Callable[[str], "pd.DataFrame | None"]


def check_foreign_keys(frame: pd.DataFrame, schema: dict[str, Any], *, display: str,
                       first_row: int, reference: FrameLookup) -> list[Finding]:
    """SC124 for every row whose foreign key matches no row of the referenced resource.

    A row with any key cell empty is not checked (as in frictionless).
    """
    findings: list[Finding] = []
    for key in schema.get("foreignKeys", []) or []:
        if isinstance(key, dict):
            findings.extend(_check_one(frame, key, display, first_row, reference))
    return findings


def _names(value: Any) -> list[str]:
    return [value] if isinstance(value, str) else [str(item) for item in value or []]


def _check_one(frame: pd.DataFrame, key: dict[str, Any], display: str, first_row: int,
               reference: FrameLookup) -> list[Finding]:
    fields = _names(key.get("fields"))
    target = key.get("reference") or {}
    target_fields = _names(target.get("fields"))
    target_name = str(target.get("resource", "") or "")
    blamed = fields[0] if fields else None
    if not fields or len(fields) != len(target_fields):
        return [Finding(SC.DESCRIPTOR_INVALID, "a foreign key needs as many reference fields as fields",
                        path=display, field=blamed)]
    other = reference(target_name)
    if other is None:
        return [Finding(SC.FOREIGN_KEY_ERROR, f"the foreign key points to resource {target_name!r}, which "
                        "the package does not have", path=display, field=blamed)]
    if any(name not in frame.columns for name in fields) or any(
            name not in other.columns for name in target_fields):
        return [Finding(SC.DESCRIPTOR_INVALID, "a foreign key names a field its resource lacks",
                        path=display, field=blamed)]
    values = frame[fields]
    complete = values.notna().all(axis=1).to_numpy(dtype=bool)
    if len(fields) == 1:
        known = values[fields[0]].isin(other[target_fields[0]].dropna()).to_numpy(dtype=bool)
    else:
        wanted = pd.MultiIndex.from_frame(values)
        known = np.asarray(wanted.isin(pd.MultiIndex.from_frame(other[target_fields])))
    shown = f"{target_name or 'this resource'}.{', '.join(target_fields)}"
    findings = []
    for i in np.flatnonzero(complete & ~known):
        position = int(i)
        value = tuple(values.iloc[position]) if len(fields) > 1 else values.iloc[position, 0]
        findings.append(Finding(SC.FOREIGN_KEY_ERROR, f"{shown_value(value)} is not a value of {shown}", path=display,
                                row=position + first_row, field=fields[0],
                                details={"frictionless": "foreign-key"}))
    return findings


def shown_value(value: Any) -> str:
    """A key's value as a finding shows it: the repr of the plain Python value (999, 'a',
    (1, 'b')), not numpy's (np.int64(999))."""
    if isinstance(value, tuple):
        return repr(tuple(part.item() if isinstance(part, np.generic) else part for part in value))
    return repr(value.item() if isinstance(value, np.generic) else value)
