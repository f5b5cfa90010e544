"""Mutation operators: small, realistic edits of a number in the text or of a source cell.

Each operator takes the text as it stands (the claim's number in the article, with its
qualifier, or one CSV cell) and returns the edited text, or None when it does not
apply (no thousands separator to remove, no percent sign to spell out, ...).  They
are the copy-editing slips and data updates a check must notice:

    text: last-digit, magnitude, separator-removed, separator-moved,
          decimal-mark-swapped, percent-spelled, percent-sign, qualifier-swapped,
          qualifier-removed, number-word
    cell: cell-last-digit, cell-magnitude
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# The grouping separator and decimal mark each language writes; "the other
# language's decimal mark" is the Dutch reader's trap: 4.700 (nl) is 4,700 (en).
_GROUP = {"nl": ".", "en": ","}
_PERCENT_WORD = {"nl": "procent", "en": "percent"}

# A written number: digits with optional grouping and decimal part, either language.
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")

# Qualifier swaps: each is the realistic opposite a hurried edit produces.
_QUALIFIER_SWAPS = {
    "nl": [("meer dan", "minder dan"), ("minder dan", "meer dan"), ("ruim", "bijna"),
           ("bijna", "ruim"), ("een kleine", "ruim"), ("ruim", "een kleine"),
           ("hooguit", "minstens"), ("minstens", "hooguit")],
    "en": [("more than", "less than"), ("less than", "more than"), ("over", "almost"),
           ("almost", "over"), ("nearly", "over"), ("just under", "just over"),
           ("at most", "at least"), ("at least", "at most")],
}
# Qualifiers whose removal turns an approximate figure into an exact one.
_QUALIFIERS_REMOVABLE = {
    "nl": ["ongeveer", "naar schatting", "zo'n", "circa", "rond", "bijna", "ruim", "meer dan",
           "een kleine", "slechts"],
    "en": ["about", "approximately", "an estimated", "around", "almost", "more than", "over", "only"],
}
# Number words, in order: a word becomes the next one ("twee" -> "drie").
_WORDS = {
    "nl": ["één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien"],
    "en": ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"],
}


@dataclass(frozen=True)
class Edit:
    """One applied operator: its name and the text after the edit."""

    operator: str
    text: str


TextOperator = Callable[[str, str], "str | None"]


def text_edits(text: str, lang: str) -> list[Edit]:
    """Every edit of a claim's number as it stands in the text (``lang`` "nl" or "en")."""
    edits = []
    for name, operator in _TEXT_OPERATORS.items():
        for edited in operator(text, lang):
            if edited != text and edited.strip():
                edits.append(Edit(name, edited))
    return _unique(edits)


def cell_edits(cell: str) -> list[Edit]:
    """Every edit of a source cell as written in the CSV."""
    edits = [Edit("cell-last-digit", edited) for edited in [_bump_last_digit(cell)] if edited]
    magnified = _magnify_cell(cell)
    if magnified is not None:
        edits.append(Edit("cell-magnitude", magnified))
    return _unique([edit for edit in edits if edit.text != cell])


def _unique(edits: list[Edit]) -> list[Edit]:
    seen: set[str] = set()
    kept = []
    for edit in edits:
        if edit.text not in seen:
            seen.add(edit.text)
            kept.append(edit)
    return kept


def _bump_last_digit(text: str) -> str | None:
    """The last digit one higher (9 becomes 8, so that no digit is added)."""
    for index in range(len(text) - 1, -1, -1):
        if text[index].isdigit() and text[index].isascii():
            digit = int(text[index])
            return text[:index] + str(digit + 1 if digit < 9 else 8) + text[index + 1:]
    return None


def _last_number(text: str) -> re.Match[str] | None:
    matches = list(_NUMBER.finditer(text))
    return matches[-1] if matches else None


def _last_digit(text: str, lang: str) -> list[str]:
    edited = _bump_last_digit(text)
    return [edited] if edited else []


def _magnitude(text: str, lang: str) -> list[str]:
    """The last number ten times larger, written as the text writes its numbers."""
    match = _last_number(text)
    if match is None:
        words = _word_magnitude(text, lang)
        return [words] if words else []
    written = match.group()
    group = _GROUP[lang]
    decimal_mark = "," if group == "." else "."
    if decimal_mark in written:  # 40,2 -> 402 (the decimal mark moves one place right)
        whole, _, fraction = written.partition(decimal_mark)
        shifted = whole + fraction[:1] + (decimal_mark + fraction[1:] if fraction[1:] else "")
        return [text[:match.start()] + shifted + text[match.end():]]
    digits = written.replace(group, "")
    if not digits.isdigit():
        return []
    bigger = digits + "0"
    if group in written or len(bigger) > 4 and len(digits) > 4:
        bigger = _grouped(bigger, group)
    return [text[:match.start()] + bigger + text[match.end():]]


def _grouped(digits: str, group: str) -> str:
    parts: list[str] = []
    while len(digits) > 3:
        parts.insert(0, digits[-3:])
        digits = digits[:-3]
    return group.join([digits, *parts])


def _word_magnitude(text: str, lang: str) -> str | None:
    scales = {"nl": [("honderdduizend", " miljoen"), ("duizend", "tienduizend")],
              "en": [("hundred thousand", " million"), ("thousand", "ten thousand")]}[lang]
    for small, large in scales:
        index = text.find(small)
        if index >= 0:
            return text[:index] + large + text[index + len(small):]
    return None


def _separator_removed(text: str, lang: str) -> list[str]:
    match = _last_number(text)
    group = _GROUP[lang]
    if match is None or group not in match.group():
        return []
    return [text[:match.start()] + match.group().replace(group, "") + text[match.end():]]


def _separator_moved(text: str, lang: str) -> list[str]:
    """4.700 -> 47.00: the separator one place to the right."""
    match = _last_number(text)
    group = _GROUP[lang]
    if match is None or group not in match.group():
        return []
    written = match.group()
    index = written.rfind(group)
    if index + 2 >= len(written):
        return []
    moved = written[:index] + written[index + 1] + group + written[index + 2:]
    return [text[:match.start()] + moved + text[match.end():]]


def _decimal_mark_swapped(text: str, lang: str) -> list[str]:
    """The other language's mark: Dutch 4.700 written as 4,700 (and English the other way)."""
    match = _last_number(text)
    if match is None:
        return []
    written = match.group()
    swapped = written.translate(str.maketrans(".,", ",."))
    if swapped == written:
        return []
    return [text[:match.start()] + swapped + text[match.end():]]


def _percent_spelled(text: str, lang: str) -> list[str]:
    if "%" not in text:
        return []
    return [text.replace("%", " " + _PERCENT_WORD[lang], 1)]


def _percent_sign(text: str, lang: str) -> list[str]:
    word = _PERCENT_WORD[lang]
    match = re.search(rf"\s?\b{word}\b", text, re.IGNORECASE)
    if match is None:
        return []
    return [text[:match.start()] + "%" + text[match.end():]]


def _qualifier_swapped(text: str, lang: str) -> list[str]:
    edits = []
    for old, new in _QUALIFIER_SWAPS[lang]:
        edited = _replace_word(text, old, new)
        if edited is not None:
            edits.append(edited)
    return edits


def _qualifier_removed(text: str, lang: str) -> list[str]:
    edits = []
    for word in _QUALIFIERS_REMOVABLE[lang]:
        edited = _replace_word(text, word, "")
        if edited is not None:
            edited = " ".join(edited.split())
            if any(ch.isdigit() or ch.isalpha() for ch in edited):
                edits.append(edited)
    return edits


def _replace_word(text: str, old: str, new: str) -> str | None:
    """``old`` replaced by ``new`` where it stands as whole words, keeping a capital."""
    match = re.search(rf"(?<!\w){re.escape(old)}(?!\w)", text, re.IGNORECASE)
    if match is None:
        return None
    found = match.group()
    if new and found[:1].isupper():
        new = new[:1].upper() + new[1:]
    return text[:match.start()] + new + text[match.end():]


def _number_word(text: str, lang: str) -> list[str]:
    """A number word becomes the next: "nummer twee" -> "nummer drie", "op één na" -> "op twee na"."""
    words = _WORDS[lang]
    pattern = re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)), re.IGNORECASE)
    for match in pattern.finditer(text):
        found = match.group()
        index = next(i for i, word in enumerate(words) if word.casefold() == found.casefold())
        if index + 1 < len(words):
            replacement = words[index + 1]
            if found[:1].isupper():
                replacement = replacement[:1].upper() + replacement[1:]
            return [text[:match.start()] + replacement + text[match.end():]]
    return []


def _magnify_cell(cell: str) -> str | None:
    """Every number of a numeric cell (or a range "4000..6000") ten times larger."""
    parts = cell.strip().split("..")
    out = []
    for part in parts:
        try:
            value = Decimal(part)
        except InvalidOperation:
            return None
        if not value.is_finite():
            return None
        out.append(_plain(value * 10))
    return "..".join(out)


def _plain(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


_TEXT_OPERATORS: dict[str, Callable[[str, str], list[str]]] = {
    "last-digit": _last_digit,
    "magnitude": _magnitude,
    "separator-removed": _separator_removed,
    "separator-moved": _separator_moved,
    "decimal-mark-swapped": _decimal_mark_swapped,
    "percent-spelled": _percent_spelled,
    "percent-sign": _percent_sign,
    "qualifier-swapped": _qualifier_swapped,
    "qualifier-removed": _qualifier_removed,
    "number-word": _number_word,
}
