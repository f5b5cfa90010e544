"""Check the hand-written gold files of this folder (run: python tests/numbers/news/check_positions.py).

Every mention's text stands at its line/column, the keys and their order are the agreed ones,
values are strings that parse as decimals with low <= value <= high, kinds and qualifiers come
from the README's lists, and mentions are in order of place without overlapping.
"""

from __future__ import annotations

import re
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
KEYS = ["line", "column", "text", "kind", "qualifier", "value", "low", "high", "unit"]
KINDS = {"percent", "percentage-point", "count", "amount", "rank", "fraction", "year", "date",
         "time", "duration", "age", "range"}
QUALIFIERS = {"none", "only", "near", "estimated", "above", "just-over", "at-least", "below",
              "at-most", "just-under"}
CURRENCY = re.compile(r"[A-Z]{3}")  # an ISO 4217 code


def problems_of(gold_path: Path) -> list[str]:
    gold = yaml.safe_load(gold_path.read_text("utf-8"))
    lines = (gold_path.parent / gold["article"]).read_text("utf-8").split("\n")
    found: list[str] = []
    previous_end = (0, 0)
    for number, entry in enumerate(gold["mentions"], 1):
        where = f"{gold_path.name} #{number} {entry.get('text')!r}"
        if list(entry) != KEYS:
            found.append(f"{where}: keys {list(entry)}")
            continue
        line, column, text = entry["line"], entry["column"], entry["text"]
        if lines[line - 1][column - 1:column - 1 + len(text)] != text:
            found.append(f"{where}: not at {line}:{column}")
        if (line, column) < previous_end:
            found.append(f"{where}: before or inside the previous mention")
        previous_end = (line, column + len(text))
        if entry["kind"] not in KINDS or entry["qualifier"] not in QUALIFIERS:
            found.append(f"{where}: kind or qualifier not in the README's lists")
        if (entry["unit"] is None) == (entry["kind"] == "amount") or \
                (entry["unit"] is not None and not CURRENCY.fullmatch(entry["unit"])):
            found.append(f"{where}: unit {entry['unit']!r} for kind {entry['kind']}")
        try:
            value, low, high = (Decimal(entry[key]) for key in ("value", "low", "high"))
        except (InvalidOperation, TypeError):
            found.append(f"{where}: value, low or high is not a decimal string")
            continue
        if not all(isinstance(entry[key], str) for key in ("value", "low", "high")) \
                or not low <= value <= high:
            found.append(f"{where}: value/low/high not strings with low <= value <= high")
    return found


def main() -> int:
    golds = sorted(HERE.glob("*.gold.yaml"))
    problems = [problem for gold in golds for problem in problems_of(gold)]
    print("\n".join(problems))
    counts = {gold.name: len(yaml.safe_load(gold.read_text("utf-8"))["mentions"]) for gold in golds}
    print(f"{len(golds)} gold files, {sum(counts.values())} mentions, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
