"""How fast is ``sourcecheck validate`` on one million rows?

Generates, in a temporary folder, a project with one data package whose resource
has 1,000,000 rows and a Table Schema (typed columns with constraints and a
primary key) plus a pandera YAML schema, then times in this one process:

* frictionless: ``frictionless.validate`` (the Python API; the ``frictionless
  validate`` command runs the same code) on the resource with its Table Schema;
* pandas + pandera: ``pandas.read_csv`` and a pandera ``DataFrameSchema`` checking
  the same types and constraints (lazy);
* sourcecheck: ``sourcecheck.data.validate`` on the project (reading, Table
  Schema checks, the pandera YAML schema, provenance).

It prints the median of each (frictionless runs fewer times: it is slow) and the
ratios.  Targets (issue 2): sourcecheck at least 20 times faster than frictionless,
and at most 1.5 times pandas + pandera.

    python benchmarks/validate.py [--rows N] [--runs N] [--frictionless-runs N]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
from timing import median_seconds

REGIONS = ["north", "south", "east", "west", "centre"]

SCHEMA = {
    "fields": [
        {"name": "id", "type": "integer", "constraints": {"required": True}},
        {"name": "region", "type": "string", "constraints": {"required": True, "enum": REGIONS}},
        {"name": "share", "type": "number", "constraints": {"minimum": 0, "maximum": 100}},
        {"name": "count", "type": "integer", "constraints": {"minimum": 0}},
        {"name": "published", "type": "date"},
        {"name": "locator", "type": "string", "constraints": {"required": True}},
    ],
    "primaryKey": ["id"],
}

# The statistical rule both pandera runs share: no count above ten million.
PANDERA_YAML = """\
schema_type: dataframe
api: pandas
columns:
  count:
    dtype: null
    nullable: true
    checks:
      less_than_or_equal_to: 10000000
name: bench.table
"""


def make_project(folder: Path, rows: int) -> Path:
    """Write the project (datapackages/bench + schemas/) and return the CSV path."""
    rng = np.random.default_rng(2024)
    frame = pd.DataFrame({
        "id": np.arange(1, rows + 1),
        "region": rng.choice(REGIONS, rows),
        "share": (rng.random(rows) * 100).round(1),
        "count": rng.integers(0, 100_000, rows),
        "published": pd.Timestamp("2024-01-01")
        + pd.to_timedelta(rng.integers(0, 365, rows), unit="D"),
        "locator": "table 1, page " + pd.Series(rng.integers(1, 300, rows)).astype(str),
    })
    package = folder / "datapackages" / "bench"
    package.mkdir(parents=True)
    csv = package / "table.csv"
    frame.to_csv(csv, index=False, date_format="%Y-%m-%d")
    descriptor = {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": "bench", "title": "Benchmark", "publisher": "sourcecheck",
        "retrieved": "2026-01-01",
        "sources": [{"title": "generated", "path": "https://example.org/bench"}],
        "resources": [{"name": "table", "path": "table.csv", "schema": SCHEMA}],
    }
    (package / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    (folder / "schemas").mkdir()
    (folder / "schemas" / "bench.table.yaml").write_text(PANDERA_YAML, encoding="utf-8")
    return csv


def run_frictionless(csv: Path) -> None:
    import frictionless

    resource = frictionless.Resource(path=csv.name, basepath=str(csv.parent),
                                     schema=frictionless.Schema.from_descriptor(SCHEMA))
    report = frictionless.validate(resource, limit_errors=10**9)
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type"])[:5]


def pandas_pandera(csv: Path) -> Callable[[], None]:
    import pandera.pandas as pa

    schema = pa.DataFrameSchema({
        "id": pa.Column(int, unique=True),
        "region": pa.Column(str, pa.Check.isin(REGIONS)),
        "share": pa.Column(float, pa.Check.in_range(0, 100), nullable=True),
        "count": pa.Column(int, [pa.Check.ge(0), pa.Check.le(10_000_000)], nullable=True),
        "published": pa.Column("datetime64[ns]", nullable=True),
        "locator": pa.Column(str),
    })

    def run() -> None:
        frame = pd.read_csv(csv, parse_dates=["published"], date_format="%Y-%m-%d")
        schema.validate(frame, lazy=True)
    return run


def run_sourcecheck(project: Path) -> None:
    from sourcecheck.run.validate import validate

    report = validate(project)
    assert report.valid, [f"{f.location}: {f.code} {f.message}" for f in report.findings[:5]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--frictionless-runs", type=int, default=1)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temp:
        project = Path(temp)
        csv = make_project(project, args.rows)
        size = csv.stat().st_size / 1e6
        print(f"{args.rows:,} rows, {len(SCHEMA['fields'])} columns, {size:.0f} MB")
        # one warm-up each, so imports and first-use caches are not timed
        pandera_run = pandas_pandera(csv)
        pandera_run()
        run_sourcecheck(project)
        ours = median_seconds(lambda: run_sourcecheck(project), args.runs)
        baseline = median_seconds(pandera_run, args.runs)
        slow = median_seconds(lambda: run_frictionless(csv), args.frictionless_runs) \
            if args.frictionless_runs else float("nan")
    print(f"frictionless validate (Python API)  median of {args.frictionless_runs}: {slow:8.3f} s")
    print(f"pandas.read_csv + pandera           median of {args.runs}: {baseline:8.3f} s")
    print(f"sourcecheck validate                median of {args.runs}: {ours:8.3f} s")
    print(f"frictionless / sourcecheck: {slow / ours:6.1f}x faster   (target >= 20)")
    print(f"sourcecheck / pandas+pandera: {ours / baseline:5.2f}x       (target <= 1.5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
