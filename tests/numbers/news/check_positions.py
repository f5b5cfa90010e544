"""Check the form of the news gold files: run `python tests/numbers/news/check_positions.py [slug ...]`.

It reads no extractor output: it checks that each hand-written mention stands where it says
(its `text` at its line and column), has exactly the keys of the README with values as strings,
uses the README's kinds and qualifiers, and that mentions come in order of place.
"""

from __future__ import annotations

import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml

HERE = Path(__file__).parent
KEYS = ["line", "column", "text", "kind", "qualifier", "value", "low", "high", "unit"]
KINDS = {"percent", "percentage-point", "count", "amount", "rank", "fraction", "year", "date", "time",
         "duration", "age", "range"}
QUALIFIERS = {"none", "only", "near", "estimated", "above", "just-over", "at-least", "below", "at-most",
              "just-under"}
TOP_KEYS = {"source", "title", "article", "lang", "mentions"}


def problems(gold_path: Path) -> list[str]:
    gold = yaml.safe_load(gold_path.read_text("utf-8"))
    found: list[str] = []
    if set(gold) != TOP_KEYS:
        found.append(f"top-level keys {sorted(gold)}, expected {sorted(TOP_KEYS)}")
    lines = (HERE / gold["article"]).read_text("utf-8").split("\n")
    previous = (0, 0)
    for number, mention in enumerate(gold["mentions"], 1):
        where = f"mention {number} ({mention.get('text')!r})"
        if list(mention) != KEYS:
            found.append(f"{where}: keys {list(mention)}")
            continue
        line, column, text = mention["line"], mention["column"], mention["text"]
        if lines[line - 1][column - 1:column - 1 + len(text)] != text:
            found.append(f"{where}: not at line {line}, column {column}")
        if (line, column) <= previous:
            found.append(f"{where}: out of order")
        previous = (line, column)
        if mention["kind"] not in KINDS:
            found.append(f"{where}: kind {mention['kind']!r}")
        if mention["qualifier"] not in QUALIFIERS:
            found.append(f"{where}: qualifier {mention['qualifier']!r}")
        for key in ("value", "low", "high"):
            if not isinstance(mention[key], str):
                found.append(f"{where}: {key} is not a string")
        try:
            value, low, high = (Decimal(mention[key]) for key in ("value", "low", "high"))
        except (InvalidOperation, TypeError):
            found.append(f"{where}: value, low or high is not a decimal")
            continue
        if not low <= value <= high:
            found.append(f"{where}: value outside low..high")
        unit = mention["unit"]
        if (mention["kind"] == "amount") != (isinstance(unit, str) and len(unit) == 3 and unit.isupper()):
            found.append(f"{where}: unit {unit!r} for kind {mention['kind']}")
    return found


def main(slugs: list[str]) -> int:
    paths = [HERE / f"{slug}.gold.yaml" for slug in slugs] or sorted(HERE.glob("*.gold.yaml"))
    failed = 0
    for path in paths:
        found = problems(path)
        count = len(yaml.safe_load(path.read_text("utf-8"))["mentions"])
        print(f"{path.name}: {count} mentions, {len(found)} problems")
        for problem in found:
            print("   ", problem)
        failed += bool(found)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
