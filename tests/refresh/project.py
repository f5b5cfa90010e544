"""A small project whose one resource comes from an upstream: an article, its ledger with
one claim on the resource, the data package (demo/answers) and its pandera schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sources import package_builder  # tests/sources/package_builder.py

CSV = package_builder.CSV.encode()
REVISED = CSV.replace(b"1,yes,40.2", b"1,yes,41.5").replace(b"2,no,59.8", b"2,no,58.5")
ARTICLE = "In the poll, 40.2% said yes to the plan.\n"
LEDGER = """\
claims:
  - id: yes-share
    anchor:
      prefix: "In the poll, "
      exact: "40.2%"
      suffix: " said yes"
    source:
      package: demo
      resource: answers
      key: 1
      field: share
      value: "40.2"
"""


def make(root: Path, upstream: Any, **resource: Any) -> Path:
    """The project at ``root``, its resource's ``upstream`` as given."""
    package_builder.make_project(root, upstream=upstream, **resource)
    article = root / "articles" / "poll"
    article.mkdir(parents=True)
    (article / "article.en.txt").write_text(ARTICLE, encoding="utf-8")
    (article / "claims.yaml").write_text(LEDGER, encoding="utf-8")
    return root


def descriptor(root: Path) -> dict[str, Any]:
    result: dict[str, Any] = json.loads((root / package_builder.PACKAGE_JSON).read_text(encoding="utf-8"))
    return result


def resource(root: Path) -> dict[str, Any]:
    found: dict[str, Any] = descriptor(root)["resources"][0]
    return found


def limit(root: Path, **limits: int) -> None:
    """Set ``[tool.sourcecheck.limits]`` of the project."""
    lines = ["[tool.sourcecheck.limits]"] + [f"{name.replace('_', '-')} = {value}" for name, value in limits.items()]
    (root / "pyproject.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
