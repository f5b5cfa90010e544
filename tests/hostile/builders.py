"""Small builders that damage one file of a copy of the example project."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ARTICLE = "articles/russen-in-servie/article.nl.txt"
LEDGER = "articles/russen-in-servie/claims.yaml"
DESCRIPTOR = "datapackages/bcsp-2025/datapackage.json"
CSV = "datapackages/bcsp-2025/shares.csv"
SCHEMA = "schemas/bcsp-2025.shares.yaml"
PYPROJECT = "pyproject.toml"

Damage = Callable[[Path], None]


@dataclass(frozen=True)
class Case:
    """One hostile input: what it damages, and the exit codes that are the right answer."""

    id: str
    kind: str  # article, ledger, descriptor, csv, schema, pyproject
    damage: Damage
    expect: frozenset[int]
    names: str  # the file the message or a finding must name
    command: str = "check"
    subprocess: bool = False  # hang-prone: run in a child process with a timeout
    extra: tuple[str, ...] = field(default=())


# Descriptors, CSVs and schemas are read in full by `validate`; `check` reads only what
# its claims rest on.  Articles, ledgers and the config are read by `check`.
_COMMAND = {"descriptor": "validate", "csv": "validate", "schema": "validate"}


def case(
    id: str,
    kind: str,
    damage: Damage,
    expect: int | set[int],
    names: str | None = None,
    *,
    command: str | None = None,
    subprocess: bool = False,
) -> Case:
    codes = frozenset({expect} if isinstance(expect, int) else expect)
    # a broken descriptor may be reported on the descriptor or on the resource it names:
    # either way the message names the package folder
    default = {
        "article": ARTICLE,
        "ledger": LEDGER,
        "descriptor": "datapackages/bcsp-2025",
        "csv": CSV,
        "schema": SCHEMA,
        "pyproject": PYPROJECT,
    }[kind]
    return Case(
        id, kind, damage, codes, Path(names or default).name, command or _COMMAND.get(kind, "check"), subprocess
    )


# --- damage builders -------------------------------------------------------------------


def write_bytes(rel: str, data: bytes) -> Damage:
    def damage(root: Path) -> None:
        (root / rel).write_bytes(data)

    return damage


def write_text(rel: str, text: str) -> Damage:
    return write_bytes(rel, text.encode("utf-8"))


def edit_text(rel: str, edit: Callable[[str], str]) -> Damage:
    def damage(root: Path) -> None:
        path = root / rel
        path.write_bytes(edit(path.read_text(encoding="utf-8")).encode("utf-8"))

    return damage


def replace(rel: str, old: str, new: str, count: int = 1) -> Damage:
    def edit(text: str) -> str:
        assert old in text, f"{old!r} is not in {rel}"
        return text.replace(old, new, count)

    return edit_text(rel, edit)


def sub(rel: str, pattern: str, new: str, count: int = 1) -> Damage:
    def edit(text: str) -> str:
        edited, n = re.subn(pattern, new, text, count=count, flags=re.MULTILINE)
        assert n, f"{pattern!r} is not in {rel}"
        return edited

    return edit_text(rel, edit)


def encode_as(rel: str, encoding: str) -> Damage:
    def damage(root: Path) -> None:
        path = root / rel
        path.write_bytes(path.read_text(encoding="utf-8").encode(encoding, errors="replace"))

    return damage


def prepend_bytes(rel: str, data: bytes) -> Damage:
    def damage(root: Path) -> None:
        path = root / rel
        path.write_bytes(data + path.read_bytes())

    return damage


def append_bytes(rel: str, data: bytes) -> Damage:
    def damage(root: Path) -> None:
        path = root / rel
        path.write_bytes(path.read_bytes() + data)

    return damage


def crlf(rel: str) -> Damage:
    def damage(root: Path) -> None:
        path = root / rel
        path.write_bytes(path.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))

    return damage


def truncate(rel: str, share: float = 0.5) -> Damage:
    def damage(root: Path) -> None:
        path = root / rel
        data = path.read_bytes()
        path.write_bytes(data[: int(len(data) * share)])

    return damage


def insert_nul(rel: str, after: str) -> Damage:
    def damage(root: Path) -> None:
        path = root / rel
        data = path.read_bytes()
        index = data.index(after.encode("utf-8")) + len(after.encode("utf-8"))
        path.write_bytes(data[:index] + b"\x00" + data[index:])

    return damage


def make_directory(rel: str) -> Damage:
    def damage(root: Path) -> None:
        path = root / rel
        path.unlink()
        path.mkdir()
        (path / "inside.txt").write_text("a folder where a file should be\n", encoding="utf-8")

    return damage


def remove(rel: str) -> Damage:
    def damage(root: Path) -> None:
        (root / rel).unlink()

    return damage


def symlink_outside(rel: str, content: bytes | None = None) -> Damage:
    """Replace ``rel`` by a symlink to a file outside the project (a copy of it, or ``content``)."""

    def damage(root: Path) -> None:
        path = root / rel
        outside = root.parent / ("outside-" + path.name)
        outside.write_bytes(content if content is not None else path.read_bytes())
        path.unlink()
        path.symlink_to(outside)

    return damage


def symlink_folder_outside(rel: str) -> Damage:
    """Move a folder outside the project and leave a symlink to it."""

    def damage(root: Path) -> None:
        path = root / rel
        outside = root.parent / ("outside-" + path.name)
        path.rename(outside)
        path.symlink_to(outside, target_is_directory=True)

    return damage


def dangling_symlink(rel: str) -> Damage:
    def damage(root: Path) -> None:
        path = root / rel
        path.unlink()
        path.symlink_to(root.parent / "no-such-file")

    return damage


def fifo(rel: str) -> Damage:
    """A named pipe where a file should be: opening it for reading would block forever."""

    def damage(root: Path) -> None:
        path = root / rel
        path.unlink()
        os.mkfifo(path)

    return damage


def edit_json(rel: str, edit: Callable[[dict], None]) -> Damage:
    def damage(root: Path) -> None:
        path = root / rel
        document = json.loads(path.read_text(encoding="utf-8"))
        edit(document)
        path.write_text(json.dumps(document, indent=2, ensure_ascii=False), encoding="utf-8")

    return damage


def resource(document: dict) -> dict:
    """The ``shares`` resource of the bcsp-2025 descriptor."""
    return next(r for r in document["resources"] if r.get("name") == "shares")


def field_spec(document: dict, name: str) -> dict:
    return next(f for f in resource(document)["schema"]["fields"] if f["name"] == name)


def csv_cell(row_key: str, column: str, value: str) -> Damage:
    """Set one cell of the bcsp-2025 shares CSV (written with Python's csv module)."""

    def damage(root: Path) -> None:
        import csv
        import io

        path = root / CSV
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
        index = rows[0].index(column)
        for row in rows[1:]:
            if row and row[0] == row_key:
                row[index] = value
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        path.write_bytes(out.getvalue().encode("utf-8"))

    return damage


def both(*damages: Damage) -> Damage:
    def damage(root: Path) -> None:
        for one in damages:
            one(root)

    return damage


BILLION_LAUGHS = (
    "\n".join(
        ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
        + [
            f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},"
            f"*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]"
            for i in range(8)
        ]
    )
    + "\n"
)
DEEP_YAML = "claims: " + "[" * 10_000 + "]" * 10_000 + "\n"
DEEP_YAML_MAPPINGS = "claims: " + "{a: " * 10_000 + "1" + "}" * 10_000 + "\n"
HUGE_DIGITS = "1" * 5_000
