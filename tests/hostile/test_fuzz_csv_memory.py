"""Hypothesis fuzzing of the CSV reader for memory: wide, ragged, long-line and otherwise
pathological CSVs are read (``sources.read.read_table``) and checked
(``sources.table.check_csv``) in memory proportional to their size, ending in findings
or UnreadableTable, never in a crash.

The fuzzing runs in a child process (this file run as a script) with a cap on its
address space and on its time: a reader that pads ragged rows to the widest row, or
short rows to a very wide header, dies of MemoryError there instead of taking the
machine.  Large inputs are built by repeating small drawn parts, so that they cost
hypothesis little.
"""

from __future__ import annotations

import dataclasses
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from sourcecheck import limits
from sourcecheck.sources.read import PADDING_ALLOWANCE, Dialect, RawTable, UnreadableTable, read_table
from sourcecheck.sources.table import check_csv

MEMORY = 1536 << 20  # bytes of address space for the child
TIMEOUT = 90  # seconds for the child (it takes about 15)
EXAMPLES = 60
SIZE = 2_000_000  # characters of the repeated rows, at most

CELL = st.text(alphabet=st.sampled_from(['x', '1', '.', ' ', ',', ';', '"', "'", '\\', '\n', '\r', '\x00', 'é']),
               max_size=6)
DIALECTS = st.sampled_from([Dialect(), Dialect(delimiter=";"), Dialect(quotechar="'"), Dialect(header_row=2),
                            Dialect(escapechar="\\"), Dialect(skip_initial_space=True)])
MISSING = st.sampled_from([[""], ["", "NA"], [], {-1: [""], 0: ["x"]}])
FAST = st.sampled_from([{}, {0: "Int64"}, {0: "Int64", 1: "Float64", 2: "Int64"}])


@st.composite
def csv_texts(draw: st.DrawFn) -> str:
    """A header, a block of rows repeated many times, and now and then one wide row, one
    very long line, an open quote at the end, or many blank lines."""
    width = draw(st.sampled_from([1, 2, 3, 7, 12, 300, 5_000]))
    header = ",".join(f"c{i}" for i in range(width))
    block = []
    for _ in range(draw(st.integers(1, 6))):
        cells = draw(st.one_of(st.just(width), st.integers(0, width + 3), st.integers(0, 40)))
        filler = draw(CELL)
        block.append(",".join([filler] * cells))
    size = sum(len(row) + 1 for row in block)
    rows = block * min(draw(st.sampled_from([1, 10, 1_000, 20_000])), max(1, SIZE // size))
    where = draw(st.integers(0, len(rows)))
    shape = draw(st.sampled_from(["plain", "wide-row", "long-line", "open-quote", "blank-lines", "cr-only"]))
    if shape == "wide-row":
        rows.insert(where, ",".join(["x"] * draw(st.sampled_from([30_000, 200_000]))))
    elif shape == "long-line":
        rows.insert(where, "y" * draw(st.sampled_from([200_000, 5_000_000])))
    elif shape == "open-quote":
        rows.append('"' + "z" * draw(st.integers(0, 1_000)))
    elif shape == "blank-lines":
        rows[where:where] = [""] * 50_000
    text = "\n".join([header, *rows]) + draw(st.sampled_from(["", "\n"]))
    return text.replace("\n", "\r") if shape == "cr-only" else text


LIMITS = st.sampled_from([
    limits.DEFAULT,
    dataclasses.replace(limits.DEFAULT, row_cells=1_000_000),
    dataclasses.replace(limits.DEFAULT, row_cells=50, line_length=1_000, file_size=100_000),
])


def _bounded(raw: RawTable, text: str) -> None:
    """The frame holds no more cells than 8 a character (a narrow header pads at most so
    many) plus the padding allowance, and only the header's columns."""
    assert raw.cells.shape[1] == len(raw.labels)
    assert raw.cells.size <= 8 * (len(text) + 1) + PADDING_ALLOWANCE, (raw.cells.shape, len(text))
    if raw.cell_counts is not None:
        assert len(raw.cell_counts) == len(raw.cells)


@settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True)
@given(text=csv_texts(), dialect=DIALECTS, missing=MISSING, fast=FAST, limit=LIMITS)
@example(text="id,answer,share\n" + "1,a,2\n" * 10_000 + ",".join(["x"] * 30_000) + "\n" + "1,a,2\n" * 10_000,
         dialect=Dialect(), missing=[""], fast={}, limit=dataclasses.replace(limits.DEFAULT, row_cells=100_000))
@example(text=",".join(f"c{i}" for i in range(5_000)) + "\n" + "1\n" * 20_000,
         dialect=Dialect(), missing=[""], fast={0: "Int64"}, limit=limits.DEFAULT)
@example(text="a,b\n" + "x" * 5_000_000 + "\n", dialect=Dialect(), missing=[""], fast={}, limit=limits.DEFAULT)
def fuzz(text: str, dialect: Dialect, missing: list[str] | dict[int, list[str]], fast: dict[int, str],
         limit: limits.Limits) -> None:
    limits._current = limit  # what limits.apply does for a project
    try:
        raw = read_table(text, dialect=dialect, missing_values=missing, fast_dtypes=fast)
    except UnreadableTable as problem:
        assert problem.code.startswith("SC1") and problem.message
    else:
        _bounded(raw, text)
    schema = {"fields": [{"name": "c0", "type": "integer"}, {"name": "c1", "type": "number"},
                         {"name": "c2", "type": "string", "constraints": {"required": True}}]}
    descriptor = {key: value for key, value in [("delimiter", dialect.delimiter), ("quoteChar", dialect.quotechar),
                                                ("escapeChar", dialect.escapechar),
                                                ("skipInitialSpace", dialect.skip_initial_space),
                                                ("headerRows", [dialect.header_row])] if value is not None}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "table.csv"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        result = check_csv(path, schema, display="table.csv", dialect=descriptor)
    assert all(finding.path == "table.csv" for finding in result.findings)
    assert len(result.frame.columns) == 3


def test_the_csv_reader_stays_within_memory_and_time() -> None:
    """Run :func:`fuzz` in a child process with at most MEMORY bytes and TIMEOUT seconds."""
    try:
        done = subprocess.run([sys.executable, __file__], capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        raise AssertionError(f"the CSV fuzzing did not end within {TIMEOUT} s") from None
    assert done.returncode == 0, (done.stdout + done.stderr)[-5000:]
    assert "fuzzed" in done.stdout, done.stdout[-2000:]


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    fuzz()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss >> 10
    print(f"fuzzed {EXAMPLES} CSVs; peak RSS {peak} MiB")
