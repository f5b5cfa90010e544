"""Reading a CSV resource into pandas, fast, without losing where each cell was.

The reader hands back the header labels, one column per label, and (only when
the rows are ragged) how many cells each row really had, so that structure
errors can be told apart from empty cells.  Rows are numbered like
frictionless's ``rowNumber``: the header is row 1 and data row ``i`` of the
frame (0-based) is row ``i + 2``; blank lines are kept as rows for that reason.

Speed is by design: pandas's C parser does the tokenising, and integer and
number columns are parsed to numbers by the same parser (``fast_dtypes``) when
every cell of them is well formed.  When a cell is not, the file is read again
with every cell as a string, and :mod:`sourcecheck.sources.fieldtypes` converts
the columns (still column by column).

Memory stays in proportion to the file.  Rows with more cells than the header
are read by csv's reader as they are (their first cells and their count), never
padded to the widest row; short rows are padded to the header's width only while
the padding stays within PADDING_ALLOWANCE.  ``[tool.sourcecheck.limits]``
``file-size``, ``line-length`` and ``row-cells`` bound the rest; a limit reached
is an UnreadableTable naming the row, which becomes a finding.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..codes import SC
from ..limits import current
from ..textfile import NotReadable, read_regular
from .remote import download

# Short rows are padded to the header's width.  A table whose rows lack more cells than
# its file has characters, plus this many, is not read: its padding, not its file, would
# fill the memory (a header of 5,000 cells over rows of one cell).
PADDING_ALLOWANCE = 1_000_000


class UnreadableTable(Exception):
    """The resource cannot be read as a table (internal: becomes a finding)."""

    def __init__(self, code: str, message: str, row: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.row = row


@dataclass(frozen=True)
class Dialect:
    """The CSV dialect of a resource (Table Schema v1 flat, or frictionless v5 ``csv``)."""

    delimiter: str = ","
    quotechar: str = '"'
    doublequote: bool = True
    escapechar: str | None = None
    skip_initial_space: bool = False
    header_row: int = 1  # the row holding the labels; rows above it are skipped

    @classmethod
    def from_descriptor(cls, descriptor: Any) -> Dialect:
        """The dialect a descriptor describes; an unusable one is a finding (SC103)."""
        if not isinstance(descriptor, dict):
            return cls()
        options = dict(descriptor)
        if isinstance(options.get("csv"), dict):
            options.update(options["csv"])
        header_rows = options.get("headerRows") or [1]
        dialect = cls(
            delimiter=options.get("delimiter", ","),
            quotechar=options.get("quoteChar", '"'),
            doublequote=bool(options.get("doubleQuote", True)),
            escapechar=options.get("escapeChar"),
            skip_initial_space=bool(options.get("skipInitialSpace", False)),
            header_row=header_rows[0] if isinstance(header_rows, list) else header_rows,
        )
        single = [dialect.delimiter, dialect.quotechar]
        if dialect.escapechar is not None:
            single.append(dialect.escapechar)
        if (not all(isinstance(c, str) and len(c) == 1 for c in single)
                or dialect.delimiter == dialect.quotechar
                or type(dialect.header_row) is not int or dialect.header_row < 1):
            raise UnreadableTable(SC.RESOURCE_UNREADABLE, "the dialect is unusable: delimiter, quoteChar and "
                                  "escapeChar must be single characters, headerRows "
                                  f"positive row numbers ({descriptor})")
        return dialect

    def csv_options(self) -> dict[str, Any]:
        return dict(delimiter=self.delimiter, quotechar=self.quotechar,
                    doublequote=self.doublequote, escapechar=self.escapechar,
                    skipinitialspace=self.skip_initial_space)

    def pandas_options(self) -> dict[str, Any]:
        return dict(sep=self.delimiter, quotechar=self.quotechar, doublequote=self.doublequote,
                    escapechar=self.escapechar, skipinitialspace=self.skip_initial_space,
                    skiprows=self.header_row - 1)


@dataclass
class RawTable:
    """A CSV as read: labels, cells (one column per label) and ragged-row counts.

    ``cells`` has columns ``0..len(labels)-1``; a column is numeric when it was
    parsed by ``fast_dtypes``, otherwise it holds the cells as written (``str``)
    with missing values as NA.  ``cell_counts`` is None when every row has as many
    cells as the header; otherwise it gives each data row's number of cells.
    """

    labels: list[str]
    cells: pd.DataFrame
    cell_counts: np.ndarray | None
    extra_cells: dict[int, int]  # data row index -> number of cells beyond the header
    first_row: int = 2           # the row number of the first data row (header + 1)
    _present: dict[int, np.ndarray] = field(default_factory=dict, repr=False)

    def present(self, column: int) -> np.ndarray:
        """The rows whose cell in ``column`` holds a value (computed once: finding the
        missing cells of a column of Python strings is not free)."""
        if column not in self._present:
            self._present[column] = self.cells[column].notna().to_numpy(dtype=bool)
        return self._present[column]


def fetch_remote(url: str) -> bytes:
    """Download a remote resource (only called when the caller allowed remote access): http
    and https only, within the download limits (:mod:`sourcecheck.sources.remote`)."""
    return download(url)


def read_source(location: Path | str) -> bytes:
    """The bytes of a local file or (already allowed) remote address."""
    if isinstance(location, str):
        try:
            return fetch_remote(location)
        except OSError as error:
            raise UnreadableTable(SC.RESOURCE_UNREADABLE, f"cannot fetch {location}: {error}") from None
    try:
        # only a regular file, within [tool.sourcecheck.limits] file-size: a pipe is not opened
        # for reading (it would block until someone writes to it), a device not read
        return read_regular(location, current().file_size)
    except NotReadable as reason:
        raise UnreadableTable(SC.RESOURCE_UNREADABLE, str(reason)) from None  # names what and why
    except FileNotFoundError:
        raise UnreadableTable(SC.RESOURCE_MISSING, "the resource file does not exist") from None
    except IsADirectoryError:
        raise UnreadableTable(SC.RESOURCE_UNREADABLE, "the resource path is a folder, not a file") from None
    except OSError as error:
        raise UnreadableTable(SC.RESOURCE_UNREADABLE, f"cannot read the file: {error.strerror}") from None


def decode(data: bytes, encoding: str = "utf-8") -> str:
    """The text of a CSV, or a finding naming the first byte that does not decode."""
    if not data:
        raise UnreadableTable(SC.RESOURCE_UNREADABLE, "the file is empty (no header row)")
    name = codecs.lookup(encoding).name if _known(encoding) else None
    if name is None:
        raise UnreadableTable(SC.RESOURCE_UNREADABLE, f"unknown encoding {encoding!r}")
    if name == "utf-8":
        name = "utf-8-sig"  # a byte order mark is not part of the first label
    try:
        return data.decode(name)
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        byte = data[error.start]
        raise UnreadableTable(
            SC.RESOURCE_UNREADABLE,
            f"not {encoding}: byte 0x{byte:02x} at byte position {error.start} (line {line}) "
            f"does not decode; save the file as UTF-8 or declare its \"encoding\"",
            row=line,
        ) from None


def read_table(text: str, *, data: bytes | None = None, encoding: str = "utf-8",
               dialect: Dialect = Dialect(),
               missing_values: list[str] | dict[int, list[str]] | None = None,
               fast_dtypes: dict[int, str] | None = None) -> RawTable:
    """Read CSV text; see :class:`RawTable`.  ``data`` and ``encoding``, when given,
    are the same text as bytes, which pandas parses faster.  ``fast_dtypes`` maps
    a column to ``"Int64"`` or ``"Float64"`` for the C parser to convert when it can."""
    per_column = _per_column([""] if missing_values is None else missing_values)

    def source() -> io.StringIO | io.BytesIO:
        if data is None:
            return io.StringIO(text)
        return io.BytesIO(data[len(codecs.BOM_UTF8):] if data.startswith(codecs.BOM_UTF8)
                          and codecs.lookup(encoding).name == "utf-8" else data)

    limits = current()
    _check_line_length(text, limits.line_length)
    labels = _header(text, dialect)
    if not labels or labels == [""] and "\n" not in text.strip("\r\n"):
        raise UnreadableTable(SC.RESOURCE_UNREADABLE, "the file is empty (no header row)", row=1)
    width = len(labels)
    if width > limits.row_cells:
        raise UnreadableTable(SC.RESOURCE_UNREADABLE, f"the header has {width:,} cells, over the limit of "
                              f"{limits.row_cells:,} ([tool.sourcecheck.limits] row-cells)", row=dialect.header_row)
    if _may_pad(text, width):
        return _read_ragged(text, labels, dialect, per_column)  # counts the cells before padding
    options: dict[str, Any] = dict(
        **dialect.pandas_options(), header=0, names=list(range(width)),
        index_col=False, keep_default_na=False, na_values=per_column.for_width(width),
        skip_blank_lines=False, engine="c", encoding=encoding if data is not None else None,
    )
    fast = {col: dtype for col, dtype in (fast_dtypes or {}).items() if col < width}
    cells: pd.DataFrame | None = None
    ragged = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", pd.errors.ParserWarning)
            if fast:
                try:
                    dtypes = {col: fast.get(col, object) for col in range(width)}
                    cells = pd.read_csv(source(), dtype=dtypes, **options)
                except (ValueError, TypeError, OverflowError) as error:
                    if isinstance(error, pd.errors.ParserError):
                        raise
                    fast = {}  # a cell is not a number: read strings, convert column by column
            if cells is None:
                cells = pd.read_csv(source(), dtype=object, **options)
    except (pd.errors.ParserError, pd.errors.ParserWarning):
        ragged = True
    if ragged or cells is None:
        return _read_ragged(text, labels, dialect, per_column)
    table = RawTable(labels, cells, None, {}, dialect.header_row + 1)
    if width > 1 and len(cells) and not table.present(width - 1).all():
        # An empty last cell may be a row that stopped early: count the cells.
        counts = _cell_counts(text, dialect)
        if len(counts) == len(cells):
            _check_padding(counts, width, len(text), table.first_row)
            if not (counts >= width).all():
                table.cell_counts = counts  # else nothing is ragged (or trust pandas's rows)
    return table


def _per_column(missing_values: list[str] | dict[int, list[str]]) -> _DefaultColumns:
    """Missing values for every column pandas may see (columns past the schema, too)."""
    if isinstance(missing_values, dict):
        default = missing_values.get(-1, [""])
        per_column = {col: values for col, values in missing_values.items() if col >= 0}
    else:
        default, per_column = list(missing_values), {}
    return _DefaultColumns(default, per_column)


class _DefaultColumns(dict[int, list[str]]):
    """A column -> missing values mapping with a default for unlisted columns."""

    def __init__(self, default: list[str], per_column: dict[int, list[str]]) -> None:
        super().__init__(per_column)
        self.default = default

    def for_width(self, width: int) -> dict[int, list[str]]:
        return {col: self.get(col, self.default) for col in range(width)}


def _known(encoding: str) -> bool:
    try:
        codecs.lookup(encoding)
    except (LookupError, TypeError):
        return False
    return True


def _records(text: str, dialect: Dialect) -> Any:
    """csv's reader over the text from the header row on."""
    stream = io.StringIO(text)
    for _ in range(dialect.header_row - 1):
        if not stream.readline():  # past the end: a header row beyond the file is no reason to spin
            break
    return csv.reader(stream, **dialect.csv_options())


def _header(text: str, dialect: Dialect) -> list[str]:
    # the header is near the start: do not copy a large file to find it
    prefix = text[: 1 << 16]
    if prefix.count("\n") < dialect.header_row or prefix.count(dialect.quotechar) % 2:
        prefix = text
    try:
        return next(_records(prefix, dialect), [])
    except csv.Error as error:
        raise UnreadableTable(SC.RESOURCE_UNREADABLE, f"the header row is not valid CSV: {error}", row=1) from None


def _cell_counts(text: str, dialect: Dialect) -> np.ndarray:
    """How many cells each data row has (the header excluded)."""
    try:
        counts = np.fromiter((len(row) for row in _records(text, dialect)), dtype=np.int64)
    except csv.Error as error:
        raise UnreadableTable(SC.RESOURCE_UNREADABLE, f"not valid CSV: {error}") from None
    # a blank line has no cells for csv, so it can never pass for a short row
    return counts[1:]


def _read_ragged(text: str, labels: list[str], dialect: Dialect,
                 missing_values: _DefaultColumns) -> RawTable:
    """Rows read as they are, never padded to the widest row: of each row its first
    ``len(labels)`` cells and its number of cells (a row of 30,000 cells costs its own
    cells, not 30,000 in every row).  Within [tool.sourcecheck.limits] row-cells."""
    width, first_row, limit = len(labels), dialect.header_row + 1, current().row_cells
    counts: list[int] = []
    rows: list[list[str]] = []
    extra: dict[int, int] = {}
    records = _records(text, dialect)
    try:
        next(records, None)  # the header
        for row in records:
            if len(row) > width:
                if len(row) > limit:
                    raise UnreadableTable(SC.RESOURCE_UNREADABLE, f"row {len(counts) + first_row:,} has "
                                          f"{len(row):,} cells, over the limit of {limit:,} "
                                          "([tool.sourcecheck.limits] row-cells)", row=len(counts) + first_row)
                extra[len(counts)] = len(row) - width
                counts.append(len(row))
                rows.append(row[:width])
            else:
                counts.append(len(row))
                rows.append(row)
    except csv.Error as error:
        raise UnreadableTable(SC.RESOURCE_UNREADABLE, f"not valid CSV: {error}", row=len(counts) + first_row) from None
    cell_counts = np.array(counts, dtype=np.int64)
    _check_padding(cell_counts, width, len(text), first_row)
    _check_tokens(text, width, dialect)
    # one tuple per column, short rows padded with None (to the header's width only)
    columns = list(itertools.zip_longest(*rows))
    del rows
    cells: dict[int, pd.Series] = {}
    for col in range(width):
        values = pd.Series(columns[col] if col < len(columns) else [None] * len(counts), dtype=object)
        missing = values.isna() | values.isin(missing_values.get(col, missing_values.default))
        cells[col] = values.mask(missing, np.nan)
    frame = pd.DataFrame(cells, index=pd.RangeIndex(len(counts)), columns=range(width))
    return RawTable(labels, frame, cell_counts, extra, first_row)


def _check_tokens(text: str, width: int, dialect: Dialect) -> None:
    """What pandas's C parser cannot tokenise is not valid CSV, as on the fast path (csv's
    reader is lenient: a quoted cell left open at the end of the file is a cell for it).
    Rows wider than the header are skipped, so the frame is no larger than the one read
    (no ``usecols``: with it, pandas took 2.6 GB to skip one row of 30,000 cells)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", pd.errors.ParserWarning)
            pd.read_csv(io.StringIO(text), **dialect.pandas_options(), header=0, names=list(range(width)),
                        index_col=False, dtype=object, na_filter=False, skip_blank_lines=False, engine="c",
                        on_bad_lines="skip")
    except (pd.errors.ParserError, ValueError) as error:
        raise UnreadableTable(SC.RESOURCE_UNREADABLE, f"not valid CSV: {error}") from None


def _check_line_length(text: str, limit: int) -> None:
    """A line longer than ``limit`` characters is a finding.  The text is not split: from a
    line's start, the last line end within ``limit`` characters is the next start."""
    start = 0
    while len(text) - start > limit:
        window = start + limit + 1  # a line of ``limit`` characters and its end
        end = text.rfind("\n", start, window)
        if end < 0:
            end = text.rfind("\r", start, window)
        if end < 0:
            line = (text.count("\n", 0, start) or text.count("\r", 0, start)) + 1
            raise UnreadableTable(SC.RESOURCE_UNREADABLE, f"line {line:,} is longer than {limit:,} characters "
                                  "([tool.sourcecheck.limits] line-length)", row=line)
        start = end + 1


def _may_pad(text: str, width: int) -> bool:
    """Whether short rows may need more padding than the allowance, so that their cells
    must be counted before any is read.  Under a header of up to 8 cells the padding is at
    most 8 cells a character (as many as ",,,,,,,\n" holds): it is checked after reading.
    Under a wider one, the lines are counted (only then) to see whether they are many."""
    chars = len(text)
    if width <= 8 or width * (chars + 1) <= chars + PADDING_ALLOWANCE:
        return False
    lines = max(text.count("\n"), text.count("\r")) + 1
    return width * lines > chars + PADDING_ALLOWANCE


def _check_padding(counts: np.ndarray, width: int, chars: int, first_row: int) -> None:
    """Refuse a table whose short rows lack more cells than its file has characters, plus
    PADDING_ALLOWANCE: padded to the header's width, they would fill the memory."""
    short = counts < width
    padded = int((width - counts[short]).sum())
    if padded > chars + PADDING_ALLOWANCE:
        row = int(np.flatnonzero(short)[0]) + first_row
        raise UnreadableTable(SC.RESOURCE_UNREADABLE, f"the rows lack {padded:,} of the header's {width:,} "
                              f"cells (the first from row {row:,}): more missing cells than the file has "
                              "characters; not read", row=row)
