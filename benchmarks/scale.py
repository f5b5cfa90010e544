"""How does ``sourcecheck validate`` scale with rows, and what does a cluster change?

Generates, in a temporary folder (under /tmp), a project with one package: ``results``
(N rows: id as primary key, a region as foreign key into ``regions``, a question, an
answer, a share in [0, 100] and a locator) and ``regions`` (50 rows), with a pandera
schema (a check of each share, and shares that add up within each question).  Then, for
each size, each as a whole ``sourcecheck validate`` process (as CI runs it):

1. ``default``: the default engine, the table read and checked whole (only where it fits:
   MEMORY_PER_BYTE times the CSV within the machine's memory);
2. ``budget``: ``--memory-budget`` (block by block in one process);
3. ``cluster``: ``--scheduler`` on a LocalCluster of 2 worker processes started by this
   script on 127.0.0.1 (what ``--scheduler local`` starts), the worker's memory limit the
   budget;
4. ``pandas+pandera``: ``pandas.read_csv`` and the same pandera schema on the whole frame,
   no Table Schema (where it fits).

It prints, side by side: wall time, the peak RSS of the driver (the ``sourcecheck``
process's own high-water mark, VmHWM) and of each worker (asked after the run), and the
rows per second.  A run shorter than a minute is measured three times (the median); the
smallest size is measured again after the largest, so that its times come from the same
minutes; then each run's time at each size against its time at the smallest, and against
pandas + pandera.  A calibration (an empty loop's CPU time) is printed first and last: the
machines here are shared, and their speed changes from minute to minute.

    python benchmarks/scale.py [--rows 10000000 50000000 100000000] [--budget 4GB] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from timing import calibration  # noqa: E402

from sourcecheck.config import parse_size  # noqa: E402
from sourcecheck.run.engine import MEMORY_PER_BYTE  # noqa: E402

DESCRIPTOR = """{
  "name": "scale", "title": "Generated results", "publisher": "Benchmark", "published": "2024-01-31",
  "retrieved": "2026-01-01", "sources": [{"title": "Benchmark", "path": "https://example.org/results"}],
  "resources": [
    {"name": "results", "path": "results.csv", "schema": {
      "fields": [
        {"name": "id", "type": "integer", "constraints": {"required": true}},
        {"name": "region", "type": "integer"},
        {"name": "question", "type": "string"},
        {"name": "answer", "type": "string"},
        {"name": "share", "type": "number", "constraints": {"minimum": 0, "maximum": 100}},
        {"name": "locator", "type": "string", "constraints": {"required": true}}],
      "primaryKey": ["id"],
      "foreignKeys": [{"fields": ["region"], "reference": {"resource": "regions", "fields": ["id"]}}]}},
    {"name": "regions", "path": "regions.csv", "schema": {
      "fields": [{"name": "id", "type": "integer"}, {"name": "name", "type": "string"},
                 {"name": "locator", "type": "string"}], "primaryKey": ["id"]}}
  ]
}
"""

PANDERA = """\
schema_type: dataframe
api: pandas
columns:
  share:
    dtype: null
    nullable: true
    checks:
      less_than_or_equal_to: 100
checks:
  shares_add_up:
    group: question
    share: share
name: scale.results
"""

CHUNK = 1_000_000


def generate(root: Path, rows: int) -> Path:
    """The project at ``root`` with ``rows`` rows of results (four answers a question,
    10 + 20 + 30 + 40 = 100).  A chunk of a million rows is written once as a template;
    each chunk's number makes its ids (and questions and locators) its own."""
    package = root / "datapackages" / "scale"
    package.mkdir(parents=True)
    (package / "datapackage.json").write_text(DESCRIPTOR, encoding="utf-8")
    (root / "schemas").mkdir()
    (root / "schemas" / "scale.results.yaml").write_text(PANDERA, encoding="utf-8")
    (package / "regions.csv").write_text("id,name,locator\n" + "".join(
        f"{i},region {i},list {i}\n" for i in range(50)), encoding="utf-8")
    template = "".join(f"#{i:06d},{i % 50},q#_{i // 4},a{i % 4},{10 * (i % 4 + 1)},p#_{i // 1000}\n"
                       for i in range(CHUNK))
    with (package / "results.csv").open("w", encoding="utf-8") as file:
        file.write("id,region,question,answer,share,locator\n")
        for chunk in range(rows // CHUNK):
            file.write(template.replace("#", str(chunk + 1)))
        rest = rows % CHUNK
        if rest:
            file.write(template[:_nth_line_end(template, rest)].replace("#", str(rows // CHUNK + 1)))
    # a file as large as the table is within the limits (the default file-size is 512 MB)
    size = (package / "results.csv").stat().st_size
    (root / "pyproject.toml").write_text("[tool.sourcecheck]\nlang = \"en\"\n\n[tool.sourcecheck.limits]\n"
                                         f"file-size = {max(size + 1, 1 << 30)}\n", encoding="utf-8")
    return root


def _nth_line_end(text: str, lines: int) -> int:
    end = -1
    for _ in range(lines):
        end = text.index("\n", end + 1)
    return end + 1


# Each run is measured from inside: the kernel's high-water mark of the process's own memory
# (VmHWM), which unlike ru_maxrss does not start at the RSS of the process that forked it.
MEASURED = """
import os, sys
sys.argv = sys.argv[1:]
peak_file = sys.argv.pop(0)
def peak():
    with open("/proc/self/status") as status:
        kb = next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))
    with open(peak_file, "w") as out:
        out.write(str(kb * 1024))
if sys.argv[0] == "sourcecheck":
    from sourcecheck.cli import main
    code = main(sys.argv[1:])
else:
    import pandas as pd, pandera.pandas as pa
    import sourcecheck.sources.statistics  # registers shares_add_up
    frame = pd.read_csv(sys.argv[1])
    try:
        pa.DataFrameSchema.from_yaml(sys.argv[2]).validate(frame, lazy=True)
        code = 0
    except pa.errors.SchemaErrors:
        code = 1
peak()
sys.stdout.flush()
os._exit(code)
"""


def _measured(*arguments: str) -> tuple[float, int, int]:
    """Wall seconds, exit code and peak RSS (bytes) of one measured process."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    with tempfile.NamedTemporaryFile("r") as peak:
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", MEASURED, peak.name, *arguments],
                              stdout=subprocess.DEVNULL, env=env, check=False)
        seconds = time.perf_counter() - started
        text = Path(peak.name).read_text()
    return seconds, done.returncode, int(text) if text else 0


def _validate(root: Path, *options: str) -> tuple[float, int, int]:
    return _measured("sourcecheck", "validate", str(root), *options)


def _worker_peak() -> int:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) * 1024


def _on_cluster(root: Path, budget: int) -> tuple[float, int, int, list[int]]:
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None,
                      memory_limit=budget) as cluster, Client(cluster) as client:
        seconds, code, driver = _validate(root, "--scheduler", cluster.scheduler_address)
        peaks = client.run(_worker_peak)
    return seconds, code, driver, sorted(peaks.values())


def _pandas_pandera(root: Path) -> tuple[float, int, int]:
    return _measured("pandas", str(root / "datapackages/scale/results.csv"), str(root / "schemas/scale.results.yaml"))


def _mb(value: int) -> str:
    return f"{value / 2**20:,.0f} MB"


RUNS = ("default", "budget", "cluster", "pandas+pandera")
REPEAT_UNDER = 60.0  # seconds: a run shorter than this is measured three times (the median)


def _measure(run: str, root: Path, budget: int) -> tuple[float, int, int, list[int]]:
    if run == "default":
        return (*_validate(root), [])
    if run == "budget":
        return (*_validate(root, "--memory-budget", str(budget)), [])
    if run == "cluster":
        return _on_cluster(root, budget)
    return (*_pandas_pandera(root), [])


def _median_of(run: str, root: Path, budget: int) -> tuple[float, int, int, list[int], str]:
    """The measurement, and the spread of its times when it was repeated."""
    first = _measure(run, root, budget)
    if first[0] >= REPEAT_UNDER:
        return (*first, "")
    runs = sorted([first, _measure(run, root, budget), _measure(run, root, budget)], key=lambda m: m[0])
    return (*runs[1], f"median of 3: {runs[0][0]:.1f}-{runs[2][0]:.1f}s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000_000, 50_000_000, 100_000_000])
    parser.add_argument("--budget", default="4GB", help="the memory budget, and each worker's memory limit")
    parser.add_argument("--runs", nargs="+", default=list(RUNS), choices=RUNS)
    parser.add_argument("--keep", type=Path, help="generate here and keep it")
    parser.add_argument("--generate", nargs=2, metavar=("DIR", "ROWS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate:  # in a process of its own: its memory is not the measured processes' start
        generate(Path(args.generate[0]), int(args.generate[1]))
        return
    budget = parse_size(args.budget, "--budget")
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    print(f"budget {_mb(budget)}; calibration: an empty loop of 10^7 turns takes {calibration():.3f} s of CPU")
    print(f"{'rows':>12} {'run':>15} {'wall':>9} {'rows/s':>11} {'driver peak':>12}  worker peaks")
    sizes = sorted(args.rows)
    times: dict[tuple[str, int], list[float]] = {}
    roots: dict[int, Path] = {}
    try:
        # the smallest size again at the end: its times from the same minutes as the largest's
        for rows in [*sizes, sizes[0]] if len(sizes) > 1 else sizes:
            if rows not in roots:
                roots[rows] = Path(tempfile.mkdtemp(prefix="sourcecheck-scale-", dir=args.keep))
                started = time.perf_counter()
                subprocess.run([sys.executable, __file__, "--generate", str(roots[rows]), str(rows)], check=True)
                size = (roots[rows] / "datapackages/scale/results.csv").stat().st_size
                print(f"{rows:>12,} {'(generated)':>15} {time.perf_counter() - started:>8.1f}s "
                      f"{'':>11} {size / 2**20:>9,.0f} MB CSV", flush=True)
            root = roots[rows]
            size = (root / "datapackages/scale/results.csv").stat().st_size
            for run in args.runs:
                if run in ("default", "pandas+pandera") and size * MEMORY_PER_BYTE >= memory * 0.8:
                    print(f"{rows:>12,} {run:>15} {'not run: needs about ' + _mb(size * MEMORY_PER_BYTE):>40}")
                    continue
                seconds, code, driver, workers, spread = _median_of(run, root, budget)
                times.setdefault((run, rows), []).append(seconds)
                print(f"{rows:>12,} {run:>15} {seconds:>8.1f}s {rows / seconds:>11,.0f} {_mb(driver):>12}  "
                      f"{', '.join(_mb(peak) for peak in workers)}{'' if code in (0, 1) else f' (exit {code})'}"
                      f"{'  ' + spread if spread else ''}", flush=True)
            if rows != sizes[0] and args.keep is None:
                shutil.rmtree(root, ignore_errors=True)  # its disk; only the smallest is measured again
    finally:
        if args.keep is None:
            for root in roots.values():
                shutil.rmtree(root, ignore_errors=True)
    print(f"calibration: an empty loop of 10^7 turns takes {calibration():.3f} s of CPU")
    _ratios(times, sizes, args.runs)


def _ratios(times: dict[tuple[str, int], list[float]], sizes: list[int], runs: list[str]) -> None:
    """Each run's time at each size against its time at the smallest (the median of the
    smallest's measurements, at the start and at the end), and against pandas + pandera."""
    smallest = sizes[0]
    print(f"\ntime against {smallest:,} rows (target: at most 1.1 x the rows' ratio)")
    for run in runs:
        base = statistics.median(times.get((run, smallest), [0.0])) or None
        cells = [f"{rows // smallest}x rows: {statistics.median(times[(run, rows)]) / base:.1f}x"
                 for rows in sizes[1:] if base and (run, rows) in times]
        if cells:
            print(f"{run:>15}  {smallest:,} rows {base:.1f}s (of {len(times[(run, smallest)])}); " + "; ".join(cells))
    reference = times.get(("pandas+pandera", smallest))
    if reference:
        print(f"against pandas + pandera at {smallest:,} rows ({statistics.median(reference):.1f}s): " + ", ".join(
            f"{run} {statistics.median(times[(run, smallest)]) / statistics.median(reference):.1f}x"
            for run in runs if run != "pandas+pandera" and (run, smallest) in times))


if __name__ == "__main__":
    main()
