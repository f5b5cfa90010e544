"""Hold the extractor against Microsoft Recognizers-Text's Dutch and English specs.

    python scripts/peer_specs.py [-v]

prints the pass rate per spec file (``-v`` also lists every failing case).  The
specs are read from ``shared/peer-specs/recognizers-text/`` beside the
repository.  A case passes when the extractor returns exactly the expected
numbers, in order, with the same text (case-insensitive; our span's leading
qualifier, e.g. "more than", and the sign, code or word of money, e.g. "$", "euro", are
not part of the compared text) and the same
value (to 14 significant digits: the specs round to 15).  For PercentModel only
our percent mentions are compared.  Cases we answer differently on purpose are
listed in ``tests/numbers/peer_spec_differences.yaml`` with the reason; they
still count as failures.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SPECS = ROOT.parent / "shared" / "peer-specs" / "recognizers-text"
DIFFERENCES = ROOT / "tests" / "numbers" / "peer_spec_differences.yaml"
FILES = [("nl", "NumberModel"), ("nl", "PercentModel"), ("en", "NumberModel"), ("en", "PercentModel")]

sys.path.insert(0, str(ROOT / "src"))

from sourcecheck.numbers import Kind, Mention, extract  # noqa: E402
from sourcecheck.numbers.lexicon import LEXICONS  # noqa: E402


@dataclass(frozen=True)
class Outcome:
    lang: str
    model: str
    input: str
    expected: list[tuple[str, str]]
    found: list[tuple[str, str]]
    passed: bool
    deliberate: str | None  # the reason, when we answer differently on purpose


def _expected_value(raw: str, lang: str) -> Decimal | None:
    text = raw.rstrip("%")
    if lang == "nl":
        text = text.replace(".", "").replace(",", ".")
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _same_value(ours: Decimal, theirs: Decimal | None) -> bool:
    if theirs is None:
        return False
    if theirs == 0 or ours == 0:
        return ours == theirs
    return abs(ours - theirs) <= abs(theirs) * Decimal("1e-13")


def _number_text(mention: Mention, lang: str) -> str:
    """The mention's text without the qualifier and the money's sign, code or word
    our span includes on purpose."""
    text = mention.text.lower()
    if mention.qualifier.value != "none":
        for phrase in sorted(LEXICONS[lang].qualifiers, key=len, reverse=True):
            if text.startswith(phrase + " "):
                text = text[len(phrase):].lstrip()
                break
    if mention.kind == Kind.AMOUNT:
        for money in sorted(LEXICONS[lang].currency_codes, key=len, reverse=True):
            if text.startswith(money) and not text[len(money):len(money) + 1].isalpha():
                text = text[len(money):].lstrip()
            elif text.endswith(money) and text[-len(money) - 1:-len(money)].isspace():
                text = text[:-len(money)].rstrip()
    return text


def check_case(case: dict, lang: str, model: str, differences: dict[str, str]) -> Outcome:
    mentions = extract(case["Input"], lang)
    if model == "PercentModel":
        mentions = [m for m in mentions if m.kind == Kind.PERCENT]
    expected = [(r["Text"], r["Resolution"].get("value") or "") for r in case["Results"]]
    # a percentage without a figure ("a small percent") has no value: the specs say "null"
    found = [(_number_text(m, lang), "null" if m.value is None else format(m.value, "f")) for m in mentions]
    passed = len(found) == len(expected) and all(
        ours_text == their_text.lower()
        and (ours_value == their_value == "null" if "null" in (ours_value, their_value)
             else _same_value(Decimal(ours_value), _expected_value(their_value, lang)))
        for (ours_text, ours_value), (their_text, their_value) in zip(found, expected, strict=True))
    return Outcome(lang, model, case["Input"], expected, found, passed,
                   differences.get(f"{lang}/{model}:{case['Input']}"))


def load_differences() -> dict[str, str]:
    entries = yaml.safe_load(DIFFERENCES.read_text("utf-8")) or []
    return {f"{e['file']}:{e['input']}": e["reason"] for e in entries}


def run(lang: str, model: str) -> list[Outcome]:
    cases = json.loads((SPECS / lang / f"{model}.json").read_text("utf-8"))
    differences = load_differences()
    return [check_case(case, lang, model, differences) for case in cases]


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    for lang, model in FILES:
        outcomes = run(lang, model)
        passed = sum(o.passed for o in outcomes)
        deliberate = sum(1 for o in outcomes if not o.passed and o.deliberate)
        print(f"{lang}/{model}.json: {passed}/{len(outcomes)} passed "
              f"({100 * passed / len(outcomes):.1f}%), {deliberate} failures by design")
        if verbose:
            for o in outcomes:
                if not o.passed:
                    why = f"  [by design: {o.deliberate}]" if o.deliberate else ""
                    print(f"    FAIL {o.input!r}: expected {o.expected}, found {o.found}{why}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
