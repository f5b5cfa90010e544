"""Issue 19, item 3: ``sourcecheck refresh [--check] --allow-remote`` against a real
HTTP server on 127.0.0.1 started by each test: conditional requests (ETag,
Last-Modified, 304), revisions tried in a copy (cells changed, claims that would break),
atomic updates, and the download limits.  Nothing reaches the network."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from refresh import project
from refresh.upstream_server import Route, serving
from sourcecheck import check
from sourcecheck.cli import main
from sourcecheck.sources.pinning import content_hash
from sources import package_builder
from sources.package_builder import PACKAGE_CSV, PACKAGE_JSON

ETAG = '"v1"'
MODIFIED = "Mon, 07 Dec 2026 10:00:00 GMT"


def _files(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def _locked(root: Path) -> None:
    assert main(["lock", str(root)]) == 0


def test_without_allow_remote_refresh_refuses_and_sends_nothing(tmp_path, capsys):
    with serving() as server:
        server.routes["/answers.csv"] = Route(project.REVISED, etag=ETAG)
        root = project.make(tmp_path / "p", server.url("/answers.csv"))
        before = _files(root)
        assert main(["refresh", str(root)]) == 2
        assert main(["refresh", "--check", str(root)]) == 2
        assert server.requests == []
    assert "--allow-remote" in capsys.readouterr().err
    assert _files(root) == before


def test_refresh_check_names_the_changed_cells_and_the_claim_that_would_break(tmp_path, capsys):
    with serving() as server:
        server.routes["/answers.csv"] = Route(project.REVISED, etag=ETAG, last_modified=MODIFIED)
        root = project.make(tmp_path / "p", server.url("/answers.csv"))
        _locked(root)
        before = _files(root)
        assert main(["refresh", "--check", "--allow-remote", str(root)]) == 1
    out = capsys.readouterr().out
    assert _files(root) == before  # nothing written, no cache either
    assert "demo/datapackage.json: answers: changed: 2 cell(s) changed, 0 row(s) added, 0 removed" in out
    assert "id=1 share: '40.2' -> '41.5'" in out
    assert "id=2 share: '59.8' -> '58.5'" in out
    assert "would break claim yes-share (articles/poll/article.en.txt)" in out
    assert "SC302 data-changed" in out
    assert "nothing written (--check)" in out


def test_refresh_check_as_json(tmp_path, capsys):
    with serving() as server:
        server.routes["/answers.csv"] = Route(project.REVISED, etag=ETAG)
        root = project.make(tmp_path / "p", server.url("/answers.csv"))
        assert main(["refresh", "--check", "--allow-remote", "--format", "json", str(root)]) == 1
    report = json.loads(capsys.readouterr().out)
    [item] = report["resources"]
    assert item["status"] == "changed" and item["resource"] == "answers"
    assert {"row": "id=1", "field": "share", "old": "40.2", "new": "41.5"} in item["changes"]["cells"]
    assert [claim["id"] for claim in item["broken_claims"]] == ["yes-share"]
    assert item["broken_claims"][0]["article"] == "articles/poll/article.en.txt"
    assert report["exit_code"] == 1 and report["written"] is False


def test_refresh_replaces_the_copy_and_the_next_check_reports_the_changed_cell(tmp_path):
    with serving() as server:
        server.routes["/answers.csv"] = Route(project.REVISED, etag=ETAG, last_modified=MODIFIED)
        root = project.make(tmp_path / "p", server.url("/answers.csv"))
        _locked(root)
        descriptor_before = (root / PACKAGE_JSON).read_text(encoding="utf-8")
        assert main(["refresh", "--allow-remote", str(root)]) == 0
    assert (root / PACKAGE_CSV).read_bytes() == project.REVISED
    entry = project.resource(root)
    assert entry["hash"] == content_hash(project.REVISED) and entry["bytes"] == len(project.REVISED)
    assert entry["retrieved"]["etag"] == ETAG and entry["retrieved"]["last_modified"] == MODIFIED
    assert len(entry["retrieved"]["date"]) == 10
    # only hash, bytes and the record changed; the rest of the descriptor is as it was
    after = (root / PACKAGE_JSON).read_text(encoding="utf-8")
    kept = [line for line in descriptor_before.splitlines() if '"hash"' not in line and '"bytes"' not in line]
    assert all(line in after.splitlines() or line.rstrip(",") in after.splitlines() for line in kept)
    report = check(root, cache=False)
    assert [f.code for f in report.failures] == ["SC302"]
    assert [c.id for c in report.claims if c.verdict != "holds"] == ["yes-share"]


def test_an_unchanged_source_answers_304_and_costs_no_download(tmp_path, capsys):
    with serving() as server:
        server.routes["/answers.csv"] = Route(project.CSV, etag=ETAG, last_modified=MODIFIED)
        root = project.make(tmp_path / "p", server.url("/answers.csv"))
        assert main(["refresh", "--allow-remote", str(root)]) == 0  # records the ETag (same bytes)
        assert project.resource(root)["retrieved"]["etag"] == ETAG
        before = _files(root)
        capsys.readouterr()
        assert main(["refresh", "--check", "--allow-remote", str(root)]) == 0
        assert main(["refresh", "--allow-remote", str(root)]) == 0
        first, *later = server.requests
    assert "if-none-match" not in first.headers
    assert [request.headers.get("if-none-match") for request in later] == [ETAG, ETAG]
    assert all(request.headers.get("if-modified-since") == MODIFIED for request in later)
    assert "answers: not modified" in capsys.readouterr().out
    assert _files(root) == before


def test_last_modified_alone_is_honoured(tmp_path, capsys):
    with serving() as server:
        server.routes["/answers.csv"] = Route(project.CSV, last_modified=MODIFIED)
        root = project.make(tmp_path / "p", server.url("/answers.csv"),
                            retrieved={"date": "2026-12-01", "last_modified": MODIFIED})
        assert main(["refresh", "--check", "--allow-remote", str(root)]) == 0
        server.routes["/answers.csv"] = Route(project.REVISED, last_modified="Tue, 08 Dec 2026 10:00:00 GMT")
        assert main(["refresh", "--check", "--allow-remote", str(root)]) == 1
        assert [r.headers.get("if-modified-since") for r in server.requests] == [MODIFIED, MODIFIED]
    assert "answers: not modified" in capsys.readouterr().out


def test_the_same_bytes_without_validators_are_unchanged(tmp_path, capsys):
    with serving() as server:
        server.routes["/answers.csv"] = Route(project.CSV)
        root = project.make(tmp_path / "p", server.url("/answers.csv"))
        before = _files(root)
        assert main(["refresh", "--allow-remote", str(root)]) == 0
    assert "answers: unchanged" in capsys.readouterr().out
    assert _files(root) == before  # nothing new to record


def test_a_local_copy_edited_since_its_retrieval_is_fetched_whole(tmp_path, capsys):
    with serving() as server:
        server.routes["/answers.csv"] = Route(project.CSV, etag=ETAG)
        root = project.make(tmp_path / "p", server.url("/answers.csv"), retrieved={"date": "2026-12-01", "etag": ETAG})
        _locked(root)
        (root / PACKAGE_CSV).write_bytes(project.REVISED)  # edited by hand after the lock
        assert main(["refresh", "--check", "--allow-remote", str(root)]) == 1
        assert "if-none-match" not in server.requests[0].headers
    # the upstream is the locked version: refreshing brings it back
    assert "id=1 share: '41.5' -> '40.2'" in capsys.readouterr().out


def test_headers_params_and_format_of_an_upstream_object(tmp_path, capsys):
    with serving() as server:
        server.routes["/api"] = Route(project.REVISED, required={"Accept": "text/csv"})
        upstream = {"url": server.url("/api?lang=en"), "headers": {"Accept": "text/csv"},
                    "params": {"geo": "NL", "year": 2024}, "format": "raw"}
        root = project.make(tmp_path / "p", upstream)
        assert main(["refresh", "--check", "--allow-remote", str(root)]) == 1
        assert server.requests[0].path == "/api?lang=en&geo=NL&year=2024"
        upstream["format"] = "no-such-format"
        root = project.make(tmp_path / "q", upstream)
        assert main(["refresh", "--check", "--allow-remote", str(root)]) == 2
        assert len(server.requests) == 1  # an unknown format is refused before any request
    assert "unknown upstream format 'no-such-format'" in capsys.readouterr().out


def test_a_registered_format_converts_the_response(tmp_path, monkeypatch):
    from sourcecheck.upstream import formats

    monkeypatch.setattr(formats, "_CONVERTERS", dict(formats._CONVERTERS))
    formats.register("upper-yes", lambda body, resource: body.replace(b"yes", b"YES"))
    with serving() as server:
        server.routes["/answers.csv"] = Route(project.CSV)
        root = project.make(tmp_path / "p", {"url": server.url("/answers.csv"), "format": "upper-yes"})
        assert main(["refresh", "--allow-remote", str(root)]) == 0
    assert (root / PACKAGE_CSV).read_bytes() == project.CSV.replace(b"yes", b"YES")


def test_redirects_between_http_addresses_are_followed(tmp_path):
    with serving() as server:
        server.routes["/old.csv"] = Route(redirect="/answers.csv")
        server.routes["/answers.csv"] = Route(project.REVISED)
        root = project.make(tmp_path / "p", server.url("/old.csv"))
        assert main(["refresh", "--allow-remote", str(root)]) == 0
    assert (root / PACKAGE_CSV).read_bytes() == project.REVISED


def test_a_redirect_to_a_local_file_is_refused(tmp_path, capsys):
    with serving() as server:
        server.routes["/answers.csv"] = Route(redirect="file:///etc/passwd")
        root = project.make(tmp_path / "p", server.url("/answers.csv"))
        before = _files(root)
        assert main(["refresh", "--allow-remote", str(root)]) == 2
    out = capsys.readouterr().out
    assert "answers: failed: the server redirects to file:///etc/passwd; refused" in out
    assert _files(root) == before


def test_a_slow_body_is_cut_off_at_the_deadline(tmp_path, capsys):
    with serving() as server:
        server.routes["/answers.csv"] = Route(project.REVISED * 20, slow=0.2)
        root = project.make(tmp_path / "p", server.url("/answers.csv"))
        project.limit(root, download_seconds=1)
        before = _files(root)
        assert main(["refresh", "--allow-remote", str(root)]) == 2
    assert "not downloaded within 1 s ([tool.sourcecheck.limits] download-seconds)" in capsys.readouterr().out
    assert _files(root) == before


@pytest.mark.parametrize("declared", [None, 10_000_000])
def test_an_oversized_body_is_refused(tmp_path, capsys, declared):
    with serving() as server:
        server.routes["/answers.csv"] = Route(project.REVISED * 100, declared=declared)
        root = project.make(tmp_path / "p", server.url("/answers.csv"))
        project.limit(root, download_size=1000)
        before = _files(root)
        assert main(["refresh", "--allow-remote", str(root)]) == 2
    assert "over the limit of 1,000 bytes ([tool.sourcecheck.limits] download-size)" in capsys.readouterr().out
    assert _files(root) == before


def test_a_source_that_cannot_be_fetched_exits_2_and_the_others_are_reported(tmp_path, capsys):
    with serving() as server:
        root = project.make(tmp_path / "p", server.url("/gone.csv"))
        assert main(["refresh", "--check", "--allow-remote", str(root)]) == 2
    out = capsys.readouterr().out
    assert "answers: failed: HTTP error 404" in out
    assert "1 could not be fetched" in out


@pytest.mark.parametrize(("upstream", "message"), [
    ("ftp://example.org/a.csv", "upstream url must be an http or https address"),
    ({"url": "https://example.org/a.csv", "method": "POST"}, "upstream has unknown key(s) method"),
    ({"url": "https://example.org/a.csv", "headers": ["Accept"]}, "upstream headers must be an object"),
    (42, "upstream must be an address or an object with a url"),
])
def test_an_unusable_upstream_is_an_error_naming_the_descriptor(tmp_path, capsys, upstream, message):
    root = project.make(tmp_path / "p", upstream)
    assert main(["refresh", "--check", "--allow-remote", str(root)]) == 2
    err = capsys.readouterr().err
    assert f"{PACKAGE_JSON}: resource 'answers': {message}" in err


def test_a_new_version_that_fails_validation_says_so(tmp_path, capsys):
    revised = project.CSV + b"3,maybe,140,page 4\n"  # a share over its maximum of 100
    with serving() as server:
        server.routes["/answers.csv"] = Route(revised)
        root = project.make(tmp_path / "p", server.url("/answers.csv"))
        assert main(["refresh", "--check", "--allow-remote", str(root)]) == 1
    out = capsys.readouterr().out
    assert "0 cell(s) changed, 1 row(s) added, 0 removed" in out
    assert "  row added: id=3\n" in out
    assert f"the new version fails validation: {PACKAGE_CSV}:4:share: SC121 constraint-error" in out
    # the claim now rests on a resource with validation findings
    assert "would break claim yes-share" in out and "SC304 source-fails-schema" in out


def test_removed_rows_and_added_fields_are_listed(tmp_path, capsys):
    revised = b"id,answer,share,locator,note\n1,yes,40.2,page 3,x\n"
    with serving() as server:
        server.routes["/answers.csv"] = Route(revised)
        root = project.make(tmp_path / "p", server.url("/answers.csv"))
        assert main(["refresh", "--check", "--allow-remote", "--format", "json", str(root)]) == 1
    [item] = json.loads(capsys.readouterr().out)["resources"]
    assert item["changes"]["rows_removed"] == ["id=2"]
    assert item["changes"]["fields_added"] == ["note"] and item["changes"]["cells"] == []
    assert item["invalid"] and item["invalid"][0]["code"] == "SC110"  # the header no longer matches


def test_only_the_claims_resting_on_a_revised_resource_are_named_under_it(tmp_path, capsys):
    with serving() as server:
        server.routes["/answers.csv"] = Route(project.REVISED)
        server.routes["/other.csv"] = Route(b"id,answer,share,locator\n1,a,1,p\n")
        root = project.make(tmp_path / "p", server.url("/answers.csv"))
        # a second resource, with its own upstream, that no claim rests on
        descriptor = project.descriptor(root)
        other = {**descriptor["resources"][0], "name": "other", "path": "other.csv",
                 "upstream": server.url("/other.csv")}
        descriptor["resources"].append(other)
        (root / PACKAGE_JSON).write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
        (root / "datapackages" / "demo" / "other.csv").write_bytes(project.CSV)
        assert main(["refresh", "--check", "--allow-remote", "--format", "json", str(root)]) == 1
    answers, other_result = json.loads(capsys.readouterr().out)["resources"]
    assert [claim["id"] for claim in answers["broken_claims"]] == ["yes-share"]
    assert other_result["status"] == "changed" and other_result["broken_claims"] == []
    assert len(other_result["changes"]["cells"]) == 3 and other_result["changes"]["rows_removed"] == ["id=2"]


def test_a_missing_local_copy_is_fetched_whole_and_written(tmp_path, capsys):
    with serving() as server:
        server.routes["/answers.csv"] = Route(project.CSV, etag=ETAG)
        root = project.make(tmp_path / "p", server.url("/answers.csv"), retrieved={"date": "2026-12-01", "etag": ETAG})
        (root / PACKAGE_CSV).unlink()
        assert main(["refresh", "--check", "--allow-remote", str(root)]) == 1
        assert "if-none-match" not in server.requests[0].headers
        assert "0 cell(s) changed, 2 row(s) added, 0 removed" in capsys.readouterr().out
        assert main(["refresh", "--allow-remote", str(root)]) == 0
    assert (root / PACKAGE_CSV).read_bytes() == project.CSV
    assert check(root, cache=False).exit_code == 0


def test_nothing_to_refresh_and_no_temporary_file_left(tmp_path, capsys):
    root = package_builder.make_project(tmp_path / "p")
    assert main(["refresh", "--allow-remote", str(root)]) == 0
    assert capsys.readouterr().out == "no resource names an upstream: nothing to refresh\n"
    with serving() as server:
        server.routes["/answers.csv"] = Route(project.REVISED)
        root = project.make(tmp_path / "q", server.url("/answers.csv"))
        assert main(["refresh", "--allow-remote", str(root)]) == 0
    assert sorted(path.name for path in (root / "datapackages" / "demo").iterdir()) == ["answers.csv",
                                                                                       "datapackage.json"]
