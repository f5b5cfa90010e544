"""Worker processes (``sourcecheck.run.workers``): the report does not depend on their number.

A project of many copies of the example article (some edited so that they fail) is
checked in this process and with two workers, the thresholds that keep a small
project in one process lowered so that every stage really forks.
"""

from __future__ import annotations

import importlib
import os
import shutil
import sys
from pathlib import Path

import pytest

from sourcecheck import cli
from sourcecheck.errors import LedgerError, SourcecheckError
from sourcecheck.run.workers import can_fork, run_each

ROOT = Path(__file__).resolve().parents[1]
SLUG = "russen-in-servie"
COPIES = 12

engine = importlib.import_module("sourcecheck.run.check")


@pytest.fixture
def newsroom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The example project with its article copied COPIES times; copies 3 and 7 edited."""
    target = tmp_path / "project"
    target.mkdir()
    for name in ("datapackages", "schemas"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "pyproject.toml", target / "pyproject.toml")
    for number in range(COPIES):
        shutil.copytree(ROOT / "articles" / SLUG, target / "articles" / f"{SLUG}-{number:02d}")
    _edit(target, 3, "article.nl.txt", "44%", "45%")
    _edit(target, 7, "article.nl.txt", "70%", "7%")
    monkeypatch.setattr(engine, "PARALLEL_ARTICLES", 2)
    return target


def _edit(project: Path, number: int, name: str, old: str, new: str) -> None:
    path = project / "articles" / f"{SLUG}-{number:02d}" / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


needs_fork = pytest.mark.skipif(not can_fork(), reason="worker processes need fork (Linux)")


@needs_fork
def test_two_workers_give_the_report_of_one_process(newsroom):
    alone = engine.check(newsroom, cache=False, workers=1).to_dict()
    assert not alone["valid"]  # the edits are caught, so the comparison means something
    failing = [f for f in alone["findings"] if f["severity"] == "error" and f.get("acknowledged") is None]
    assert {f["path"].split("/")[1] for f in failing} >= {f"{SLUG}-03", f"{SLUG}-07"}
    assert engine.check(newsroom, cache=False, workers=2).to_dict() == alone


@needs_fork
def test_workers_fill_the_cache_and_a_second_run_is_served_from_it(newsroom, monkeypatch):
    alone = engine.check(newsroom, cache=False, workers=1).to_dict()
    assert engine.check(newsroom, workers=2).to_dict() == alone

    def no_work(*args, **kwargs):
        raise AssertionError("an unchanged article was checked again")

    monkeypatch.setattr(engine, "check_article", no_work)
    assert engine.check(newsroom, workers=2).to_dict() == alone


@needs_fork
def test_an_edit_after_a_parallel_run_is_caught(newsroom):
    engine.check(newsroom, workers=2)
    _edit(newsroom, 5, "article.nl.txt", "44%", "54%")
    expected = engine.check(newsroom, cache=False, workers=1).to_dict()
    assert engine.check(newsroom, workers=2).to_dict() == expected


@needs_fork
@pytest.mark.parametrize("cache", [True, False])
def test_the_first_broken_ledger_in_folder_order_is_the_error(newsroom, cache):
    _edit(newsroom, 9, "claims.yaml", "claims:", "claims: [")
    _edit(newsroom, 4, "claims.yaml", "claims:", "claimz:")
    errors = []
    for workers in (1, 2):
        with pytest.raises(LedgerError) as raised:
            engine.check(newsroom, cache=cache, workers=workers)
        errors.append(str(raised.value))
    assert f"{SLUG}-04" in errors[0]
    assert errors[0] == errors[1]


@needs_fork
def test_an_error_found_while_checking_is_raised_in_article_order(newsroom):
    # an unknown package is only found when the claims are looked up (in the workers)
    for number in (2, 8):
        path = newsroom / "articles" / f"{SLUG}-{number:02d}" / "claims.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("package: bcsp-2025", "package: nowhere", 1),
                        encoding="utf-8")
    messages = []
    for workers in (1, 2):
        with pytest.raises(LedgerError) as raised:
            engine.check(newsroom, cache=False, workers=workers)
        messages.append(str(raised.value))
    assert f"{SLUG}-02" in messages[0] and "nowhere" in messages[0]
    assert messages[0] == messages[1]


@needs_fork
def test_the_cli_takes_a_number_of_workers(newsroom, capsys):
    assert cli.main(["check", str(newsroom), "--no-cache", "--workers", "2"]) == 1
    two = capsys.readouterr().out
    assert cli.main(["check", str(newsroom), "--no-cache", "--workers", "1"]) == 1
    assert capsys.readouterr().out == two


@pytest.mark.parametrize("value", ["0", "-1", "two", "1.5"])
def test_a_bad_number_of_workers_is_exit_2(newsroom, capsys, value):
    with pytest.raises(SystemExit) as stopped:
        cli.main(["check", str(newsroom), "--workers", value])
    assert stopped.value.code == 2
    assert "--workers" in capsys.readouterr().err


def _square_or_refuse(number: int) -> int:
    if number % 5 == 4:
        raise SourcecheckError(f"refused {number}", "input.txt", number)
    return number * number


@needs_fork
@pytest.mark.parametrize("workers", [1, 2, 3])
def test_run_each_keeps_item_order_and_returns_errors_in_place(workers):
    outcomes = run_each(_square_or_refuse, list(range(40)), workers)
    for number, outcome in enumerate(outcomes):
        if number % 5 == 4:
            assert isinstance(outcome, SourcecheckError)
            assert (outcome.message, outcome.path, outcome.line) == (f"refused {number}", "input.txt", number)
        else:
            assert outcome == number * number


def _whose(_: int) -> int:
    return os.getpid()


@needs_fork
def test_run_each_really_forks():
    assert set(run_each(_whose, list(range(16)), 2)) - {os.getpid()}
    assert set(run_each(_whose, list(range(16)), 1)) == {os.getpid()}


def _slowly(number: int) -> int:
    import time

    time.sleep(0.01)
    return os.getpid()


@needs_fork
def test_this_process_takes_back_what_no_worker_has_started():
    where = run_each(_slowly, list(range(64)), 2)
    assert where[0] != os.getpid()  # the first chunk is always a worker's
    assert where[-1] == os.getpid()  # the last is taken back while the first is worked on
    assert len(set(where)) == 2


@needs_fork
def test_one_item_is_forked_when_there_is_work_for_the_parent_meanwhile():
    done = []
    outcome = run_each(_whose, [0], 2, meanwhile=lambda: done.append(os.getpid()))
    assert done == [os.getpid()]
    assert outcome[0] != os.getpid()
    assert run_each(_whose, [0], 2) == [os.getpid()]  # nothing to overlap: no fork


def _die_on_first(number: int) -> int:
    if number == 0:  # the first chunk is always a worker's (never taken back)
        os._exit(9)  # as a worker killed for its memory would end
    return number


@needs_fork
def test_a_worker_that_dies_is_an_error_not_a_hang():
    with pytest.raises(SourcecheckError, match="worker process stopped"):
        run_each(_die_on_first, list(range(8)), 2)


@needs_fork
def test_the_garbage_collector_is_left_as_it_was():
    import gc

    assert gc.get_freeze_count() == 0
    run_each(_whose, list(range(4)), 2)
    assert gc.get_freeze_count() == 0  # what it froze for the fork, it thawed


_DONE = ""  # a file each item run appends its number to (set by the test before the fork)


def _noted(number: int) -> int:
    import time

    time.sleep(0.02)
    with open(_DONE, "a", encoding="utf-8") as done:
        done.write(f"{number}\n")
    return number


@needs_fork
def test_a_bug_here_drops_the_workers_queue_instead_of_waiting_for_it(tmp_path, monkeypatch):
    monkeypatch.setattr(sys.modules[__name__], "_DONE", str(tmp_path / "done.txt"))

    def broken_meanwhile() -> None:
        raise RuntimeError("a bug")

    with pytest.raises(RuntimeError, match="a bug"):
        run_each(_noted, list(range(200)), 2, meanwhile=broken_meanwhile)
    done = (tmp_path / "done.txt").read_text(encoding="utf-8").split() if (tmp_path / "done.txt").exists() else []
    assert len(done) < 50  # the chunks already handed to the worker, not all 200
