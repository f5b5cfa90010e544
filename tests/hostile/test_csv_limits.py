"""A CSV costs memory in proportion to its size, and every limit on it is a finding
(issue 15: a 550 KB CSV with one row of 30,000 cells took 10 GB when ragged rows were
padded to the widest row).

Each run that could blow up runs ``sourcecheck validate`` in a child process with a cap
on its address space and on its time; the child reports its peak resident memory.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sourcecheck.cli import main
from sources import package_builder  # tests/sources/package_builder.py

CSV = "answers.csv"
MEMORY = 1536 << 20  # bytes of address space for a child: the ragged case took 10 GB before
TIMEOUT = 60  # seconds for a child (the ragged case took 100 s before; it takes about 2 now)
PEAK_RSS = 400 << 20  # a validate of a CSV of half a megabyte needs far less (imports included)
SCHEMA = {"fields": [{"name": "id", "type": "integer"}, {"name": "answer", "type": "string"},
                     {"name": "share", "type": "number"}]}

_CHILD = """\
import resource, sys
cap = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
from sourcecheck.cli import main
try:
    code = main(sys.argv[2:])
finally:
    # VmHWM is this program's own peak; ru_maxrss keeps the forking parent's (pytest's) after exec
    with open("/proc/self/status") as status:
        peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) * 1024
    print(f"peak-rss {peak}", file=sys.stderr)
sys.exit(code)
"""


def project(root: Path, csv: str | bytes, *, limits: str = "") -> Path:
    """One package (datapackages/demo, resource answers.csv with three fields) and a
    pyproject.toml setting ``limits`` (lines of ``[tool.sourcecheck.limits]``)."""
    descriptor = json.dumps(package_builder.descriptor(schema=SCHEMA), separators=(",", ":"))
    package_builder.make_project(root, csv=csv, descriptor_text=descriptor)
    config = "[tool.sourcecheck]\n" + (f"[tool.sourcecheck.limits]\n{limits}\n" if limits else "")
    (root / "pyproject.toml").write_text(config, encoding="utf-8")
    return root


def rows(count: int, start: int = 1) -> list[str]:
    return [f"{i},the answer {i % 7},{i % 100}.5" for i in range(start, start + count)]


def ragged_csv() -> str:
    """About 550 KB: 20,000 rows of 3 cells and, in the middle, one row of 30,000 cells."""
    lines = ["id,answer,share", *rows(10_000), ",".join(["x"] * 30_000), *rows(10_000, 10_001)]
    return "\n".join(lines) + "\n"


def run_child(*argv: str) -> tuple[int, str, int]:
    """``main(argv)`` in a child process under the caps: exit code, output, peak RSS."""
    try:
        done = subprocess.run([sys.executable, "-c", _CHILD, str(MEMORY), *argv], capture_output=True,
                              text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{' '.join(argv)}: no answer within {TIMEOUT} s")
    output = done.stdout + done.stderr
    assert "Traceback" not in output and "MemoryError" not in output, output[-3000:]
    peak = re.search(r"peak-rss (\d+)", done.stderr)
    assert peak, output[-3000:]
    return done.returncode, output, int(peak.group(1))


def run_here(*argv: str) -> tuple[int, str]:
    """``main(argv)`` in this process (for what is small): exit code and output."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = main(list(argv))
    return code, out.getvalue()


def finding(output: str, row: int, code: str = "SC") -> str:
    """The (first) finding line of answers.csv at ``row`` with ``code``: path:row[:field]: CODE message."""
    lines = [line for line in output.splitlines() if f"{CSV}:{row}:" in line and code in line]
    assert lines, output[-3000:]
    return lines[0]


def test_the_ragged_csv_is_a_finding_in_bounded_memory(tmp_path):
    root = project(tmp_path / "p", ragged_csv())
    assert 500_000 < (root / "datapackages/demo" / CSV).stat().st_size < 600_000
    code, output, peak = run_child("validate", str(root))
    assert code == 1, output[-3000:]
    line = finding(output, 10_002)
    assert "30,000 cells" in line and "row-cells" in line, line
    assert peak < PEAK_RSS, f"peak RSS {peak >> 20} MiB"


def test_a_wide_row_within_the_limit_is_read_as_it_is(tmp_path):
    """With row-cells raised, the row of 30,000 cells is an extra-cell finding; the other
    rows are not padded to its width."""
    root = project(tmp_path / "p", ragged_csv(), limits="row-cells = 100000")
    code, output, peak = run_child("validate", str(root))
    assert code == 1, output[-3000:]
    line = finding(output, 10_002, "SC113")
    assert "29997 more cells" in line, line
    assert peak < PEAK_RSS, f"peak RSS {peak >> 20} MiB"


def test_short_rows_under_a_wide_header_are_a_finding_in_bounded_memory(tmp_path):
    """The mirror case: a header of 5,000 cells over 20,000 rows of one cell (120 KB) would
    be padded to 100 million cells, each a missing-cell finding."""
    header = ",".join(f"c{i}" for i in range(5_000))
    root = project(tmp_path / "p", header + "\n" + "1\n" * 20_000)
    code, output, peak = run_child("validate", str(root))
    assert code == 1, output[-3000:]
    line = finding(output, 2)
    assert "SC103" in line and "missing" in line, line
    assert peak < PEAK_RSS, f"peak RSS {peak >> 20} MiB"


def test_a_row_over_row_cells_is_a_finding(tmp_path):
    csv = "id,answer,share\n1,yes,40.2\n2,no,59.8,a,b,c,d,e\n3,maybe,0\n"
    root = project(tmp_path / "p", csv, limits="row-cells = 5")
    code, output = run_here("validate", str(root))
    assert code == 1, output
    line = finding(output, 3)
    assert "SC103" in line and "8 cells" in line and "row-cells" in line, line


def test_a_header_over_row_cells_is_a_finding(tmp_path):
    csv = "id,answer,share,a,b,c\n1,yes,40.2\n"
    root = project(tmp_path / "p", csv, limits="row-cells = 5")
    code, output = run_here("validate", str(root))
    assert code == 1, output
    line = finding(output, 1)
    assert "SC103" in line and "6 cells" in line and "row-cells" in line, line


def test_a_line_over_line_length_is_a_finding(tmp_path):
    csv = "id,answer,share\n1,yes,40.2\n2," + "n" * 200 + ",59.8\n3,maybe,0\n"
    root = project(tmp_path / "p", csv, limits="line-length = 100")
    code, output = run_here("validate", str(root))
    assert code == 1, output
    line = finding(output, 3)
    assert "SC103" in line and "line-length" in line and "100 characters" in line, line


def test_a_line_at_line_length_is_read(tmp_path):
    cell = "n" * (100 - len("2,,59.8"))
    csv = f"id,answer,share\n1,yes,40.2\n2,{cell},59.8\n"
    root = project(tmp_path / "p", csv, limits="line-length = 100")
    _, output = run_here("validate", str(root))
    assert "SC103" not in output and "line-length" not in output, output


def test_a_csv_over_file_size_is_a_finding(tmp_path):
    csv = "id,answer,share\n" + "\n".join(rows(100)) + "\n"
    root = project(tmp_path / "p", csv, limits="file-size = 1000")
    assert (root / "datapackages/demo" / CSV).stat().st_size > 1000
    code, output = run_here("validate", str(root))
    assert code == 1, output
    lines = [line for line in output.splitlines() if f"{CSV}:" in line and "SC103" in line]
    assert lines, output
    assert "over the limit of 1,000" in lines[0] and "file-size" in lines[0], lines[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_csv_that_is_a_fifo_is_a_finding_without_hanging(tmp_path):
    root = project(tmp_path / "p", "id,answer,share\n1,yes,40.2\n")
    path = root / "datapackages/demo" / CSV
    path.unlink()
    os.mkfifo(path)
    code, output, _ = run_child("validate", str(root))
    assert code == 1, output[-3000:]
    lines = [line for line in output.splitlines() if f"{CSV}:" in line and "SC103" in line]
    assert lines and "not a regular file" in lines[0], output[-3000:]
