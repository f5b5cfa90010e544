"""The same report whatever the engine (run/engine.py, docs/scale.md): a resource checked
whole, block by block in this process (a memory budget), or in blocks on a dask cluster
(a scheduler and two workers started here, on 127.0.0.1)."""

from __future__ import annotations

import importlib
import json
import shutil
import warnings
from pathlib import Path

import distributed
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scale.planted import write_project
from sourcecheck import cli
from sourcecheck.config import engine_options, parse_size
from sourcecheck.formats import FORMATTERS, get_formatter
from sourcecheck.report import Report
from sourcecheck.run import engine as engines
from sourcecheck.run.validate import validate
from sourcecheck.sources import inblocks
from sourcecheck.sources.blocks import cut

ROOT = Path(__file__).resolve().parents[2]
check_module = importlib.import_module("sourcecheck.run.check")
BLOCK = 10_000  # bytes: the planted project's table (about 90 kB) in nine blocks


@pytest.fixture(scope="module")
def cluster():
    """A scheduler and two workers on 127.0.0.1 (threads of this process: quick to start)."""
    with warnings.catch_warnings():  # its HTTP server's port 8787 in use (by another test's cluster)
        warnings.simplefilter("ignore", UserWarning)
        started = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, protocol="tcp",
                                           host="127.0.0.1", dashboard_address=None)
    with started:
        assert len(started.workers) == 2
        yield started.scheduler_address


@pytest.fixture(scope="module")
def planted(tmp_path_factory) -> Path:
    return write_project(tmp_path_factory.mktemp("planted"))


@pytest.fixture(scope="module")
def whole(planted) -> Report:
    report = validate(planted)
    names = {finding.name for finding in report.findings}
    # the planted errors are found, so that comparing with them means something
    assert {"type-error", "constraint-error", "primary-key-error", "unique-error", "foreign-key-error",
            "shares-do-not-add-up", "provenance-missing", "blank-row", "extra-cell"} <= names
    rows = {finding.row for finding in report.findings if finding.row}
    assert min(rows) <= 3 and max(rows) >= 2000 and any(900 < row < 1100 for row in rows)
    return report


def _formatted(report: Report) -> dict[str, str]:
    return {name: get_formatter(name).format(report) for name in sorted(FORMATTERS)}


# the foreign key into regions (one block): checked in each block that reads regions itself
# (a broadcast join), or, with no broadcast, in buckets as the key into its own resource is
BROADCASTS = pytest.mark.parametrize("broadcast", [16 << 20, 0], ids=["broadcast", "exchanged"])


@BROADCASTS
def test_block_by_block_in_this_process_gives_the_whole_tables_report(planted, whole, monkeypatch, broadcast):
    monkeypatch.setattr(inblocks, "BROADCAST_BYTES", broadcast)
    blocks, given = [], []
    real = engines.check_block
    monkeypatch.setattr(engines, "check_block", lambda job: blocks.append(job.block.index)
                        or given.append(sorted(job.given)) or real(job))
    report = validate(planted, memory_budget=1, block_size=BLOCK)
    assert max(blocks) >= 8  # it was cut
    assert (broadcast > 0) == ([0] in given)  # foreign key 0, into regions
    assert report.to_dict() == whole.to_dict()
    assert _formatted(report) == _formatted(whole)


def test_a_resource_within_the_budget_is_checked_whole(planted, whole, monkeypatch):
    monkeypatch.setattr(engines, "check_block", lambda job: pytest.fail("cut within the budget"))
    assert validate(planted, memory_budget=10 << 30).to_dict() == whole.to_dict()


@BROADCASTS
def test_the_cluster_gives_the_whole_tables_report(cluster, planted, whole, monkeypatch, broadcast):
    monkeypatch.setattr(inblocks, "BROADCAST_BYTES", broadcast)
    report = validate(planted, scheduler=cluster, block_size=BLOCK)
    assert report.to_dict() == whole.to_dict()
    assert _formatted(report) == _formatted(whole)


def test_the_cluster_gives_the_examples_reports(cluster):
    assert validate(ROOT, scheduler=cluster).to_dict() == validate(ROOT).to_dict()
    alone = check_module.check(ROOT, cache=False, texts=True)
    assert alone.to_dict()["coverage"]["linked"] > 0
    on_cluster = check_module.check(ROOT, cache=False, texts=True, scheduler=cluster)
    assert _formatted(on_cluster) == _formatted(alone)


def test_the_cluster_gives_the_newsroom_benchmarks_report(cluster, tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    newsroom = importlib.import_module("newsroom")
    newsroom.generate(tmp_path, articles=12, claims=6, packages=4)
    alone = check_module.check(tmp_path, cache=False)
    assert alone.claims and alone.valid
    assert check_module.check(tmp_path, cache=False, scheduler=cluster).to_dict() == alone.to_dict()
    assert validate(tmp_path, scheduler=cluster, block_size=4_000).to_dict() == validate(tmp_path).to_dict()


def test_the_command_line_takes_the_scheduler_and_the_budget(cluster, planted, whole, capsys):
    assert cli.main(["validate", str(planted), "--format", "json", "--scheduler", cluster]) == 1
    on_cluster = capsys.readouterr().out
    assert cli.main(["validate", str(planted), "--format", "json", "--memory-budget", "1KB"]) == 1
    assert capsys.readouterr().out == on_cluster == get_formatter("json").format(whole)


def test_the_scheduler_and_budget_come_from_the_config(cluster, tmp_path):
    shutil.copytree(ROOT / "datapackages", tmp_path / "datapackages")
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    (tmp_path / "pyproject.toml").write_text(f'[tool.sourcecheck]\nscheduler = "{cluster}"\n'
                                             'memory-budget = "2GB"\n', encoding="utf-8")
    project = importlib.import_module("sourcecheck.project").Project.load(tmp_path)
    assert engine_options(project, None, None) == (cluster, 2 * 10**9)
    assert engine_options(project, "local", 5) == ("local", 5)
    assert validate(tmp_path).to_dict() == validate(ROOT).to_dict()


@pytest.mark.parametrize("config, message", [
    ('scheduler = 3', "scheduler must be an address"),
    ('memory-budget = "lots"', "memory-budget must be a size"),
])
def test_a_malformed_engine_setting_is_named(tmp_path, capsys, config, message):
    shutil.copytree(ROOT / "datapackages", tmp_path / "datapackages")
    (tmp_path / "pyproject.toml").write_text(f"[tool.sourcecheck]\n{config}\n", encoding="utf-8")
    assert cli.main(["validate", str(tmp_path)]) == 2
    error = capsys.readouterr().err
    assert message in error and "pyproject.toml" in error and "Traceback" not in error


def test_an_unreachable_scheduler_is_an_error_not_a_traceback(tmp_path, capsys):
    shutil.copytree(ROOT / "datapackages", tmp_path / "datapackages")
    (tmp_path / "pyproject.toml").write_text("[tool.sourcecheck.limits]\nconnect-seconds = 1\n", encoding="utf-8")
    assert cli.main(["validate", str(tmp_path), "--scheduler", "tcp://127.0.0.1:9"]) == 2
    error = capsys.readouterr().err
    assert "cannot reach the dask scheduler" in error and "Traceback" not in error


@pytest.mark.parametrize("text, size", [("2GB", 2 * 10**9), ("512MiB", 512 << 20), ("1000", 1000),
                                        ("3 kb", 3000)])
def test_sizes_are_read_with_their_unit(text, size):
    assert parse_size(text, "--memory-budget") == size


_CELL = st.text(alphabet='ab,"\n', max_size=6)


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.lists(_CELL, min_size=2, max_size=2), min_size=1, max_size=30),
       size=st.integers(min_value=1, max_value=40))
def test_blocks_cover_the_file_and_start_at_record_boundaries(tmp_path_factory, rows, size):
    def quoted(cell: str) -> str:
        return '"' + cell.replace('"', '""') + '"' if any(c in cell for c in ',"\n') else cell

    text = "x,y\n" + "".join(",".join(quoted(cell) for cell in row) + "\n" for row in rows)
    path = tmp_path_factory.mktemp("cut") / "table.csv"
    path.write_bytes(text.encode())
    header, blocks = cut(path, '"', size)
    assert header == b"x,y\n"
    assert blocks[0].start == 0 and blocks[-1].end == len(text)
    assert all(a.end == b.start for a, b in zip(blocks, blocks[1:], strict=False))
    data = text.encode()
    for block in blocks[1:]:
        assert data[block.start - 1:block.start] == b"\n" and data[:block.start].count(b'"') % 2 == 0
        assert block.lines_before == data[:block.start].count(b"\n")



def test_a_check_within_a_tiny_budget_reads_no_table_whole(monkeypatch):
    """Every claim's record is found by a scan of its key column (sources/scan.py) and every
    resource validated in blocks: the same report, and no table read whole."""
    alone = check_module.check(ROOT, cache=False, texts=True)
    catalog = importlib.import_module("sourcecheck.sources.catalog")
    for name in ("check_csv", "read_table"):
        monkeypatch.setattr(catalog, name, lambda *args, **kwargs: pytest.fail("a table was read whole"))
    within = check_module.check(ROOT, cache=False, texts=True, memory_budget=1)
    assert _formatted(within) == _formatted(alone)


def test_articles_are_checked_on_the_workers_and_a_recheck_sends_only_what_changed(cluster, tmp_path,
                                                                                   monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    importlib.import_module("newsroom").generate(tmp_path, articles=10, claims=5, packages=4)
    alone = check_module.check(tmp_path, cache=False, texts=True)
    sent: list[str] = []
    real = engines.Engine.map
    monkeypatch.setattr(engines.Engine, "map", lambda self, function, items: sent.extend(
        item.path.parent.name for item in items) or real(self, function, items))
    first = check_module.check(tmp_path, texts=True, scheduler=cluster)
    assert len(sent) == 10 and _formatted(first) == _formatted(alone)
    article = sorted((tmp_path / "articles").glob("*/article.*.txt"))[4]
    article.write_text(article.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    sent.clear()
    again = check_module.check(tmp_path, texts=True, scheduler=cluster)
    assert sent == [article.parent.name]  # the others come from the cache
    assert again.to_dict() == check_module.check(tmp_path, cache=False).to_dict()


def test_a_byte_that_does_not_decode_in_a_later_block_is_named_at_its_place_in_the_file(tmp_path):
    root = write_project(tmp_path)
    table = root / "datapackages" / "big" / "results.csv"
    data = table.read_bytes()
    table.write_bytes(data[:len(data) // 2] + b"\xff" + data[len(data) // 2:])
    whole = validate(root)
    assert [f.name for f in whole.findings][:1] == ["resource-unreadable"]
    assert f"byte position {len(data) // 2} " in whole.findings[0].message
    assert validate(root, memory_budget=1, block_size=BLOCK).to_dict() == whole.to_dict()


ACROSS_ROWS = """\
schema_type: dataframe
api: pandas
columns:
  code:
    dtype: null
    unique: true
  answer:
    dtype: null
    checks:
      isin: [a0, a1, a2]
  absent:
    dtype: null
unique: [question, answer]
checks:
  ranks_follow_values:
    rank: id
    value: share
name: big.results
"""


def test_pandera_checks_across_rows_see_every_row(tmp_path):
    """A unique column, a unique pair of columns and a rule over the whole table (one bucket),
    beside a check of each row and a column the resource lacks (said once, not per block)."""
    root = write_project(tmp_path)
    (root / "schemas" / "big.results.yaml").write_text(ACROSS_ROWS, encoding="utf-8")
    whole = validate(root)
    checks = {str(f.details.get("check")) for f in whole.findings if f.code.startswith("SC2")}
    assert {"ranks_follow_values", "column_in_dataframe"} <= checks and any("isin" in c for c in checks)
    assert sum(1 for f in whole.findings if "absent" in f.message) == 1
    assert validate(root, memory_budget=1, block_size=BLOCK).to_dict() == whole.to_dict()


def test_a_changed_descriptor_is_read_again_by_a_broadcast(planted, tmp_path):
    """The values a block reads of a small referenced resource are kept for the next run of
    the same process (a cluster's worker outlives a run): a descriptor that now types the
    referenced field differently must be read again, not served from what was kept."""
    project = tmp_path / "project"
    shutil.copytree(planted, project)
    assert validate(project, memory_budget=1, block_size=BLOCK).to_dict() == validate(project).to_dict()
    descriptor = project / "datapackages" / "big" / "datapackage.json"
    data = json.loads(descriptor.read_text(encoding="utf-8"))
    regions = next(resource for resource in data["resources"] if resource["name"] == "regions")
    regions["schema"]["fields"][0]["type"] = "string"
    descriptor.write_text(json.dumps(data), encoding="utf-8")
    whole = validate(project)
    assert sum(f.name == "foreign-key-error" for f in whole.findings) > 10  # now no region matches
    assert validate(project, memory_budget=1, block_size=BLOCK).to_dict() == whole.to_dict()


def test_a_foreign_keys_value_is_shown_as_written_not_as_numpys_repr(whole):
    messages = {f.message for f in whole.findings if f.name == "foreign-key-error"}
    assert "999 is not a value of regions.id" in messages  # was "np.int64(999) is not ..."
    assert not any("np." in message for message in messages)
