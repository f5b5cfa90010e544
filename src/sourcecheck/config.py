"""The parts of ``[tool.sourcecheck]`` the claims check reads.

    [tool.sourcecheck]
    waive-kinds = ["year", "date", "time", "duration", "age"]   # never need a claim

    [tool.sourcecheck.slack]        # fraction of the value each qualifier allows
    near = "0.05"
    estimated = "0.10"
    just-over = "0.10"              # one-sided windows: how far above or below the value
    above = "0.25"
    at-least = "0.25"
    just-under = "0.10"
    below = "0.25"
    at-most = "0.25"
    approx = "0.10"                 # a source row whose bound is "approx"

Slack values are written as strings (or numbers) and read as Decimals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .numbers.mention import Kind
from .project import Project

#: Default slack per qualifier, as a fraction of the value (see ``compare/intervals.py``).  10% is
#: what a careful reader grants "about 4,700" (4,230 to 5,170) and "just under 200,000"
#: (180,000 to 200,000); "more than 200,000" is read as at most a quarter more (250,000):
#: beyond that a writer says "a quarter more", "ruim 250.000" or gives the larger figure.
DEFAULT_SLACK: dict[str, Decimal] = {
    "near": Decimal("0.10"),
    "estimated": Decimal("0.10"),
    "just-over": Decimal("0.10"),
    "above": Decimal("0.25"),
    "at-least": Decimal("0.25"),
    "just-under": Decimal("0.10"),
    "below": Decimal("0.25"),
    "at-most": Decimal("0.25"),
    "approx": Decimal("0.10"),  # the source side: a row whose bound is "approx"
}

#: Kinds of number that are not statistics and need no claim unless the config says so.
DEFAULT_WAIVED_KINDS: frozenset[str] = frozenset({"year", "date", "time", "duration", "age"})


@dataclass(frozen=True)
class ClaimsConfig:
    slack: dict[str, Decimal] = field(default_factory=lambda: dict(DEFAULT_SLACK))
    waived_kinds: frozenset[str] = DEFAULT_WAIVED_KINDS


def claims_config(project: Project) -> ClaimsConfig:
    """The claims settings of ``project``, defaults filled in; a ConfigError when malformed."""
    where = project.root / "pyproject.toml"
    config: dict[str, Any] = project.config
    slack = dict(DEFAULT_SLACK)
    table = config.get("slack", {})
    if not isinstance(table, dict):
        raise ConfigError("[tool.sourcecheck.slack] must be a table", where)
    for name, raw in table.items():
        if name not in DEFAULT_SLACK:
            raise ConfigError(f"[tool.sourcecheck.slack] {name}: unknown qualifier "
                              f"(choose from {', '.join(DEFAULT_SLACK)})", where)
        try:
            value = Decimal(str(raw))
        except InvalidOperation:
            raise ConfigError(f"[tool.sourcecheck.slack] {name} must be a number, not {raw!r}", where) from None
        if not (0 <= value < 1):
            raise ConfigError(f"[tool.sourcecheck.slack] {name} must lie in [0, 1), not {raw}", where)
        slack[name] = value
    kinds = config.get("waive-kinds", sorted(DEFAULT_WAIVED_KINDS))
    known = {kind.value for kind in Kind}
    if not isinstance(kinds, list) or not all(isinstance(k, str) and k in known for k in kinds):
        raise ConfigError(f"[tool.sourcecheck] waive-kinds must be a list of kinds ({', '.join(sorted(known))})",
                          where)
    return ClaimsConfig(slack, frozenset(kinds))


def engine_options(project: Project, scheduler: str | None, memory_budget: int | None) -> tuple[str | None, int | None]:
    """The run's scheduler and memory budget: the given ones, else ``[tool.sourcecheck]``'s
    ``scheduler`` and ``memory-budget`` (bytes, or a number with KB, MB, GB, KiB, MiB, GiB)."""
    where = project.root / "pyproject.toml"
    if scheduler is None:
        scheduler = project.config.get("scheduler")
        if scheduler is not None and not isinstance(scheduler, str):
            raise ConfigError("[tool.sourcecheck] scheduler must be an address (tcp://host:port) or \"local\"",
                              where)
    if memory_budget is None and "memory-budget" in project.config:
        memory_budget = parse_size(project.config["memory-budget"], "[tool.sourcecheck] memory-budget", where)
    return scheduler, memory_budget


_UNITS = {"": 1, "B": 1, "KB": 10**3, "MB": 10**6, "GB": 10**9, "KIB": 1 << 10, "MIB": 1 << 20, "GIB": 1 << 30}


def parse_size(value: Any, what: str, where: Path | str | None = None) -> int:
    """A size in bytes from ``512MB``, ``2 GiB`` or a whole number; a ConfigError otherwise."""
    text = str(value).strip().upper().replace(" ", "")
    number = text.rstrip("KMGIB")
    unit = text[len(number):]
    if type(value) is not bool and number.isdigit() and unit in _UNITS and int(number) > 0:
        return int(number) * _UNITS[unit]
    raise ConfigError(f"{what} must be a size such as 2GB or 512MiB, not {value!r}", where)
