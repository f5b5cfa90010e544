"""The bundled example: `sourcecheck check` in the repository root exits 0, shows every
acknowledged discrepancy of shared/sources.md with its reason, and covers every number."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest
from claims_support import EXAMPLE, ROOT

from sourcecheck import cli
from sourcecheck.ledger.load import load_ledger
from sourcecheck.numbers import extract
from sourcecheck.run.check import check

# shared/sources.md, "Known discrepancies": which claim surfaces each, with which code
DISCREPANCIES = {
    1: [("election-year", "SC301")],
    2: [("putin-official-share", "SC301")],
    3: [("community-more-than-200000", "SC501")],
    4: [("serbs-on-russian-side", "SC307")],
    5: [("second-in-opposition-votes", "SC308"), ("second-most-putin-critical", "SC308")],
    6: [("disapprove-putin-policy", "SC305")],
    7: [("diaspora-2014-2022", "SC305"), ("exit-poll-sample", "SC305"),
        ("bcsp-sample", "SC305"), ("levada-sample", "SC305")],
}


@pytest.fixture(scope="module")
def report():
    return check(ROOT)


def test_the_repository_passes(report):
    assert report.exit_code == 0 and report.valid
    assert report.failures == []


@pytest.mark.parametrize("number", sorted(DISCREPANCIES))
def test_every_known_discrepancy_is_reported_and_acknowledged(report, shared, number):
    assert f"\n{number}. " in (shared / "sources.md").read_text(encoding="utf-8")
    for claim, code in DISCREPANCIES[number]:
        found = [f for f in report.findings if f.claim == claim and f.code == code]
        assert found, f"discrepancy {number}: no {code} on claim {claim}"
        assert all(f.acknowledged and f"Discrepancy {number}" in f.acknowledged for f in found)


def test_every_number_is_linked_or_waived(report):
    text = (EXAMPLE / "article.nl.txt").read_text(encoding="utf-8")
    mentions = extract(text, "nl")
    assert report.coverage.unlinked == 0
    assert report.coverage.total == len(mentions)
    assert report.coverage.linked == len({r.mention.start for r in report.claims
                                          if r.verdict != "waived" and r.mention is not None})


def test_every_claim_of_the_ledger_is_in_the_report(report):
    ledger = load_ledger(EXAMPLE / "claims.yaml")
    ids = {r.id for r in report.claims if r.verdict != "waived"}
    assert ids == {claim.id for claim in ledger.claims}
    assert sum(1 for r in report.claims if r.verdict == "waived") == len(ledger.waivers)


def test_the_article_is_the_shared_original(shared):
    original = (shared / "articles" / "russen-in-servie.nl.txt").read_text(encoding="utf-8")
    assert (EXAMPLE / "article.nl.txt").read_text(encoding="utf-8") == original


def test_json_report_has_the_documented_shape(report):
    document = json.loads(json.dumps(report.to_dict()))
    schema = json.loads(resources.files("sourcecheck.formats").joinpath("report.schema.json").read_text())
    jsonschema.validate(document, schema)
    assert document["valid"] is True
    claims = {c["id"]: c for c in document["claims"]}
    share = claims["putin-exit-poll-share"]
    assert share["verdict"] == "holds"
    assert share["text"]["text"] == "Slechts 3%" and share["text"]["low"] == "2.5"
    assert share["source"]["path"] == "datapackages/vote-abroad-2024/putin-share.csv"
    assert share["source"]["field"] == "share" and share["source"]["value"] == "3"
    waived = [c for c in document["claims"] if c["verdict"] == "waived"]
    assert waived and all(c["source"] is None for c in waived)
    for finding in document["findings"]:
        assert {"code", "name", "severity", "message", "path", "line", "column", "claim"} <= set(finding)


def test_cli_text_report_shows_reasons_and_coverage(capsys):
    assert cli.main(["check", str(ROOT)]) == 0
    out = capsys.readouterr().out
    assert out.count("acknowledged: Discrepancy") == sum(len(v) for v in DISCREPANCIES.values())
    assert "articles/russen-in-servie/article.nl.txt:19:334: SC301 text-mismatch" in out
    assert out.rstrip().splitlines()[-1].startswith("coverage: ")
    assert "0 unlinked" in out.rstrip().splitlines()[-1]
