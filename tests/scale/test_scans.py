"""Claims' records found by scans of a resource too large to read whole (sources/scan.py):
the same records as the whole table's index gives, and one scan for all the keys of a run,
not one a claim."""

from __future__ import annotations

import importlib
import json
import shutil
import warnings
from collections import Counter
from pathlib import Path

import distributed
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sourcecheck.run.data import SourceData
from sourcecheck.sources import scan
from sourcecheck.sources.catalog import load_catalog

ROOT = Path(__file__).resolve().parents[2]
check_module = importlib.import_module("sourcecheck.run.check")


def _project(root: Path, rows: list[tuple[str, str, str]]) -> Path:
    folder = root / "datapackages" / "big"
    folder.mkdir(parents=True, exist_ok=True)
    schema = {"fields": [{"name": "a", "type": "string"}, {"name": "b", "type": "string"},
                         {"name": "value", "type": "string"}], "primaryKey": ["a", "b"]}
    (folder / "datapackage.json").write_text(json.dumps(
        {"name": "big", "resources": [{"name": "rows", "path": "rows.csv", "schema": schema}]}), encoding="utf-8")
    (folder / "rows.csv").write_text("a,b,value\n" + "".join(f"{a},{b},{v}\n" for a, b, v in rows),
                                     encoding="utf-8")
    return root


_CELL = st.text(alphabet="xy7", min_size=1, max_size=2)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(_CELL, _CELL, _CELL), max_size=25),
       keys=st.lists(st.tuples(_CELL, _CELL), max_size=8), rows_a_chunk=st.integers(min_value=1, max_value=6))
def test_one_scan_finds_each_keys_first_row(tmp_path_factory, monkeypatch, rows, keys, rows_a_chunk):
    monkeypatch.setattr(scan, "SCAN_ROWS", rows_a_chunk)  # keys found in several chunks
    root = _project(tmp_path_factory.mktemp("scan"), rows)
    resource = load_catalog(root).resource("big", "rows")
    assert resource is not None
    passes = Counter[str]()
    real = scan._chunks
    monkeypatch.setattr(scan, "_chunks", lambda res, columns: passes.update(["keys" if columns else "rows"])
                        or real(res, columns))
    found = scan.scan_records(resource, keys)
    assert passes["keys"] <= 1 and passes["rows"] <= 1
    assert set(found) == set(keys)
    for key in keys:
        first = next((i for i, row in enumerate(rows) if row[:2] == key), None)
        record = found[key]
        if first is None:
            assert record is None
        else:
            assert record is not None and record.row == first + 1
            assert (record.raw["a"], record.raw["b"], record.raw["value"]) == rows[first]


def test_a_resources_records_are_sought_in_one_scan_per_run(monkeypatch):
    """Within a tiny budget every resource is scanned: each resource's keys, whatever the
    number of claims citing it, are sought in one scan."""
    scans = Counter[str]()
    real = scan.scan_records
    monkeypatch.setattr(scan, "scan_records", lambda resource, keys: scans.update([resource.display])
                        or real(resource, keys))
    alone = check_module.check(ROOT, cache=False)
    assert not scans
    within = check_module.check(ROOT, cache=False, memory_budget=1)
    assert within.to_dict() == alone.to_dict()
    cited = Counter(result.source["path"] for result in alone.claims if result.source)
    assert max(cited.values()) > 1  # a resource more than one claim cites: one scan is fewer
    assert scans and set(scans.values()) == {1}, scans


@pytest.fixture(scope="module")
def cluster():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        started = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, protocol="tcp",
                                           host="127.0.0.1", dashboard_address=None)
    with started:
        yield started.scheduler_address


def test_on_a_cluster_the_driver_validates_and_each_worker_scans_once(cluster, monkeypatch):
    validated = Counter[str]()
    real_validation = SourceData._validation
    monkeypatch.setattr(SourceData, "_validation", lambda self, resource: validated.update([resource.display])
                        or real_validation(self, resource))
    scans = Counter[str]()
    real_scan = scan.scan_records
    monkeypatch.setattr(scan, "scan_records", lambda resource, keys: scans.update([resource.display])
                        or real_scan(resource, keys))
    alone = check_module.check(ROOT, cache=False)
    validated.clear()
    on_cluster = check_module.check(ROOT, cache=False, scheduler=cluster, memory_budget=1)
    assert on_cluster.to_dict() == alone.to_dict()
    assert validated and set(validated.values()) == {1}, validated  # by the driver alone
    assert scans and max(scans.values()) <= 2, scans  # once by each worker at most


def test_a_scheduler_in_the_config_is_not_started_again_by_the_workers(cluster, tmp_path, monkeypatch):
    for folder in ("datapackages", "schemas", "articles"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    (tmp_path / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text(encoding="utf-8").replace(
        "[tool.sourcecheck]\n", f'[tool.sourcecheck]\nscheduler = "{cluster}"\n', 1), encoding="utf-8")
    engines = importlib.import_module("sourcecheck.run.engine")
    connected: list[str] = []
    real = engines._connect
    monkeypatch.setattr(engines, "_connect", lambda scheduler, budget: connected.append(scheduler)
                        or real(scheduler, budget))
    report = check_module.check(tmp_path, cache=False)
    assert connected == [cluster]  # by the driver; a worker's checker has no engine
    assert report.to_dict() == check_module.check(ROOT, cache=False).to_dict()
