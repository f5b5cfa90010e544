"""``sourcecheck init ARTICLE``: draft the claims ledger of a new article.

Every number of the text that needs a source (every kind but those the project's
``waive-kinds`` leave out: years, dates...) gets a claim stub with its anchor filled
in (prefix, exact, suffix: checked to find that number, and only that one) and its
source left blank for the editor.  The ledger schema requires a source for every
claim, so the stubs are written commented out: the draft loads as it is, the check
reports the numbers as unlinked until the editor fills in a stub and uncomments it.

The ledger (``claims.yaml`` beside the article) is never overwritten unless asked
(``force``), and is written atomically: to a temporary file in the same folder,
then moved into place, so that a crash leaves either the old file or the new one.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from . import limits, textfile
from .compare.anchor import AnchorStatus, locate
from .config import DEFAULT_WAIVED_KINDS, claims_config
from .errors import InputError, UsageError
from .ledger.model import LEDGER_NAME, Anchor
from .numbers import extract, language_from_name
from .project import Project
from .textfile import decode_utf8

# Context grows a word at a time up to this many characters on each side.
_MAX_CONTEXT = 120
_START_CONTEXT = 20


@dataclass(frozen=True)
class Stub:
    """One drafted claim: its id and anchor, and whether the anchor is unique."""

    id: str
    prefix: str
    exact: str
    suffix: str
    line: int
    kind: str
    unique: bool


@dataclass(frozen=True)
class Draft:
    """What ``init`` wrote."""

    path: Path
    stubs: tuple[Stub, ...]
    left_out: int  # numbers of kinds that need no claim

    def summary(self) -> str:
        return (f"drafted {self.path}: {len(self.stubs)} claim stubs to fill in "
                f"({self.left_out} numbers of kinds that need no claim left out)\n")


def init_ledger(article: str | os.PathLike[str], *, lang: str | None = None,
                force: bool = False) -> Draft:
    """Draft ``claims.yaml`` beside ``article``; a UsageError if it exists and not ``force``."""
    path = Path(article)
    ledger = path.parent / LEDGER_NAME
    if ledger.exists() and not force:
        raise UsageError("a ledger already exists here; use --force to overwrite it", ledger)
    try:  # a regular file within article-size: a pipe or a device is refused unread
        text = decode_utf8(textfile.read_regular(path, limits.current().article_size, "article-size"), path)
    except textfile.NotReadable as problem:
        raise InputError(f"cannot read the article: {problem}", path) from None
    except OSError as error:
        raise InputError(f"cannot read the article: {error.strerror}", path) from None
    lang = lang or _lang_of(path)
    stubs, left_out = draft_stubs(text, lang, _waived_kinds(path))
    write_atomically(ledger, render(path.name, lang, stubs, left_out), overwrite=force)
    return Draft(ledger, tuple(stubs), left_out)


def draft_stubs(text: str, lang: str, waived_kinds: frozenset[str]) -> tuple[list[Stub], int]:
    """A stub for every number of ``text`` that needs a claim, and how many were left out."""
    mentions = extract(text, lang)
    stubs: list[Stub] = []
    used: set[str] = set()
    left_out = 0
    for mention in mentions:
        if mention.value is None:
            continue  # a percentage without a figure has nothing to source (check notes it: SC407)
        if str(mention.kind) in waived_kinds:
            left_out += 1
            continue
        unique = False
        prefix = suffix = ""
        for width in range(_START_CONTEXT, _MAX_CONTEXT + 1, 10):
            prefix = _before(text, mention.start, width)
            suffix = _after(text, mention.end, width)
            if not prefix and not suffix:
                continue
            located = locate(text, Anchor(mention.text, prefix, suffix), mentions)
            if (located.status is AnchorStatus.FOUND and located.mention is not None
                    and located.mention.start == mention.start and not located.changed):
                unique = True
                break
        stubs.append(Stub(_unique_id(mention.text, suffix, used), prefix, mention.text, suffix,
                          mention.line, str(mention.kind), unique))
    return stubs, left_out


def render(article_name: str, lang: str, stubs: list[Stub], left_out: int) -> str:
    """The draft ledger as YAML text: a loadable ledger whose claim stubs are comments."""
    lines = [
        "# yaml-language-server: $schema=../../docs/ledger.schema.json",
        "#",
        f"# Claims ledger for {article_name}, drafted by `sourcecheck init`.",
        "#",
        f"# Each of the {len(stubs)} numbers below needs a source. For each one, either",
        "#   - fill in its source (the package, resource, record key and field that hold the",
        "#     figure, and the value as written in the CSV) and uncomment the stub, together",
        "#     with the `claims:` line; or",
        "#   - when the number is not a statistic, write it under `waive:` with its anchor",
        "#     and a reason.",
        "# Until then `sourcecheck check` reports these numbers as unlinked.",
        f"# {left_out} numbers of kinds that need no claim (years, dates...) have no stub.",
        "",
        f"article: {_quote(article_name)}",
        f"lang: {lang}",
        "",
        "# claims:",
    ]
    for stub in stubs:
        lines += [
            f"#   - id: {stub.id}          # line {stub.line}, {stub.kind}"
            + ("" if stub.unique else "; this anchor is not unique: lengthen it"),
            "#     anchor:",
            f"#       prefix: {_quote(stub.prefix)}",
            f"#       exact: {_quote(stub.exact)}",
            f"#       suffix: {_quote(stub.suffix)}",
            "#     source:",
            "#       package: ",
            "#       resource: ",
            "#       key: ",
            "#       field: ",
            '#       value: ""',
            "#",
        ]
    return "\n".join(lines) + "\n"


def write_atomically(path: Path, text: str, *, overwrite: bool) -> None:
    """Write the ledger ``text`` to ``path`` atomically (:func:`sourcecheck.textfile.write_atomically`);
    without ``overwrite`` no existing file is ever replaced."""
    try:
        textfile.write_atomically(path, text, overwrite=overwrite)
    except FileExistsError:
        raise UsageError("a ledger already exists here; use --force to overwrite it", path) from None
    except OSError as error:
        raise InputError(f"cannot write the ledger: {error.strerror}", path) from None


def _before(text: str, start: int, width: int) -> str:
    """Up to ``width`` characters before ``start``, from the start of a word.

    Context may reach into the line before: an empty prefix would mean the start
    of the whole text to the anchor search.
    """
    low = max(0, start - width)
    context = text[low:start]
    if low > 0 and not text[low - 1].isspace():
        cut = re.search(r"\s", context)  # drop the partial first word
        context = context[cut.end():] if cut else ""
    return context


def _after(text: str, end: int, width: int) -> str:
    """Up to ``width`` characters after ``end``, to the end of a word."""
    high = min(len(text), end + width)
    context = text[end:high]
    if high < len(text) and not text[high].isspace():
        cut = max(context.rfind(" "), context.rfind("\t"), context.rfind("\n"))
        context = context[:cut] if cut > 0 else ""  # drop the partial last word
    return context


def _unique_id(exact: str, suffix: str, used: set[str]) -> str:
    """A ledger id (``[a-z0-9][a-z0-9-]*``) from the number and the words after it."""
    words = suffix.split()[:2]
    base = _slug(" ".join([exact, *words]))[:48].strip("-") or "claim"
    candidate, number = base, 2
    while candidate in used:
        candidate, number = f"{base}-{number}", number + 1
    used.add(candidate)
    return candidate


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug if slug[:1].isalnum() else f"n-{slug}".strip("-")


def _quote(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _lang_of(path: Path) -> str:
    lang = language_from_name(path)
    if lang:
        return lang
    project = _project_of(path)
    if project is not None and project.lang:
        return project.lang
    raise UsageError("cannot tell the article's language: name it article.nl.txt or "
                     "article.en.txt, or pass --lang", path)


def _waived_kinds(path: Path) -> frozenset[str]:
    project = _project_of(path)
    return claims_config(project).waived_kinds if project is not None else DEFAULT_WAIVED_KINDS


def _project_of(path: Path) -> Project | None:
    """The project an article in ``<root>/articles/<slug>/`` belongs to, if it is laid out so."""
    root = path.resolve().parent.parent.parent
    if (root / "pyproject.toml").is_file() or (root / "datapackages").is_dir():
        return Project.load(root)
    return None
