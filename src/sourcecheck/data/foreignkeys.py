"""Foreign keys between the resources of one package, checked with set lookups."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..findings import Finding
from .tableschema import FIRST_DATA_ROW

if TYPE_CHECKING:
    from .package import Resource


def check_foreign_keys(resource: Resource) -> list[Finding]:
    """SC124 for every row whose foreign key matches no row of the referenced resource.

    A row with any key cell empty is not checked (as in frictionless).  The
    reference is this resource when ``reference.resource`` is ``""``.
    """
    findings: list[Finding] = []
    for key in resource.schema.get("foreignKeys", []) or []:
        findings.extend(_check_one(resource, key))
    return findings


def _names(value: Any) -> list[str]:
    return [value] if isinstance(value, str) else [str(item) for item in value or []]


def _check_one(resource: Resource, key: dict[str, Any]) -> list[Finding]:
    fields = _names(key.get("fields"))
    reference = key.get("reference") or {}
    target_fields = _names(reference.get("fields"))
    target_name = reference.get("resource", "")
    target = resource if target_name in ("", None) else resource.package.resources.get(target_name)
    where = dict(path=resource.display, field=fields[0] if fields else None)
    if not fields or len(fields) != len(target_fields):
        return [Finding("SC101", "a foreign key needs as many reference fields as fields",
                        **where)]
    if target is None:
        return [Finding("SC124", f"the foreign key points to resource {target_name!r}, which "
                        "the package does not have", **where)]
    frame, other = resource.frame, target.frame
    if any(name not in frame.columns for name in fields) or any(
            name not in other.columns for name in target_fields):
        return [Finding("SC101", "a foreign key names a field its resource lacks", **where)]
    values = frame[fields]
    complete = values.notna().all(axis=1).to_numpy(dtype=bool)
    if len(fields) == 1:
        known = values[fields[0]].isin(other[target_fields[0]].dropna())
    else:
        wanted = pd.MultiIndex.from_frame(values)
        known = pd.Series(wanted.isin(pd.MultiIndex.from_frame(other[target_fields])),
                          index=values.index)
    broken = complete & ~known.to_numpy(dtype=bool)
    shown = f"{target_name or resource.name}.{', '.join(target_fields)}"
    return [
        Finding("SC124", f"{tuple(values.iloc[i]) if len(fields) > 1 else values.iloc[i, 0]!r} "
                f"is not a value of {shown}", path=resource.display,
                row=int(i) + FIRST_DATA_ROW, field=fields[0],
                details={"frictionless": "foreign-key"})
        for i in np.flatnonzero(broken)
    ]
