"""``sourcecheck init ARTICLE``: draft the claims ledger of a new article.

Every number of the text that needs a source (every kind but those the project's
``waive-kinds`` leave out: years, dates...) gets a claim stub with its anchor filled
in (prefix, exact, suffix: checked to find that number, and only that one) and its
source left blank for the editor.  The ledger schema requires a source for every
claim, so the stubs are written commented out: the draft loads as it is, the check
reports the numbers as unlinked until the editor fills in a stub and uncomments it.

On an article that has a ledger already, ``init`` adds: a stub for every number no claim
or waiver covers yet (found with the check's own anchoring), appended as comments to the
old text, whose every byte stays as it was.  The ledger is only redrafted as a whole when
asked (``force``), and is written atomically: to a temporary file in the same folder,
then moved into place, so that a crash leaves either the old file or the new one.

A prefix or suffix stops short of the numbers around its own, so that editing one number
does not lose its neighbour's anchor; only where that leaves no unique anchor does the
context reach over another number.
"""

from __future__ import annotations

import bisect
import json
import os
import re
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from . import limits, textfile
from .compare.anchor import AnchorStatus, locate
from .config import DEFAULT_WAIVED_KINDS, claims_config
from .errors import InputError, UsageError
from .existing_ledger import read_existing
from .ledger.model import LEDGER_NAME, Anchor
from .numbers import extract, language_from_name
from .numbers.mention import Mention
from .project import Project
from .prose import Prose, format_of, read_prose
from .prose.mentions import placed
from .textfile import decode_utf8

# Context grows a word at a time up to this many characters on each side.
_MAX_CONTEXT = 120
_START_CONTEXT = 20

#: Where ``init`` puts the ledger's JSON Schema in a project, for editors to find
#: (the ledger's ``$schema`` comment points at it by a relative path).
SCHEMA_PLACE = Path(".sourcecheck") / "ledger.schema.json"


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
    start: int = -1  # of the number in the text: where a linker finds its mention


@dataclass(frozen=True)
class Draft:
    """What ``init`` wrote (or, ``dry_run``, would write)."""

    path: Path
    stubs: tuple[Stub, ...]
    left_out: int  # numbers of kinds that need no claim
    text: str = ""          # the whole draft, or what is appended to an existing ledger
    appended: bool = False  # added to an existing ledger, whose old text stays as it was
    dry_run: bool = False   # nothing written
    notes: tuple[str, ...] = ()
    waiting: int = 0        # numbers whose stub, from an earlier init, is still commented out

    def summary(self) -> str:
        if self.dry_run and self.text:  # what would be written, as it would be written
            return self.text
        if self.appended and not self.stubs:
            said = f"{self.path}: nothing to add: every number has a claim or a waiver" + (
                f", or a stub still commented out ({self.waiting})" if self.waiting else "")
        elif self.appended:
            said = (f"added to {self.path}: {len(self.stubs)} claim stubs to fill in, for the numbers no claim "
                    f"or waiver covers yet; the ledger's old text is unchanged")
        else:
            said = (f"drafted {self.path}: {len(self.stubs)} claim stubs to fill in "
                    f"({self.left_out} numbers of kinds that need no claim left out)")
        return "".join(line + "\n" for line in (said, *self.notes))


def init_ledger(article: str | os.PathLike[str], *, lang: str | None = None,
                force: bool = False, dry_run: bool = False) -> Draft:
    """Draft ``claims.yaml`` beside ``article``; when it exists (and not ``force``), append
    stubs for the numbers its claims and waivers do not cover.  ``dry_run`` writes nothing."""
    path = Path(article)
    ledger = path.parent / LEDGER_NAME
    prose = _read_article(path)
    if ledger.exists() and not force:
        return _extend(path, ledger, prose, lang, dry_run)
    lang = lang or _lang_of(path, prose)
    mentions = placed(prose, extract(prose.text, lang))
    stubs, left_out = draft_stubs(prose.text, lang, _waived_kinds(path), mentions=mentions)
    schema = _schema_place(path)
    draft = render(path.name, lang, stubs, left_out, Path(os.path.relpath(schema, ledger.parent)).as_posix())
    notes: tuple[str, ...] = ()
    if not dry_run:
        write_atomically(ledger, draft, overwrite=force)
        notes = _install_schema(schema)
    return Draft(ledger, tuple(stubs), left_out, draft, dry_run=dry_run, notes=notes)


def _extend(path: Path, ledger_path: Path, prose: Prose, lang: str | None, dry_run: bool) -> Draft:
    """Append to the ledger at ``ledger_path`` a stub for every number it does not cover."""
    existing = read_existing(ledger_path, prose, lang, lambda: _lang_of(path, prose))
    old, covered = existing.text, existing.covered
    waiting = existing.commented - covered
    stubs, left_out = draft_stubs(prose.text, existing.lang, _waived_kinds(path), mentions=existing.mentions,
                                  covered=covered | waiting, taken=existing.taken)
    if not stubs:
        return Draft(ledger_path, (), left_out, "", appended=True, dry_run=dry_run, waiting=len(waiting))
    newline = "\r\n" if "\r\n" in old else "\n"
    lines = [
        "",
        f"# Added by `sourcecheck init`: {len(stubs)} numbers that no claim or waiver covers yet.",
        "# Fill in each one's source and uncomment it into the `claims:` list, or waive the number.",
    ]
    for stub in stubs:
        lines += _stub_lines(stub)
    added = ("" if not old or old.endswith("\n") else newline) + newline.join(lines) + newline
    if not dry_run:
        write_atomically(ledger_path, old + added, overwrite=True)
    return Draft(ledger_path, tuple(stubs), left_out, added, appended=True, dry_run=dry_run, waiting=len(waiting))


def draft_stubs(text: str, lang: str, waived_kinds: frozenset[str], *, mentions: Sequence[Mention] | None = None,
                covered: Collection[int] = (), taken: Collection[str] = ()) -> tuple[list[Stub], int]:
    """A stub for every number of ``text`` that needs a claim (but those whose start is in
    ``covered``), its id none of ``taken``; and how many were left out for their kind."""
    if mentions is None:
        mentions = extract(text, lang)
    starts = sorted(m.start for m in mentions if m.value is not None)
    ends = sorted(m.end for m in mentions if m.value is not None)
    stubs: list[Stub] = []
    used: set[str] = set(taken)
    left_out = 0
    for mention in mentions:
        if mention.value is None or mention.start in covered:
            continue  # a percentage without a figure has nothing to source (check notes it: SC407)
        if str(mention.kind) in waived_kinds:
            left_out += 1
            continue
        # the numbers around it: the last to end before it, the first to start after it
        before, after = bisect.bisect_right(ends, mention.start), bisect.bisect_left(starts, mention.end)
        floor = ends[before - 1] if before else 0
        ceiling = starts[after] if after < len(starts) else len(text)
        prefix, suffix, unique = _context(text, mention, mentions, floor, ceiling)
        stubs.append(Stub(_unique_id(mention.text, suffix, used), prefix, mention.text, suffix,
                          mention.line, str(mention.kind), unique, mention.start))
    return stubs, left_out


def _context(text: str, mention: Mention, mentions: Sequence[Mention], floor: int,
             ceiling: int) -> tuple[str, str, bool]:
    """The shortest prefix and suffix that find ``mention`` and only it: first within the
    numbers around it (``floor``, ``ceiling``), then, if need be, over them."""
    prefix = suffix = ""
    tried = set()
    for low, high in ((floor, ceiling), (0, len(text))):
        for width in range(_START_CONTEXT, _MAX_CONTEXT + 1, 10):
            prefix = _before(text, mention.start, width, low)
            suffix = _after(text, mention.end, width, high)
            if (not prefix and not suffix) or (prefix, suffix) in tried:
                continue
            tried.add((prefix, suffix))
            located = locate(text, Anchor(mention.text, prefix, suffix), mentions)
            if (located.status is AnchorStatus.FOUND and located.mention is not None
                    and located.mention.start == mention.start and not located.changed):
                return prefix, suffix, True
    return prefix, suffix, False


def render(article_name: str, lang: str, stubs: list[Stub], left_out: int,
           schema: str = f"../../{SCHEMA_PLACE.as_posix()}") -> str:
    """The draft ledger as YAML text: a loadable ledger whose claim stubs are comments;
    ``schema`` is where its JSON Schema is, relative to the ledger (by default, in the
    project of a ledger at ``<project>/articles/<slug>/``)."""
    lines = [
        f"# yaml-language-server: $schema={schema}",
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
        lines += _stub_lines(stub)
    return "\n".join(lines) + "\n"


def _stub_lines(stub: Stub) -> list[str]:
    """One claim stub, commented out, as lines of a ledger."""
    return [
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


def _read_article(path: Path) -> Prose:
    try:  # a regular file within article-size: a pipe or a device is refused unread
        data = textfile.read_regular(path, limits.current().article_size, "article-size")
    except textfile.NotReadable as problem:
        raise InputError(f"cannot read the article: {problem}", path) from None
    except OSError as error:
        raise InputError(f"cannot read the article: {error.strerror}", path) from None
    return read_prose(decode_utf8(data, path), format_of(path))  # anchors are drafted from the reader's text


def _schema_place(article: Path) -> Path:
    """Where the project of ``article`` keeps the ledger schema (:data:`SCHEMA_PLACE`)."""
    project = _project_of(article)
    root = project.root if project is not None else Project.find(article.parent).root
    return root / SCHEMA_PLACE


def _install_schema(place: Path) -> tuple[str, ...]:
    """Write this sourcecheck's ledger schema to ``place`` unless a file is there already
    (never replaced: it may be committed, or edited); a note when that one differs."""
    shipped = resources.files("sourcecheck.ledger").joinpath("ledger.schema.json").read_text(encoding="utf-8")
    try:
        place.parent.mkdir(parents=True, exist_ok=True)
        textfile.write_atomically(place, shipped, overwrite=False)
        return (f"wrote the ledger schema, for editors, to {place}",)
    except FileExistsError:
        pass
    except OSError as error:  # the ledger is written; an editor aid is not worth failing for
        return (f"could not write the ledger schema to {place}: {error.strerror}",)
    try:
        same = place.read_text(encoding="utf-8") == shipped
    except (OSError, UnicodeDecodeError):
        same = False
    return () if same else (f"{place} differs from this sourcecheck's ledger schema: delete it and run "
                            "`sourcecheck init` again on a new article to have it rewritten",)


def write_atomically(path: Path, text: str, *, overwrite: bool) -> None:
    """Write the ledger ``text`` to ``path`` atomically (:func:`sourcecheck.textfile.write_atomically`);
    without ``overwrite`` no existing file is ever replaced."""
    try:
        textfile.write_atomically(path, text, overwrite=overwrite)
    except FileExistsError:
        raise UsageError("a ledger already exists here; use --force to overwrite it", path) from None
    except OSError as error:
        raise InputError(f"cannot write the ledger: {error.strerror}", path) from None


def _before(text: str, start: int, width: int, floor: int = 0) -> str:
    """Up to ``width`` characters before ``start``, from the start of a word, or from ``floor``.

    Context may reach into the line before: an empty prefix would mean the start
    of the whole text to the anchor search.
    """
    low = max(floor, start - width)
    context = text[low:start]
    if low > floor and not text[low - 1].isspace():
        cut = re.search(r"\s", context)  # drop the partial first word
        context = context[cut.end():] if cut else ""
    return context


def _after(text: str, end: int, width: int, ceiling: int | None = None) -> str:
    """Up to ``width`` characters after ``end``, to the end of a word, or to ``ceiling``."""
    ceiling = len(text) if ceiling is None else ceiling
    high = min(ceiling, end + width)
    context = text[end:high]
    if high < ceiling and not text[high].isspace():
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


def _lang_of(path: Path, prose: Prose | None = None) -> str:
    """The article's language: its file name's, its front matter's (``<html lang>``), the
    project's."""
    lang = language_from_name(path) or (prose.lang if prose is not None else None)
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
