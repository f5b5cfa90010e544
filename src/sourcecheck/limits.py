"""Limits that bound what any input can cost: file sizes, cells, nesting, downloads.

Every limit has a default that no real newsroom file comes near, and can be changed in
``[tool.sourcecheck.limits]`` of the project's pyproject.toml (docs/validation.md,
"Limits").  A limit reached is a finding, or an error (exit 2) naming the file and the
place; never a crash, a hang or memory without bound.

A run sets the limits of its project (:func:`apply`) before it reads anything; the
readers ask :func:`current`.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from .errors import ConfigError
from .project import Project

_MB = 1 << 20


@dataclass(frozen=True)
class Limits:
    file_size: int = 512 * _MB          # bytes of any one file read (CSV, descriptor, schema, ledger, ...)
    article_size: int = 4 * _MB         # bytes of one article text
    article_numbers: int = 50_000       # numbers in one article
    row_cells: int = 10_000             # cells in one CSV row
    line_length: int = 4 * _MB          # characters in one line of a CSV or text file
    json_depth: int = 64                # nesting of a descriptor, Table Schema or dialect
    download_size: int = 256 * _MB      # bytes of one remote resource (--allow-remote)
    download_seconds: int = 60          # seconds one download may take in all
    connect_seconds: int = 10           # seconds to connect to a remote host
    pattern_seconds: int = 2            # seconds one untrusted regular expression may run over a column


DEFAULT = Limits()
_current = DEFAULT


def current() -> Limits:
    """The limits of the run in progress (the defaults outside a run)."""
    return _current


def of(project: Project) -> Limits:
    """The limits ``[tool.sourcecheck.limits]`` of ``project`` sets, defaults for the rest."""
    table = project.config.get("limits", {})
    where = project.root / "pyproject.toml"
    if not isinstance(table, dict):
        raise ConfigError("[tool.sourcecheck.limits] must be a table", where)
    names = {item.name.replace("_", "-"): item.name for item in fields(Limits)}
    changes = {}
    for name, value in table.items():
        if name not in names:
            raise ConfigError(f"[tool.sourcecheck.limits] {name}: unknown limit (choose from "
                              f"{', '.join(sorted(names))})", where)
        if type(value) is not int or value < 1:
            raise ConfigError(f"[tool.sourcecheck.limits] {name} must be a whole number of at least 1, "
                              f"not {value!r}", where)
        changes[names[name]] = value
    return replace(DEFAULT, **changes)


def apply(project: Project) -> Limits:
    """Make ``project``'s limits the current ones (a run calls this before reading)."""
    global _current
    _current = of(project)
    return _current


def use(chosen: Limits) -> None:
    """Make ``chosen`` the current limits (a worker process, given its run's limits)."""
    global _current
    _current = chosen
