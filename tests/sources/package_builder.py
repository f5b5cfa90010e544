"""Builds small projects with one data package in a temporary folder, for tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SCHEMA: dict[str, Any] = {
    "fields": [
        {"name": "id", "type": "integer", "constraints": {"required": True}},
        {"name": "answer", "type": "string"},
        {"name": "share", "type": "number", "constraints": {"minimum": 0, "maximum": 100}},
        {"name": "locator", "type": "string", "constraints": {"required": True}},
    ],
    "primaryKey": ["id"],
}

CSV = "id,answer,share,locator\n1,yes,40.2,page 3\n2,no,59.8,page 3\n"

PANDERA = """\
schema_type: dataframe
api: pandas
columns:
  share:
    dtype: null
    nullable: true
    checks:
      less_than_or_equal_to: 100
name: demo.answers
"""


def descriptor(**resource: Any) -> dict[str, Any]:
    entry = {"name": "answers", "path": "answers.csv", "schema": SCHEMA, **resource}
    return {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": "demo",
        "title": "A demo poll",
        "publisher": "Test Institute",
        "published": "2024-01-31",
        "retrieved": "2026-01-01",
        "sources": [{"title": "Test Institute", "path": "https://example.org/poll"}],
        "resources": [entry],
    }


def make_project(root: Path, *, csv: str | bytes | None = CSV, pandera: str | None = PANDERA,
                 descriptor_text: str | None = None, **resource: Any) -> Path:
    """A project at ``root``: datapackages/demo (one resource, answers.csv) and its
    pandera schema.  ``csv=None`` writes no CSV; keyword arguments override the
    resource's descriptor entry; ``descriptor_text`` replaces the whole descriptor."""
    package = root / "datapackages" / "demo"
    package.mkdir(parents=True)
    text = descriptor_text if descriptor_text is not None else json.dumps(
        descriptor(**resource), indent=2)
    (package / "datapackage.json").write_text(text, encoding="utf-8")
    if csv is not None:
        data = csv.encode("utf-8") if isinstance(csv, str) else csv
        (package / "answers.csv").write_bytes(data)
    (root / "schemas").mkdir()
    if pandera is not None:
        (root / "schemas" / "demo.answers.yaml").write_text(pandera, encoding="utf-8")
    return root


PACKAGE_CSV = "datapackages/demo/answers.csv"
PACKAGE_JSON = "datapackages/demo/datapackage.json"
