"""Issue 2's "done when": the bundled packages validate, and a copy with one share set
to 140 or one vote count made negative fails, naming the file, row and field."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sourcecheck.cli import main

ROOT = Path(__file__).resolve().parents[2]


def test_the_repository_validates_clean():
    result = subprocess.run([sys.executable, "-m", "sourcecheck", "validate"], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert (result.returncode, result.stderr) == (0, ""), result.stdout
    assert result.stdout.strip() == "0 findings, 0 failing"


def copy_project(target: Path) -> Path:
    for name in ("datapackages", "schemas"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "pyproject.toml", target / "pyproject.toml")
    return target


def first_resource_with(project: Path, field: str) -> Path:
    """The CSV of the first bundled resource that has ``field`` (read from the descriptors)."""
    for descriptor in sorted((project / "datapackages").glob("*/datapackage.json")):
        for resource in json.loads(descriptor.read_text(encoding="utf-8"))["resources"]:
            if field in [spec["name"] for spec in resource["schema"]["fields"]]:
                return descriptor.parent / resource["path"]
    raise AssertionError(f"no bundled resource has a {field!r} column")


def mutate(path: Path, field: str, change) -> int:
    """Change the first non-empty ``field`` cell; return its row number (header = 1)."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    column = rows[0].index(field)
    row = next(i for i, cells in enumerate(rows) if i and cells[column])
    rows[row][column] = change(rows[row][column])
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return row + 1


@pytest.mark.parametrize(("field", "change"), [
    ("share", lambda cell: "140"),
    ("votes", lambda cell: "-" + cell),
])
def test_a_broken_copy_fails_naming_file_row_and_field(tmp_path, capsys, field, change):
    project = copy_project(tmp_path)
    path = first_resource_with(project, field)
    row = mutate(path, field, change)
    code = main(["validate", str(project)])
    out, err = capsys.readouterr()
    assert (code, err) == (1, "")
    where = f"{path.relative_to(project)}:{row}:{field}: "
    failing = [line for line in out.splitlines() if line.startswith(where)]
    assert failing, out
    assert any(" SC121 " in line for line in failing)  # the Table Schema's range
    code = main(["validate", str(project), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 1 and report["valid"] is False
    assert {(f["path"], f["row"], f["field"]) for f in report["findings"]} >= {
        (str(path.relative_to(project)), row, field)}
