"""``sourcecheck init ARTICLE --link``: from a new article and raw tables to a reviewed, green
ledger.  The cells each statistic rests on are annotated by hand (fixtures/linking/annotations.py);
the proposals are measured against them."""

from __future__ import annotations

import difflib
import json
import re
import shutil
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sourcecheck.cli import main
from sourcecheck.existing_ledger import commented_stubs
from sourcecheck.interval import Interval
from sourcecheck.ledger.load import load_ledger
from sourcecheck.linked_ledger import add_proposals, link_ledger
from sourcecheck.linking import Candidate, Cell, Proposal
from sourcecheck.scaffold import Stub

FIXTURES = Path(__file__).parent / "fixtures" / "linking"
sys.path.insert(0, str(FIXTURES))
from annotations import EN, EN_WAIVED, NL, NL_WAIVED  # noqa: E402

CASES = {
    "nl": ("fietsen", ("gemeenten.csv", "ongevallen.csv"), "Fietsen en verkeersveiligheid (voorbeeld)", NL,
           NL_WAIVED),
    "en": ("cycling", ("cities.csv", "casualties.csv"), "Cycling and road safety (example)", EN, EN_WAIVED),
}


def build(root: Path, lang: str) -> Path:
    """A fresh project: a pyproject, the article, and a package made from the raw tables."""
    name, tables, title, _, _ = CASES[lang]
    root.mkdir()
    (root / "pyproject.toml").write_text(f'[tool.sourcecheck]\nlang = "{lang}"\n', encoding="utf-8")
    article = root / "articles" / name / f"article.{lang}.txt"
    article.parent.mkdir(parents=True)
    shutil.copy(FIXTURES / lang / f"article.{lang}.txt", article)
    assert main(["package", "new", name, *(str(FIXTURES / lang / table) for table in tables), "--title", title,
                 "--publisher", "Example", "--source", "https://example.org/data", "--retrieved", "2025-01-10",
                 str(root)]) == 0
    return article


def waive_stubs(ledger: Path) -> int:
    """A person's waivers for the numbers left as commented stubs; how many."""
    text = ledger.read_text(encoding="utf-8")
    stubs = commented_stubs(text)
    lines = ["waive:"]
    for anchor in stubs.values():
        lines += [f"  - anchor: {{prefix: {json.dumps(anchor.prefix)}, exact: {json.dumps(anchor.exact)}, "
                  f"suffix: {json.dumps(anchor.suffix)}}}",
                  "    reason: \"Not a statistic of the tables (an aside, a guess, or a count of the overview).\""]
    ledger.write_text(text + "\n".join(lines) + "\n", encoding="utf-8")
    return len(stubs)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_fresh_project_is_linked_reviewed_and_green(tmp_path, capsys, lang):
    article = build(tmp_path / "project", lang)
    root = tmp_path / "project"
    assert main(["validate", str(root)]) == 0, "the package new wrote must validate as it is"
    assert main(["init", str(article), "--link"]) == 0
    ledger_path = article.parent / "claims.yaml"
    ledger = load_ledger(ledger_path)
    _, _, _, truth, waived = CASES[lang]
    proposed = {claim.anchor.exact: claim for claim in ledger.claims}
    assert all(claim.pending for claim in ledger.claims)
    right = [exact for exact, claim in proposed.items()
             if claim.source is not None
             and truth.get(exact) == (claim.source.resource, claim.source.key, claim.source.field)]
    precision = len(right) / len(proposed)
    coverage = len(right) / len(truth)
    assert precision >= 0.9, f"{lang}: precision {precision:.0%} ({len(right)}/{len(proposed)})"
    assert coverage >= 0.7, f"{lang}: coverage {coverage:.0%} ({len(right)}/{len(truth)})"
    assert not set(proposed) & set(waived), "a number a person would waive was proposed"

    # the person reviews: drops a wrong proposal, accepts the right ones, waives the rest
    text = ledger_path.read_text(encoding="utf-8")
    for claim in ledger.claims:
        if claim.anchor.exact not in right:
            text, count = re.subn(rf"(?m)^  - id: {claim.id}\n(?:    .*\n|  .*\n(?!  - ))*?\n", "", text)
            assert count == 1
    ledger_path.write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert main(["accept", "--all", str(article.parent)]) == 0
    assert "accepted" in capsys.readouterr().out
    assert waive_stubs(ledger_path) >= 1
    code = main(["check", str(root), "--no-cache"])
    assert code == 0, capsys.readouterr().out


def test_equally_good_cells_give_a_stub_that_lists_both(tmp_path):
    root = tmp_path / "project"
    root.mkdir()
    (root / "pyproject.toml").write_text('[tool.sourcecheck]\nlang = "en"\n', encoding="utf-8")
    tables = tmp_path / "raw"
    tables.mkdir()
    (tables / "towns.csv").write_text("town,residents\nAshby,1200\nBarton,1200\n", encoding="utf-8")
    article = root / "articles" / "towns" / "article.en.txt"
    article.parent.mkdir(parents=True)
    article.write_text("The town has 1,200 residents.\n", encoding="utf-8")
    assert main(["package", "new", "towns", str(tables / "towns.csv"), "--title", "Towns", "--publisher", "P",
                 "--source", "https://example.org", str(root)]) == 0
    linked = link_ledger(article)
    text = (article.parent / "claims.yaml").read_text(encoding="utf-8")
    assert [p.best for p in linked.proposals] == [None]
    assert "two cells fit equally well" in text
    assert "towns/towns Ashby residents" in text and "towns/towns Barton residents" in text
    assert not load_ledger(article.parent / "claims.yaml").claims


def test_a_number_with_no_cell_of_its_value_gets_a_plain_stub(tmp_path):
    article = build(tmp_path / "project", "en")
    article.write_text("In London 777 cyclists rode to work.\n", encoding="utf-8")
    linked = link_ledger(article)
    assert [(p.stub.exact, p.candidates) for p in linked.proposals] == [("777", ())]
    assert not load_ledger(article.parent / "claims.yaml").claims


LEDGER_HEAD = '# my notes\narticle: "article.en.txt"\nlang: en\n'
CLAIM = ('  - id: old-claim   # kept as it is\n'
         '    anchor: {exact: "47 per cent", prefix: "In Cambridge ", suffix: " of residents"}\n'
         '    source: {package: cycling, resource: cities, key: Cambridge, field: cycling_share, value: "47.2"}\n')
WAIVE = ('waive:\n  - anchor: {prefix: "Cycling in ", exact: "five", suffix: " English"}\n'
         '    reason: A count of the overview.\n')


@pytest.mark.parametrize("old", [
    LEDGER_HEAD + "claims:\n" + CLAIM + "\n# a comment between\n" + WAIVE,   # claims: not the last key
    LEDGER_HEAD + WAIVE + "claims:\n" + CLAIM,                              # claims: the last key
    LEDGER_HEAD + WAIVE,                                                    # no claims: at all
    (LEDGER_HEAD + "claims:\n" + CLAIM + WAIVE).replace("\n", "\r\n"),      # CRLF line ends
], ids=["claims-first", "claims-last", "no-claims", "crlf"])
def test_on_an_existing_ledger_every_old_byte_stays_and_only_proposals_are_added(tmp_path, old):
    article = build(tmp_path / "project", "en")
    ledger_path = article.parent / "claims.yaml"
    ledger_path.write_bytes(old.encode("utf-8"))
    before = load_ledger(ledger_path)
    linked = link_ledger(article)
    new = ledger_path.read_bytes().decode("utf-8")
    after = load_ledger(ledger_path)
    # the old text is a subsequence of the new one: only whole blocks were inserted
    assert _is_subsequence(old, new)
    assert [(w.anchor, w.reason) for w in after.waivers] == [(w.anchor, w.reason) for w in before.waivers]
    old_ids = {claim.id for claim in before.claims}
    assert {claim.id for claim in after.claims} >= old_ids
    assert all(claim.pending for claim in after.claims if claim.id not in old_ids)
    assert len(after.claims) - len(before.claims) >= 8
    covered = {"47 per cent"} if "old-claim" in old else set()
    assert covered.isdisjoint(p.stub.exact for p in linked.proposals), "a covered number was proposed again"
    assert [p.stub.exact for p in linked.proposals].count("five") == 1  # the other "five" is waived
    again = link_ledger(article)  # a second run finds every number covered
    assert again.proposals == () and ledger_path.read_bytes().decode("utf-8") == new


def test_dry_run_writes_nothing_and_prints_the_proposals(tmp_path, capsys):
    article = build(tmp_path / "project", "en")
    ledger_path = article.parent / "claims.yaml"
    ledger_path.write_text(LEDGER_HEAD + WAIVE, encoding="utf-8")
    capsys.readouterr()
    assert main(["init", str(article), "--link", "--dry-run"]) == 0
    printed = capsys.readouterr().out
    assert ledger_path.read_text(encoding="utf-8") == LEDGER_HEAD + WAIVE
    assert "review: pending" in printed and "claims:" in printed


def test_a_flow_claims_list_keeps_the_proposals_as_comments():
    cell = Cell("p", "r", ("k",), "f", "3", Interval(Decimal("2.5"), Decimal("3.5")), None,
                frozenset({"k"}), frozenset({"f"}), frozenset())
    proposal = Proposal(Stub("three", "", "three", " k", 1, "count", True, 0),
                        (Candidate(cell, Decimal(3), ("k",), True),))
    old = "article: a.txt\nclaims: []\n"
    new = add_proposals(old, [proposal])
    assert new.startswith(old) and "#   - id: three" in new and "\n  - id:" not in new


def _is_subsequence(old: str, new: str) -> bool:
    """Whether ``new`` is ``old`` with whole lines inserted, none changed or removed."""
    lines = iter(new.splitlines(keepends=True))
    return all(any(line == candidate for candidate in lines) for line in old.splitlines(keepends=True))


def _proposal(claim_id: str) -> Proposal:
    cell = Cell("cycling", "cities", ("York",), "cycle_lanes_km", "96",
                Interval(Decimal("95.5"), Decimal("96.5")), None, frozenset({"york"}), frozenset({"cycle"}),
                frozenset())
    return Proposal(Stub(claim_id, "York, a city of ", "96", " kilometres", 1, "count", True, 0),
                    (Candidate(cell, Decimal(3), ("cycle", "york"), True),))


_SECTIONS = st.permutations(["head", "claims", "waive"])


@settings(max_examples=60, deadline=None)
@given(order=_SECTIONS, dash=st.sampled_from([0, 2, 4]), folded=st.booleans(), crlf=st.booleans(),
       comments=st.lists(st.sampled_from(["", "# a note", "  # an indented note"]), min_size=3, max_size=3))
def test_proposals_go_into_the_claims_list_and_every_old_line_stays(order, dash, folded, crlf, comments):
    pad = " " * dash
    last = (f'{pad}    acknowledge:\n{pad}      - code: SC501\n{pad}        reason: >-\n'
            f'{pad}          A reason on\n{pad}          two lines.\n'
            f'{pad}        text: "47 per cent"\n{pad}        value: "47.2"\n') if folded else ""
    sections = {
        "head": 'article: "article.en.txt"\nlang: en\n',
        "claims": (f"claims:\n{pad}- id: old-claim   # kept\n"
                   f'{pad}  anchor: {{prefix: "In ", exact: "47 per cent", suffix: " of"}}\n'
                   f"{pad}  source:\n{pad}    package: cycling\n{pad}    resource: cities\n"
                   f'{pad}    key: Cambridge\n{pad}    field: cycling_share\n{pad}    value: "47.2"\n'
                   + last.replace(f"{pad}    ", f"{pad}  ", 1).replace(f"\n{pad}    ", f"\n{pad}  ")),
        "waive": 'waive:\n  - anchor: {prefix: "Cycling in ", exact: "five", suffix: " English"}\n'
                 "    reason: A count.\n",
    }
    old = "".join(sections[name] + (comment + "\n" if comment else "") for name, comment in zip(order, comments,
                                                                                                  strict=True))
    if crlf:
        old = old.replace("\n", "\r\n")
    assert load_ledger(Path("claims.yaml"), old.encode("utf-8")).claims  # a valid ledger to start from
    new = add_proposals(old, [_proposal("york-lanes")])
    ledger = load_ledger(Path("claims.yaml"), new.encode("utf-8"))
    assert [claim.id for claim in ledger.claims] == ["old-claim", "york-lanes"]
    assert ledger.claims[1].pending and ledger.claims[1].source is not None
    assert ledger.claims[1].source.key == "York" and ledger.claims[1].value == "96"
    opcodes = difflib.SequenceMatcher(None, old.splitlines(keepends=True), new.splitlines(keepends=True),
                                      autojunk=False).get_opcodes()
    assert {tag for tag, *_ in opcodes} == {"equal", "insert"}, "an old line was changed or removed"
    assert sum(tag == "insert" for tag, *_ in opcodes) == 1, "the claim was not inserted as one block"


def test_notes_and_addresses_in_a_row_are_no_evidence(tmp_path):
    """A row's long note or its locator may quote the very article: its words name no row."""
    root = tmp_path / "project"
    root.mkdir()
    (root / "pyproject.toml").write_text('[tool.sourcecheck]\nlang = "en"\n', encoding="utf-8")
    tables = tmp_path / "raw"
    tables.mkdir()
    note = "Only the article states it: 'a sample of 380 respondents in Belgrade took part in the poll'"
    (tables / "polls.csv").write_text(f'id,locator,note,respondents\np1,https://example.org/belgrade,"{note}",380\n'
                                      "p2,,short label,990\n", encoding="utf-8")
    article = root / "articles" / "poll" / "article.en.txt"
    article.parent.mkdir(parents=True)
    article.write_text("In Belgrade 380 respondents took part in the poll.\n", encoding="utf-8")
    assert main(["package", "new", "polls", str(tables / "polls.csv"), "--title", "Polls", "--publisher", "P",
                 "--source", "https://example.org", str(root)]) == 0
    (proposal,) = link_ledger(article).proposals
    assert proposal.best is not None  # "respondents": the field's name
    assert proposal.best.words == ("respondents",), "a word of the note or the address counted"


def test_a_cell_of_a_two_field_key_is_cited_by_both_parts():
    proposal = _proposal("lanes")
    cell = proposal.candidates[0].cell
    two = Proposal(proposal.stub, (Candidate(Cell(cell.package, cell.resource, ("York", "2024"), cell.field,
                                                  cell.written, cell.interval, None, cell.row_words,
                                                  cell.field_words, frozenset()), Decimal(3), ("york",), True),))
    new = add_proposals('article: "a.en.txt"\nlang: en\n', [two])
    (claim,) = load_ledger(Path("claims.yaml"), new.encode("utf-8")).claims
    assert claim.source is not None and tuple(claim.source.key) == ("York", "2024")  # type: ignore[arg-type]


def test_a_dry_run_on_a_new_article_prints_the_draft_and_force_redrafts(tmp_path, capsys):
    article = build(tmp_path / "project", "en")
    ledger_path = article.parent / "claims.yaml"
    capsys.readouterr()
    assert main(["init", str(article), "--link", "--dry-run"]) == 0
    assert "review: pending" in capsys.readouterr().out and not ledger_path.exists()
    ledger_path.write_text('article: "article.en.txt"\nlang: en\nclaims:\n' + CLAIM, encoding="utf-8")
    assert main(["init", str(article), "--link", "--force"]) == 0
    assert len(load_ledger(ledger_path).claims) == len(EN)  # the old claim gone, every statistic proposed


def test_link_after_a_plain_init_proposes_for_the_commented_stubs_and_adds_no_stub_twice(tmp_path):
    article = build(tmp_path / "project", "nl")
    assert main(["init", str(article)]) == 0
    before = (article.parent / "claims.yaml").read_text(encoding="utf-8")
    linked = link_ledger(article)
    after = (article.parent / "claims.yaml").read_text(encoding="utf-8")
    ledger = load_ledger(article.parent / "claims.yaml")
    assert after.startswith(before)  # no claims: key yet: a claims: block after the old text
    assert {claim.anchor.exact for claim in ledger.claims} == set(NL)
    assert all(proposal.best is not None for proposal in linked.proposals)  # no second stub
    assert link_ledger(article).proposals == ()
