"""The pure core: one article, its numbers, its ledger and its source records in; an
:class:`~sourcecheck.compare.outcome.ArticleOutcome` out.  No files, no cache, no processes.

For each claim: find its anchor, judge it against its records (``verdict.py``); then
look for claims on one record that contradict each other, apply the acknowledgements,
place the waivers, and report every statistic no claim or waiver covers.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from ..codes import SC, Severity, lookup
from ..config import ClaimsConfig
from ..errors import LedgerError
from ..findings import Finding
from ..ledger.model import Anchor, Claim, Ledger
from ..numbers.mention import Mention
from ..prose import Prose
from ..sources.record import Record
from .anchor import AnchorStatus, Located, locate
from .intervals import show
from .outcome import ArticleOutcome, ClaimResult
from .reading import reading_of, recorded_reading, side_by_side
from .verdict import ClaimContext, judge, settle


@dataclass(frozen=True)
class ArticleInput:
    """An article as the core reads it: its text and where it and its ledger are."""

    path: str                  # the article's path, relative to the project root
    text: str                  # as its reader sees it (``sourcecheck.prose``)
    ledger_path: str = ""      # the ledger's, relative to the project root
    prose: Prose | None = None  # where the text stands in the file (None: the file is the text)

    def position(self, offset: int) -> tuple[int, int]:
        """The line and column in the article's file of text offset ``offset``."""
        if self.prose is not None:
            return self.prose.position(offset)
        line = self.text.count("\n", 0, offset) + 1
        return line, offset - (self.text.rfind("\n", 0, offset) + 1) + 1


def check_article(article: ArticleInput, mentions: Sequence[Mention], ledger: Ledger | None,
                  records: Mapping[str, Sequence[Record | None]], schema_problems: Mapping[str, int],
                  config: ClaimsConfig) -> ArticleOutcome:
    """Judge every claim and waiver of ``ledger`` on ``article``.

    ``records`` holds each claim's source records (by claim id, one per reference, None
    when missing); ``schema_problems`` the number of failing validation findings of each
    resource those records come from, by CSV path.  A derivation the ledger cannot ask
    for raises :class:`~sourcecheck.errors.LedgerError`; everything else is a finding.
    """
    outcome = ArticleOutcome()
    covered: dict[int, str] = {}  # mention start -> "linked" / "waived"
    if ledger is not None:
        judged: list[tuple[Claim, ClaimResult]] = []
        for claim in ledger.claims:
            located = _as_written(article, locate(article.text, claim.anchor, mentions))
            context = ClaimContext(article.path, article.ledger_path, config.slack, records[claim.id],
                                   schema_problems)
            try:
                result = judge(claim, located, context)
            except LedgerError as error:  # raised deep in a derivation: name the ledger
                error.path = error.path or str(ledger.path)
                raise
            judged.append((claim, result))
            if located.status is AnchorStatus.FOUND and located.mention is not None:
                covered[located.mention.start] = "linked"
        _contradictions(judged, article.path)
        for claim, result in judged:
            settle(result, claim, config.slack)
            outcome.results.append(result)
            outcome.findings.extend(result.findings)
        _waivers(article, ledger, mentions, covered, config, outcome)
    _unlinked(article.path, mentions, covered, config, outcome)
    _digits_not_read(article, mentions, outcome)
    _computed(article, outcome)
    return outcome


def _as_written(article: ArticleInput, located: Located) -> Located:
    """A claim's place that holds a computed number (a Quarto inline expression's stand-in)
    shows its source, `` `{python} share`% ``: that is what stands there, not a number."""
    prose = article.prose
    if (prose is None or located.status is not AnchorStatus.NO_NUMBER or located.start is None
            or located.end is None or not prose.computed):
        return located
    if not any(c.start < located.end and located.start < c.end for c in prose.computed):
        return located
    start, end = prose.source_span(located.start, located.end)
    return replace(located, text=prose.source[start:end])


def _computed(article: ArticleInput, outcome: ArticleOutcome) -> None:
    """A number the document computes when it renders (a Quarto inline expression) is not
    written in the source: said, not checked; the rendered HTML has it written out."""
    for computed in article.prose.computed if article.prose is not None else ():
        line, column = article.position(computed.start)
        outcome.findings.append(Finding(
            SC.COMPUTED_NUMBER, f"{computed.code} is computed when the document renders: check the rendered "
                                "HTML to check its value",
            path=article.path, line=line, column=column, details={"article": article.path}))


# a run of decimal digits of any script but 0-9 (Arabic-Indic, Devanagari, fullwidth...)
_OTHER_DIGITS = re.compile(r"(?:(?![0-9])\d)+")


def _digits_not_read(article: ArticleInput, mentions: Sequence[Mention], outcome: ArticleOutcome) -> None:
    """Digits the extractor does not read are said, not skipped in silence (a note).
    It reads the digits of every script as numbers (numbers/scripts.py): what is left
    stands glued inside a word ("abc٣٠"), where no number is read in 0-9 either."""
    if article.text.isascii():
        return
    spans = [(m.start, m.end) for m in mentions]
    for found in _OTHER_DIGITS.finditer(article.text):
        if any(start <= found.start() < end for start, end in spans):
            continue  # read as part of a number after all
        line, column = article.position(found.start())
        outcome.findings.append(Finding(
            SC.DIGITS_NOT_READ, f"{found.group()!r} is written in digits of another script "
                                f"({unicodedata.name(found.group()[0], 'unknown').split(' DIGIT')[0].lower()}) "
                                "inside a word, where sourcecheck reads no number: set it apart to have it checked",
            path=article.path, line=line, column=column, details={"article": article.path}))


def _waivers(article: ArticleInput, ledger: Ledger, mentions: Sequence[Mention], covered: dict[int, str],
             config: ClaimsConfig, outcome: ArticleOutcome) -> None:
    for number, waiver in enumerate(ledger.waivers, start=1):
        waiver_id = waiver.id or f"waive-{number}"
        located = locate(article.text, waiver.anchor, mentions)
        result = ClaimResult(waiver_id, "waived", article.path, article.ledger_path,
                             mention=located.mention, reason=waiver.reason)
        problem = _anchor_problem(located, waiver.anchor, config.slack)
        if problem is not None:
            code, message = problem
            if lookup(code).severity is not Severity.NOTE:
                result.verdict = lookup(code).name
            result.findings = [Finding(code, message, path=article.ledger_path, line=waiver.line,
                                       claim=waiver_id, details={"article": article.path})]
            outcome.findings.extend(result.findings)
        if result.verdict == "waived" and located.mention is not None and located.mention.start not in covered:
            covered[located.mention.start] = "waived"
        outcome.results.append(result)


def _unlinked(article: str, mentions: Sequence[Mention], covered: dict[int, str], config: ClaimsConfig,
              outcome: ArticleOutcome) -> None:
    coverage = outcome.coverage
    for mention in mentions:
        state = covered.get(mention.start)
        if mention.value is None:  # a percentage stated without a figure: not a number
            if str(mention.kind) not in config.waived_kinds:
                outcome.findings.append(Finding(
                    SC.VAGUE_STATISTIC, f"{mention.text!r} states a percentage without a figure: "
                                        "give the number, or say why not",
                    path=article, line=mention.line, column=mention.column, details={"article": article}))
            continue
        if state == "linked":
            coverage.linked += 1
        elif state == "waived" or str(mention.kind) in config.waived_kinds:
            coverage.waived += 1
        else:
            coverage.unlinked += 1
            outcome.findings.append(Finding(
                SC.UNLINKED_STATISTIC, f"{mention.text!r} ({mention.kind}) has no claim: link it to its source "
                                       "in claims.yaml, or waive it with a reason",
                path=article, line=mention.line, column=mention.column, details={"article": article}))


def _anchor_problem(located: Located, anchor: Anchor, slack: dict[str, Decimal]) -> tuple[SC, str] | None:
    exact = anchor.exact
    if located.status is AnchorStatus.LOST:
        return SC.ANCHOR_LOST, f"the words around the waived {exact!r} are no longer in the text"
    if located.status is AnchorStatus.AMBIGUOUS:
        return SC.ANCHOR_AMBIGUOUS, f"the words around the waived {exact!r} stand in {len(located.places)} places"
    if located.status is AnchorStatus.NO_NUMBER:
        return SC.ANCHOR_WITHOUT_NUMBER, f"no number stands where the waived {exact!r} was"
    if located.changed and located.mention is not None:
        was = recorded_reading(anchor, exact, located.mention.lang, slack)
        now = reading_of(located.mention, slack)
        if was == now:
            return SC.TEXT_REWORDED, (f"the waived number was {exact!r} and now reads {located.text!r}, with the "
                                      f"same reading {now}: the waiver still covers it")
        return SC.TEXT_CHANGED, (f"the waived number changed: {side_by_side(exact, was, located.text, now)}; "
                                 "update the waiver")
    return None


def _contradictions(judged: list[tuple[Claim, ClaimResult]], article: str) -> None:
    """Two claims on one record and field whose text intervals cannot both hold: SC501 on the later."""
    by_record: dict[tuple[str, str, str, str], list[tuple[Claim, ClaimResult]]] = defaultdict(list)
    for claim, result in judged:
        if claim.source is None or result.mention is None or result.text_interval is None:
            continue
        ref = claim.source
        by_record[(ref.package, ref.resource, repr(ref.key), ref.field)].append((claim, result))
    for group in by_record.values():
        group.sort(key=lambda pair: pair[1].mention.start if pair[1].mention else 0)
        for index, (later_claim, later) in enumerate(group):
            for earlier_claim, earlier in group[:index]:
                assert later.text_interval is not None and earlier.text_interval is not None
                if later.text_interval.overlaps(earlier.text_interval):
                    continue
                assert later.mention is not None and earlier.mention is not None
                later.findings.append(Finding(
                    SC.CLAIMS_CONTRADICT,
                    f"{later.mention.text!r} {show(later.text_interval)} and {earlier.mention.text!r} "
                    f"{show(earlier.text_interval)} (claim {earlier_claim.id}, at {earlier.mention.line}:"
                    f"{earlier.mention.column}) rest on one record and cannot both hold",
                    path=article, line=later.mention.line, column=later.mention.column,
                    claim=later_claim.id, details={"article": article}))
