"""Issue 19, "the bundled packages, corrected": each correction stands in the data, with the
address of the page that states it."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

PACKAGES = Path(__file__).resolve().parents[2] / "datapackages"
BCSP_SUMMARY = "https://bezbednost.org/en/russian-exiles-in-serbia-liberal-anti-war-but-politically-reserved/"


def rows(package: str, resource: str) -> dict[str, dict[str, str]]:
    with (PACKAGES / package / f"{resource}.csv").open(encoding="utf-8", newline="") as file:
        return {row["id"]: row for row in csv.DictReader(file)}


def descriptor(package: str) -> dict:
    return json.loads((PACKAGES / package / "datapackage.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("row_id", "share", "quoted"), [
    ("approve-putin", "15.9", "(15.9%), compared to 87% approval within Russia"),
    ("approve-putin-in-russia", "87", "compared to 87% approval within Russia"),
    ("russia-wrong-direction", "51.9", "(51.9%) believe Russia is heading in the wrong direction"),
    ("media-international", "32", "international (32%)"),
    ("media-russian", "28", "Russian (28%)"),
    ("media-serbian", "13", "Serbian media (13%)"),
])
def test_the_bcsp_summary_figures_are_read_there(row_id, share, quoted):
    row = rows("bcsp-2025", "shares")[row_id]
    assert row["share"] == share and row["status"] == "verified"
    assert row["locator"].startswith(BCSP_SUMMARY) and quoted in row["locator"]


def test_the_bcsp_range_is_plain_and_quoted():
    row = rows("bcsp-2025", "estimates")["residents-from-russia"]
    assert (row["value"], row["value_high"], row["bound"]) == ("80000", "110000", "")
    assert "'Between 80,000 and 110,000 Russians currently reside in Serbia'" in row["locator"]


def test_the_reuters_estimate_cites_reuters_and_the_official_permits_are_there():
    size = rows("russians-in-serbia", "community-size")
    reuters = size["reuters-2024"]
    assert reuters["publisher"].startswith("Reuters (18 Mar 2024)") and "BCSP" not in reuters["publisher"]
    assert "'Rough estimates put the number of Russians in Serbia at close to 100,000'" in reuters["locator"]
    permits = size["temporary-residence-feb2022-feb2025"]
    assert (permits["value"], permits["bound"], permits["status"]) == ("67000", "above", "verified")
    assert "according to Serbian border police" in permits["locator"] and "AFP, 21 Feb 2025" in permits["locator"]
    assert not descriptor("russians-in-serbia")["description"].lower().startswith("every")


def test_the_belgrade_shares_come_out_on_4724_ballots_not_4726():
    tally = {key: int(row["votes"]) for key, row in rows("belgrade-count-2024", "tally").items()}
    assert tally["invalid"] == 900 and rows("belgrade-count-2024", "tally")["invalid"]["bound"] == ""
    counted = tally["valid"] + tally["invalid"]
    assert counted == 4724

    def share(votes: int, ballots: int) -> str:
        return str((Decimal(votes * 100) / ballots).quantize(Decimal("0.01"), ROUND_HALF_UP))

    shares = rows("belgrade-count-2024", "shares")
    assert share(tally["putin"], counted) == shares["putin-obc"]["share"] == "10.84"
    assert share(tally["davankov"], counted) == shares["davankov-obc"]["share"] == "67.42"
    assert share(tally["putin"], tally["cast"]) != "10.84"  # the 4,726 cast do not give the published share
    assert "4,724" in descriptor("belgrade-count-2024")["method"]


def test_the_vote_dates_and_the_66_percent_cite_pages_that_state_them():
    exit_polls = rows("vote-abroad-2024", "survey")["exit-polls"]
    assert "https://www.kurir.rs/" in exit_polls["locator"] and "17 March only" in exit_polls["locator"]
    assert not any("agenzianova" in source["path"] for source in descriptor("vote-abroad-2024")["sources"])
    vreme = rows("belgrade-count-2024", "shares")["davankov-vreme"]
    assert vreme["locator"].startswith("https://naslovi.net/2024-03-18/vreme/")
    assert "'U našoj prestonici 66 odsto Rusa glasalo je za Vladislava Davankova'" in vreme["locator"]
