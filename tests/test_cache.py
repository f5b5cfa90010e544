"""The result cache (``sourcecheck.run.cache``): a changed input is never served from it.

Each invalidation test checks a copy of the example twice with the cache on (so the
second run could be served from it), changes one input, and checks again: the new
verdict must be the one an uncached check gives.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from example_project import copy_example
from sourcecheck import cli
from sourcecheck.errors import LedgerError
from sourcecheck.run.cache import DATABASE, DEFAULT_FOLDER
from sourcecheck.run.check import check
from sourcecheck.run.signing import sign

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = "articles/russen-in-servie/article.nl.txt"
LEDGER = "articles/russen-in-servie/claims.yaml"
SHARES = "datapackages/bcsp-2025/shares.csv"
DESCRIPTOR = "datapackages/bcsp-2025/datapackage.json"
SCHEMA = "schemas/bcsp-2025.shares.yaml"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the example project (without any cache of the repository's own)."""
    return copy_example(tmp_path / "project")


def edit(project: Path, name: str, old: str, new: str) -> None:
    path = project / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def cache_files(project: Path, folder: str = DEFAULT_FOLDER) -> list[Path]:
    return sorted(p for p in (project / folder).rglob("*") if p.is_file())


def cache_kinds(project: Path) -> set[str]:
    with sqlite3.connect(project / DEFAULT_FOLDER / DATABASE) as database:
        return {kind for (kind,) in database.execute("SELECT DISTINCT kind FROM entries")}


def warm(project: Path) -> dict:
    """Check twice (the second run is served from the cache); the report as a dict."""
    first = check(project).to_dict()
    assert first == check(project).to_dict()
    return first


def failing(report: dict, claim: str) -> list[str]:
    return [f["code"] for f in report["findings"] if f["claim"] == claim and f["acknowledged"] is None]


def assert_same_as_uncached(project: Path) -> dict:
    cached = check(project).to_dict()
    assert cached == check(project, cache=False).to_dict()
    return cached


def test_a_cached_run_gives_the_same_report_as_an_uncached_one(project):
    uncached = check(project, cache=False).to_dict()
    assert not (project / DEFAULT_FOLDER).exists()
    cold = check(project).to_dict()
    kinds = cache_kinds(project)
    assert {"verdicts", "mentions", "resource", "problems", "records", "package", "ledger",
            "descriptor"} <= kinds
    assert cold == uncached
    assert check(project).to_dict() == uncached


def test_the_second_run_is_served_from_the_cache(project, monkeypatch):
    """Without this, the invalidation tests below would prove nothing."""
    import importlib

    runner = importlib.import_module("sourcecheck.run.check")
    expected = warm(project)

    def no_work(*args, **kwargs):
        raise AssertionError("an unchanged article was checked again")

    monkeypatch.setattr(runner, "check_article", no_work)
    assert check(project).to_dict() == expected
    edit(project, ARTICLE, "44%", "45%")
    with pytest.raises(AssertionError, match="checked again"):
        check(project)


def test_a_changed_csv_cell_is_not_served_from_the_cache(project):
    assert not failing(warm(project), "disapprove-putin-policy")
    edit(project, SHARES, "disapprove of Putin's policy,44,", "disapprove of Putin's policy,45,")
    report = assert_same_as_uncached(project)
    assert "SC302" in failing(report, "disapprove-putin-policy")


def test_a_changed_descriptor_is_not_served_from_the_cache(project):
    assert not failing(warm(project), "disapprove-putin-policy")
    # the share column may no longer exceed 50: another row (51.9) of the claim's resource breaks it
    descriptor = json.loads((project / DESCRIPTOR).read_text(encoding="utf-8"))
    shares = next(r for r in descriptor["resources"] if r["name"] == "shares")
    field = next(f for f in shares["schema"]["fields"] if f["name"] == "share")
    field["constraints"]["maximum"] = 50
    (project / DESCRIPTOR).write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    report = assert_same_as_uncached(project)
    assert "SC304" in failing(report, "disapprove-putin-policy")


def test_a_changed_schema_yaml_is_not_served_from_the_cache(project):
    assert not failing(warm(project), "disapprove-putin-policy")
    # the answers to the Putin question (15.9 + 44) must now add up to 100
    edit(project, SCHEMA, "complete: []", "complete: [putin-approval]")
    report = assert_same_as_uncached(project)
    assert "SC304" in failing(report, "disapprove-putin-policy")


def test_a_changed_ledger_is_not_served_from_the_cache(project):
    assert not failing(warm(project), "disapprove-putin-policy")
    edit(project, LEDGER, 'field: share\n      value: "44"', 'field: share\n      value: "45"')
    report = assert_same_as_uncached(project)
    assert "SC302" in failing(report, "disapprove-putin-policy")


def test_a_changed_article_is_not_served_from_the_cache(project):
    assert not failing(warm(project), "disapprove-putin-policy")
    edit(project, ARTICLE, "44%", "45%")
    report = assert_same_as_uncached(project)
    assert "SC301" in failing(report, "disapprove-putin-policy")


def test_an_unchanged_ledger_is_not_validated_again_and_a_changed_one_is(project, monkeypatch):
    import importlib

    ledger_module = importlib.import_module("sourcecheck.ledger.load")
    validate = ledger_module._validate
    validated: list[str] = []
    monkeypatch.setattr(ledger_module, "_validate",
                        lambda document, path: (validated.append(path.name), validate(document, path)))
    warm(project)
    assert validated == ["claims.yaml"]  # the first run; the second took the ledger's facts from the cache
    edit(project, ARTICLE, "44%", "45%")  # checked again, its ledger known valid by its digest
    assert "SC301" in failing(check(project).to_dict(), "disapprove-putin-policy")
    assert validated == ["claims.yaml"]
    edit(project, LEDGER, "claims:", "claims:\n  - id: broken\n    anchor: {}")
    with pytest.raises(LedgerError):
        check(project)
    assert validated == ["claims.yaml", "claims.yaml"]


def test_a_changed_config_is_not_served_from_the_cache(project):
    assert not [f for f in warm(project)["findings"] if f["code"] == "SC401"]
    edit(project, "pyproject.toml", 'lang = "nl"', 'lang = "nl"\nwaive-kinds = ["date", "time", "duration", "age"]')
    report = assert_same_as_uncached(project)
    assert any(f["code"] == "SC401" and "(year)" in f["message"] for f in report["findings"])


def test_a_removed_package_is_not_served_from_the_cache(project, capsys):
    warm(project)
    shutil.rmtree(project / "datapackages" / "bcsp-2025")
    assert cli.main(["check", str(project)]) == 2
    assert "unknown package 'bcsp-2025'" in capsys.readouterr().err


def test_no_cache_flag_and_config_write_nothing(project, capsys):
    assert cli.main(["check", str(project), "--no-cache"]) == 0
    assert check(project, cache=False).exit_code == 0
    assert not (project / DEFAULT_FOLDER).exists()
    edit(project, "pyproject.toml", 'lang = "nl"', 'lang = "nl"\ncache = false')
    assert cli.main(["check", str(project)]) == 0
    assert check(project).exit_code == 0
    assert not (project / DEFAULT_FOLDER).exists()
    capsys.readouterr()


def test_no_cache_is_not_even_read(project):
    expected = warm(project)
    for path in cache_files(project):  # a cache that would mislead, were it read
        path.write_bytes(b"garbage")
    assert check(project, cache=False).to_dict() == expected


def test_the_cache_folder_can_be_moved(project):
    edit(project, "pyproject.toml", 'lang = "nl"', 'lang = "nl"\ncache = "build/sc-cache"')
    warm(project)
    assert cache_files(project, "build/sc-cache")
    assert not (project / DEFAULT_FOLDER).exists()


@pytest.mark.parametrize("folder", ["datapackages/cache", "articles", "schemas/x", "."])
def test_the_cache_may_not_be_among_the_sources(project, capsys, folder):
    edit(project, "pyproject.toml", 'lang = "nl"', f'lang = "nl"\ncache = "{folder}"')
    assert cli.main(["check", str(project)]) == 2
    assert "cache" in capsys.readouterr().err


@pytest.mark.parametrize("value", ["1", '""', "[]"])
def test_a_malformed_cache_setting_is_exit_2(project, capsys, value):
    edit(project, "pyproject.toml", 'lang = "nl"', f'lang = "nl"\ncache = {value}')
    assert cli.main(["check", str(project)]) == 2
    assert "pyproject.toml" in capsys.readouterr().err


def _file_corruptions():
    def truncate(path: Path) -> None:
        path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])

    def garbage(path: Path) -> None:
        path.write_bytes(b"\x00\xff not a database")

    def empty(path: Path) -> None:
        path.write_bytes(b"")

    return [truncate, garbage, empty]


@pytest.mark.parametrize("corrupt", _file_corruptions(), ids=lambda f: f.__name__)
def test_a_corrupt_cache_file_is_recomputed(project, corrupt):
    expected = warm(project)
    files = cache_files(project)
    assert [path.name for path in files] == [".gitignore", DATABASE]  # written out and closed: no journal
    corrupt(files[1])
    assert check(project).to_dict() == expected
    assert check(project).to_dict() == expected  # and rewritten correctly


def _entry_corruptions():
    def wrong_hash(digest: str, body: bytes) -> tuple[str, bytes]:  # a body edited without its hash
        return digest, body.replace(b'"', b"'", 1)

    def wrong_shape(digest: str, body: bytes) -> tuple[str, bytes]:  # intact, but not what the reader expects
        entry = json.loads(body)
        entry["value"] = {"results": "nonsense", "findings": [1], "coverage": None} \
            if isinstance(entry["value"], dict) else ["nonsense", {"x": 1}]
        new = json.dumps(entry).encode()
        return sign(new), new

    def not_bytes(digest: str, body: bytes) -> tuple[str, object]:  # a text where bytes belong
        return digest, body.decode("utf-8")

    return [wrong_hash, wrong_shape, not_bytes]


@pytest.mark.parametrize("corrupt", _entry_corruptions(), ids=lambda f: f.__name__)
def test_a_corrupt_cache_entry_is_recomputed(project, corrupt):
    expected = warm(project)
    with sqlite3.connect(project / DEFAULT_FOLDER / DATABASE) as database:
        rows = database.execute("SELECT kind, key, digest, body FROM entries").fetchall()
        assert len(rows) > 10
        for kind, key, digest, body in rows:
            database.execute("UPDATE entries SET digest = ?, body = ? WHERE kind = ? AND key = ?",
                             (*corrupt(digest, body), kind, key))
    assert check(project).to_dict() == expected
    assert check(project).to_dict() == expected  # and rewritten correctly


def test_a_link_in_the_cache_folder_is_never_written_through(project):
    target = project / "elsewhere.sqlite3"
    target.write_bytes(b"")
    folder = project / DEFAULT_FOLDER
    folder.mkdir()
    (folder / DATABASE).symlink_to(target)
    assert check(project).to_dict() == check(project, cache=False).to_dict()
    assert target.read_bytes() == b""


def test_an_unwritable_cache_is_no_cache(project):
    # a file where the cache folder should be: nothing can be written (as on a read-only checkout)
    edit(project, "pyproject.toml", 'lang = "nl"', 'lang = "nl"\ncache = "blocked"')
    (project / "blocked").write_text("not a folder", encoding="utf-8")
    assert check(project).to_dict() == check(project, cache=False).to_dict()
    assert (project / "blocked").read_text(encoding="utf-8") == "not a folder"


def test_the_cache_never_touches_a_source(project):
    def snapshot() -> dict[str, bytes]:
        return {p.relative_to(project).as_posix(): p.read_bytes() for p in project.rglob("*")
                if p.is_file() and DEFAULT_FOLDER not in p.parts}

    before = snapshot()
    warm(project)
    edit(project, ARTICLE, "44%", "45%")
    edited = snapshot()
    check(project)
    assert snapshot() == edited
    assert set(before) == set(edited)
    assert all(not str(p.relative_to(project)).startswith(("articles", "datapackages", "schemas"))
               for p in cache_files(project))


@pytest.mark.parametrize("value", [
    {"count": 2 ** 70, "negative": -(2 ** 64)},  # beyond 64 bits: written by the json module, exactly
    {"text": "tweehonderdduizend \u00e9\u0000", "list": [1, 2.5, None, True], "nested": {"a": []}},
])
def test_a_cache_entry_comes_back_exactly(tmp_path, value):
    from sourcecheck.run.cache import Cache

    first = Cache(tmp_path / "cache")
    first.put("kind", "key", value)
    first.close()
    again = Cache(tmp_path / "cache")
    assert again.get("kind", "key") == value
    assert again.get_many("kind", ["key", "missing"]) == {"key": value}


def test_a_key_not_in_the_file_costs_no_query_and_what_is_held_is_known(tmp_path):
    from sourcecheck.run.cache import Cache

    first = Cache(tmp_path / "cache")
    first.put("kind", "old", 1)
    first.close()
    again = Cache(tmp_path / "cache")
    assert again.get("kind", "old") == 1  # opens the file and reads what it holds
    statements: list[str] = []
    again._connection.set_trace_callback(statements.append)
    assert again.get_many("kind", ["missing", "also missing"]) == {}
    assert not again.has("other kind", "old")
    assert statements == []
    again.put("kind", "new", 2)
    again.flush()  # written by this cache: found without opening the file again
    assert again.get_many("kind", ["new", "old"]) == {"new": 2, "old": 1}
    assert any(s.startswith("SELECT") for s in statements)
    assert again.holds("kind") and not again.holds("other kind")
    empty = Cache(tmp_path / "empty")
    assert not empty.holds("kind")
    empty.put("kind", "key", 3)  # not yet written: held all the same
    assert empty.holds("kind")


def test_restored_results_equal_the_checked_ones(project):
    fresh = check(project, cache=False).claims
    check(project)  # fills the cache
    restored = check(project).claims
    assert len(restored) == len(fresh) > 10
    assert all(type(r).__name__ == "_Restored" for r in restored)  # really from the cache
    assert restored == fresh and fresh == restored  # both ways: the dataclass's __eq__ wants one class
    assert [r.mention for r in restored] == [r.mention for r in fresh]
    assert [(r.text_interval, r.source_interval) for r in restored] == \
        [(r.text_interval, r.source_interval) for r in fresh]


@pytest.mark.parametrize("row", [7, 2 ** 70])  # beyond 64 bits: that body is the json module's
def test_a_stored_result_reads_back_exactly_field_by_field(project, tmp_path, row):
    from sourcecheck.compare.outcome import ArticleOutcome
    from sourcecheck.run.cache import Cache
    from sourcecheck.run.codec import outcome_data, outcome_from

    fresh = next(r for r in check(project, cache=False).claims if r.source is not None)
    fresh.source = {**fresh.source, "row": row}
    summary, details = outcome_data(ArticleOutcome([fresh], list(fresh.findings)))
    store = Cache(tmp_path / "cache")
    store.put("details", "key", details)
    store.close()
    unread = Cache(tmp_path / "cache").get_many_unread("details", ["key", "missing"])
    assert set(unread) == {"key"}
    restored = outcome_from(json.loads(json.dumps(summary)), unread["key"]).results[0]
    restored.found_text = "set before the details were read"  # kept when they are read
    assert restored.source == fresh.source and type(restored.source["row"]) is int
    assert restored.found_text == "set before the details were read"
    restored.found_text = fresh.found_text
    assert restored == fresh


def _short_mention(details: list) -> list:
    for fields in details:
        if fields[2] is not None:
            fields[2] = [1, 2]  # a mention has twelve fields
    return details


@pytest.mark.parametrize("forge", [_short_mention, lambda details: [row[:3] for row in details],
                                   lambda details: details[:1], lambda details: {"not": "a list"}],
                         ids=["a mention that does not build", "too few fields", "too few results",
                              "not a list"])
def test_a_stored_result_that_does_not_build_is_exit_2_naming_the_cache(project, capsys, forge):
    # an entry is exactly what a check wrote unless someone forged its hash too: then the
    # result that does not read or build is an error naming the cache, never a traceback
    warm(project)
    with sqlite3.connect(project / DEFAULT_FOLDER / DATABASE) as database:
        rows = database.execute("SELECT key, body FROM entries WHERE kind = 'details'").fetchall()
        assert rows
        for key, body in rows:
            entry = json.loads(body.removeprefix(b"J"))
            entry["value"] = forge(entry["value"])  # each result's fields beyond id, verdict, findings
            new = json.dumps(entry).encode()
            database.execute("UPDATE entries SET digest = ?, body = ? WHERE kind = 'details' AND key = ?",
                             (sign(b"J" + new), b"J" + new, key))
    assert cli.main(["check", str(project), "--format", "json"]) == 2
    err = capsys.readouterr().err
    assert "cache" in err and "Traceback" not in err


def test_an_edited_article_with_unchanged_sources_is_checked_without_a_data_library(project):
    """Its records and their resources' failure counts come from the cache: no CSV is read,
    and neither pandas, pandera nor frictionless is imported (docs/performance.md).  Ranks
    are left out of the ledger: a rank reads its whole resource every time."""
    import subprocess
    import sys

    import yaml

    ledger = project / LEDGER
    document = yaml.safe_load(ledger.read_text(encoding="utf-8"))
    document["claims"] = [c for c in document["claims"] if (c.get("derive") or {}).get("op") != "rank"]
    ledger.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    warm(project)
    edit(project, ARTICLE, "44%", "45%")
    code = ("import sys; from sourcecheck.run.check import check; "
            f"report = check({str(project)!r}); "
            "print(sorted({'pandas', 'pandera', 'frictionless'} & set(sys.modules)), "
            "'SC301' in {str(f.code) for f in report.failures})")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[] True"
