"""``sourcecheck init``: a draft ledger that loads, anchors that find their numbers, no clobbering."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from example_project import copy_example
from sourcecheck.cli import main
from sourcecheck.compare.anchor import AnchorStatus, locate
from sourcecheck.config import DEFAULT_WAIVED_KINDS
from sourcecheck.errors import UsageError
from sourcecheck.ledger import Anchor
from sourcecheck.ledger.load import load_ledger
from sourcecheck.numbers import extract
from sourcecheck.scaffold import draft_stubs, init_ledger, write_atomically

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "articles" / "russen-in-servie" / "article.nl.txt"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A new project holding the example article, without a ledger yet."""
    folder = tmp_path / "articles" / "nieuw"
    folder.mkdir(parents=True)
    shutil.copy(EXAMPLE, folder / "article.nl.txt")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def uncomment_and_fill(draft: str) -> str:
    """What an editor does: uncomment the stubs and fill in every source."""
    lines, in_claims = [], False
    for line in draft.splitlines():
        in_claims = in_claims or line == "# claims:"
        if in_claims and line.startswith("# "):
            line = line[2:]
        line = re.sub(r"^(\s+)(package|resource|key|field): $", r"\1\2: filled-in", line)
        lines.append(line)
    return "\n".join(lines) + "\n"


def test_init_drafts_a_ledger_that_loads(project, capsys):
    article = project / "articles" / "nieuw" / "article.nl.txt"
    assert main(["init", str(article)]) == 0
    ledger_path = article.parent / "claims.yaml"
    assert "claim stubs" in capsys.readouterr().out
    ledger = load_ledger(ledger_path)
    assert ledger.claims == () and ledger.lang == "nl" and ledger.article == "article.nl.txt"


def test_one_stub_per_number_the_check_calls_unlinked(project, capsys):
    article = project / "articles" / "nieuw" / "article.nl.txt"
    draft = init_ledger(article)
    assert main(["check", str(project), "--format", "json"]) == 1
    import json
    report = json.loads(capsys.readouterr().out)
    unlinked = [f for f in report["findings"] if f["code"] == "SC401"]
    assert len(draft.stubs) == len(unlinked) == report["coverage"]["unlinked"] > 0
    assert draft.left_out == report["coverage"]["waived"]
    assert [stub.line for stub in draft.stubs] == [f["line"] for f in unlinked]


def test_every_stub_once_filled_in_is_a_claim_whose_anchor_finds_its_number(project):
    article = project / "articles" / "nieuw" / "article.nl.txt"
    draft = init_ledger(article)
    ledger_path = article.parent / "claims.yaml"
    ledger_path.write_text(uncomment_and_fill(ledger_path.read_text(encoding="utf-8")),
                           encoding="utf-8")
    ledger = load_ledger(ledger_path)
    assert [claim.id for claim in ledger.claims] == [stub.id for stub in draft.stubs]
    text = article.read_text(encoding="utf-8")
    mentions = extract(text, "nl")
    for claim, stub in zip(ledger.claims, draft.stubs, strict=True):
        assert stub.unique, f"{stub.id}: no unique anchor found"
        located = locate(text, claim.anchor, mentions)
        assert located.status is AnchorStatus.FOUND and not located.changed
        assert located.mention.text == claim.anchor.exact and located.mention.line == stub.line
        assert claim.source is not None and claim.source.package == "filled-in"


def test_init_adds_to_an_existing_ledger_and_force_redrafts_it(project, capsys):
    article = project / "articles" / "nieuw" / "article.nl.txt"
    ledger = article.parent / "claims.yaml"
    ledger.write_text("claims: []  # the editor's work", encoding="utf-8")  # no newline at the end
    assert main(["init", str(article)]) == 0
    assert "the ledger's old text is unchanged" in capsys.readouterr().out
    text = ledger.read_text(encoding="utf-8")
    assert text.startswith("claims: []  # the editor's work\n\n# Added by `sourcecheck init`")
    assert load_ledger(ledger).claims == ()
    assert main(["init", str(article), "--force"]) == 0
    assert "drafted by `sourcecheck init`" in ledger.read_text(encoding="utf-8")


def cut_claims(ledger: Path, *indexes: int) -> list[str]:
    """Remove the claims at ``indexes`` from ``ledger``; their ids."""
    parts = re.split(r"(?m)^(?=  - id: )", ledger.read_text(encoding="utf-8"))
    ids = [re.match(r"  - id: (\S+)", parts[i + 1]).group(1) for i in indexes]
    ledger.write_text("".join(p for i, p in enumerate(parts) if i - 1 not in indexes), encoding="utf-8")
    return ids


def unlinked(project: Path, capsys) -> list[dict]:
    main(["check", str(project), "--no-cache", "--format", "json"])
    return [f for f in json.loads(capsys.readouterr().out)["findings"] if f["code"] == "SC401"]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_init_on_a_ledger_adds_what_the_check_calls_unlinked_and_keeps_every_old_byte(tmp_path, capsys, newline):
    example = copy_example(tmp_path / "project")
    article = example / "articles" / "russen-in-servie" / "article.nl.txt"
    ledger = article.parent / "claims.yaml"
    cut_claims(ledger, 0, 4, 9)
    # the waiver of "Één" (not "Tussen 2014 en 2022": a range of years is waived by kind)
    waivers = re.split(r"(?m)^(?=  - anchor: )", ledger.read_text(encoding="utf-8"))
    ledger.write_text("".join(waivers[:3] + waivers[4:]).replace("\n", newline), encoding="utf-8", newline="")
    old, missing = ledger.read_bytes(), unlinked(example, capsys)
    assert len(missing) == 4  # three claims and a waiver gone
    assert main(["init", str(article), "--dry-run"]) == 0
    printed = capsys.readouterr().out
    assert ledger.read_bytes() == old and printed.count("#   - id: ") == 4
    draft = init_ledger(article)
    new = ledger.read_bytes()
    assert new.startswith(old) and new[len(old):].decode("utf-8") == printed
    added = new[len(old):]  # in the ledger's own line endings
    assert added.count(b"\n") == added.count(newline.encode())
    assert [stub.line for stub in draft.stubs] == [f["line"] for f in missing]
    assert load_ledger(ledger).claims == load_ledger(ledger, old).claims  # comments only were added
    ids = {claim.id for claim in load_ledger(ledger).claims}
    assert not ids & {stub.id for stub in draft.stubs}
    assert main(["init", str(article)]) == 0  # the stubs are there, commented: not added twice
    assert "nothing to add" in capsys.readouterr().out and ledger.read_bytes() == new


def test_init_on_a_ledger_that_covers_every_number_writes_nothing(tmp_path, capsys):
    example = copy_example(tmp_path / "project")
    article = example / "articles" / "russen-in-servie" / "article.nl.txt"
    before = (article.parent / "claims.yaml").read_bytes()
    for options in ([], ["--dry-run"]):
        assert main(["init", str(article), *options]) == 0
        assert "nothing to add: every number has a claim or a waiver\n" in capsys.readouterr().out
    assert (article.parent / "claims.yaml").read_bytes() == before


def test_init_dry_run_of_a_new_ledger_writes_nothing(project, capsys):
    article = project / "articles" / "nieuw" / "article.nl.txt"
    assert main(["init", str(article), "--dry-run"]) == 0
    assert "drafted by `sourcecheck init`" in capsys.readouterr().out
    assert sorted(p.name for p in project.rglob("*") if p.is_file()) == ["article.nl.txt", "pyproject.toml"]


def test_the_schema_line_points_at_a_schema_in_the_project(project, capsys):
    article = project / "articles" / "nieuw" / "article.nl.txt"
    assert main(["init", str(article)]) == 0
    assert "wrote the ledger schema" in capsys.readouterr().out
    ledger = article.parent / "claims.yaml"
    place = re.search(r"\$schema=(\S+)", ledger.read_text(encoding="utf-8")).group(1)
    assert place == "../../.sourcecheck/ledger.schema.json"
    schema = (ledger.parent / place).resolve()
    assert schema.read_bytes() == (ROOT / "docs" / "ledger.schema.json").read_bytes()
    schema.write_text("{}", encoding="utf-8")  # an old or edited copy is never replaced
    assert main(["init", str(article), "--force"]) == 0
    assert "differs from this sourcecheck's ledger schema" in capsys.readouterr().out
    assert schema.read_text(encoding="utf-8") == "{}"


def test_a_failed_write_leaves_the_old_ledger_and_no_temporary_file(project, monkeypatch):
    folder = project / "articles" / "nieuw"
    ledger = folder / "claims.yaml"
    ledger.write_text("old\n", encoding="utf-8")

    def broken_replace(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(Exception, match="cannot write the ledger: No space left on device"):
        init_ledger(folder / "article.nl.txt", force=True)
    assert ledger.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in folder.iterdir()) == ["article.nl.txt", "claims.yaml"]


def test_a_ledger_that_appears_meanwhile_is_not_clobbered(tmp_path):
    target = tmp_path / "claims.yaml"
    target.write_text("someone else's\n", encoding="utf-8")
    with pytest.raises(UsageError):
        write_atomically(target, "mine\n", overwrite=False)
    assert target.read_text(encoding="utf-8") == "someone else's\n"
    assert [p.name for p in tmp_path.iterdir()] == ["claims.yaml"]


def test_the_language_must_be_known(tmp_path, capsys):
    article = tmp_path / "story.txt"
    article.write_text("Ruim 40% stemde voor.\n", encoding="utf-8")
    assert main(["init", str(article)]) == 2
    assert "cannot tell the article's language" in capsys.readouterr().err
    assert main(["init", str(article), "--lang", "nl"]) == 0
    assert load_ledger(tmp_path / "claims.yaml").lang == "nl"


sentence = st.sampled_from([
    "Volgens de peiling steunt {n}% het beleid.",
    "Meer dan {n}.000 mensen kwamen.",
    "Ongeveer {n}% zegt nee.",
    "Het ging om {n} gemeenten.",
    "Volgens de peiling steunt {n}% het beleid.",  # the same sentence twice: a hard case
])


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(sentence, st.integers(2, 99)), min_size=1, max_size=8),
       st.sampled_from([" ", "\n"]))
def test_unique_anchors_find_their_own_number(parts, glue):
    text = glue.join(template.format(n=n) for template, n in parts)
    mentions = extract(text, "nl")
    stubs, left_out = draft_stubs(text, "nl", DEFAULT_WAIVED_KINDS)
    assert len(stubs) + left_out == len(mentions)
    ids = [stub.id for stub in stubs]
    assert len(ids) == len(set(ids)) and all(re.fullmatch(r"[a-z0-9][a-z0-9-]*", i) for i in ids)
    statistics = [m for m in mentions if str(m.kind) not in DEFAULT_WAIVED_KINDS]
    templates = [template for template, _ in parts]
    for stub, mention, (template, _) in zip(stubs, statistics, parts, strict=True):
        if templates.count(template) == 1:  # its own words are unique: no need to reach over a number
            assert stub.unique
            context = (mention.start - len(stub.prefix), mention.end + len(stub.suffix))
            assert not [m.text for m in mentions if m is not mention and m.start < context[1] and m.end > context[0]]
    for stub, mention in zip(stubs, statistics, strict=True):
        located = locate(text, Anchor(stub.exact, stub.prefix, stub.suffix), mentions)
        found_itself = (located.status is AnchorStatus.FOUND and not located.changed
                        and located.mention.start == mention.start)
        assert found_itself == stub.unique
        if not stub.unique:  # only when the same words stand around it elsewhere: its prefix or
            # its suffix repeats (the anchor lets an edited number grow between them, so two
            # places may match although the whole quote stands once)
            assert _count(text, stub.prefix) > 1 or _count(text, stub.suffix) > 1


def _count(text: str, part: str) -> int:
    """How often ``part`` stands in ``text``, overlapping occurrences included."""
    return sum(text.startswith(part, at) for at in range(len(text)))


def test_anchors_stop_short_of_the_numbers_around_them():
    text = "In 2024 stemde 44% voor en 30% tegen; 12% wist het niet. Ruim 5.000 mensen deden mee."
    stubs, left_out = draft_stubs(text, "nl", DEFAULT_WAIVED_KINDS)
    assert left_out == 1 and [stub.exact for stub in stubs] == ["44%", "30%", "12%", "Ruim 5.000"]
    for stub in stubs:
        assert stub.unique and not re.search(r"[0-9]", stub.prefix + stub.suffix), stub
    assert [(stub.prefix, stub.suffix) for stub in stubs][1] == (" voor en ", " tegen; ")


def test_an_anchor_reaches_over_a_number_only_when_its_own_words_repeat():
    text = "Ja 40% nee, ja 41% nee, ja 42% nee, ja 43% nee."
    stubs, _ = draft_stubs(text, "nl", DEFAULT_WAIVED_KINDS)
    assert all(stub.unique for stub in stubs)
    # between two numbers, " nee, ja " stands before 41% and 42% alike: only those two reach over
    assert [bool(re.search(r"[0-9]", stub.prefix + stub.suffix)) for stub in stubs] == [False, True, True, False]
