"""The finding codes as a listing: ``sourcecheck rules`` and docs/codes.md.

Everything here is rendered from :data:`sourcecheck.codes.CODES`, the one registry,
so the command, the documentation page and the SARIF rule metadata cannot disagree.
Regenerate the page with ``sourcecheck rules --format markdown > docs/codes.md``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from itertools import groupby

from ..codes import CODES, Code
from ..errors import UsageError

RULE_FORMATS = ("text", "markdown", "json")

# The hundreds digit of a code names its block (see the docstring of sourcecheck.codes).
BLOCKS: dict[str, str] = {
    "1": "Data packages",
    "2": "Schemas",
    "3": "Claims against data",
    "4": "Text",
    "5": "Consistency between claims",
}


def block_of(code: Code) -> str:
    """The title of the block a code belongs to ("Data packages" for SC1xx...)."""
    return BLOCKS.get(code.code[2], "Other")


def ordered(codes: Iterable[Code] | None = None) -> list[Code]:
    """The codes sorted by code, the order every listing uses."""
    return sorted(CODES.values() if codes is None else codes, key=lambda code: code.code)


def render(fmt: str = "text", codes: Iterable[Code] | None = None) -> str:
    """The listing of ``codes`` (default: every registered code) in ``fmt``."""
    rows = ordered(codes)
    if fmt == "text":
        return _text(rows)
    if fmt == "markdown":
        return _markdown(rows)
    if fmt == "json":
        return json.dumps([_as_dict(code) for code in rows], indent=2, ensure_ascii=False) + "\n"
    raise UsageError(f"unknown rules format {fmt!r} (choose from {', '.join(RULE_FORMATS)})")


def _as_dict(code: Code) -> dict[str, str]:
    return {"code": code.code, "name": code.name, "severity": str(code.severity),
            "block": block_of(code), "summary": code.summary}


def _text(rows: list[Code]) -> str:
    width = max((len(code.name) for code in rows), default=0)
    lines = [f"{code.code}  {code.name:<{width}}  {str(code.severity):<7}  {code.summary}"
             for code in rows]
    return "".join(line + "\n" for line in lines)


def _markdown(rows: list[Code]) -> str:
    lines = [
        "# Finding codes",
        "",
        "<!-- Generated from sourcecheck.codes.CODES by"
        " `sourcecheck rules --format markdown > docs/codes.md`; do not edit by hand. -->",
        "",
        "Every problem sourcecheck finds carries one of these codes. A code never changes",
        "meaning once published. Severity `error` and `warning` fail the check (exit code 1)",
        "unless the finding is acknowledged in the claims ledger; `note` never fails it.",
        "",
    ]
    for block, group in groupby(rows, key=block_of):
        lines += [f"## {block}", "", "| code | name | severity | summary |",
                  "| --- | --- | --- | --- |"]
        lines += [f"| {code.code} | `{code.name}` | {code.severity} | {_cell(code.summary)} |"
                  for code in group]
        lines.append("")
    return "\n".join(lines)


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")
