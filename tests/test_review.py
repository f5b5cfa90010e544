"""Review before trust: a claim marked ``review: pending`` fails with SC410 until a person
accepts it; ``sourcecheck accept`` removes the marker and not one other byte."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from example_project import copy_example
from sourcecheck.cli import main
from sourcecheck.review import remove_markers

LEDGER = Path("articles") / "russen-in-servie" / "claims.yaml"


def mark_pending(ledger: Path, *ids: str) -> None:
    """Put a ``review: pending`` line under the id line of each claim ``ids``."""
    text = ledger.read_text(encoding="utf-8")
    for claim_id in ids:
        text, count = re.subn(rf"(?m)^(  - id: {claim_id}\n)", r"\1    review: pending   # proposed by a tool\n", text)
        assert count == 1, claim_id
    ledger.write_text(text, encoding="utf-8")


def report(project: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict]:
    code = main(["check", str(project), "--no-cache", "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


@pytest.fixture
def example(tmp_path: Path) -> Path:
    return copy_example(tmp_path / "project")


def test_a_pending_claim_fails_with_its_own_code_and_is_listed_with_its_source(example, capsys):
    mark_pending(example / LEDGER, "community-just-under-200000")
    code, data = report(example, capsys)
    assert code == 1
    failing = [f for f in data["findings"] if not f["acknowledged"]]
    assert [(f["code"], f["name"], f["severity"], f["claim"]) for f in failing] == [
        ("SC410", "link-unreviewed", "error", "community-just-under-200000")]
    claim = next(c for c in data["claims"] if c["id"] == "community-just-under-200000")
    assert claim["verdict"] == "link-unreviewed"
    assert claim["source"]["package"] and claim["source"]["value"] and claim["text"]["text"]


def test_a_finding_about_the_figure_comes_before_the_review(example, capsys):
    mark_pending(example / LEDGER, "election-year")  # its SC301 is acknowledged in the example
    code, data = report(example, capsys)
    claim = next(c for c in data["claims"] if c["id"] == "election-year")
    codes = [f["code"] for f in data["findings"] if f["claim"] == "election-year"]
    assert code == 1 and claim["verdict"] == "text-mismatch" and codes == ["SC301", "SC410"]


def test_an_unreviewed_link_cannot_be_acknowledged(example, capsys):
    ledger = example / LEDGER
    mark_pending(ledger, "election-year")
    text = ledger.read_text(encoding="utf-8").replace("code: SC301", "code: SC410", 1)
    ledger.write_text(text, encoding="utf-8")
    assert main(["check", str(example), "--no-cache"]) == 2
    assert "acknowledges SC410: review the claim's source" in capsys.readouterr().err


def test_accept_removes_one_marker_then_all(example, capsys, monkeypatch):
    ledger = example / LEDGER
    original = ledger.read_bytes()
    mark_pending(ledger, "community-just-under-200000", "diaspora-2014-2022")
    monkeypatch.chdir(example / "articles")  # the project is found from a subfolder
    assert main(["accept", "diaspora-2014-2022"]) == 0
    assert "accepted 1 claim(s): diaspora-2014-2022" in capsys.readouterr().out
    assert ledger.read_bytes().count(b"review: pending") == 1
    assert main(["accept", "election-year", "--all", str(ledger)]) == 0  # names after the option too
    assert "accepted 1 claim(s): community-just-under-200000" in capsys.readouterr().out
    assert ledger.read_bytes() == original
    code, data = report(example, capsys)
    assert code == 0 and sum(bool(f["acknowledged"]) for f in data["findings"]) == 12
    assert main(["accept", "--all", str(example)]) == 0
    assert "nothing to do" in capsys.readouterr().out


def test_an_unknown_id_is_named_and_nothing_is_written(example, capsys):
    ledger = example / LEDGER
    mark_pending(ledger, "election-year")
    before = ledger.read_bytes()
    assert main(["accept", "election-year", "no-such-claim", str(example / LEDGER.parent)]) == 2
    assert "no claim has the id 'no-such-claim'" in capsys.readouterr().err
    assert ledger.read_bytes() == before


def test_accept_needs_ids_or_all_and_one_place(example, capsys):
    assert main(["accept", str(example)]) == 2
    assert "name the claims to accept" in capsys.readouterr().err
    assert main(["accept", "election-year", str(example), str(example / LEDGER)]) == 2
    assert "one place to look at most" in capsys.readouterr().err


def test_a_claim_that_is_not_pending_is_said_and_left_alone(example, capsys):
    ledger = example / LEDGER
    before = ledger.read_bytes()
    assert main(["accept", "election-year", str(example / LEDGER.parent / "article.nl.txt")]) == 0
    assert "not pending review (nothing to do): election-year" in capsys.readouterr().out
    assert ledger.read_bytes() == before


# A ledger generated as segments, each known to be a marker or not: accepting the chosen
# claims must give back exactly the text without their marker segments.
_space = st.sampled_from(["", " ", "   "])
_comment = st.sampled_from(["", "  # a note", " #é ünïcode", "   # review: pending? no"])
_pending = st.sampled_from(["pending", '"pending"', "'pending'"])
_blank = st.sampled_from(["", "\n", "# a comment line\n", "\n# two\n\n"])


@st.composite
def _claim(draw: st.DrawFn, number: int, indent: str) -> tuple[list[tuple[str, bool]], bool]:
    """One claim as (text, is-marker) segments, and whether it is pending."""
    claim_id = f"claim-{number}"
    pending = draw(st.booleans())
    marker_value = draw(_pending)
    anchor = f'anchor: {{prefix: "p{number} ", exact: "{number}%", suffix: " s"}}'
    source = 'source: {package: p, resource: r, key: k, field: f, value: "1"}'
    if draw(st.booleans()):  # flow style
        entries = [f"id: {claim_id}", anchor, source]
        place = draw(st.integers(0, len(entries)))
        parts: list[tuple[str, bool]] = [(f"{indent}- {{", False)]
        for index, entry in enumerate(entries):
            if pending and index == place:
                parts.append((f"review: {marker_value},{draw(_space)} ", True))
            parts.append((entry + ("" if index == len(entries) - 1 else ", "), False))
        if pending and place == len(entries):
            parts.append((f",{draw(_space)} review: {marker_value}", True))
        parts.append((f"}}{draw(_comment)}\n", False))
        return parts, pending
    inner = indent + "  "
    lines = [f"id: {claim_id}{draw(_comment)}\n", f"{anchor}\n", f"{source}\n"]
    place = draw(st.integers(0, len(lines)))
    parts = [(f"{indent}-", False)]
    for index, line in enumerate(lines):
        if pending and index == place:
            marker = f"review:{draw(_space) or ' '}{marker_value}{draw(_comment)}"
            if index == 0 and draw(st.booleans()):  # a comment between it and the next entry stays
                parts.append((f" {marker}", True))
                parts.append((f"\n{inner}# a note on the claim\n{inner}", False))
            else:
                parts += [(" ", False), (f"{marker}\n{inner}", True)] if index == 0 else [(f"{inner}{marker}\n", True)]
        first = not (pending and place == 0)
        parts.append((((" " if first else "") if index == 0 else inner) + line, False))
    if pending and place == len(lines):
        parts.append((f"{inner}review: {marker_value}{draw(_comment)}\n", True))
    return parts, pending


@st.composite
def _ledger(draw: st.DrawFn) -> tuple[list[tuple[str, bool, int]], int]:
    indent = draw(st.sampled_from(["", "  ", "    "]))
    segments: list[tuple[str, bool, int]] = [(f"# the ledger\n{draw(_blank)}claims:{draw(_comment)}\n", False, -1)]
    count = draw(st.integers(1, 5))
    for number in range(count):
        parts, _ = draw(_claim(number, indent))
        segments += [(text, marker, number) for text, marker in parts]
        segments.append((draw(_blank), False, -1))
    segments.append((f"waive: []{draw(_comment)}\n", False, -1))
    return segments, count


@settings(max_examples=200, deadline=None)
@given(_ledger(), st.data(), st.sampled_from(["\n", "\r\n"]))
def test_accept_removes_the_markers_and_not_one_other_character(generated, data, newline):
    segments, count = generated
    chosen = data.draw(st.sets(st.integers(0, count - 1)))
    text = "".join(part for part, _, _ in segments).replace("\n", newline)
    assert yaml.safe_load(text)["claims"]  # the generator writes valid YAML
    expected = "".join(part for part, marker, number in segments
                       if not (marker and number in chosen)).replace("\n", newline)
    assert remove_markers(text, {f"claim-{number}" for number in chosen}) == expected
