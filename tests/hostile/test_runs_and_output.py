"""How a run ends, and what it writes (issue 15, items 5, 8, 10 and 12): bugs are exit 3
with their traceback in a file, never the findings' 1; text from input cannot inject
lines or terminal codes; --output never replaces an input and is written whole or not
at all; mutate never writes through a link into a source."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from example_project import copy_example
from sourcecheck import cli

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = "articles/russen-in-servie/article.nl.txt"
LEDGER = "articles/russen-in-servie/claims.yaml"
DESCRIPTOR = "datapackages/bcsp-2025/datapackage.json"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_example(tmp_path / "project")


def test_a_bug_is_exit_3_with_its_traceback_in_a_file(project, capsys, monkeypatch):
    import importlib

    runner = importlib.import_module("sourcecheck.run.check")

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(runner, "check_article", broken)
    assert cli.main(["check", str(project), "--no-cache"]) == 3
    err = capsys.readouterr().err
    assert "internal error" in err and "Traceback" not in err
    path = Path(err.split("the traceback is in ", 1)[1].split(":", 1)[0])
    assert "ZeroDivisionError: a bug" in path.read_text(encoding="utf-8")
    path.unlink()


def test_ci_can_tell_findings_from_failures():
    """docs/ci.md lets a report step pass on findings (1) only: 2 and 3 fail it."""
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    assert "|| test $? -eq 1" in text and "3 on an internal error" in text


@pytest.mark.parametrize("format_name", ["text", "json", "html", "junit", "sarif", "github"])
def test_a_lone_surrogate_in_a_descriptor_is_reported_not_a_crash(project, tmp_path, capsys, format_name):
    descriptor = project / DESCRIPTOR
    data = json.loads(descriptor.read_text(encoding="utf-8"))
    data["title"] = "BCSP \ud800 survey"
    descriptor.write_text(json.dumps(data), encoding="utf-8")  # ensure_ascii: the escape as written
    output = tmp_path / f"report.{format_name}"
    code = cli.main(["check", str(project), "--format", format_name, "--output", str(output)])
    assert code in (0, 1), capsys.readouterr().err
    output.read_bytes().decode("utf-8")  # valid UTF-8 throughout


def test_a_folder_name_that_is_no_text_is_reported_not_a_crash(project, capsys):
    weird = os.fsdecode(b"artikel-\xff")
    shutil.copytree(project / "articles" / "russen-in-servie", project / "articles" / weird)
    assert cli.main(["check", str(project)]) in (0, 1)
    out = capsys.readouterr().out
    assert "artikel-\\udcff" in out or "artikel-" in out


def test_a_report_that_cannot_be_written_to_stdout_is_exit_2(project):
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "sourcecheck", "check", str(project)], stdout=full,
                              stderr=subprocess.PIPE, text=True, timeout=120)
    assert done.returncode == 2 and "cannot write the report" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("injected", ["\n::error file=x.py,line=1::pwned", "\x1b]0;title\x07\x1b[31mred"])
def test_text_from_the_input_cannot_start_a_line_or_reach_the_terminal(project, capsys, injected):
    import yaml

    ledger = project / LEDGER
    document = yaml.safe_load(ledger.read_text(encoding="utf-8"))
    claim = next(c for c in document["claims"] if c["id"] == "disapprove-putin-policy")
    claim["acknowledge"][0]["reason"] = "disapprove" + injected  # a reason the text report prints
    ledger.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for format_name in ("text", "github"):
        assert cli.main(["check", str(project), "--format", format_name]) == 0  # read, and reported
        captured = capsys.readouterr()
        for out in (captured.out, captured.err):
            assert not any(line.startswith("::error file=x.py") for line in out.splitlines())
            assert "\x1b" not in out and "\x07" not in out
        assert "disapprove" in captured.out


@pytest.mark.parametrize("target", [ARTICLE, LEDGER, DESCRIPTOR, "pyproject.toml", "articles/new-report.txt"])
def test_output_never_replaces_an_input(project, capsys, target):
    before = (project / target).read_bytes() if (project / target).exists() else None
    assert cli.main(["check", str(project), "--output", str(project / target)]) == 2
    assert "--output" in capsys.readouterr().err
    assert ((project / target).read_bytes() if (project / target).exists() else None) == before


def test_output_is_written_whole_or_not_at_all(project, tmp_path, capsys, monkeypatch):
    report = tmp_path / "report.txt"
    report.write_text("the last good report\n", encoding="utf-8")

    def disk_full(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    assert cli.main(["check", str(project), "--output", str(report)]) == 2
    assert report.read_text(encoding="utf-8") == "the last good report\n"
    assert [p.name for p in tmp_path.iterdir() if p.name != "project"] == ["report.txt"]  # no temporary left


def test_mutate_never_writes_through_a_link_into_a_source(project, tmp_path, monkeypatch):
    """The article is a link to a file outside; the run dies after its first edit."""
    outside = tmp_path / "outside-article.nl.txt"
    shutil.move(project / ARTICLE, outside)
    (project / ARTICLE).symlink_to(outside)
    original = outside.read_bytes()
    real_write = Path.write_bytes
    writes: list[Path] = []

    def dies_after_the_first(self: Path, data: bytes) -> int:
        if writes:
            raise KeyboardInterrupt  # killed: nothing more is written, nothing restored
        writes.append(self)
        return real_write(self, data)

    from sourcecheck import mutate

    monkeypatch.setattr(Path, "write_bytes", dies_after_the_first)
    with pytest.raises(KeyboardInterrupt):
        mutate.run(project)
    assert writes, "no mutant was written"
    assert outside.read_bytes() == original
    assert (project / ARTICLE).is_symlink()
