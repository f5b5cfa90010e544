"""A generated project whose large resource has errors planted at its first, a middle and
its last rows: of type, of a constraint, of a unique field, of the primary key, of a
foreign key (to another resource and to itself), of a group rule (shares that add up to
more than 100 across rows far apart), a row without its locator, and a quoted cell that
spans two lines, a blank row and a row with an extra cell in the middle."""

from __future__ import annotations

import json
from pathlib import Path

FIELDS = ["id", "parent", "region", "question", "answer", "share", "code", "locator"]

PANDERA = """\
schema_type: dataframe
api: pandas
columns:
  share:
    dtype: null
    nullable: true
    checks:
      less_than_or_equal_to: 100
checks:
  shares_add_up:
    group: question
    share: share
name: big.results
"""


def _descriptor() -> dict[str, object]:
    results = {
        "name": "results", "path": "results.csv",
        "schema": {
            "fields": [
                {"name": "id", "type": "integer", "constraints": {"required": True}},
                {"name": "parent", "type": "integer"},
                {"name": "region", "type": "integer"},
                {"name": "question", "type": "string"},
                {"name": "answer", "type": "string"},
                {"name": "share", "type": "number", "constraints": {"minimum": 0, "maximum": 100}},
                {"name": "code", "type": "string", "constraints": {"unique": True, "pattern": "[A-Z]{3}[0-9]+"}},
                {"name": "locator", "type": "string", "constraints": {"required": True}},
            ],
            "primaryKey": ["id"],
            "foreignKeys": [
                {"fields": ["region"], "reference": {"resource": "regions", "fields": ["id"]}},
                {"fields": ["parent"], "reference": {"resource": "", "fields": ["id"]}},
            ],
        },
    }
    regions = {
        "name": "regions", "path": "regions.csv",
        "schema": {"fields": [{"name": "id", "type": "integer"}, {"name": "name", "type": "string"},
                              {"name": "locator", "type": "string"}], "primaryKey": ["id"]},
    }
    return {
        "name": "big", "title": "Generated results", "publisher": "Test Institute",
        "published": "2024-01-31", "retrieved": "2026-01-01",
        "sources": [{"title": "Test Institute", "path": "https://example.org/results"}],
        "resources": [results, regions],
    }


def _row(i: int) -> list[str]:
    # four answers a question, shares 10 + 20 + 30 + 40 = 100
    return [str(i), str(max(1, i - 1)), str(i % 50), f"q{i // 4}", f"a{i % 4}", str(10 * (i % 4 + 1)),
            f"ABC{i}", f"table 1 row {i}"]


def write_project(root: Path, rows: int = 2_000) -> Path:
    """The project at ``root``: datapackages/big (results.csv of ``rows`` rows and more,
    regions.csv) and schemas/big.results.yaml."""
    package = root / "datapackages" / "big"
    package.mkdir(parents=True)
    (package / "datapackage.json").write_text(json.dumps(_descriptor(), indent=2), encoding="utf-8")
    (root / "schemas").mkdir()
    (root / "schemas" / "big.results.yaml").write_text(PANDERA, encoding="utf-8")
    (root / "pyproject.toml").write_text("[tool.sourcecheck]\nlang = \"en\"\n", encoding="utf-8")
    table = [_row(i) for i in range(rows)]
    for at in (0, rows // 2, rows - 1):
        table[at][5] = "abc"                    # type
        table[at + 1 if at + 1 < rows else at - 1][5] = "150"  # constraint
        table[at - 2][0] = table[at - 3][0]     # duplicate primary key
        table[at - 4][2] = "999"                # foreign key to regions
        table[at - 5][1] = "77777777"           # foreign key to itself
        table[at - 6][6] = table[at - 7][6]     # unique code repeated
        table[at - 8][7] = ""                   # no locator
    table[rows // 3][5] = "95"                  # its question's shares add up to 165
    table[rows - 12][5] = "99"
    middle = rows // 2 + 10
    table[middle][4] = '"a, on\ntwo lines"'   # a quoted cell of two lines
    lines = [",".join(FIELDS)] + [",".join(row) for row in table]
    lines.insert(middle + 3, "")                # a blank row
    lines[middle + 6] += ",extra"                                      # one cell too many
    (package / "results.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    regions = ["id,name,locator"] + [f"{i},region {i},list {i}" for i in range(50)]
    (package / "regions.csv").write_text("\n".join(regions) + "\n", encoding="utf-8")
    return root
